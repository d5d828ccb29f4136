/**
 * The attendance board of one meeting, read from the store: participants and 列席 guests with their
 * sign-in, leave and remote state, and the counts and quorum (src/domain/attendance.ts). Used by the
 * attendance actions, by minutes (出席/请假/缺席/列席) and by mobile members' pages.
 */
import { eq } from './ports/store'
import type { AttendanceBoard } from '../domain/api/views-attendance'
import { boardPersonOf, computeBoard, type BoardPerson } from '../domain/attendance'
import { kindRule } from '../domain/meeting-kinds'
import { beijing } from '../domain/beijing-time'
import { excludedFromExpected } from '../domain/org'
import type { Member } from '../domain/org'
import { listedLabels } from './listed-labels'
import { rulesFor } from './compliance-counters'
import type { AttendanceDoc, AttendanceMeetingDoc, LeaveDoc } from './documents'
import type { Stored, StorePort } from './ports/store'
import { membersByIds, readAll } from './actions/roster-reads'

/** What a sign-in sets on a new record; the rest follows from the meeting, the member and the time. */
export type SignInFields = Pick<
  AttendanceDoc,
  'mode' | 'via' | 'signedAt' | 'offline' | 'manualReason' | 'recordedBy' | 'late' | 'confirmed' | 'belated'
>

/**
 * A new attendance record (without its `_id`, which is attendanceId(meetingId, memberId)): unless
 * `fields` says otherwise, the member's own in-person sign-in, on time, received when signed.
 */
export function newAttendanceRecord(
  meeting: { _id: string; branchId: string },
  memberId: string,
  fields: Partial<SignInFields> & Pick<SignInFields, 'via' | 'signedAt'>,
  receivedAt: number = fields.signedAt,
): AttendanceDoc {
  return {
    meetingId: meeting._id,
    branchId: meeting.branchId,
    memberId,
    receivedAt,
    confirmedBy: null,
    confirmedAt: null,
    mode: 'in_person',
    offline: false,
    manualReason: null,
    recordedBy: null,
    late: false,
    confirmed: true,
    ...fields,
  }
}

/** A meeting has at most a few hundred people; the caps only guard against broken data. */
const MAX_RECORDS = 5000

export function attendanceId(meetingId: string, memberId: string): string {
  return `${meetingId}.${memberId}`
}

function readByMeeting<T>(
  store: StorePort,
  collection: 'attendance' | 'leave_requests',
  meetingId: string,
  orderBy: string,
): Promise<Stored<T>[]> {
  return readAll<T>(store, collection, [eq('meetingId', meetingId)], orderBy, MAX_RECORDS)
}

export async function readAttendanceRecords(store: StorePort, meetingId: string): Promise<Stored<AttendanceDoc>[]> {
  return readByMeeting<AttendanceDoc>(store, 'attendance', meetingId, 'signedAt')
}

export async function readLeaveRequests(store: StorePort, meetingId: string): Promise<Stored<LeaveDoc>[]> {
  return readByMeeting<LeaveDoc>(store, 'leave_requests', meetingId, 'createdAt')
}

export async function readAttendanceBoard(
  store: StorePort,
  meeting: AttendanceMeetingDoc,
  // The board is a snapshot of records; `now` is kept in the signature for callers that judge phases.
  _now: number,
): Promise<AttendanceBoard> {
  const guestIds = (meeting.guestIds ?? []).filter((id) => !meeting.participantIds.includes(id))
  const [people, records, leaves, branch] = await Promise.all([
    membersByIds(store, [...meeting.participantIds, ...guestIds]),
    readAttendanceRecords(store, meeting._id),
    readLeaveRequests(store, meeting._id),
    store.get('orgs', meeting.branchId),
  ])
  const rules = branch ? await rulesFor(store, branch) : undefined
  const byId = new Map(people.map((m) => [m._id, m]))
  const recorderIds = [...new Set(records.flatMap((r) => [r.recordedBy, r.confirmedBy]))].filter(
    (id): id is string => !!id,
  )
  const missing = recorderIds.filter((id) => !byId.has(id))
  for (const m of missing.length ? await membersByIds(store, missing) : []) byId.set(m._id, m)
  const recorderNames: Record<string, string> = {}
  for (const id of recorderIds) recorderNames[id] = byId.get(id)?.name ?? '（已离开本支部）'
  const person = (id: string): BoardPerson => boardPersonOf(id, byId.get(id), meeting.branchId)
  const labels = await listedLabels(store, [...meeting.participantIds, ...guestIds], byId, meeting.branchId)
  return computeBoard({
    meetingId: meeting._id,
    rule: kindRule(meeting.kind, rules),
    participants: expectedIds(meeting, byId, records).map(person),
    guests: guestIds.map(person),
    records,
    leaves,
    recordedAt: meeting.attendanceRecordedAt ?? null,
    recorderNames,
    labels,
  })
}

/**
 * 应到: the meeting's participants but those excluded from 应到 with approval on the meeting's Beijing
 * day (issue 16 §3; not expected, not in the quorum) — unless they came after all, when they count as
 * any attendee. Someone no longer on the roster stays (the record shows them as left).
 */
export function expectedIds(
  meeting: Pick<AttendanceMeetingDoc, 'participantIds' | 'startAt'>,
  byId: ReadonlyMap<string, Pick<Member, 'exclusion'>>,
  records: readonly Pick<AttendanceDoc, 'memberId'>[],
): string[] {
  const day = beijing(meeting.startAt).format('YYYY-MM-DD')
  const attended = new Set(records.map((r) => r.memberId))
  return meeting.participantIds.filter((id) => {
    const m = byId.get(id)
    return !m || attended.has(id) || !excludedFromExpected(m, day)
  })
}
