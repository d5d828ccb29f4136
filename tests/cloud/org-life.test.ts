/**
 * 我的组织生活 and the 党章 第九条 warning (issue 15) against the seeded demo: each owed meeting as the
 * attendance board has it, 补学 offered and accepted only for who missed, the privacy of another
 * member's record, and the daily step telling the secretary on the day the 3rd month completes (the
 * 党委 too at the 6th), never for approved leave, never twice.
 */
import { lapseWarning } from '../../src/cloud/jobs/lapse-warning'
import { DAILY_JOBS } from '../../src/cloud/jobs'
import { fromBeijing } from '../../src/domain/beijing-time'
import { notYetOwed } from '../../src/domain/org-life'
import {
  apiPerTest,
  expectRefused,
  MEMBER_B1,
  MEMBER_B2,
  PROPAGANDA_B1,
  requestIds,
  scheduleInput,
  SECRETARY_B1,
  SECRETARY_B2,
  SUPERVISOR,
  type TestApi,
} from './api-fixture'

const api = apiPerTest()
const rid = requestIds('org-life')
const NOTE = '阅读了会议记录，学习了会议传达的上级精神和支部的工作安排。'

describe('我的组织生活', () => {
  test('each owed meeting of the year is as the attendance board has it; 学时 add up against 32 (a 支委: 56)', async () => {
    const view = await api.as(MEMBER_B1).call('orgLife.mine', { year: 2026 })
    expect(view.member).toMatchObject({ id: MEMBER_B1, branchId: 'org_b1', committee: false })
    expect(view.mine).toBe(true)
    const past = view.entries.filter((e) => !notYetOwed(e.outcome))
    expect(past.length).toBeGreaterThan(10)
    // Newest first.
    expect(view.entries.map((e) => e.startAt)).toEqual([...view.entries.map((e) => e.startAt)].sort((a, b) => b - a))
    const boardState = {
      present: 'present',
      remote: 'remote',
      leave: 'leave',
      absent: 'absent',
      leave_pending: 'absent',
    }
    for (const e of past.slice(0, 8)) {
      const board = await api.as(SECRETARY_B1).call('attendance.board', { meetingId: e.meetingId })
      const line = board.people.find((p) => p.memberId === MEMBER_B1)!
      expect([e.meetingId, e.outcome]).toEqual([
        e.meetingId,
        boardState[line.state as keyof typeof boardState] ?? 'pending',
      ])
      expect(e.late).toBe(line.late)
    }
    expect(view.totals.owed).toBe(past.length)
    expect(view.totals.hours).toBe(past.reduce((s, e) => s + e.hours, 0))
    expect(view.totals.requiredHours).toBe(32)
    expect((await api.as(SECRETARY_B1).call('orgLife.mine', { year: 2026 })).totals.requiredHours).toBe(56)
    expect((await api.as(MEMBER_B1).call('orgLife.mine', { year: 2021 })).entries).toEqual([])
  })

  test('补学 is offered for a missed meeting, never for an attended one; the server refuses the attended and writes nothing', async () => {
    const view = await api.as(MEMBER_B1).call('orgLife.mine', { year: 2026 })
    const attended = view.entries.find((e) => e.outcome === 'present')!
    expect(attended.makeupOffered).toBe(false)
    expect((await api.as(MEMBER_B1).call('meeting.get', { meetingId: attended.meetingId })).iMissed).toBe(false)
    expectRefused(
      await api.as(MEMBER_B1).result('makeup.submit', { meetingId: attended.meetingId, note: NOTE }, rid()),
      'VALIDATION_FAILED',
      /已出席.*补学只面向缺席或请假/,
    )
    expect(await api.ports.store.count('makeups')).toBe(0)

    // A held meeting with final minutes the member missed: make one by removing his sign-in.
    const target = view.entries.find((e) => e.outcome === 'present' && e.kind === 'theme_day')!
    const meeting = (await api.ports.store.get('meetings', target.meetingId))!
    expect(meeting.minutesFinalizedAt).toBeTruthy()
    const signIn = (await api.ports.store.get('attendance', `${target.meetingId}.${MEMBER_B1}`))!
    await api.ports.store.remove('attendance', signIn._id, signIn._version)
    const missed = (await api.as(MEMBER_B1).call('orgLife.mine', { year: 2026 })).entries.find(
      (e) => e.meetingId === target.meetingId,
    )!
    expect(missed).toMatchObject({ outcome: 'absent', makeupOffered: true, makeup: 'none', hours: 0 })
    expect((await api.as(MEMBER_B1).call('meeting.get', { meetingId: target.meetingId })).iMissed).toBe(true)

    await api.as(MEMBER_B1).call('makeup.submit', { meetingId: target.meetingId, note: NOTE }, rid())
    let after = (await api.as(MEMBER_B1).call('orgLife.mine', { year: 2026 })).entries.find(
      (e) => e.meetingId === target.meetingId,
    )!
    expect(after).toMatchObject({ outcome: 'absent', makeup: 'submitted', makeupOffered: false, hours: 0 })
    await api.as(SECRETARY_B1).call('makeup.accept', { meetingId: target.meetingId, memberId: MEMBER_B1 }, rid())
    after = (await api.as(MEMBER_B1).call('orgLife.mine', { year: 2026 })).entries.find(
      (e) => e.meetingId === target.meetingId,
    )!
    // 补学 earns the 学时 (rule data) but is never attendance.
    expect(after).toMatchObject({ outcome: 'absent', makeup: 'accepted', hours: 4 })
  })

  test('another member’s record: the branch’s organizers and the 党委 read it (offering no 补学); others are refused', async () => {
    const own = await api.as(MEMBER_B1).call('orgLife.mine', { year: 2026 })
    const bySecretary = await api.as(SECRETARY_B1).call('orgLife.member', { memberId: MEMBER_B1, year: 2026 })
    expect(bySecretary.mine).toBe(false)
    expect(bySecretary.totals).toEqual(own.totals)
    expect(bySecretary.entries.every((e) => !e.makeupOffered)).toBe(true)
    expect((await api.as(SUPERVISOR).call('orgLife.member', { memberId: MEMBER_B1, year: 2026 })).totals).toEqual(
      own.totals,
    )
    for (const who of [PROPAGANDA_B1, MEMBER_B2, SECRETARY_B2]) {
      expectRefused(await api.as(who).result('orgLife.member', { memberId: MEMBER_B1, year: 2026 }), 'FORBIDDEN')
    }
  })
})

