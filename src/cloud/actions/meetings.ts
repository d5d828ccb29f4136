import { eq } from '../ports/store'
import { implement } from './handler'
import {
  meetingListBranch as meetingListBranchDecl,
  meetingGet as meetingGetDecl,
} from '../../domain/api/catalog-meetings'
import { isAllowed } from '../../domain/access'
import { fromBeijing } from '../../domain/beijing-time'
import { meetingEdit as meetingEditDecl } from '../../domain/api/catalog'
import { minutesSaveDraft as minutesSaveDraftDecl } from '../../domain/api/catalog-minutes'
import {
  meetingListMine as meetingListMineDecl,
  meetingSchedule as meetingScheduleDecl,
} from '../../domain/api/catalog'
import type { ParsedInputOf } from '../../domain/api/define'
import type { MeetingDetail, MeetingSummary, Page } from '../../domain/api/views'
import { AppError } from '../../domain/errors'
import { kindRule } from '../../domain/meeting-kinds'
import { deriveParticipants, meetingPhase, type Meeting } from '../../domain/meeting'
import type { Member, Org } from '../../domain/org'
import type { MemberContext } from '../action-context'
import { attendanceId } from '../attendance-board'
import { countsTowardQuota } from '../../domain/compliance'
import { factsOf, rulesFor, updateCounters } from '../compliance-counters'
import { meetingFields, notify } from '../notices'
import type { Filter, Stored } from '../ports/store'
import { membersByIds, membersOf, orgOfKind, orgRef, readAll } from './roster-reads'
import { listedLabels } from '../listed-labels'
import { expectedParticipantIds } from '../expected-participants'
import { myMeetingView } from '../my-meeting'

/** A meeting's changes are few; the cap only guards against broken data. */
const MAX_HISTORY = 500

/** A meeting may be scheduled to start at most this long ago (a form filled in just before). */
const SCHEDULE_GRACE_MS = 10 * 60 * 1000

