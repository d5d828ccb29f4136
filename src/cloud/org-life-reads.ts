/**
 * Reading organizational life from the store (issue 15): the meetings a member was owed with their
 * sign-in, leave and 补学, for 我的组织生活; and, for a whole branch at once, each member's per-month
 * facts for the 党章 第九条 warning (src/domain/lapse.ts). The rules are applied in src/domain/org-life.ts.
 */
import type { MonthFact } from '../domain/lapse'
import type { Org } from '../domain/org'
import {
  effectiveStudyRules,
  orgLifeMonthFacts,
  studyRuleSetId,
  type MakeupState,
  type OwedMeetingFacts,
  type StudyRuleSet,
  type StudyRules,
} from '../domain/org-life'
import { attendanceId } from './attendance-board'
import { readAll } from './actions/roster-reads'
import type { MeetingDoc } from './collections'
import { eq, type Stored, type StoreReader, type StorePort } from './ports/store'

/** A branch holds far fewer meetings than this in the span read (a year at most). */
const MAX_MEETINGS = 2000
const MAX_PER_MEETING = 500

/** The study rules along an org path (root first; nearest org's value wins). */
export async function studyRulesFor(store: StoreReader, org: Pick<Org, 'path'>): Promise<StudyRules> {
  const sets: StudyRuleSet[] = []
  for (const orgId of org.path) {
    const set = await store.get<StudyRuleSet>('rule_sets', studyRuleSetId(orgId))
    if (set) sets.push(set)
  }
  return effectiveStudyRules(sets)
}

/** The branch's meetings starting in [from, to) (ms), not cancelled, oldest first. */
async function meetingsBetween(
  store: StorePort,
  branchId: string,
  from: number,
  to: number,
): Promise<Stored<MeetingDoc>[]> {
  const all = await readAll(
    store,
    'meetings',
    [eq('branchId', branchId), { field: 'startAt', op: 'gte', value: from }, { field: 'startAt', op: 'lt', value: to }],
    'startAt',
    MAX_MEETINGS,
  )
  return all.filter((m) => m.status !== 'cancelled')
}

function makeupState(doc: { acceptedAt: number | null } | null): MakeupState {
  if (!doc) return 'none'
  return doc.acceptedAt ? 'accepted' : 'submitted'
}

/**
 * Every meeting of `branchId` starting in [from, to) (ms) that `memberId` was expected at (a
 * participant; cancelled ones left out), with their sign-in, leave and 补学, oldest first.
 */
export async function owedMeetings(
  store: StorePort,
  branchId: string,
  memberId: string,
  from: number,
  to: number,
): Promise<OwedMeetingFacts[]> {
  const meetings = (await meetingsBetween(store, branchId, from, to)).filter((m) => m.participantIds.includes(memberId))
  const out: OwedMeetingFacts[] = []
  for (const m of meetings) {
    const id = attendanceId(m._id, memberId)
    const [record, leave, makeup] = await Promise.all([
      store.get('attendance', id),
      store.get('leave_requests', id),
      store.get('makeups', `${m._id}.${memberId}`),
    ])
    out.push({
      meetingId: m._id,
      title: m.title,
      kind: m.kind,
      startAt: m.startAt,
      endAt: m.endAt,
      record: record ? { mode: record.mode, confirmed: record.confirmed, late: record.late } : null,
      leave: leave ? { status: leave.status } : null,
      makeup: makeupState(makeup),
    })
  }
  return out
}

/**
 * Each participant's per-month organizational-life facts over the branch's meetings starting in
 * [from, to) (ms) and ended by `now`: member id → (`YYYY-MM` → fact). Reads each meeting's sign-ins and
 * leave once, not per member.
 */
export async function branchOrgLifeFacts(
  store: StorePort,
  branchId: string,
  from: number,
  to: number,
  now: number,
): Promise<Map<string, Record<string, MonthFact>>> {
  const meetings = (await meetingsBetween(store, branchId, from, to)).filter((m) => m.endAt <= now)
  const perMember = new Map<string, Pick<OwedMeetingFacts, 'startAt' | 'endAt' | 'record' | 'leave'>[]>()
  for (const m of meetings) {
    const [records, leaves] = await Promise.all([
      readAll(store, 'attendance', [eq('meetingId', m._id)], 'signedAt', MAX_PER_MEETING),
      readAll(store, 'leave_requests', [eq('meetingId', m._id)], 'createdAt', MAX_PER_MEETING),
    ])
    const recordOf = new Map(records.map((r) => [r.memberId, r]))
    const leaveOf = new Map(leaves.map((l) => [l.memberId, l]))
    for (const memberId of m.participantIds) {
      const record = recordOf.get(memberId)
      const leave = leaveOf.get(memberId)
      const list = perMember.get(memberId) ?? []
      list.push({
        startAt: m.startAt,
        endAt: m.endAt,
        record: record ? { mode: record.mode, confirmed: record.confirmed, late: record.late } : null,
        leave: leave ? { status: leave.status } : null,
      })
      perMember.set(memberId, list)
    }
  }
  const out = new Map<string, Record<string, MonthFact>>()
  for (const [memberId, list] of perMember) out.set(memberId, orgLifeMonthFacts(list, now))
  return out
}
