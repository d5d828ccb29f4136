/**
 * 我的参会情况 on 会议详情: the viewer's own state (已签到 / 迟到 / 远程 / 请假 / 缺席 / 补学 / 未签到, or
 * waiting for the secretary), what to do next, and 待阅签 as one tap to the minutes where it is
 * confirmed. Nothing for a viewer not expected at the meeting.
 */
import { Text, View } from '@tarojs/components'
import { Button, Tag } from '../../../components/nut'
import type { MeetingDetail } from '../../../domain/api/views'
import { MY_MEETING_STATE_LABELS, type MyMeetingState } from '../../../domain/my-meeting-state'
import { navigate } from '../../../services/navigation'
import './my-state.scss'

const STATE_TAG: Record<MyMeetingState, 'success' | 'primary' | 'warning' | 'default' | 'danger'> = {
  not_signed: 'default',
  present: 'success',
  late: 'warning',
  remote: 'success',
  remote_pending: 'warning',
  offline_pending: 'warning',
  leave: 'default',
  leave_pending: 'warning',
  absent: 'danger',
  makeup: 'primary',
}

export function MyState({ m }: { m: MeetingDetail }) {
  const mine = m.mine
  if (!mine || m.status === 'cancelled') return null
  return (
    <View className="my-state" id="my-state">
      <View className="my-state__line">
        <Text className="my-state__label">我的参会情况</Text>
        <Tag type={STATE_TAG[mine.state]} className="my-state__tag">
          <Text id="my-state-tag">{MY_MEETING_STATE_LABELS[mine.state]}</Text>
        </Tag>
        {mine.readOwed && (
          <Tag type="danger">
            <Text id="my-read-owed">待阅签</Text>
          </Tag>
        )}
      </View>
      {mine.hint && (
        <Text className="my-state__hint" id="my-state-hint">
          {mine.hint}
        </Text>
      )}
      {mine.readOwed && (
        <Button id="go-read" type="primary" size="small" onClick={() => void navigate('minutesView', { id: m.id })}>
          阅读会议记录并阅签
        </Button>
      )}
    </View>
  )
}
