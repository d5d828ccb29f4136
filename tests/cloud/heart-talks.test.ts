/**
 * 谈心谈话 per pair (issue 16 §4) and small branches (§5) against the seeded store: a talk recorded by
 * one of the pair counts for its pair's yearly duty; its note reaches the pair and the 书记 only; a
 * member cannot record for others; and a branch below 7 正式党员 owes no 支委会 while one of 7 does.
 */
import type { Member } from '../../src/domain/org'
import {
  apiPerTest,
  expectRefused,
  MEMBER_B1,
  MEMBER_B2,
  ORGANIZER_B1,
  PROPAGANDA_B1,
  requestIds,
  SECRETARY_B1,
  SUPERVISOR,
} from './api-fixture'

const api = apiPerTest()
const rid = requestIds('req-talks')

describe('谈心谈话 per pair', () => {
  test('a talk counts for its pair; the note is for the pair and the 书记 only', async () => {
    const before = await api.as(SECRETARY_B1).call('heartTalk.duty', { year: 2026 })
    expect(before.whole).toBe(true)
    // The demo's 书记 has talked with the other committee members and two members this year.
    expect(before.done).toBe(5)
    expect(before.owed).toBeGreaterThan(before.done)
    const key = [SECRETARY_B1, MEMBER_B1].sort().join('+')
    expect(before.outstanding.some((p) => p.key === key && p.kind === 'committee_member')).toBe(true)

    const talk = await api
      .as(MEMBER_B1)
      .call(
        'heartTalk.record',
        { memberIds: [MEMBER_B1, SECRETARY_B1], date: '2026-11-20', note: '谈工作和学习' },
        rid(),
      )
    expect(talk.note).toBe('谈工作和学习')

    const after = await api.as(SECRETARY_B1).call('heartTalk.duty', { year: 2026 })
    expect(after.done).toBe(before.done + 1)
    expect(after.owed).toBe(before.owed)
    expect(after.outstanding.some((p) => p.key === key)).toBe(false)
    expect(after.talks[0].note).toBe('谈工作和学习')

    // The 宣传委员 sees the whole list, but not what was said.
    const propaganda = await api.as(PROPAGANDA_B1).call('heartTalk.duty', { year: 2026 })
    expect(propaganda.talks[0].note).toBeNull()
    // The 党委 sees the counts of a branch, not the note.
    const supervisor = await api.as(SUPERVISOR).call('heartTalk.duty', { branchId: 'org_b1', year: 2026 })
    expect(supervisor.done).toBe(before.done + 1)
    expect(supervisor.talks[0].note).toBeNull()
    // A member sees only their own pairs.
    const mine = await api.as(MEMBER_B1).call('heartTalk.duty', { year: 2026 })
    expect(mine.whole).toBe(false)
    expect(mine.outstanding.every((p) => p.members.some((m) => m.id === MEMBER_B1))).toBe(true)
    expect(mine.talks.map((t) => t.id)).toEqual([talk.id])
    // Next year the pair owes again.
    expect((await api.as(SECRETARY_B1).call('heartTalk.duty', { year: 2027 })).done).toBe(0)
  })

  test('a member records only their own talks; organizers record any pair; no future, no outsider', async () => {
    const forOthers = await api
      .as(MEMBER_B1)
      .result(
        'heartTalk.record',
        { memberIds: [SECRETARY_B1, PROPAGANDA_B1], date: '2026-11-20', note: '代登记' },
        rid(),
      )
    expectRefused(forOthers, 'FORBIDDEN', /只能登记自己参与/)
    const byOrganizer = await api
      .as(ORGANIZER_B1)
      .result(
        'heartTalk.record',
        { memberIds: [SECRETARY_B1, PROPAGANDA_B1], date: '2026-11-20', note: '委员之间' },
        rid(),
      )
    expect(byOrganizer.ok).toBe(true)
    const future = await api
      .as(MEMBER_B1)
      .result('heartTalk.record', { memberIds: [MEMBER_B1, SECRETARY_B1], date: '2026-11-23', note: '明天谈' }, rid())
    expectRefused(future, 'VALIDATION_FAILED', /不能晚于今天/)
    const outsider = await api
      .as(SECRETARY_B1)
      .result('heartTalk.record', { memberIds: [SECRETARY_B1, MEMBER_B2], date: '2026-11-20', note: '跨支部' }, rid())
    expectRefused(outsider, 'VALIDATION_FAILED', /不是本支部在册党员/)
    const same = await api
      .as(SECRETARY_B1)
      .result('heartTalk.record', { memberIds: [SECRETARY_B1, SECRETARY_B1], date: '2026-11-20', note: '自己' }, rid())
    expectRefused(same, 'VALIDATION_FAILED', /不能是同一个人/)
  })
})

