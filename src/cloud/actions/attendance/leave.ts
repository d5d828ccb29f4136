/** 请假: a member asks before the meeting, the secretary approves or declines. */
import { eq } from '../../ports/store'
import { implement } from '../handler'
import { leaveListMine as leaveListMineDecl } from '../../../domain/api/catalog-attendance'
import { leaveDecide as decideDecl, leaveRequest as requestDecl } from '../../../domain/api/catalog-attendance'
import type { LeaveView } from '../../../domain/api/views-attendance'
import { AppError } from '../../../domain/errors'
import { organizersAmong } from '../../../domain/org'
import { attendanceId } from '../../attendance-board'
import type { AttendanceMeetingDoc, LeaveDoc } from '../../documents'
import { meetingFields, notify } from '../../notices'
import { StoreConflict } from '../../ports/store'
import { membersOf } from '../roster-reads'
import { invalid, liveMeetingOf, requireAttendee } from './meeting-access'

export function leaveViewOf(
  l: LeaveDoc,
  meeting: Pick<AttendanceMeetingDoc, 'title' | 'startAt'>,
  name: string,
): LeaveView {
  return {
    meetingId: l.meetingId,
    meetingTitle: meeting.title,
    meetingStartAt: meeting.startAt,
    memberId: l.memberId,
    name,
    category: l.category,
    note: l.note,
    status: l.status,
    createdAt: l.createdAt,
    decidedAt: l.decidedAt,
    decisionNote: l.decisionNote,
  }
}

export const leaveRequest = implement(requestDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const me = ctx.actor.memberId
  const meeting = await liveMeetingOf(store, input.meetingId)
  requireAttendee(meeting, me, 'self')
  if (ctx.now >= meeting.startAt) {
    throw new AppError('VALIDATION_FAILED', '会议已经开始，不能再在线请假；请直接向支部书记说明情况。')
  }
  const id = attendanceId(meeting._id, me)
  const existing = await store.get('leave_requests', id)
  const fields = { category: input.category, note: input.note, status: 'pending' as const }
  let saved: LeaveDoc
  if (!existing) {
    try {
      saved = await store.insert('leave_requests', {
        _id: id,
        meetingId: meeting._id,
        branchId: meeting.branchId,
        memberId: me,
        ...fields,
        createdAt: ctx.now,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      })
    } catch (err) {
      if (!(err instanceof StoreConflict) || err.reason !== 'duplicate') throw err
      const first = await store.get('leave_requests', id)
      if (!first) throw err
      return leaveViewOf(first, meeting, ctx.actor.name)
    }
  } else if (existing.status === 'approved') {
    return leaveViewOf(existing, meeting, ctx.actor.name)
  } else {
    // A pending request may be corrected; a declined one may be asked again with a better reason.
    saved = await store.update(
      'leave_requests',
      id,
      { ...fields, createdAt: ctx.now, decidedBy: null, decidedAt: null, decisionNote: null },
      existing._version,
    )
  }
  const organizers = organizersAmong(await membersOf(store, meeting.branchId))
  for (const o of organizers) {
    await notify(
      ctx.ports,
      {
        id: `${id}.leave.${saved.createdAt}.${o._id}`,
        memberId: o._id,
        branchId: meeting.branchId,
        topic: 'leave.requested',
        fields: { ...meetingFields(meeting), applicant: ctx.actor.name, category: input.category, note: input.note },
      },
      ctx.now,
    )
  }
  return leaveViewOf(saved, meeting, ctx.actor.name)
})

export const leaveDecide = implement(decideDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const meeting = ctx.target.record
  const id = attendanceId(meeting._id, input.memberId)
  const existing = await store.get('leave_requests', id)
  if (!existing) throw invalid('memberId', '这位同志没有提交请假申请，请刷新看板后再试。')
  const name = (await store.get('members', input.memberId))?.name ?? '（未知）'
  const status = input.approve ? 'approved' : 'declined'
  if (existing.status === status) return leaveViewOf(existing, meeting, name)
  const saved = await store.update(
    'leave_requests',
    id,
    { status, decidedBy: ctx.actor.memberId, decidedAt: ctx.now, decisionNote: input.note ?? null },
    existing._version,
  )
  await notify(
    ctx.ports,
    {
      id: `${id}.leave.${status}.${ctx.now}`,
      memberId: input.memberId,
      branchId: meeting.branchId,
      topic: 'leave.decided',
      fields: { ...meetingFields(meeting), applicant: name, approved: input.approve, note: input.note ?? null },
    },
    ctx.now,
  )
  return leaveViewOf(saved, meeting, name)
})

export const leaveListMine = implement(leaveListMineDecl, async (ctx) => {
  const { store } = ctx.ports
  const page = await store.query('leave_requests', {
    where: [eq('memberId', ctx.actor.memberId)],
    orderBy: { field: 'createdAt', direction: 'desc' },
    limit: 50,
  })
  const meetings = await Promise.all(page.items.map((l) => store.get('meetings', l.meetingId)))
  return page.items.map((l, i) =>
    leaveViewOf(l, meetings[i] ?? { title: '（会议已删除）', startAt: 0 }, ctx.actor.name),
  )
})
