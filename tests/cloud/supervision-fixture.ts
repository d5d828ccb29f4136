/**
 * The small 党委 the supervision tests share (clock of the test API: 2026-11-22 10:00 Beijing):
 * a 党委 with a 党总支, three branches (one with a 党小组) and meetings written the way the actions
 * write them, and another 党委 with a branch of its own.
 */
import { fromBeijing } from '../../src/domain/beijing-time'
import type { Member, Org } from '../../src/domain/org'
import type { MeetingKind } from '../../src/domain/meeting-kinds'
import type { AttendanceSummary } from '../../src/domain/supervision'
import type { MeetingDoc } from '../../src/cloud/collections'
import { ownerOf, rulesFor, updateCounters } from '../../src/cloud/compliance-counters'
import { addReadToRow } from '../../src/cloud/supervision-rows'
import type { TestApi } from './api-fixture'

const DAY = 86_400_000

export const ORGS: (Omit<Org, 'id'> & { _id: string })[] = [
  { _id: 'cmte', kind: 'committee', name: '测试党委', parentId: null, path: ['cmte'] },
  { _id: 'gb1', kind: 'general_branch', name: '机关党总支', parentId: 'cmte', path: ['cmte', 'gb1'] },
  { _id: 'b_a', kind: 'branch', name: '第一支部', parentId: 'cmte', path: ['cmte', 'b_a'] },
  { _id: 'b_a_g1', kind: 'group', name: '第一党小组', parentId: 'b_a', path: ['cmte', 'b_a', 'b_a_g1'] },
  { _id: 'b_b', kind: 'branch', name: '机关第二支部', parentId: 'gb1', path: ['cmte', 'gb1', 'b_b'] },
  { _id: 'b_c', kind: 'branch', name: '第三支部', parentId: 'gb1', path: ['cmte', 'gb1', 'b_c'] },
  { _id: 'cmte2', kind: 'committee', name: '另一党委', parentId: null, path: ['cmte2'] },
  { _id: 'x1', kind: 'branch', name: '外单位支部', parentId: 'cmte2', path: ['cmte2', 'x1'] },
]

function person(id: string, orgId: string, roles: Member['roles']) {
  return {
    _id: id,
    orgId,
    groupId: null,
    name: `成员${id}`,
    gender: 'male' as const,
    phone: '13800000000',
    category: 'full' as const,
    roles,
    status: 'normal' as const,
    joinedAt: '2005-07-01',
    confirmedAt: '2006-07-01',
  }
}

export interface Spec {
  id: string
  branchId: string
  kind: MeetingKind
  groupId?: string
  date: string
  start?: string
  end?: string
  held?: boolean
  finalized?: boolean
  late?: boolean
  participants?: number
  summary?: AttendanceSummary
}

/** A meeting written the way the actions write it: the meeting and its counters in one transaction. */
export async function meeting(a: TestApi, s: Spec): Promise<MeetingDoc> {
  const startAt = fromBeijing(s.date, s.start ?? '15:00')
  const endAt = fromBeijing(s.date, s.end ?? '17:00')
  const doc: MeetingDoc = {
    _id: s.id,
    branchId: s.branchId,
    kind: s.kind,
    title: s.id,
    startAt,
    endAt,
    place: '活动室',
    agenda: ['学习'],
    groupId: s.groupId ?? null,
    participantIds: Array.from({ length: s.participants ?? 10 }, (_, i) => `p${i}`),
    status: 'scheduled',
    createdBy: 'sup',
    createdAt: startAt - DAY,
    updatedAt: startAt - DAY,
    attendanceRecordedAt: s.held ? endAt : null,
    attendanceSummary: s.held ? (s.summary ?? null) : null,
    minutesFinalizedAt: s.finalized ? endAt + (s.late ? 10 * DAY : DAY) : null,
    minutesLate: s.finalized ? s.late === true : null,
    quorumMet: null,
  }
  const branch = (await a.ports.store.get('orgs', s.branchId))!
  const rules = await rulesFor(a.ports.store, branch)
  await a.ports.store.transaction(async (tx) => {
    await tx.insert('meetings', doc)
    await updateCounters(tx, rules, null, doc)
  })
  return doc
}

/**
 * The fixture (clock 2026-11-22 10:00 Beijing): 第一支部 with its 党小组 holds four meetings and
 * plans one; 第三支部 holds every 主题党日 on time; 机关第二支部 holds nothing.
 */
export async function fixture(a: TestApi) {
  const { store } = a.ports
  await store.transaction(async (tx) => {
    for (const org of ORGS) await tx.insert('orgs', org)
    for (const m of [
      person('sup', 'cmte', ['supervisor']),
      person('sup2', 'cmte2', ['supervisor']),
      person('sec_a', 'b_a', ['secretary']),
    ]) {
      await tx.insert('members', m)
      await tx.insert('bindings', { _id: `dev_${m._id}`, memberId: m._id, boundAt: a.clock.now })
    }
  })
  // 1月: on time; 8 of 10 present, 2 by hand, 1 offline, 1 remote.
  const jan = await meeting(a, {
    id: 'm_jan',
    branchId: 'b_a',
    kind: 'theme_day',
    date: '2026-01-05',
    held: true,
    finalized: true,
    summary: { expected: 10, present: 8, signIns: 8, manual: 2, offline: 1, remote: 1 },
  })
  // 2月: 补录, at night, ten minutes, every sign-in by hand.
  await meeting(a, {
    id: 'm_feb',
    branchId: 'b_a',
    kind: 'theme_day',
    date: '2026-02-05',
    start: '23:00',
    end: '23:10',
    held: true,
    finalized: true,
    late: true,
    summary: { expected: 10, present: 6, signIns: 6, manual: 6, offline: 0, remote: 0 },
  })
  // 11月10日: held, minutes still not final 12 days later: 逾期.
  await meeting(a, {
    id: 'm_nov',
    branchId: 'b_a',
    kind: 'theme_day',
    date: '2026-11-10',
    held: true,
    summary: { expected: 10, present: 9, signIns: 9, manual: 0, offline: 0, remote: 0 },
  })
  await meeting(a, {
    id: 'm_oct_g',
    branchId: 'b_a',
    kind: 'group_meeting',
    groupId: 'b_a_g1',
    date: '2026-10-12',
    held: true,
    finalized: true,
    participants: 5,
    summary: { expected: 5, present: 5, signIns: 5, manual: 0, offline: 0, remote: 0 },
  })
  await meeting(a, { id: 'm_dec', branchId: 'b_a', kind: 'committee_meeting', date: '2026-12-03' })
  for (let month = 1; month <= 10; month += 1) {
    await meeting(a, {
      id: `m_c_${month}`,
      branchId: 'b_c',
      kind: 'theme_day',
      date: `2026-${String(month).padStart(2, '0')}-06`,
      held: true,
      finalized: true,
      summary: { expected: 4, present: 4, signIns: 4, manual: 0, offline: 0, remote: 0 },
    })
  }
  // One member confirmed (阅签) January's minutes.
  await store.transaction(async (tx) => {
    await tx.insert('minutes_reads', { _id: 'm_jan.p0', meetingId: 'm_jan', memberId: 'p0', at: a.clock.now })
    await addReadToRow(tx, jan, ownerOf(jan))
  })
}
