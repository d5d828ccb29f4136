/**
 * Reading minutes: the meeting and branch they belong to, attendance as the minutes record it,
 * the rules in force, and the view every minutes action returns.
 */
import type { MeetingDoc } from '../../collections'
import { eq } from '../../ports/store'
import { isAllowed } from '../../../domain/access'
import { minutesFinalize, minutesSaveDraft } from '../../../domain/api/catalog-minutes'
import type { MinutesAmendmentView, MinutesPhotoView, MinutesView } from '../../../domain/api/views-minutes'
import { AppError } from '../../../domain/errors'
import { kindRule } from '../../../domain/meeting-kinds'
import { decisionKindsFor, decisionRulesFrom, type DecisionKindRule } from '../../../domain/decision-kinds'
import type { DecisionTally } from '../../../domain/decisions'
import { hasVotingRights } from '../../../domain/org'
import { probationEndsOn } from '../../../domain/member-states'
import {
  correctedContent,
  decisionTallies,
  lateAfterDays,
  minutesRulesFrom,
  minutesTemplate,
  voteOutcome,
  type MinutesAttendance,
  type MinutesContent,
  type MinutesRules,
} from '../../../domain/minutes'
import { attendanceFromBoard, finalizeBlocked } from '../../../domain/minutes-attendance'
import { minutesAttendanceSeenBy, type Viewer } from '../../../domain/visibility'
import type { Org } from '../../../domain/org'
import { photoFlag } from '../../../domain/photo-source'
import type { MemberContext } from '../../action-context'
import { readAttendanceBoard } from '../../attendance-board'
import { expectedParticipantIds } from '../../expected-participants'
import type { AmendmentDoc, MinutesDoc, PhotoDoc } from '../../documents'
import { minutesMissing } from '../../minutes-chain'
import type { Stored, StorePort } from '../../ports/store'
import { organizes } from '../attendance/meeting-access'
import { membersByIds, readAll } from '../roster-reads'

/** A meeting's photos and amendments are few; the caps guard against broken data only. */
const MAX_PHOTOS = 60
const MAX_AMENDMENTS = 200

export async function meetingOf(store: StorePort, meetingId: string): Promise<Stored<MeetingDoc>> {
  const m = await store.get('meetings', meetingId)
  if (!m) throw new AppError('NOT_FOUND', '找不到这次会议，请返回会议列表刷新后再试。')
  return m
}

/** The meeting an input names, and its minutes if any were saved. */
export async function meetingMinutes(
  store: StorePort,
  meetingId: string,
): Promise<{ meeting: Stored<MeetingDoc>; doc: Stored<MinutesDoc> | null }> {
  const meeting = await meetingOf(store, meetingId)
  return { meeting, doc: await store.get('minutes', meeting._id) }
}

export async function branchOf(store: StorePort, branchId: string): Promise<Stored<Org>> {
  const b = await store.get('orgs', branchId)
  if (!b) throw new AppError('NOT_FOUND', '找不到会议所属的支部，请返回刷新后再试。')
  return b
}

/** Minutes rules along the branch's org path (a committee may set `minutesLateAfterMs` in its rule set). */
export async function minutesRulesFor(store: StorePort, branch: Pick<Org, 'path'>): Promise<MinutesRules> {
  const sets: { minutesLateAfterMs?: unknown }[] = []
  for (const orgId of branch.path) {
    const set = await store.get<{ minutesLateAfterMs?: unknown }>('rule_sets', orgId)
    if (set) sets.push(set)
  }
  return minutesRulesFrom(sets)
}

/** Decision rules along the branch's org path (a 党委 may set `decisionRemoteCounts` in its rule set). */
export async function decisionRulesFor(store: StorePort, branch: Pick<Org, 'path'>): Promise<DecisionKindRule[]> {
  const sets: { decisionRemoteCounts?: unknown }[] = []
  for (const orgId of branch.path) {
    const set = await store.get<{ decisionRemoteCounts?: unknown }>('rule_sets', orgId)
    if (set) sets.push(set)
  }
  return decisionRulesFrom(sets)
}

