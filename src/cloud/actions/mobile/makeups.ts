/**
 * 补学: a member who missed a held meeting reads its finalized minutes and writes what they learned;
 * the branch's organizers accept it. Kept in `makeups` only — attendance and the compliance counters
 * never change because of it.
 */
import type { MeetingDoc } from '../../collections'
import { eq } from '../../ports/store'
import { implement } from '../handler'
import { isAllowed } from '../../../domain/access'
import {
  makeupAccept as acceptDecl,
  makeupGet as getDecl,
  makeupSubmit as submitDecl,
} from '../../../domain/api/catalog-mobile'
import type { MakeupView, MissedMeeting } from '../../../domain/api/views-mobile'
import { AppError } from '../../../domain/errors'
import { MEETING_ORGANIZER_ROLES, organizersAmong } from '../../../domain/org'
import { membersOf } from '../roster-reads'
import { notify } from '../../notices'
import type { Stored, StorePort, StoreReader } from '../../ports/store'
import { attendanceId } from '../../attendance-board'
import type { MakeupDoc } from '../../documents'
import { insertCountingContact, makeupView } from './registry'

/**
 * Whether the member signed in, in person or remotely (a remote attendance still waiting for the
 * secretary's confirmation included: it is not an absence). A leave or an absence is not attendance.
 */
export async function attended(store: StoreReader, meetingId: string, memberId: string): Promise<boolean> {
  return (await store.get('attendance', attendanceId(meetingId, memberId))) !== null
}

export function makeupId(meetingId: string, memberId: string): string {
  return `${meetingId}.${memberId}`
}

/** Why the member may not write a 补学 for this meeting, or null when they may. */
async function refusal(store: StoreReader, meeting: Stored<MeetingDoc>, memberId: string, now: number) {
  if (meeting.status === 'cancelled') return '这次会议已经取消，不需要补学'
  if (!meeting.participantIds.includes(memberId)) return '你不是这次会议的应参会人员，不需要补学'
  if (meeting.endAt > now) return '会议还没有结束；请按时参会，或在会议结束后再补学'
  if (await attended(store, meeting._id, memberId)) return '你已出席这次会议；补学只面向缺席或请假的党员，不需要提交'
  if (!meeting.minutesFinalizedAt) return '会议记录还没有定稿；定稿后请先阅读会议记录，再写补学心得'
  return null
}

export const makeupGet = implement(getDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const meeting = ctx.target.record
  const memberId = ctx.actor.memberId
  const mine = await store.get('makeups', makeupId(input.meetingId, memberId))
  const why = mine ? null : await refusal(store, meeting, memberId, ctx.now)
  const organizer = isAllowed(
    ctx.actor,
    { kind: 'member', roles: MEETING_ORGANIZER_ROLES, scope: 'branch', target: { from: 'actor' } },
    { orgPath: ctx.target.org.path },
  )
  let all: MakeupView[] | null = null
  if (organizer) {
    const page = await store.query('makeups', {
      where: [eq('meetingId', input.meetingId)],
      orderBy: { field: 'submittedAt', direction: 'asc' },
      limit: 100,
    })
    all = page.items.map(makeupView)
  }
  return {
    meeting: {
      id: meeting._id,
      title: meeting.title,
      kind: meeting.kind,
      startAt: meeting.startAt,
      minutesFinal: Boolean(meeting.minutesFinalizedAt),
      branchId: meeting.branchId,
    },
    canSubmit: !mine && why === null,
    reason: mine ? null : why,
    mine: mine ? makeupView(mine) : null,
    all,
  }
})

