/**
 * Member states (issue 16 §3) against the seeded store: 延长预备期 refused beyond a year and nothing
 * changed; 留党察看 takes the vote; an approved exclusion leaves the member out of 应到 on the meeting's
 * day; every change lands in the history with who, when and why; the member sees their own states, a
 * fellow member does not; and the 转正 reminders fire a month before and on the day (Beijing), once.
 */
import { probationReminders } from '../../src/cloud/jobs/probation-reminders'
import type { NoticeDoc } from '../../src/cloud/documents'
import { fromBeijing } from '../../src/domain/beijing-time'
import {
  apiPerTest,
  expectRefused,
  MEMBER_B1,
  ORGANIZER_B1,
  PROBATIONARY_B1,
  requestIds,
  scheduleInput,
  SECRETARY_B1,
} from './api-fixture'

const api = apiPerTest()
const rid = requestIds('req-states')

async function member(id: string, viewer = SECRETARY_B1) {
  return api.as(viewer).call('roster.get', { memberId: id })
}

describe('延长预备期', () => {
  test('beyond a year is refused in Chinese and changes nothing; within a year is kept with its history', async () => {
    const before = await member(PROBATIONARY_B1)
    // The seed admits its 预备党员 on 2026-07-01: the regular end is 2027-07-01, the latest 2028-07-01.
    expect(before.states?.probationDueOn).toBe('2027-07-01')
    expect(before.states?.latestExtension).toBe('2028-07-01')
    const refused = await api
      .as(SECRETARY_B1)
      .result(
        'memberState.extendProbation',
        { memberId: PROBATIONARY_B1, version: before.version, until: '2028-07-02', reason: '支部大会决议延长' },
        rid(),
      )
    expectRefused(refused, 'VALIDATION_FAILED', /不能超过一年.*2028-07-01/)
    const unchanged = await member(PROBATIONARY_B1)
    expect(unchanged.version).toBe(before.version)
    expect(unchanged.history.filter((h) => h.field === 'probationExtendedTo')).toHaveLength(0)

    const at = api.clock.now
    const saved = await api
      .as(ORGANIZER_B1)
      .call(
        'memberState.extendProbation',
        { memberId: PROBATIONARY_B1, version: before.version, until: '2028-01-01', reason: '支部大会决议延长半年' },
        rid(),
      )
    expect(saved.states?.probationDueOn).toBe('2028-01-01')
    const entry = saved.history.find((h) => h.field === 'probationExtendedTo')
    expect(entry).toMatchObject({
      from: null,
      to: '2028-01-01',
      reason: '支部大会决议延长半年',
      by: { id: ORGANIZER_B1 },
      at,
    })
  })

  test('a 正式党员 cannot have a 预备期 extended', async () => {
    const m = await member(MEMBER_B1)
    const r = await api.as(SECRETARY_B1).result(
      'memberState.extendProbation',
      {
        memberId: MEMBER_B1,
        version: m.version,
        until: '2027-01-01',
        reason: '误操作',
      },
      rid(),
    )
    expectRefused(r, 'VALIDATION_FAILED', /不是预备党员/)
  })
})

describe('留党察看', () => {
  test('takes the vote while it runs and is kept in the history; the member sees it, a fellow member does not', async () => {
    const before = await member(MEMBER_B1)
    expect(before.votingRights).toBe(true)
    const saved = await api.as(SECRETARY_B1).call(
      'memberState.setPartyProbation',
      {
        memberId: MEMBER_B1,
        version: before.version,
        reason: '示纪字〔2026〕3号',
        partyProbation: { from: '2026-11-01', to: '2027-10-31', decidedBy: '示范区机关党委', liftedOn: null },
      },
      rid(),
    )
    expect(saved.votingRights).toBe(false)
    expect(saved.states?.partyProbationRunning).toBe(true)
    expect(saved.history[0]).toMatchObject({ field: 'partyProbation', from: null, by: { id: SECRETARY_B1 } })
    const own = await member(MEMBER_B1, MEMBER_B1)
    expect(own.states?.partyProbation?.decidedBy).toBe('示范区机关党委')
    const fellow = await member(MEMBER_B1, PROBATIONARY_B1)
    expect(fellow.states).toBeNull()

    const tooLong = await api.as(SECRETARY_B1).result(
      'memberState.setPartyProbation',
      {
        memberId: MEMBER_B1,
        version: saved.version,
        reason: '改期',
        partyProbation: { from: '2026-11-01', to: '2028-11-02', decidedBy: '示范区机关党委', liftedOn: null },
      },
      rid(),
    )
    expectRefused(tooLong, 'VALIDATION_FAILED', /最长两年/)
  })

  test('only the roster keepers set it', async () => {
    const m = await member(MEMBER_B1)
    const r = await api.as(MEMBER_B1).result(
      'memberState.setPartyProbation',
      {
        memberId: MEMBER_B1,
        version: m.version,
        reason: '试试',
        partyProbation: null,
      },
      rid(),
    )
    expectRefused(r, 'FORBIDDEN')
  })
})