describe('small branches (条例 第六章)', () => {
  /** Leaves exactly `n` active 正式党员 in the first branch (the rest marked 已转出 in the store). */
  async function keepFullMembers(n: number): Promise<void> {
    const page = await api.ports.store.query<Omit<Member, 'id'>>('members', {
      where: [{ field: 'orgId', op: 'eq', value: 'org_b1' }],
      orderBy: { field: '_id', direction: 'asc' },
      limit: 100,
    })
    let kept = 0
    for (const m of page.items) {
      if (m.category !== 'full' || m.status === 'transferred') continue
      kept += 1
      if (kept > n) await api.ports.store.update('members', m._id, { status: 'transferred' }, m._version)
    }
    expect(kept).toBeGreaterThanOrEqual(n)
  }

  async function summary() {
    const page = await api.as(SECRETARY_B1).call('compliance.summary', { date: '2026-11-22' })
    return page.items[0]
  }

  test('fewer than 7 正式党员: no 支部委员会, no 支委会 owed, and why', async () => {
    await keepFullMembers(6)
    const s = await summary()
    expect(s.committee).toMatchObject({ hasCommittee: false, fullMembers: 6 })
    expect(s.committee.reason).toContain('不足 7 人')
    expect(s.items.some((i) => i.kind === 'committee_meeting')).toBe(false)
    expect(s.items.some((i) => i.kind === 'theme_day')).toBe(true)
    const cal = await api.as(SECRETARY_B1).call('meeting.calendar', { month: '2026-11' })
    // The month calendar's period statuses (and so the quota warnings) leave it out too.
    expect(cal.periods.some((p) => p.kind === 'committee_meeting')).toBe(false)
    expect(cal.periods.some((p) => p.kind === 'theme_day')).toBe(true)
    // So does the plan, and it says why.
    const plan = await api.as(SECRETARY_B1).call('plan.generate', { year: 2027 }, rid())
    expect(plan.items.some((i) => i.kind === 'committee_meeting')).toBe(false)
    expect(plan.items.some((i) => i.kind === 'theme_day')).toBe(true)
    expect(plan.warnings.some((w) => w.includes('不设支部委员会'))).toBe(true)
    // 首页's 谈心谈话 line: the year's pairs, done and owed.
    expect(s.heartTalks.year).toBe(2026)
    expect(s.heartTalks.owed).toBeGreaterThan(s.heartTalks.done)
  })

  test('7 正式党员: a 支部委员会 that owes its 支委会', async () => {
    await keepFullMembers(7)
    const s = await summary()
    expect(s.committee).toMatchObject({ hasCommittee: true, fullMembers: 7 })
    expect(s.items.some((i) => i.kind === 'committee_meeting')).toBe(true)
    const plan = await api.as(SECRETARY_B1).call('plan.generate', { year: 2027 }, rid())
    expect(plan.items.filter((i) => i.kind === 'committee_meeting')).toHaveLength(12)
    expect(plan.warnings.some((w) => w.includes('不设支部委员会'))).toBe(false)
  })
})