export const makeupSubmit = implement(submitDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const meeting = ctx.target.record
  const memberId = ctx.actor.memberId
  const id = makeupId(meeting._id, memberId)
  const existing = await store.get('makeups', id)
  if (existing) {
    if (existing.note === input.note) return makeupView(existing)
    throw new AppError('CONFLICT', '这次会议你已经提交过补学心得，不能重复提交；如需补充，请联系支部书记。')
  }
  const why = await refusal(store, meeting, memberId, ctx.now)
  if (why) throw new AppError('VALIDATION_FAILED', `${why}。`, [{ field: 'meetingId', message: why }])

  const doc: MakeupDoc & { _id: string } = {
    _id: id,
    meetingId: meeting._id,
    memberId,
    memberName: ctx.actor.name,
    branchId: meeting.branchId,
    meetingTitle: meeting.title,
    meetingKind: meeting.kind,
    meetingStartAt: meeting.startAt,
    note: input.note,
    submittedAt: ctx.now,
    acceptedAt: null,
    acceptedBy: null,
    acceptedByName: null,
  }
  const { saved, created } = await insertCountingContact<MakeupDoc>(store, 'makeups', doc, memberId, ctx.now)
  if (!created) return makeupView(saved)
  for (const organizerId of await organizersOf(store, meeting.branchId)) {
    await notify(
      ctx.ports,
      {
        id: `makeup.${id}.${organizerId}.submitted`,
        memberId: organizerId,
        branchId: meeting.branchId,
        topic: 'makeup.submitted',
        fields: {
          meetingId: meeting._id,
          meetingTitle: meeting.title,
          memberId,
          memberName: ctx.actor.name,
          submittedAt: ctx.now,
        },
      },
      ctx.now,
    )
  }
  return makeupView(saved)
})

export const makeupAccept = implement(acceptDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const id = makeupId(input.meetingId, input.memberId)
  const existing = await store.get('makeups', id)
  if (!existing) throw new AppError('NOT_FOUND', '没有找到这位党员对这次会议的补学心得，请返回刷新后再试。')
  if (existing.acceptedAt !== null) return makeupView(existing)
  const saved = await store.update(
    'makeups',
    id,
    { acceptedAt: ctx.now, acceptedBy: ctx.actor.memberId, acceptedByName: ctx.actor.name },
    existing._version,
  )
  await notify(
    ctx.ports,
    {
      id: `makeup.${id}.accepted`,
      memberId: input.memberId,
      branchId: existing.branchId,
      topic: 'makeup.accepted',
      fields: { meetingId: input.meetingId, meetingTitle: existing.meetingTitle, acceptedBy: ctx.actor.name },
    },
    ctx.now,
  )
  return makeupView(saved)
})

/** The ids of the branch's active 书记、副书记 and 组织委员. */
export async function organizersOf(store: StorePort, branchId: string): Promise<string[]> {
  return organizersAmong(await membersOf(store, branchId)).map((m) => m._id)
}

/** Held meetings of the last six months the member was expected at and did not attend, newest first. */
export async function missedMeetings(
  store: StorePort,
  branchId: string,
  memberId: string,
  now: number,
): Promise<MissedMeeting[]> {
  const page = await store.query('meetings', {
    where: [
      eq('branchId', branchId),
      { field: 'startAt', op: 'gte', value: now - 183 * 24 * 3600 * 1000 },
      { field: 'startAt', op: 'lt', value: now },
      { field: 'participantIds', op: 'contains', value: memberId },
    ],
    orderBy: { field: 'startAt', direction: 'desc' },
    limit: 30,
  })
  const out: MissedMeeting[] = []
  for (const m of page.items) {
    if (m.status === 'cancelled' || !m.attendanceRecordedAt || m.endAt > now) continue
    if (await attended(store, m._id, memberId)) continue
    const makeup = await store.get('makeups', makeupId(m._id, memberId))
    out.push({
      meetingId: m._id,
      title: m.title,
      kind: m.kind,
      startAt: m.startAt,
      minutesFinal: Boolean(m.minutesFinalizedAt),
      makeup: !makeup ? 'none' : makeup.acceptedAt ? 'accepted' : 'submitted',
    })
  }
  return out
}
