/**
 * 列席 from another branch (issue 18 part 7): the invited member accepts or declines, or the 党委
 * approves for them; only then do they join the meeting's 列席 list (named on the board, able to
 * sign in or be marked present).
 */
import { implement } from '../handler'
import {
  attendanceAnswerGuestInvite as answerDecl,
  attendanceApproveGuest as approveDecl,
  attendanceMyGuestInvite as myInviteDecl,
  attendanceGuestCandidates as candidatesDecl,
  attendancePendingGuests as pendingDecl,
} from '../../../domain/api/catalog-attendance'
import type { MyGuestInviteView, PendingGuestView } from '../../../domain/api/views-attendance'
import { eq } from '../../ports/store'
import { membersByIds, readAll } from '../roster-reads'
import { AppError } from '../../../domain/errors'
import { guestNeedsAcceptance, phoneSeenBy } from '../../../domain/visibility'
import { groupsOf, seesPrivate } from '../roster'
import { sameNameLabels } from '../../../domain/same-names'
import type { MemberContext } from '../../action-context'
import type { AttendanceMeetingDoc } from '../../documents'
import type { StorePort, StoreTx } from '../../ports/store'
import { invalid, liveMeetingOf, settingsView } from './meeting-access'

/** Who settles an invitation: the acting member, the time (epoch ms) and a new history id. */
interface Settler {
  by: string
  now: number
  newId: (prefix: string) => string
}

/**
 * Settles the pending invitation of `memberId` inside `tx`: accepted moves them onto the 列席 list
 * (after sign-in opened, the change is kept in the meeting's history, as for any guest added then),
 * declined drops the invitation. Takes the meeting's id; returns the meeting after, or null when
 * there was no pending invitation for them (nothing is written then).
 */
async function settleInvite(
  tx: StoreTx,
  meetingId: string,
  memberId: string,
  accept: boolean,
  who: Settler,
): Promise<AttendanceMeetingDoc | null> {
  const m = await tx.get('meetings', meetingId)
  if (!m) throw new AppError('NOT_FOUND')
  const invites = m.guestInvites ?? []
  if (!invites.some((g) => g.memberId === memberId)) return null
  const guestInvites = invites.filter((g) => g.memberId !== memberId)
  const guestIds = accept ? [...new Set([...(m.guestIds ?? []), memberId])] : (m.guestIds ?? [])
  const guestAnswers = [
    ...(m.guestAnswers ?? []).filter((a) => a.memberId !== memberId),
    { memberId, accepted: accept, byCommittee: who.by !== memberId, at: who.now },
  ]
  const after = await tx.update(
    'meetings',
    m._id,
    { guestIds, guestInvites, guestAnswers, updatedAt: who.now },
    m._version,
  )
  if (accept && m.signIn?.frozenAt != null) {
    const name = (await tx.get('members', memberId))?.name ?? memberId
    await tx.insert('meeting_history', {
      _id: who.newId('mch'),
      meetingId: m._id,
      branchId: m.branchId,
      change: 'edited',
      summary: [`签到开放后增加列席人员：${name}（本人或党委已同意）`],
      reason: null,
      by: who.by,
      at: who.now,
    })
  }
  return after
}

export const attendanceAnswerGuestInvite = implement(answerDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const me = ctx.actor.memberId
  const meeting = await liveMeetingOf(store, input.meetingId)
  const view = (accepted: boolean) => ({
    meetingId: meeting._id,
    title: meeting.title,
    startAt: meeting.startAt,
    endAt: meeting.endAt,
    accepted,
  })
  // A retry after the answer landed gets the same answer back.
  if ((meeting.guestIds ?? []).includes(me) && input.accept) return view(true)
  if (!(meeting.guestInvites ?? []).some((g) => g.memberId === me)) {
    const settled = (meeting.guestAnswers ?? []).find((a) => a.memberId === me)
    if (settled?.byCommittee && (meeting.guestIds ?? []).includes(me)) {
      throw invalid('meetingId', '党委已代你同意列席，你已在列席名单中；如确实不能参加，请向邀请的支部请假或说明。')
    }
    throw invalid('meetingId', '没有待你确认的列席邀请：可能已经处理过，或邀请已撤回；请刷新消息后再看。')
  }
  if (input.accept && ctx.now > meeting.endAt) {
    throw invalid('meetingId', '会议已经结束，这份列席邀请已失效。')
  }
  const after = await store.transaction((tx) => settleInvite(tx, meeting._id, me, input.accept, settler(ctx)))
  if (!after) throw invalid('meetingId', '这份列席邀请刚刚已处理，请刷新消息后再看。')
  return view(input.accept)
})

