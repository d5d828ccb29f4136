/**
 * A meeting's 应到 as the attendance board counts it, for the pages that list or count the people a
 * meeting expects (the meeting page's 应参会人员, the minutes' read confirmations): one rule, so the
 * meeting page never says 16 where the board says 应到 15.
 */
import { expectedIds, readAttendanceRecords } from './attendance-board'
import type { AttendanceMeetingDoc } from './documents'
import type { Member } from '../domain/org'
import type { Stored, StorePort } from './ports/store'
import { membersByIds } from './actions/roster-reads'

/**
 * The ids of a meeting's 应到 (participants but those excluded from 应到 on the meeting's day, unless
 * they came), in the meeting's participant order. `people` may pass the participants already read.
 * Returns member ids; raises only the store's errors.
 */
export async function expectedParticipantIds(
  store: StorePort,
  meeting: Pick<AttendanceMeetingDoc, '_id' | 'participantIds' | 'startAt'>,
  people?: readonly Stored<Member>[],
): Promise<string[]> {
  const [members, records] = await Promise.all([
    people ?? membersByIds(store, meeting.participantIds),
    readAttendanceRecords(store, meeting._id),
  ])
  return expectedIds(meeting, new Map(members.map((m) => [m._id, m])), records)
}
