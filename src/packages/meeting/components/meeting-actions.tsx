/**
 * 会议办理: where a meeting leads next, by who is looking and when. Organizers open the 签到码,
 * the attendance board and the minutes; participants sign in, ask for leave, read the minutes and,
 * when they missed a meeting (absent or on leave; never when they attended), write a 补学 note.
 */
import { View } from '@tarojs/components'
import { Button } from '../../../components/nut'
import type { MeetingDetail } from '../../../domain/api/views'
import { pageUrl } from '../../../domain/pages'
import { openUrl } from '../../../services/navigation'
import { requestSubscribe, type ConsentTap } from '../../../services/subscribe'
import './meeting-actions.scss'

interface Step {
  id: string
  label: string
  url: string
  primary?: boolean
  /** The consent tap this is (src/domain/subscribe-messages.ts): WeChat subscribe messages asked for here. */
  subscribe?: ConsentTap
}

export function meetingSteps(m: MeetingDetail): Step[] {
  if (m.status === 'cancelled') return []
  const q = { meetingId: m.id }
  const steps: Step[] = []
  const before = m.phase === 'upcoming'
  const open = m.phase === 'upcoming' || m.phase === 'ongoing'
  if (m.canRecord) {
    if (open) steps.push({ id: 'go-signin-code', label: '签到码', url: pageUrl('signInCode', q), primary: true })
    steps.push({
      id: 'go-attendance',
      label: m.held ? '考勤（已确认）' : '考勤与请假',
      url: pageUrl('attendanceBoard', q),
      subscribe: 'attendance.board',
    })
    if (m.phase !== 'upcoming' && !m.minutesFinal)
      steps.push({ id: 'go-minutes-edit', label: '填写会议记录', url: pageUrl('minutesEdit', q) })
  }
  // Readers who neither organize nor attend it (the 党委 drilling down) see the confirmed attendance, read-only.
  if (!m.canRecord && !m.iAmParticipant && m.held) {
    steps.push({ id: 'go-attendance', label: '考勤情况', url: pageUrl('attendanceBoard', q) })
  }
  if (m.iAmParticipant && open) {
    steps.push({
      id: 'go-signin',
      label: m.allowRemote ? '签到 / 远程参会' : '签到',
      url: pageUrl('signIn', q),
      primary: !m.canRecord,
      subscribe: 'meeting.signIn',
    })
    if (before)
      steps.push({
        id: 'go-leave',
        label: '请假',
        url: pageUrl('leave', q),
        subscribe: 'meeting.leave',
      })
  }
  if (m.minutesFinal) {
    steps.push({
      id: 'go-minutes-view',
      label: m.minutesLate ? '会议记录（补录）' : '会议记录',
      url: pageUrl('minutesView', { id: m.id }),
    })
    // 补学 is for who missed it (absent or on leave), never for one who attended.
    if (m.iAmParticipant && m.iMissed)
      steps.push({ id: 'go-makeup', label: '补学', url: pageUrl('makeup', q), subscribe: 'meeting.makeup' })
  }
  return steps
}

export function MeetingActions({ m }: { m: MeetingDetail }) {
  const steps = meetingSteps(m)
  if (steps.length === 0) return null
  return (
    <View className="meeting-actions" id="meeting-actions">
      {steps.map((s) => (
        <Button
          key={s.id}
          id={s.id}
          size="small"
          type={s.primary ? 'primary' : 'default'}
          onClick={async () => {
            // Asked first, in the tap itself (WeChat allows it nowhere else); the page opens once answered.
            if (s.subscribe) await requestSubscribe(s.subscribe)
            void openUrl(s.url)
          }}
        >
          {s.label}
        </Button>
      ))}
    </View>
  )
}