export const attendanceMyGuestInvite = implement(myInviteDecl, async (ctx, input) => {
  const me = ctx.actor.memberId
  const meeting = await ctx.ports.store.get('meetings', input.meetingId)
  const view = (state: MyGuestInviteView['state'], note: string): MyGuestInviteView => ({
    meetingId: input.meetingId,
    state,
    note,
  })
  if (!meeting || meeting.status === 'cancelled') return view('none', '这份列席邀请已失效：会议已取消或不存在。')
  const ended = ctx.now > meeting.endAt
  if ((meeting.guestInvites ?? []).some((g) => g.memberId === me)) {
    return ended
      ? view('none', '会议已经结束，这份列席邀请已失效。')
      : view('pending', '请答复是否列席：同意后列入列席名单，谢绝则邀请撤销。')
  }
  const answer = (meeting.guestAnswers ?? []).find((a) => a.memberId === me)
  const listed = (meeting.guestIds ?? []).includes(me)
  if (listed && answer?.byCommittee) {
    return view('approved', '已由党委同意列席，你已在列席名单中，请按时参会并签到；不能参加请向邀请的支部说明。')
  }
  if (listed && answer?.accepted) return view('accepted', '你已同意列席，请按时参会并签到。')
  if (listed) return view('listed', '你在这次会议的列席名单中，请按时参会并签到。')
  if (answer && !answer.accepted) return view('declined', '你已谢绝列席。')
  return view('none', '这份列席邀请已撤回或已处理，无需再答复。')
})

export const attendanceApproveGuest = implement(approveDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const meeting = ctx.target.record
  const invitee = await store.get('members', input.memberId)
  // The 党委 approves for its own members only, and never for a branch's own officers acting as 党委.
  const ours =
    invitee && ctx.actor.orgKind !== 'branch' && (await orgPathOf(store, invitee.orgId)).includes(ctx.actor.orgId)
  if (!ours || !(meeting.guestInvites ?? []).some((g) => g.memberId === input.memberId)) {
    throw invalid('memberId', '这位同志没有待确认的列席邀请，或不属于本党委；请刷新后再试。')
  }
  if (ctx.now > meeting.endAt) throw invalid('meetingId', '会议已经结束，不能再同意列席。')
  const after = await store.transaction((tx) => settleInvite(tx, meeting._id, input.memberId, true, settler(ctx)))
  return settingsView(store, after ?? meeting)
})

/** A 党委 has at most a few hundred branches; past this the data is wrong, not big. */
const MAX_BRANCHES = 2000
/** Meetings are at most a day long: one that started longer ago than this has ended. */
const LONGEST_MEETING_MS = 2 * 24 * 3_600_000

/**
 * The 党委's pending 列席 invitations: for each branch below `orgId`, its meetings not yet ended
 * (started at most two days ago) with invitations waiting; only invitees who are members of the
 * 党委 (those it may approve for) are listed, soonest meeting first. Reads only.
 */
export const attendancePendingGuests = implement(pendingDecl, async (ctx) =>
  pendingGuestsOf(ctx.ports.store, ctx.target.org, ctx.now),
)

/**
 * The pending 列席 invitations the 党委 `org` may approve (as attendance.pendingGuests returns them),
 * at `now` (epoch ms); also read for the 党委 staff's 首页. Reads only.
 */
export async function pendingGuestsOf(
  store: StorePort,
  org: { _id: string; kind: string; name: string; path: string[] },
  now: number,
): Promise<PendingGuestView[]> {
  const branches =
    org.kind === 'branch'
      ? [org]
      : await readAll(
          store,
          'orgs',
          [
            { field: 'path', op: 'contains', value: org._id },
            { field: 'kind', op: 'eq', value: 'branch' },
          ],
          'name',
          MAX_BRANCHES,
        )
  const found: {
    meeting: AttendanceMeetingDoc & { _id: string }
    branchName: string
    memberId: string
    invitedBy: string
    invitedAt: number
  }[] = []
  for (const branch of branches) {
    const meetings = await readAll(
      store,
      'meetings',
      [eq('branchId', branch._id), { field: 'startAt', op: 'gte', value: now - LONGEST_MEETING_MS }],
      'startAt',
      MAX_BRANCHES,
    )
    for (const m of meetings) {
      if (m.status === 'cancelled' || m.endAt < now) continue
      for (const g of m.guestInvites ?? []) {
        found.push({
          meeting: m,
          branchName: branch.name,
          memberId: g.memberId,
          invitedBy: g.invitedBy,
          invitedAt: g.invitedAt,
        })
      }
    }
  }
  const people = new Map(
    (await membersByIds(store, [...new Set(found.flatMap((f) => [f.memberId, f.invitedBy]))])).map((p) => [p._id, p]),
  )
  const orgs = new Map<string, { name: string; path: string[] } | null>()
  const orgOf = async (id: string) => {
    if (!orgs.has(id)) orgs.set(id, await store.get('orgs', id))
    return orgs.get(id)!
  }
  const out: PendingGuestView[] = []
  for (const f of found) {
    const invitee = people.get(f.memberId)
    const home = invitee ? await orgOf(invitee.orgId) : null
    // Only the 党委's own members: those it may approve for (attendance.approveGuest).
    if (!invitee || !home || !home.path.includes(org._id)) continue
    out.push({
      meetingId: f.meeting._id,
      title: f.meeting.title,
      startAt: f.meeting.startAt,
      endAt: f.meeting.endAt,
      branchId: f.meeting.branchId,
      branchName: f.branchName,
      memberId: invitee._id,
      name: invitee.name,
      memberOrgName: home.name,
      invitedBy: people.get(f.invitedBy)?.name ?? '（未知）',
      invitedAt: f.invitedAt,
    })
  }
  return out.sort(
    (a, b) => a.startAt - b.startAt || a.meetingId.localeCompare(b.meetingId) || a.name.localeCompare(b.name),
  )
}

