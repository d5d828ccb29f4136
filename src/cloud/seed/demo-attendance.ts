/**
 * Attendance for the demo's past meetings (the seed marks them held, but writes no sign-ins): most
 * participants signed in by the rotating code a few minutes before the start, a few asked for leave
 * and had it approved, a few were absent — deterministic, so the demo is the same on every machine;
 * each such meeting then gets the counts 确认考勤 records (attendanceSummary), so 出席率 has a value.
 * Called by the demo seed (demo-branch.ts) right after the meetings are written:
 *   await seedDemoAttendance(store, now)
 */
import { eq } from '../ports/store'
import { attendanceId, newAttendanceRecord, readAttendanceBoard } from '../attendance-board'
import { attendanceSummaryOf } from '../../domain/supervision'
import type { EffectiveKindRule } from '../../domain/kind-rules'
import { rulesFor, updateCounters } from '../compliance-counters'
import type { AttendanceMeetingDoc, LeaveDoc } from '../documents'
import type { StorePort } from '../ports/store'
import { readAll } from '../actions/roster-reads'

const MIN = 60_000
const LEAVE_NOTES: [LeaveDoc['category'], string][] = [
  ['work', '外出参加区里业务培训'],
  ['sick', '身体不适，在家休息'],
  ['personal', '家中老人住院陪护'],
]

export async function seedDemoAttendance(store: StorePort, now: number): Promise<number> {
  const orgs = await readAll<{ kind: string; path: string[] }>(store, 'orgs', [], '_id', 5000)
  let written = 0
  for (const branch of orgs.filter((o) => o.kind === 'branch')) {
    const meetings = await readAll(store, 'meetings', [eq('branchId', branch._id)], 'startAt', 5000)
    const rules = await rulesFor(store, branch)
    for (const [n, m] of (meetings as AttendanceMeetingDoc[]).entries()) {
      if (m.attendanceRecordedAt == null || m.endAt > now || m.status === 'cancelled') continue
      await store.transaction(async (tx) => {
        for (const [i, memberId] of m.participantIds.entries()) {
          const id = attendanceId(m._id, memberId)
          if ((await tx.get('attendance', id)) || (await tx.get('leave_requests', id))) continue
          const slot = (i * 7 + n * 3) % 11
          if (slot === 4) continue // absent
          // A 流动党员 out of contact since before the meeting was not there (attendance is contact).
          const mobile = await tx.get('mobile_profiles', memberId)
          if (mobile && mobile.lastContactAt < m.startAt) continue
          if (slot === 8) {
            const [category, note] = LEAVE_NOTES[(i + n) % LEAVE_NOTES.length]
            await tx.insert('leave_requests', {
              _id: id,
              meetingId: m._id,
              branchId: m.branchId,
              memberId,
              category,
              note,
              status: 'approved',
              createdAt: m.startAt - 2 * 24 * 60 * MIN,
              decidedBy: m.createdBy,
              decidedAt: m.startAt - 24 * 60 * MIN,
              decisionNote: null,
            })
          } else {
            const signedAt = m.startAt - 10 * MIN + ((i * 37) % 600) * 1000
            await tx.insert('attendance', {
              _id: id,
              ...newAttendanceRecord(m, memberId, { via: 'qr', signedAt }),
            })
          }
          written += 1
        }
      })
      if (!m.attendanceSummary) await recordSummary(store, m, rules, now)
    }
  }
  return written
}

/** The board's counts as 确认考勤 records them, so 出席率 reads as for a meeting confirmed in the app. */
async function recordSummary(
  store: StorePort,
  m: AttendanceMeetingDoc,
  rules: readonly EffectiveKindRule[],
  now: number,
): Promise<void> {
  const board = await readAttendanceBoard(store, m, now)
  await store.transaction(async (tx) => {
    const before = await tx.get('meetings', m._id)
    if (!before || before.attendanceSummary) return
    const after = await tx.update('meetings', m._id, { attendanceSummary: attendanceSummaryOf(board) }, before._version)
    // The 党委's matrix sums the counts: its rows follow, as after 确认考勤.
    await updateCounters(tx, rules, before, after)
  })
}