describe('study rules as data per 党委', () => {
  test('the 党委 sets the yearly 学时 and a kind’s hours; members below read them; a branch cannot set them', async () => {
    const set = await api
      .as(SUPERVISOR)
      .call('orgLife.setStudyRules', { orgId: 'org_cmte', memberHours: 40, hoursByKind: { party_lecture: 8 } }, rid())
    expect(set.rules).toMatchObject({ memberHours: 40, committeeHours: 56 })
    expect(set.rules.hoursByKind).toMatchObject({ party_lecture: 8, theme_day: 4 })
    const view = await api.as(MEMBER_B1).call('orgLife.mine', { year: 2026 })
    expect(view.totals.requiredHours).toBe(40)
    const lecture = view.entries.find((e) => e.kind === 'party_lecture' && e.outcome === 'present')!
    expect(lecture.hours).toBe(8)

    expectRefused(
      await api.as(SUPERVISOR).result('orgLife.setStudyRules', { orgId: 'org_b1', memberHours: 10 }, rid()),
      'VALIDATION_FAILED',
      /请在党委一级设置/,
    )
    expectRefused(
      await api
        .as(SUPERVISOR)
        .raw('orgLife.setStudyRules', { orgId: 'org_cmte', hoursByKind: { theme_day: -2 } }, rid()),
      'VALIDATION_FAILED',
      /学时不能为负数/,
    )
    expect((await api.as(MEMBER_B1).call('orgLife.mine', { year: 2026 })).totals.requiredHours).toBe(40)
  })
})

// ---- 党章 第九条 ----

const ON_LEAVE = 'm_b1_09'
const EXCLUDED = 'm_b1_12'

/** A 主题党日 of the first branch on a Beijing date, scheduled now; returns its id. */
async function themeDay(t: TestApi, date: string): Promise<string> {
  const m = await t.as(SECRETARY_B1).call('meeting.schedule', scheduleInput({ date, title: `${date} 主题党日` }), rid())
  return m.id
}

