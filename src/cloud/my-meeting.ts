/**
 * The viewer's own state on one meeting (会议详情, 首页's tasks): read from their attendance record,
 * leave request, 补学 and 阅签, judged by src/domain/my-meeting-state.ts.
 */
import type { MeetingDetail } from '../domain/api/views'
import { attendanceStateOf } from '../domain/attendance'
import { meetingPhase } from '../domain/meeting'
import { myMeetingState, type MakeupProgress } from '../domain/my-meeting-state'
import { attendanceId } from './attendance-board'
import type { MeetingDoc } from './collections'
import type { StoreReader } from './ports/store'
import { makeupId } from './actions/mobile/makeups'

/**
 * `memberId`'s state on `meeting` at `now` (epoch ms), with the hint of what to do next and whether
 * they owe its 阅签 (minutes finalized here, not yet confirmed); null when they are not among its participants.
 */
export async function myMeetingView(
  store: StoreReader,
  meeting: Pick<MeetingDoc, 'startAt' | 'endAt' | 'status' | 'participantIds'> & {
    _id: string
    minutesFinalizedAt?: number | null
  },
  memberId: string,
  now: number,
): Promise<MeetingDetail['mine']> {
  if (!meeting.participantIds.includes(memberId)) return null
  const id = attendanceId(meeting._id, memberId)
  const [record, leave, makeup, read, minutes] = await Promise.all([
    store.get('attendance', id),
    store.get('leave_requests', id),
    store.get('makeups', makeupId(meeting._id, memberId)),
    store.get('minutes_reads', `${meeting._id}.${memberId}`),
    store.get('minutes', meeting._id),
  ])
  const minutesFinal = meeting.minutesFinalizedAt != null
  const progress: MakeupProgress = !makeup ? 'none' : makeup.acceptedAt ? 'accepted' : 'submitted'
  const { state, hint } = myMeetingState({
    state: attendanceStateOf(record, leave),
    late: record?.late === true,
    phase: meetingPhase(meeting, now),
    makeup: progress,
    minutesFinal,
  })
  // 阅签 is of a record finalized here; a meeting kept on paper (final, no record) has none to sign.
  const readable = minutes?.status === 'final' && meeting.status !== 'cancelled'
  return { state, hint, readOwed: readable && read === null }
}
