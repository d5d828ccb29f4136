/** 会议详情: what, when, where, the agenda and who is expected; for a participant, their own state on it. */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Tag } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import type { MeetingDetail } from '../../../../domain/api/views'
import { formatSpan, beijing } from '../../../../domain/beijing-time'
import { MEETING_PHASE_LABELS } from '../../../../domain/meeting'
import { kindLabel } from '../../../../domain/meeting-kinds'
import { useApi } from '../../../../services/use-api'
import { RecordTags } from '../../../../components/meeting-card'
import { MeetingNotReached } from '../../../../components/not-reached'
import { ManageMeeting } from '../../components/manage-meeting'
import { MeetingActions } from '../../components/meeting-actions'
import { MyState } from '../../components/my-state'
import { PrintMeeting } from '../../components/print-meeting'
import './index.scss'

function Detail({ m, onChanged }: { m: MeetingDetail; onChanged: (next: MeetingDetail) => void }) {
  return (
    <View className="detail">
      <View className="detail__head">
        <View className="detail__kind">
          <Text>{kindLabel(m.kind)}</Text>
          <Tag type={m.phase === 'upcoming' ? 'primary' : 'default'}>{MEETING_PHASE_LABELS[m.phase]}</Tag>
        </View>
        <Text className="detail__title" id="meeting-title">
          {m.title}
        </Text>
        <RecordTags meeting={m} />
      </View>
      {m.cancelReason && (
        <Text className="detail__cancelled" id="meeting-cancelled">
          已取消：{m.cancelReason}
        </Text>
      )}
      <MyState m={m} />
      <MeetingActions m={m} />
      {m.canRecord && <MeetingNotReached meetingId={m.id} />}
      {m.canManage && <ManageMeeting m={m} onChanged={onChanged} />}
      {m.canRecord && <PrintMeeting meetingId={m.id} />}
      <View className="panel detail__facts">
        <Text id="meeting-time">时间：{formatSpan(m.startAt, m.endAt)}</Text>
        <Text id="meeting-place">地点：{m.place}</Text>
        <Text>
          组织：{m.branchName}
          {m.group ? ` · ${m.group.name}` : ''}
        </Text>
      </View>
      <Text className="section-title">会议议程</Text>
      <View className="panel" id="meeting-agenda">
        {m.agenda.map((item, i) => (
          <Text key={i} className="detail__agenda">
            {i + 1}. {item}
          </Text>
        ))}
      </View>
      <Text className="section-title">应参会人员（{m.participantCount} 人）</Text>
      <View className="panel detail__people" id="meeting-participants">
        {m.participants.map((p) => (
          <Text key={p.id} className="detail__person">
            {p.name}
          </Text>
        ))}
      </View>
      {m.history.length > 0 && (
        <>
          <Text className="section-title">变更记录</Text>
          <View className="panel" id="meeting-history">
            {m.history.map((h, i) => (
              <View key={i} className="detail__change">
                {h.summary.map((line, j) => (
                  <Text key={j}>{line}</Text>
                ))}
                <Text className="detail__change-meta">
                  {beijing(h.at).format('YYYY-MM-DD HH:mm')} · {h.by.name}
                  {h.reason ? ` · 原因：${h.reason}` : ''}
                </Text>
              </View>
            ))}
          </View>
        </>
      )}
      <Text className="detail__footer">
        由 {m.createdBy.name} 于 {beijing(m.createdAt).format('YYYY年MM月DD日 HH:mm')} 安排
        {m.iAmParticipant ? '' : '（你不在应参会名单中）'}
      </Text>
    </View>
  )
}

export default function MeetingDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const meeting = useApi('meeting.get', id ? { meetingId: id } : null)
  const [changed, setChanged] = useState<MeetingDetail | null>(null)
  if (!id) return <Empty>没有指定要查看的会议，请从会议列表中点开。</Empty>
  return (
    <Loaded state={meeting}>
      {(m) => <Detail m={changed && changed.version > m.version ? changed : m} onChanged={setChanged} />}
    </Loaded>
  )
}