async function signIn(t: TestApi, meetingId: string, memberId: string, at: number) {
  await t.ports.store.insert('attendance', {
    _id: `${meetingId}.${memberId}`,
    meetingId,
    memberId,
    branchId: 'org_b1',
    mode: 'in_person',
    late: false,
    via: 'qr',
    signedAt: at,
    offline: false,
    manualReason: null,
    recordedBy: null,
    confirmed: true,
    receivedAt: at,
    confirmedBy: null,
    confirmedAt: null,
  })
}

async function approvedLeave(t: TestApi, meetingId: string, memberId: string, at: number) {
  await t.ports.store.insert('leave_requests', {
    _id: `${meetingId}.${memberId}`,
    meetingId,
    memberId,
    branchId: 'org_b1',
    category: 'sick',
    note: '住院治疗',
    status: 'approved',
    createdAt: at,
    decidedBy: SECRETARY_B1,
    decidedAt: at,
    decisionNote: null,
  })
}

/** The lapse notices stored so far, as `<recipient> <member> <threshold>`. */
async function lapseNotices(t: TestApi): Promise<string[]> {
  const page = await t.ports.store.query('notifications', { where: [], limit: 1000 })
  return page.items
    .filter((n) => n.template === 'lapse.warning')
    .map((n) => {
      const d = n.data as unknown as { memberId: string; threshold: number; cause: string }
      return `${n.memberId} ${d.memberId} ${d.cause} ${d.threshold}`
    })
    .sort()
}

const at = (date: string) => fromBeijing(date, '08:00')

describe('the six-month warning (党章 第九条)', () => {
  test('fires on the day the 3rd and the 6th month complete, the 党委 at six; never for approved leave; never twice', async () => {
    expect(DAILY_JOBS).toContain(lapseWarning)
    // November kept by both (signed in at a late-November meeting), then a meeting every month that
    // MEMBER_B1 misses and ON_LEAVE is excused from.
    const nov = await themeDay(api, '2026-11-27')
    await signIn(api, nov, MEMBER_B1, at('2026-11-27'))
    await signIn(api, nov, ON_LEAVE, at('2026-11-27'))
    for (const date of ['2026-12-18', '2027-01-15', '2027-02-12', '2027-03-12', '2027-04-16', '2027-05-14']) {
      const id = await themeDay(api, date)
      await approvedLeave(api, id, ON_LEAVE, at(date) - 86_400_000)
    }
    const about = (notices: string[], member: string) => notices.filter((n) => n.split(' ')[1] === member)
    // An approved exclusion from 应到 (长期病休) for another member who, like MEMBER_B1, attends nothing.
    const excluded = (await api.ports.store.get('members', EXCLUDED))!
    await api.ports.store.update(
      'members',
      EXCLUDED,
      {
        exclusion: {
          reason: 'long_sick_leave',
          note: '住院治疗，经党委同意',
          approvedBy: '示范区机关党委',
          approvedOn: '2026-11-25',
          from: '2026-12-01',
          to: null,
        },
      },
      excluded._version,
    )

    // The last day of February: two months complete (December, January) — nothing yet.
    api.clock.now = at('2027-02-28')
    await lapseWarning.run(api.ports, api.clock.now)
    expect(about(await lapseNotices(api), MEMBER_B1)).toEqual([])

    // 1 March: February completes the third month; the secretary alone is told.
    api.clock.now = at('2027-03-01')
    const first = await lapseWarning.run(api.ports, api.clock.now)
    expect(about(await lapseNotices(api), MEMBER_B1)).toEqual([`${SECRETARY_B1} ${MEMBER_B1} org_life 3`])
    expect(first.details.some((d) => d.startsWith('黄晓明已连续 3 个月没有参加组织生活（2026年12月起）'))).toBe(true)
    const notice = (await api.ports.store.query('notifications', { where: [], limit: 1000 })).items.find(
      (n) => n.template === 'lapse.warning' && (n.data as unknown as { memberId: string }).memberId === MEMBER_B1,
    )!
    expect(notice.page).toBe(`packages/orglife/pages/mine/index?memberId=${MEMBER_B1}`)

    // The same day again, and the next days: nothing new.
    const again = await lapseWarning.run(api.ports, api.clock.now)
    expect(again.details.filter((d) => d.startsWith('黄晓明'))).toEqual([])
    api.clock.now = at('2027-03-02')
    await lapseWarning.run(api.ports, api.clock.now)
    expect(about(await lapseNotices(api), MEMBER_B1)).toHaveLength(1)

    // 31 May: five months complete — still only the first notice.
    api.clock.now = at('2027-05-31')
    await lapseWarning.run(api.ports, api.clock.now)
    expect(about(await lapseNotices(api), MEMBER_B1)).toHaveLength(1)

    // 1 June: May completes the sixth month; the secretary and the 党委's 组织员 are told.
    api.clock.now = at('2027-06-01')
    await lapseWarning.run(api.ports, api.clock.now)
    expect(about(await lapseNotices(api), MEMBER_B1)).toEqual(
      [
        `${SECRETARY_B1} ${MEMBER_B1} org_life 3`,
        `${SECRETARY_B1} ${MEMBER_B1} org_life 6`,
        `${SUPERVISOR} ${MEMBER_B1} org_life 6`,
      ].sort(),
    )
    // Approved leave for every meeting, or an approved exclusion from 应到: never warned.
    expect(about(await lapseNotices(api), ON_LEAVE)).toEqual([])
    expect(about(await lapseNotices(api), EXCLUDED)).toEqual([])

    // The member reads it gently on 我的组织生活.
    const mine = await api.as(MEMBER_B1).call('orgLife.mine', { year: 2027 })
    expect(mine.lapses.filter((l) => l.cause === 'org_life')).toEqual([
      {
        cause: 'org_life',
        months: 6,
        since: '2026-12',
        line: '你已连续 6 个月没有参加组织生活（2026年12月起），请留意近期的会议，或与支部联系。',
      },
    ])
    const onLeave = await api.as(ON_LEAVE).call('orgLife.mine', { year: 2027 })
    expect(onLeave.lapses.filter((l) => l.cause === 'org_life')).toEqual([])
  })
})