type ListInput = ParsedInputOf<typeof meetingListMineDecl>

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${message}。请修改后再提交。`, [{ field, message }])
}

export const meetingSchedule = implement(meetingScheduleDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org

  const startAt = fromBeijing(input.date, input.startTime)
  const endAt = fromBeijing(input.date, input.endTime)
  if (Number.isNaN(startAt) || Number.isNaN(endAt)) throw invalid('date', '这一天不存在，请重新选择日期')
  if (startAt < ctx.now - SCHEDULE_GRACE_MS) {
    throw invalid('startTime', '会议开始时间已经过去，新安排的会议请选择现在以后的时间')
  }

  let groupId: string | null = null
  if (kindRule(input.kind).audience === 'group') {
    const group = input.groupId ? await orgOfKind(store, input.groupId, 'group') : null
    if (!group || group.parentId !== branch._id) throw invalid('groupId', '所选党小组不属于本支部，请重新选择')
    groupId = group._id
  }
  const members = await membersOf(store, branch._id)
  if (input.pairIds) {
    const known = new Set(members.map((m) => m._id))
    if (new Set(input.pairIds).size !== 2 || !input.pairIds.every((id) => known.has(id))) {
      throw invalid('pairIds', '谈话双方应是本支部两位不同的党员')
    }
  }
  const participantIds = deriveParticipants(
    input.kind,
    members.map((m) => ({ ...m, id: m._id })),
    { groupId, pairIds: input.pairIds ?? undefined },
  )
  if (participantIds.length === 0) {
    throw invalid('kind', '按这个会议类型没有找到应参会的党员，请先在支部成员中设置好职务或党小组')
  }

  const rules = await rulesFor(store, branch)
  const doc = {
    _id: ctx.newId('mtg'),
    branchId: branch._id,
    kind: input.kind,
    title: input.title,
    startAt,
    endAt,
    place: input.place,
    agenda: input.agenda,
    groupId,
    participantIds,
    status: 'scheduled',
    createdBy: ctx.actor.memberId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  } satisfies Omit<Meeting, 'id'> & { _id: string }
  // The meeting and the compliance counters it feeds land together, or neither does.
  const meeting = await store.transaction(async (tx) => {
    const replayed = await tx.get('meetings', doc._id)
    if (replayed) return replayed
    const created = await tx.insert('meetings', doc)
    await updateCounters(tx, rules, null, created)
    return created
  })

  for (const memberId of participantIds) {
    await notify(
      ctx.ports,
      {
        id: `${meeting._id}.${memberId}.scheduled`,
        memberId,
        branchId: branch._id,
        topic: 'meeting.scheduled',
        fields: meetingFields(meeting),
      },
      ctx.now,
    )
  }
  return detailOf(ctx, meeting, branch, members)
})

export const meetingListMine = implement(meetingListMineDecl, async (ctx, input) => {
  return listMeetings(ctx, ctx.actor.orgId, input, [
    { field: 'participantIds', op: 'contains', value: ctx.actor.memberId },
  ])
})

export const meetingListBranch = implement(meetingListBranchDecl, async (ctx, input) => {
  return listMeetings(ctx, ctx.target.org._id, input, [])
})

async function listMeetings(
  ctx: MemberContext,
  branchId: string,
  input: ListInput,
  extra: Filter[],
): Promise<Page<MeetingSummary>> {
  const upcoming = input.when === 'upcoming'
  const page = await ctx.ports.store.query('meetings', {
    where: [eq('branchId', branchId), { field: 'endAt', op: upcoming ? 'gt' : 'lte', value: ctx.now }, ...extra],
    orderBy: { field: 'startAt', direction: upcoming ? 'asc' : 'desc' },
    limit: input.limit,
    cursor: input.cursor,
  })
  return { items: page.items.map((m) => summaryOf(m, ctx.now, ctx.actor.memberId)), nextCursor: page.nextCursor }
}

export const meetingGet = implement(meetingGetDecl, async (ctx) => {
  const meeting = ctx.target.record
  const branch = ctx.target.org
  return detailOf(ctx, meeting, branch, await membersByIds(ctx.ports.store, meeting.participantIds))
})

type MeetingRecordDoc = Stored<Omit<Meeting, 'id'>> & {
  attendanceRecordedAt?: number | null
  minutesFinalizedAt?: number | null
  minutesLate?: boolean | null
  quorumMet?: boolean | null
  allowRemote?: boolean | null
}

function summaryOf(m: MeetingRecordDoc, now: number, viewerId: string): MeetingSummary {
  const facts = factsOf(m)
  return {
    id: m._id,
    branchId: m.branchId,
    kind: m.kind,
    title: m.title,
    startAt: m.startAt,
    endAt: m.endAt,
    place: m.place,
    status: m.status,
    phase: meetingPhase(m, now),
    participantCount: m.participantIds.length,
    iAmParticipant: m.participantIds.includes(viewerId),
    held: facts.attendanceRecordedAt !== null,
    minutesFinal: facts.minutesFinalizedAt !== null,
    minutesLate: m.minutesLate === true,
    quorumMet: facts.quorumMet,
    counts: countsTowardQuota(facts),
    allowRemote: m.allowRemote === true,
  }
}

export async function detailOf(
  ctx: MemberContext,
  m: MeetingRecordDoc,
  branch: Stored<Org>,
  people: readonly Stored<Member>[],
): Promise<MeetingDetail> {
  const { store } = ctx.ports
  const names = new Map(people.map((p) => [p._id, p.name]))
  const nameOf = async (id: string) => names.get(id) ?? (await store.get('members', id))?.name ?? '（已离开本支部）'
  const group = m.groupId ? await store.get('orgs', m.groupId) : null
  const history = await readAll(store, 'meeting_history', [eq('meetingId', m._id)], 'at', MAX_HISTORY)
  const phase = meetingPhase(m, ctx.now)
  const organizes = isAllowed(ctx.actor, meetingEditDecl.access, { orgPath: branch.path })
  const labels = await listedLabels(store, m.participantIds, new Map(people.map((p) => [p._id, p])), m.branchId)
  // 应参会人员 by the board's 应到 rule: a member excluded from 应到 that day is not listed (unless they came).
  const expected = await expectedParticipantIds(store, m, people)
  return {
    ...summaryOf(m, ctx.now, ctx.actor.memberId),
    participantCount: expected.length,
    agenda: m.agenda,
    branchName: branch.name,
    group: group ? orgRef(group) : null,
    // Listed as on the board: two of the same name are told apart (same-names.ts).
    participants: expected.map((id) => ({ id, name: labels.get(id) ?? names.get(id) ?? '（未知）' })),
    createdBy: { id: m.createdBy, name: await nameOf(m.createdBy) },
    createdAt: m.createdAt,
    version: m._version,
    cancelReason: m.cancelReason ?? null,
    canManage: (phase === 'upcoming' || phase === 'ongoing') && organizes,
    canRecord: organizes && m.status !== 'cancelled',
    canWriteMinutes:
      m.status !== 'cancelled' && isAllowed(ctx.actor, minutesSaveDraftDecl.access, { orgPath: branch.path }),
    allowRemote: m.allowRemote === true,
    iMissed:
      m.participantIds.includes(ctx.actor.memberId) &&
      m.status !== 'cancelled' &&
      m.endAt <= ctx.now &&
      (await store.get('attendance', attendanceId(m._id, ctx.actor.memberId))) === null,
    mine: await myMeetingView(store, m, ctx.actor.memberId, ctx.now),
    history: await Promise.all(
      history.reverse().map(async (h) => ({
        change: h.change,
        summary: h.summary,
        reason: h.reason,
        by: { id: h.by, name: await nameOf(h.by) },
        at: h.at,
      })),
    ),
  }
}