describe('不计入应到', () => {
  test('an excluded member is not in 应到 on the meeting day, and is again once lifted', async () => {
    const meeting = await api.as(SECRETARY_B1).call('meeting.schedule', scheduleInput(), rid())
    const board = async () => api.as(SECRETARY_B1).call('attendance.board', { meetingId: meeting.id })
    const expectedBefore = (await board()).expected
    const m = await member(MEMBER_B1)
    expect((await board()).people.some((p) => p.memberId === MEMBER_B1)).toBe(true)

    const saved = await api.as(SECRETARY_B1).call(
      'memberState.setExclusion',
      {
        memberId: MEMBER_B1,
        version: m.version,
        reason: '长期住院',
        exclusion: {
          reason: 'long_sick_leave',
          note: '住院治疗，党委同意',
          approvedBy: '示范区机关党委',
          approvedOn: '2026-11-20',
          from: '2026-11-20',
          to: '2027-02-28',
        },
      },
      rid(),
    )
    expect(saved.states?.excludedToday).toBe(true)
    const during = await board()
    expect(during.expected).toBe(expectedBefore - 1)
    expect(during.people.some((p) => p.memberId === MEMBER_B1)).toBe(false)
    expect(saved.history[0]).toMatchObject({ field: 'exclusion', reason: '长期住院', by: { id: SECRETARY_B1 } })

    // Ending before the meeting day (2026-12-04): counted again.
    const shorter = await api.as(SECRETARY_B1).call(
      'memberState.setExclusion',
      {
        memberId: MEMBER_B1,
        version: saved.version,
        reason: '提前出院',
        exclusion: { ...saved.states!.exclusion!, to: '2026-12-03' },
      },
      rid(),
    )
    expect((await board()).expected).toBe(expectedBefore)
    const lifted = await api
      .as(SECRETARY_B1)
      .call(
        'memberState.setExclusion',
        { memberId: MEMBER_B1, version: shorter.version, reason: '恢复', exclusion: null },
        rid(),
      )
    expect(lifted.states?.exclusion).toBeNull()
    expect(lifted.history.filter((h) => h.field === 'exclusion')).toHaveLength(3)
  })

  test('the approval must come first', async () => {
    const m = await member(MEMBER_B1)
    const r = await api.as(SECRETARY_B1).result(
      'memberState.setExclusion',
      {
        memberId: MEMBER_B1,
        version: m.version,
        reason: '补批',
        exclusion: {
          reason: 'away_untransferred',
          note: '外出务工',
          approvedBy: '张建国',
          approvedOn: '2026-11-21',
          from: '2026-11-20',
          to: null,
        },
      },
      rid(),
    )
    expectRefused(r, 'VALIDATION_FAILED', /先经批准/)
  })
})

describe('转正 reminders', () => {
  async function reminders(): Promise<NoticeDoc[]> {
    const page = await api.ports.store.query<NoticeDoc>('notifications', {
      where: [{ field: 'template', op: 'eq', value: 'member.probationDue' }],
      limit: 200,
    })
    return page.items.filter((n) => (n.data as { memberId?: string }).memberId === PROBATIONARY_B1)
  }
  const at = (date: string, time = '08:00') => fromBeijing(date, time)

  test('a month before and on the day (Beijing dates), each once', async () => {
    // Due 2027-07-01: a month before is 2027-06-01.
    expect((await probationReminders.run(api.ports, at('2027-05-31', '23:59'))).sent).toBe(0)
    expect(await reminders()).toHaveLength(0)
    // 2027-05-31 16:30 UTC is already 2027-06-01 00:30 in Beijing.
    await probationReminders.run(api.ports, Date.UTC(2027, 4, 31, 16, 30))
    const month = await reminders()
    expect(month).toHaveLength(1)
    expect(month[0].memberId).toBe(SECRETARY_B1)
    expect(month[0].title).toContain('预备期将满')
    expect(month[0].page).toContain(`id=${PROBATIONARY_B1}`)
    await probationReminders.run(api.ports, at('2027-06-01', '09:00'))
    await probationReminders.run(api.ports, at('2027-06-30'))
    expect(await reminders()).toHaveLength(1)
    await probationReminders.run(api.ports, at('2027-07-01'))
    const both = await reminders()
    expect(both).toHaveLength(2)
    expect(both.some((n) => n.title.includes('今天期满'))).toBe(true)
    await probationReminders.run(api.ports, at('2027-07-02'))
    expect(await reminders()).toHaveLength(2)
  })

  test('an extension moves the reminders to the new end', async () => {
    const m = await member(PROBATIONARY_B1)
    await api
      .as(SECRETARY_B1)
      .call(
        'memberState.extendProbation',
        { memberId: PROBATIONARY_B1, version: m.version, until: '2028-01-01', reason: '延长半年' },
        rid(),
      )
    await probationReminders.run(api.ports, at('2027-07-01'))
    expect(await reminders()).toHaveLength(0)
    await probationReminders.run(api.ports, at('2027-12-01'))
    const sent = await reminders()
    expect(sent).toHaveLength(1)
    expect(sent[0].body).toContain('延长预备期 2028-01-01 期满')
  })
})