/**
 * Per item, its typed decision as counted: the tallies locked at finalize for final minutes, else
 * counted live against the attendance's roll. Null for items without a typed decision.
 */
export function decisionsOf(
  content: MinutesContent | null,
  attendance: MinutesAttendance | null,
  final: boolean,
  quorum: ReturnType<typeof kindRule>['quorum'],
  rules: readonly DecisionKindRule[],
): (DecisionTally | null)[] {
  if (!content || !attendance) return (content?.items ?? []).map(() => null)
  if (final) {
    const locked = new Map((attendance.decisions ?? []).map((t) => [t.item, t]))
    return content.items.map((_item, i) => locked.get(i) ?? null)
  }
  return decisionTallies(content, attendance.roll ?? [], quorum, rules)
}

export async function liveAttendance(
  store: StorePort,
  meeting: Stored<MeetingDoc>,
  content: MinutesContent | null,
  now: number,
): Promise<MinutesAttendance> {
  return attendanceFromBoard(await readAttendanceBoard(store, meeting, now), content)
}

export async function readPhotos(store: StorePort, meetingId: string): Promise<Stored<PhotoDoc>[]> {
  return readAll(store, 'photos', [eq('meetingId', meetingId)], 'receivedAt', MAX_PHOTOS)
}

export async function readAmendments(store: StorePort, meetingId: string): Promise<Stored<AmendmentDoc>[]> {
  return readAll(store, 'minutes_amendments', [eq('meetingId', meetingId)], 'at', MAX_AMENDMENTS)
}

async function namer(store: StorePort) {
  const cache = new Map<string, string>()
  return async (id: string) => {
    if (!cache.has(id)) cache.set(id, (await store.get('members', id))?.name ?? '（已离开本支部）')
    return { id, name: cache.get(id)! }
  }
}

export async function amendmentViews(
  store: StorePort,
  docs: readonly Stored<AmendmentDoc>[],
): Promise<MinutesAmendmentView[]> {
  const nameOf = await namer(store)
  return Promise.all(
    [...docs]
      .sort((a, b) => a.seq - b.seq)
      .map(async (a) => ({
        id: a._id,
        seq: a.seq,
        reason: a.reason,
        changes: a.changes,
        by: await nameOf(a.by),
        at: a.at,
      })),
  )
}

/**
 * Who reads minutes of `branch`'s meetings, for src/domain/visibility.ts: the actor, and whether they
 * organize the branch (书记, 副书记, 组织委员 of it; the 党委 does not).
 */
export function minutesViewer(ctx: MemberContext, branch: Pick<Org, 'path'>): Viewer {
  return { memberId: ctx.actor.memberId, organizes: organizes(ctx.actor, branch) }
}

