/** One meeting in a list: kind, title, time, place and its phase. */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MeetingSummary } from '../domain/api/views'
import { formatSpan } from '../domain/beijing-time'
import { MEETING_PHASE_LABELS } from '../domain/meeting'
import { kindLabel } from '../domain/meeting-kinds'
import { PAGES } from '../routes'
import { Tag } from './nut'
import './meeting-card.scss'

const PHASE_TAG: Record<MeetingSummary['phase'], 'primary' | 'success' | 'default' | 'warning'> = {
  upcoming: 'primary',
  ongoing: 'success',
  ended: 'default',
  cancelled: 'warning',
}

export function MeetingCard({ meeting }: { meeting: MeetingSummary }) {
  const open = () => Taro.navigateTo({ url: `${PAGES.meetingDetail}?id=${meeting.id}` })
  return (
    <View className="meeting-card" id={`meeting-${meeting.id}`} onClick={open}>
      <View className="meeting-card__head">
        <Text className="meeting-card__kind">{kindLabel(meeting.kind)}</Text>
        <Tag type={PHASE_TAG[meeting.phase]}>{MEETING_PHASE_LABELS[meeting.phase]}</Tag>
      </View>
      <Text className="meeting-card__title">{meeting.title}</Text>
      <Text className="meeting-card__line">{formatSpan(meeting.startAt, meeting.endAt)}</Text>
      <Text className="meeting-card__line">{meeting.place}</Text>
    </View>
  )
}