describe('the six-month warning for dues (党章 第九条)', () => {
  test('months owed and unpaid: the secretary is told on the day the 3rd completes; an approved 减免 is never warned; paying ends it', async () => {
    // The demo has 2026's bases declared and payments through October (the seed's last month).
    for (const memberId of [MEMBER_B1, ON_LEAVE]) {
      await api
        .as(SECRETARY_B1)
        .call('dues.setBase', { memberId, year: 2027, category: 'employed', baseFen: 600_000 }, rid())
    }
    api.clock.now = at('2027-01-31')
    await api.as(SECRETARY_B1).call(
      'dues.recordExemption',
      {
        memberId: ON_LEAVE,
        months: ['2026-11', '2026-12', '2027-01'],
        monthlyFen: 0,
        approvedBy: '示范区机关党委',
        approvedOn: '2026-11-05',
        reason: '因病长期住院，生活困难',
      },
      rid(),
    )
    const dues = async () =>
      (await lapseNotices(api)).filter((n) => n.includes(' dues ') && [MEMBER_B1, ON_LEAVE].includes(n.split(' ')[1]))
    // 31 January: November and December complete — two months, nothing yet.
    await lapseWarning.run(api.ports, api.clock.now)
    expect(await dues()).toEqual([])

    // 1 February: January completes the third month.
    api.clock.now = at('2027-02-01')
    await lapseWarning.run(api.ports, api.clock.now)
    expect(await dues()).toEqual([`${SECRETARY_B1} ${MEMBER_B1} dues 3`])
    const mine = await api.as(MEMBER_B1).call('orgLife.mine', { year: 2027 })
    expect(mine.lapses.find((l) => l.cause === 'dues')).toEqual({
      cause: 'dues',
      months: 3,
      since: '2026-11',
      line: '你已连续 3 个月没有交纳党费（2026年11月起），请与支部组织委员联系交纳。',
    })

    // Paid in arrears: the run ends, nothing more is said.
    await api.as(SECRETARY_B1).call(
      'dues.recordPayment',
      {
        memberId: MEMBER_B1,
        months: ['2026-11', '2026-12', '2027-01'],
        amountFen: 2 * 4_500 + 9_000,
        method: 'cash',
        receiptNo: 'DF-2027-001',
        paidOn: '2027-02-01',
      },
      rid(),
    )
    const after = await api.as(MEMBER_B1).call('orgLife.mine', { year: 2027 })
    expect(after.lapses.filter((l) => l.cause === 'dues')).toEqual([])
  })
})