export async function buildView(
  ctx: MemberContext,
  meeting: Stored<MeetingDoc>,
  doc: Stored<MinutesDoc> | null,
): Promise<MinutesView> {
  const { store } = ctx.ports
  const branch = await branchOf(store, meeting.branchId)
  const rules = await minutesRulesFor(store, branch)
  const final = doc?.status === 'final'
  const cancelled = meeting.status === 'cancelled'
  // Final with no record: lost (deleted behind the app) when it was finalized here, else kept on paper.
  const missing = await minutesMissing(store, meeting, doc !== null)
  const legacy = !doc && meeting.minutesFinalizedAt != null && !missing
  const writes = isAllowed(ctx.actor, minutesSaveDraft.access, { orgPath: branch.path })
  const finalizes = isAllowed(ctx.actor, minutesFinalize.access, { orgPath: branch.path })
  const nameOf = await namer(store)
  const viewer = minutesViewer(ctx, branch)

  const [photos, amendments, confirmed, mine] = await Promise.all([
    readPhotos(store, meeting._id),
    final ? readAmendments(store, meeting._id) : Promise.resolve([] as Stored<AmendmentDoc>[]),
    store.count('minutes_reads', [eq('meetingId', meeting._id)]),
    store.get('minutes_reads', `${meeting._id}.${ctx.actor.memberId}`),
  ])

  let content: MinutesContent | null = null
  if (final) content = doc.content
  else if (writes && !cancelled && !legacy) {
    content = doc?.content ?? minutesTemplate({ kind: meeting.kind, agenda: meeting.agenda, place: meeting.place })
  }

  let attendance: MinutesAttendance | null = null
  let attendanceNote: string | null = null
  if (final) attendance = doc.attendance
  else if (content) {
    try {
      attendance = await liveAttendance(store, meeting, content, ctx.now)
      if (!meeting.attendanceRecordedAt) attendanceNote = '考勤尚未确认，出席情况以确认后的考勤为准'
    } catch {
      attendanceNote = '暂时读不到签到情况，请稍后刷新；草稿可以照常保存'
    }
  }
  const votes = (content?.items ?? []).map((item) =>
    item.vote && attendance ? voteOutcome(item.vote, attendance) : null,
  )
  const kind = kindRule(meeting.kind)
  const decisionRules = await decisionRulesFor(store, branch)
  const decisions = decisionsOf(content, attendance, final, kind.quorum, decisionRules)
  const canWrite = writes && !final && !cancelled && !legacy && !missing
  const decisionKinds = decisionKindsFor(meeting.kind, decisionRules)
  // The editor picks subjects, written opinions and candidates among the meeting's participants.
  const decisionRoster =
    canWrite && decisionKinds.length > 0
      ? (await membersByIds(store, meeting.participantIds)).map((m) => ({
          id: m._id,
          name: m.name,
          category: m.category,
          votingRights: hasVotingRights(m),
          probationEndsOn: probationEndsOn(m),
        }))
      : []

  const photoViews: MinutesPhotoView[] = photos.map((p) => ({
    id: p._id,
    sha256: p.sha256,
    size: p.size,
    contentType: p.contentType,
    receivedAt: p.receivedAt,
    by: p.by,
    source: p.source ?? null,
    flag: photoFlag(p.source, meeting.endAt, p.receivedAt),
  }))

  return {
    meetingId: meeting._id,
    branchId: meeting.branchId,
    branchName: branch.name,
    kind: meeting.kind,
    title: final && doc.title ? doc.title : meeting.title,
    startAt: meeting.startAt,
    endAt: meeting.endAt,
    meetingPlace: meeting.place,
    status: doc ? doc.status : 'none',
    cancelled,
    legacy,
    missing,
    version: doc?._version ?? 0,
    content,
    corrected: final ? correctedContent(doc.content, amendments) : null,
    attendance: minutesAttendanceSeenBy(attendance, final ? doc.content : content, viewer),
    votes,
    decisions,
    decisionKinds,
    decisionRoster,
    kindVotes: kind.votes,
    photos: photoViews,
    amendments: await amendmentViews(store, amendments),
    updatedAt: doc?.updatedAt ?? null,
    updatedBy: doc ? await nameOf(doc.updatedBy) : null,
    finalizedAt: doc?.finalizedAt ?? null,
    finalizedBy: doc?.finalizedBy ? await nameOf(doc.finalizedBy) : null,
    late: final ? doc.late : false,
    lateAfter: lateAfterDays(rules),
    contentHash: doc?.contentHash ?? null,
    reads: {
      confirmed,
      // 应到 as the board counts it: members excluded from 应到 that day are not asked to confirm.
      expected: (await expectedParticipantIds(store, meeting)).length,
      iConfirmed: mine !== null,
      iAmParticipant: meeting.participantIds.includes(ctx.actor.memberId),
    },
    canWrite,
    canFinalize: finalizes && !cancelled && !legacy && !missing,
    finalizeBlocked: final || legacy || missing ? null : finalizeBlocked(meeting, ctx.now),
    attendanceNote,
  }
}