function settler(ctx: MemberContext): Settler {
  return { by: ctx.actor.memberId, now: ctx.now, newId: (prefix) => ctx.newId(prefix) }
}

/** The path of org `orgId` (root first), or empty when it is not found. */
async function orgPathOf(store: StorePort, orgId: string): Promise<string[]> {
  return (await store.get('orgs', orgId))?.path ?? []
}

/** At most this many people are listed for one search: the organizer narrows the search past it. */
const MAX_CANDIDATES = 20
/** A branch has at most a few hundred members; the cap only guards against broken data. */
const MAX_BRANCH_MEMBERS = 2000
/** Members who can no longer attend anything: never offered as 列席. */
const NOT_INVITABLE: readonly string[] = ['suspended', 'transferred']

/**
 * 邀请列席's search (issue 18 §7): the meeting's own branch by any part of a name or phone number (as
 * its roster); the other branches and staff of the nearest 党委 above only by exact full name or full
 * phone, and shown by name and branch alone. People already on the list or invited are left out
 * (counted). Reads only.
 */
export const attendanceGuestCandidates = implement(candidatesDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const meeting = ctx.target.record
  const branch = ctx.target.org
  const search = input.search.trim()
  const taken = new Set([
    ...meeting.participantIds,
    ...(meeting.guestIds ?? []),
    ...(meeting.guestInvites ?? []).map((g) => g.memberId),
  ])
  const digits = /^\d+$/.test(search)
  const full = seesPrivate(ctx.actor, branch)
  // An empty search lists the own branch only: another branch's members are found by exact input.
  const own = (await readAll(store, 'members', [eq('orgId', branch._id)], 'name', MAX_BRANCH_MEMBERS)).filter(
    (m) => m.name.includes(search) || (digits && phoneSeenBy(m.phone, full).includes(search)),
  )
  const groups = new Map((await groupsOf(store, branch._id)).map((g) => [g._id, g.name]))
  const labels = sameNameLabels(
    own.map((m) => ({ id: m._id, name: m.name, unit: m.groupId ? groups.get(m.groupId) : undefined, phone: m.phone })),
  )
  const found: { id: string; name: string; status: string; orgId: string }[] = own.map((m) => ({
    id: m._id,
    name: m.name,
    status: m.status,
    orgId: m.orgId,
  }))

  const committee = await nearestCommittee(store, branch.path)
  const orgNames = new Map<string, string>([[branch._id, branch.name]])
  if (committee && search) {
    const exact = await store.query('members', {
      where: [eq(digits ? 'phone' : 'name', search)],
      orderBy: { field: 'name', direction: 'asc' },
      limit: MAX_CANDIDATES * 5,
    })
    for (const m of exact.items) {
      if (m.orgId === branch._id) continue
      const home = await store.get('orgs', m.orgId)
      if (!home || !home.path.includes(committee)) continue
      orgNames.set(home._id, home.name)
      found.push({ id: m._id, name: m.name, status: m.status, orgId: m.orgId })
    }
  }
  const open = found.filter((f) => !NOT_INVITABLE.includes(f.status))
  const items = open
    .filter((f) => !taken.has(f.id))
    .slice(0, MAX_CANDIDATES)
    .map((f) => ({
      id: f.id,
      name: f.name,
      label: labels.get(f.id) ?? f.name,
      branchName: orgNames.get(f.orgId) ?? '',
      waitsForAcceptance: guestNeedsAcceptance(f, branch.path),
    }))
  return {
    items,
    searchedCommittee: committee != null,
    alreadyListed: open.length - open.filter((f) => !taken.has(f.id)).length,
  }
})

/** The id of the nearest 党委 above the org with ancestors `path` (root first), or null when none. */
async function nearestCommittee(store: StorePort, path: readonly string[]): Promise<string | null> {
  for (const id of [...path].reverse().slice(1)) {
    if ((await store.get('orgs', id))?.kind === 'committee') return id
  }
  return null
}
