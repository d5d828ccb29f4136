/**
 * A member's own state on one meeting, as 会议详情 and 首页 show it to them: 已签到 / 迟到 / 远程 /
 * 请假 / 缺席 / 补学 / 未签到, and the pending ones waiting for the secretary. Someone with no record is
 * 未签到 until the meeting ends and 缺席 only after (a meeting not yet held has no absentees).
 */
import type { AttendanceState } from './api/views-attendance'

export type MyMeetingState =
  | 'not_signed'
  | 'present'
  | 'late'
  | 'remote'
  | 'remote_pending'
  | 'offline_pending'
  | 'leave'
  | 'leave_pending'
  | 'absent'
  | 'makeup'

export const MY_MEETING_STATE_LABELS: Record<MyMeetingState, string> = {
  not_signed: '未签到',
  present: '已签到',
  late: '迟到',
  remote: '远程',
  remote_pending: '远程待确认',
  offline_pending: '离线签到待确认',
  leave: '请假',
  leave_pending: '请假待批',
  absent: '缺席',
  makeup: '补学',
}

/** Whether a 补学 note was handed in for the meeting, and accepted. */
export type MakeupProgress = 'none' | 'submitted' | 'accepted'

export interface MyMeetingFacts {
  /** The board's state of the member (src/domain/attendance.ts attendanceStateOf). */
  state: AttendanceState
  /** Signed in after the start plus the rule's grace (迟到). */
  late: boolean
  phase: 'upcoming' | 'ongoing' | 'ended' | 'cancelled'
  makeup: MakeupProgress
  /** Minutes finalized: 补学 and 阅签 become possible. */
  minutesFinal: boolean
}

/**
 * The member's state and one Chinese sentence saying what it means and what to do next, from
 * `facts`. Returns `{ state, hint }`; `hint` is '' when nothing is left to do.
 */
export function myMeetingState(facts: MyMeetingFacts): { state: MyMeetingState; hint: string } {
  const ended = facts.phase === 'ended'
  const missedNext = facts.minutesFinal ? '请阅读会议记录后提交补学。' : '会议记录定稿后，请阅读记录并提交补学。'
  const makeupHint = facts.makeup === 'accepted' ? '补学已由支部确认。' : '补学已提交，等待支部确认。'
  switch (facts.state) {
    case 'present':
      return { state: facts.late ? 'late' : 'present', hint: '' }
    case 'remote':
      return { state: 'remote', hint: '' }
    case 'remote_pending':
      return { state: 'remote_pending', hint: '你选择了远程参会，等待书记确认后计入出席。' }
    case 'offline_pending':
      return { state: 'offline_pending', hint: '离线签到已上传，等待组织者确认后计入出席。' }
    case 'leave_pending':
      return { state: 'leave_pending', hint: '请假已提交，等待书记审批；未批准前请按时参会。' }
    case 'leave':
      if (!ended) return { state: 'leave', hint: '已准假。会后请阅读会议记录并补学。' }
      if (facts.makeup !== 'none') return { state: 'makeup', hint: makeupHint }
      return { state: 'leave', hint: `你请假未参加。${missedNext}` }
    case 'absent':
      if (facts.phase === 'cancelled') return { state: 'not_signed', hint: '' }
      if (facts.phase === 'upcoming') return { state: 'not_signed', hint: '会议开始后请签到；不能参加请先请假。' }
      if (facts.phase === 'ongoing') return { state: 'not_signed', hint: '会议正在进行，请尽快签到。' }
      if (facts.makeup !== 'none') return { state: 'makeup', hint: makeupHint }
      return { state: 'absent', hint: `你未参加这次会议。${missedNext}` }
  }
}
