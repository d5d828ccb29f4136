/** The live board and 确认考勤 (the meeting counts as held from then). */
import { implement } from '../handler'
import {
  attendanceBoard as attendanceBoardDecl,
  attendanceConfirm as attendanceConfirmDecl,
  attendanceOfflineConfirm as attendanceOfflineConfirmDecl,
} from '../../../domain/api/catalog-attendance'
import { AppError } from '../../../domain/errors'
import { attendanceSummaryOf } from '../../../domain/supervision'
import { boardPeopleSeenBy } from '../../../domain/visibility'
import { attendanceId, readAttendanceBoard } from '../../attendance-board'
import type { AttendanceDoc } from '../../documents'
import { StoreConflict } from '../../ports/store'
import { rulesFor, updateCounters } from '../../compliance-counters'
import { invalid, organizes } from './meeting-access'

export const attendanceBoard = implement(attendanceBoardDecl, async (ctx) => {
  const meeting = ctx.target.record
  const board = await readAttendanceBoard(ctx.ports.store, meeting, ctx.now)
  const canManage = organizes(ctx.actor, ctx.target.org)
  const people = boardPeopleSeenBy(board.people, { memberId: ctx.actor.memberId, organizes: canManage })
  return { ...board, people, title: meeting.title, startAt: meeting.startAt, endAt: meeting.endAt, canManage }
})

export const attendanceConfirm = implement(attendanceConfirmDecl, async (ctx) => {
  const { store } = ctx.ports
  const meeting = ctx.target.record
  if (ctx.now < meeting.startAt) {
    throw new AppError('VALIDATION_FAILED', '会议还没有开始，开始后才能确认考勤。')
  }
  const board = await readAttendanceBoard(store, meeting, ctx.now)
  const quorumMet = board.quorum ? board.quorum.met : null
  const rules = await rulesFor(store, ctx.target.org)
  const recordedAt = await store.transaction(async (tx) => {
    const before = await tx.get('meetings', meeting._id)
    if (!before) throw new AppError('NOT_FOUND')
    const at = before.attendanceRecordedAt ?? ctx.now
    const after = await tx.update(
      'meetings',
      before._id,
      { attendanceRecordedAt: at, quorumMet, attendanceSummary: attendanceSummaryOf(board), updatedAt: ctx.now },
      before._version,
    )
    await updateCounters(tx, rules, before, after)
    return at
  })
  return { ...board, recordedAt }
})

/**
 * Confirms 离线补传 claims (`memberIds`: one, or every pending name for 一键确认): each then counts as
 * present. Lateness stays as judged from the server's time of arrival unless `onTime` says the
 * organizer saw them on time. Already confirmed ones are left as they are; a name without a pending
 * offline claim is refused before anything is written. Refused once the minutes are final (the
 * attendance is locked in them). Returns the board after.
 */
export const attendanceOfflineConfirm = implement(attendanceOfflineConfirmDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const meeting = ctx.target.record
  const minutes = await store.get('minutes', meeting._id)
  if (minutes?.status === 'final') {
    throw new AppError(
      'VALIDATION_FAILED',
      '会议记录已经定稿，考勤已锁定，不能再确认离线签到；如有出入请在会议记录中补充说明。',
    )
  }
  const ids = [...new Set(input.memberIds)]
  const records = await Promise.all(ids.map((id) => store.get('attendance', attendanceId(meeting._id, id))))
  const notClaim = ids.find((_, i) => !records[i]?.offline)
  if (notClaim !== undefined) {
    throw invalid('memberIds', '所选党员中有人没有离线补传的签到，请刷新签到看板后重新选择。')
  }
  for (const record of records) {
    if (!record || record.confirmed !== false) continue
    const patch: Partial<AttendanceDoc> = {
      confirmed: true,
      confirmedBy: ctx.actor.memberId,
      confirmedAt: ctx.now,
      ...(input.onTime === true ? { late: false } : {}),
    }
    try {
      await store.update<AttendanceDoc>('attendance', record._id, patch, record._version)
    } catch (err) {
      if (!(err instanceof StoreConflict)) throw err
      const again = await store.get('attendance', record._id)
      if (again?.confirmed !== true) throw err
    }
  }
  return readAttendanceBoard(store, meeting, ctx.now)
})
