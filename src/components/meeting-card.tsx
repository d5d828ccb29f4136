/** One meeting in a list: kind, title, time, place and its phase. */
import { Text, View } from '@tarojs/components'
import type { MeetingSummary } from '../domain/api/views'
import { formatSpan } from '../domain/beijing-time'
import { MEETING_PHASE_LABELS } from '../domain/meeting'
import { kindLabel } from '../domain/meeting-kinds'
import { requestSubscribe } from '../services/subscribe'
import { Tag } from './nut'
import { navigate } from '../services/navigation'
import './meeting-card.scss'

const PHASE_TAG: Record<MeetingSummary['phase'], 'primary' | 'success' | 'default' | 'warning'> = {
  upcoming: 'primary',
  ongoing: 'success',
  ended: 'default',
  cancelled: 'warning',
}

/** What the record says about a meeting that has ended: held, minutes, 补录, quorum. */
export function RecordTags({ meeting }: { meeting: MeetingSummary }) {
  if (meeting.phase !== 'ended') return null
  const tags: { text: string; type: 'success' | 'warning' | 'danger' | 'default'; id: string }[] = []
  if (!meeting.held) tags.push({ text: '待确认考勤', type: 'warning', id: 'held' })
  else if (meeting.quorumMet === false) tags.push({ text: '未达到法定人数', type: 'danger', id: 'quorum' })
  if (meeting.held && !meeting.minutesFinal) tags.push({ text: '记录待定稿', type: 'warning', id: 'minutes' })
  if (meeting.minutesLate) tags.push({ text: '补录', type: 'danger', id: 'late' })
  if (meeting.counts) tags.push({ text: '已完成', type: 'success', id: 'counts' })
  if (tags.length === 0) return null
  return (
    <View className="record-tags">
      {tags.map((t) => (
        <Tag key={t.id} type={t.type} className={`record-tags__${t.id}`}>
          {t.text}
        </Tag>
      ))}
    </View>
  )
}

export function MeetingCard({ meeting }: { meeting: MeetingSummary }) {
  const open = async () => {
    // Opening a meeting still to come is where a member agrees to its reminder (a consent tap).
    if (meeting.phase === 'upcoming') await requestSubscribe('meeting.open')
    await navigate('meetingDetail', { id: meeting.id })
  }
  return (
    <View className="meeting-card" id={`meeting-${meeting.id}`} onClick={open}>
      <View className="meeting-card__head">
        <Text className="meeting-card__kind">{kindLabel(meeting.kind)}</Text>
        <Tag type={PHASE_TAG[meeting.phase]}>{MEETING_PHASE_LABELS[meeting.phase]}</Tag>
      </View>
      <Text className="meeting-card__title">{meeting.title}</Text>
      <Text className="meeting-card__line">{formatSpan(meeting.startAt, meeting.endAt)}</Text>
      <Text className="meeting-card__line">{meeting.place}</Text>
      <RecordTags meeting={meeting} />
    </View>
  )
}
