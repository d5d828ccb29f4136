/** The live board and 确认考勤 (the meeting counts as held from then). */
import { implement } from '../handler'
import {
  attendanceBoard as attendanceBoardDecl,
  attendanceConfirm as attendanceConfirmDecl,
} from '../../../domain/api/catalog-attendance'
import { peopleSeenBy } from '../../../domain/attendance'
import { AppError } from '../../../domain/errors'
import { attendanceSummaryOf } from '../../../domain/supervision'
import { readAttendanceBoard } from '../../attendance-board'
import { rulesFor, updateCounters } from '../../compliance-counters'
import { organizes } from './meeting-access'

export const attendanceBoard = implement(attendanceBoardDecl, async (ctx) => {
  const meeting = ctx.target.record
  const board = await readAttendanceBoard(ctx.ports.store, meeting, ctx.now)
  const canManage = organizes(ctx.actor, ctx.target.org)
  const people = peopleSeenBy(board.people, ctx.actor.memberId, canManage)
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
