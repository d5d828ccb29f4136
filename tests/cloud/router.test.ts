import { AppError, type CallResult } from '../../src/domain/errors'
import type { MeetingSummary, Page } from '../../src/domain/api/views'
import { HANDLERS } from '../../src/cloud/actions'
import { createMain } from '../../src/cloud/router'
import {
  MEMBER_B1,
  MEMBER_B2,
  apiPerTest,
  expectRefused as expectError,
  ORGANIZER_B1,
  PROBATIONARY_B1,
  scheduleInput,
  SECRETARY_B1,
  SECRETARY_B2,
  SUPERVISOR,
} from './api-fixture'

const api = apiPerTest()

const meetingCount = () => api.ports.store.count('meetings')
const outboxCount = () => api.ports.store.count('outbox')

describe('envelope and identity', () => {
  test('an unknown action or a malformed event is refused in Chinese', async () => {
    expectError(await api.main({ action: 'meeting.delete' }), 'UNKNOWN_ACTION')
    expectError(await api.main(null), 'UNKNOWN_ACTION')
    expectError(await api.main({ input: {} }), 'UNKNOWN_ACTION')
  })

  test('member actions need a valid session; forged, tampered and expired tokens are refused', async () => {
    expectError(await api.as(null).result('meeting.listMine', { when: 'upcoming' }), 'UNAUTHENTICATED')
    const forged =
      'v1.' + Buffer.from(JSON.stringify({ sub: 'dev_m_b1_01', exp: 9e15 })).toString('base64url') + '.AAAA'
    expectError(
      await api.main({ action: 'meeting.listMine', input: { when: 'upcoming' } }, { sessionToken: forged }),
      'UNAUTHENTICATED',
    )
    const real = api.tokenFor(MEMBER_B1)
    const [v, payload, mac] = real.split('.')
    const swapped = Buffer.from(JSON.stringify({ sub: 'dev_m_b1_01', exp: 9e15 })).toString('base64url')
    expect(payload).not.toBe(swapped)
    expectError(
      await api.main({ action: 'session.whoami' }, { sessionToken: `${v}.${swapped}.${mac}` }),
      'UNAUTHENTICATED',
    )
    api.clock.now += 8 * 24 * 3600 * 1000
    expectError(await api.main({ action: 'session.whoami' }, { sessionToken: real }), 'UNAUTHENTICATED')
  })

  test('an identity from the request body is ignored', async () => {
    const r = await api.main({
      action: 'session.whoami',
      input: {},
      openid: 'dev_m_b1_01',
      sessionToken: api.tokenFor(SECRETARY_B1),
    })
    expectError(r, 'UNAUTHENTICATED')
  })

  test('a WeChat user not bound to a member gets NOT_BOUND for member actions and bound:false from whoami', async () => {
    const token = api.ports.identity.issueSession!('o_unbound_openid', api.clock.now).token
    expectError(
      await api.main({ action: 'meeting.listMine', input: { when: 'upcoming' } }, { sessionToken: token }),
      'NOT_BOUND',
    )
    const who = await api.main({ action: 'session.whoami', input: {} }, { sessionToken: token })
    expect(who).toEqual({ ok: true, data: { bound: false } })
  })

  test('whoami tells a member who they are, with the phone masked and voting rights derived', async () => {
    const r = await api.as(PROBATIONARY_B1).result('session.whoami', {})
    if (!r.ok) throw new Error(r.error.message)
    if (!r.data.bound) throw new Error('a bound member was expected')
    expect(r.data.member.name).toBe('朱浩然')
    expect(r.data.member.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/)
    expect(r.data.member.votingRights).toBe(false)
    expect(r.data.orgPath.map((o) => o.name)).toEqual(['示范区机关党委', '第一党支部'])
    expect(r.data.canSchedule).toBe(false)
    const sec = await api.as(SECRETARY_B1).result('session.whoami', {})
    expect(sec.ok && sec.data.bound && sec.data.canSchedule).toBe(true)
  })

  test('development login is refused on the production host', async () => {
    const prod = createMain({ ...api.ports, host: 'cloudbase' }, HANDLERS)
    expectError(await prod({ action: 'session.devLogin', input: { memberId: SECRETARY_B1 } }), 'NOT_AVAILABLE')
    expectError(await prod({ action: 'session.devAccounts', input: {} }), 'NOT_AVAILABLE')
  })

  test('development login issues a working session for a seeded person and refuses unknown ones', async () => {
    const r = await api.main({ action: 'session.devLogin', input: { memberId: SECRETARY_B2 } })
    if (!r.ok) throw new Error(r.error.message)
    const { token } = r.data as { token: string }
    const who = await api.main({ action: 'session.whoami' }, { sessionToken: token })
    expect(who.ok && (who.data as { member: { name: string } }).member.name).toBe('林卫东')
    expectError(await api.main({ action: 'session.devLogin', input: { memberId: 'm_nobody' } }), 'NOT_FOUND')
  })
})

describe('validation: bad input gets a clear Chinese error and changes nothing', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['empty title', { title: '  ' }, 'title', /请填写会议主题/],
    ['title too long', { title: '长'.repeat(61) }, 'title', /不能超过 60 个字/],
    ['no agenda', { agenda: [] }, 'agenda', /至少填写一项议程/],
    ['blank agenda item', { agenda: ['学习', ''] }, 'agenda.1', /请填写议程内容/],
    ['unknown kind', { kind: 'party_dinner' }, 'kind', /请选择会议类型/],
    ['end before start', { startTime: '17:00', endTime: '15:00' }, 'endTime', /结束时间必须晚于开始时间/],
    ['bad time', { startTime: '25:00' }, 'startTime', /时:分/],
    ['bad date format', { date: '2026/12/04' }, 'date', /年-月-日/],
    ['date that does not exist', { date: '2027-02-30' }, 'date', /这一天不存在/],
    ['in the past', { date: '2026-11-21' }, 'startTime', /已经过去/],
    ['unexpected field', { createdAt: 1 }, '(整体)', /./],
    ['group meeting without group', { kind: 'group_meeting' }, 'groupId', /党小组/],
    ['group of another branch', { kind: 'group_meeting', groupId: 'org_b2_g1' }, 'groupId', /不属于本支部/],
    ['heart talk without pair', { kind: 'heart_talk' }, 'pairIds', /两位谈话人/],
    [
      'heart talk with an outsider',
      { kind: 'heart_talk', pairIds: ['m_b1_01', 'm_b2_01'] },
      'pairIds',
      /本支部两位不同的党员/,
    ],
  ]
  test.each(cases)('%s', async (_name, override, field, message) => {
    const before = [await meetingCount(), await outboxCount()]
    const r = await api
      .as(SECRETARY_B1)
      .result('meeting.schedule', scheduleInput(override), `req-${_name.length}-bad-${field}`)
    expectError(r, 'VALIDATION_FAILED')
    if (r.ok) return
    expect(r.error.fields?.map((f) => f.field)).toContain(field)
    expect(r.error.fields?.find((f) => f.field === field)?.message).toMatch(message)
    expect([await meetingCount(), await outboxCount()]).toEqual(before)
  })

  test('a write without a request id is refused and writes nothing', async () => {
    const before = await meetingCount()
    const r = await api.as(SECRETARY_B1).result('meeting.schedule', scheduleInput())
    expectError(r, 'VALIDATION_FAILED')
    expect(!r.ok && r.error.fields?.[0].field).toBe('requestId')
    expect(await meetingCount()).toBe(before)
  })

  test('a bad paging cursor is a validation error, not a crash', async () => {
    expectError(
      await api.as(MEMBER_B1).result('meeting.listMine', { when: 'past', cursor: 'not-a-cursor' }),
      'VALIDATION_FAILED',
    )
  })
})

describe('authorization is decided by the declaration before the handler runs', () => {
  test('a plain member, a probationary member and a group leader cannot schedule', async () => {
    for (const who of [MEMBER_B1, PROBATIONARY_B1, 'm_b1_06']) {
      const before = await meetingCount()
      expectError(await api.as(who).result('meeting.schedule', scheduleInput(), `req-forbidden-${who}`), 'FORBIDDEN')
      expect(await meetingCount()).toBe(before)
    }
  })

  test('secretary and organizer schedule in their own branch only', async () => {
    expect((await api.as(ORGANIZER_B1).result('meeting.schedule', scheduleInput(), 'req-organizer-1')).ok).toBe(true)
    expectError(
      await api.as(SECRETARY_B1).result('meeting.schedule', scheduleInput({ branchId: 'org_b2' }), 'req-cross-branch'),
      'FORBIDDEN',
    )
    expectError(
      await api.as(SUPERVISOR).result('meeting.schedule', scheduleInput({ branchId: 'org_b1' }), 'req-supervisor-1'),
      'FORBIDDEN',
    )
  })

  test('a member reads their own branch only; the 党委 reads every branch below it', async () => {
    expect((await api.as(MEMBER_B1).result('meeting.listBranch', { when: 'past' })).ok).toBe(true)
    expectError(await api.as(MEMBER_B1).result('meeting.listBranch', { when: 'past', branchId: 'org_b2' }), 'FORBIDDEN')
    const sup = await api.as(SUPERVISOR).result('meeting.listBranch', {
      when: 'past',
      branchId: 'org_b2',
    })
    expect(sup.ok && sup.data.items.length).toBeGreaterThan(0)
    expectError(
      await api.as(MEMBER_B2).result('meeting.get', { meetingId: 'mtg_seed_b1_theme_day_20261204' }),
      'FORBIDDEN',
    )
    expect((await api.as(SUPERVISOR).result('meeting.get', { meetingId: 'mtg_seed_b1_theme_day_20261204' })).ok).toBe(
      true,
    )
    expectError(await api.as(MEMBER_B1).result('meeting.get', { meetingId: 'mtg_nope' }), 'NOT_FOUND')
  })
})

describe('scheduling and reading meetings', () => {
  test('participants come from the kind; members see it under 我的会议 and open its detail', async () => {
    const r = await api
      .as(SECRETARY_B1)
      .result(
        'meeting.schedule',
        scheduleInput({ kind: 'committee_meeting', title: '研究发展党员工作' }),
        'req-committee-1',
      )
    if (!r.ok) throw new Error(r.error.message)
    const m = r.data
    expect(m.participants.map((p) => p.name).sort()).toEqual(['刘丽华', '张建国', '李秀英', '王志强', '陈国栋'].sort())
    expect(m.phase).toBe('upcoming')
    expect(m.startAt).toBe(Date.UTC(2026, 11, 4, 7, 0)) // 15:00 Beijing
    expect(m.createdBy.name).toBe('张建国')

    const committee = await api.as(ORGANIZER_B1).result('meeting.listMine', { when: 'upcoming' })
    expect(committee.ok && committee.data.items.map((i) => i.id)).toContain(m.id)
    const plain = await api.as(MEMBER_B1).result('meeting.listMine', { when: 'upcoming' })
    expect(plain.ok && plain.data.items.map((i) => i.id)).not.toContain(m.id)
    const detail = await api.as(ORGANIZER_B1).result('meeting.get', { meetingId: m.id })
    expect(detail.ok && detail.data.title).toBe('研究发展党员工作')
    // One notice per participant went to the outbox.
    expect(await api.ports.store.count('outbox', [{ field: 'data.meetingId', op: 'eq', value: m.id }])).toBe(5)
  })

  test('a 党小组会 reaches only that group', async () => {
    const r = await api
      .as(SECRETARY_B1)
      .result('meeting.schedule', scheduleInput({ kind: 'group_meeting', groupId: 'org_b1_g2' }), 'req-group-1')
    if (!r.ok) throw new Error(r.error.message)
    expect(r.data.group?.name).toBe('第二党小组')
    expect(r.data.participants.map((p) => p.name)).toEqual(expect.arrayContaining(['李秀英', '赵文博', '吴俊杰']))
    expect(r.data.participants.map((p) => p.name)).not.toContain('张建国')
  })

  test('paging through a year of past meetings returns each once, newest first', async () => {
    const seen: MeetingSummary[] = []
    let cursor: string | null = null
    for (let i = 0; i < 50; i += 1) {
      const r: CallResult<Page<MeetingSummary>> = await api
        .as(MEMBER_B1)
        .result('meeting.listMine', { when: 'past', limit: 7, cursor })
      if (!r.ok) throw new Error(r.error.message)
      seen.push(...r.data.items)
      cursor = r.data.nextCursor
      if (!cursor) break
    }
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length)
    // 12 theme days + 12 group meetings + 4 congresses + 4 lectures + 1 life meeting + 1 review for a member of group 1.
    expect(seen.length).toBe(34)
    expect(seen.every((s) => s.phase === 'ended' && s.iAmParticipant)).toBe(true)
    const starts = seen.map((s) => s.startAt)
    expect([...starts].sort((a, b) => b - a)).toEqual(starts)
  })
})

describe('every write is idempotent by its request id', () => {
  test('a replay returns the first result and writes nothing more', async () => {
    const first = await api.as(SECRETARY_B1).result('meeting.schedule', scheduleInput(), 'req-replay-0001')
    const counts = [await meetingCount(), await outboxCount()]
    api.clock.now += 60_000
    const again = await api.as(SECRETARY_B1).result('meeting.schedule', scheduleInput(), 'req-replay-0001')
    expect(again).toEqual(first)
    expect([await meetingCount(), await outboxCount()]).toEqual(counts)
  })

  test('concurrent duplicates make one meeting', async () => {
    const before = await meetingCount()
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.as(SECRETARY_B1).result('meeting.schedule', scheduleInput(), 'req-concurrent-01'),
      ),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(new Set(results.map((r) => r.ok && r.data.id)).size).toBe(1)
    expect(await meetingCount()).toBe(before + 1)
  })

  test('the same request id with different content is refused', async () => {
    await api.as(SECRETARY_B1).result('meeting.schedule', scheduleInput(), 'req-reused-0001')
    const before = await meetingCount()
    expectError(
      await api.as(SECRETARY_B1).result('meeting.schedule', scheduleInput({ title: '另一个会议' }), 'req-reused-0001'),
      'REQUEST_ID_REUSED',
    )
    expect(await meetingCount()).toBe(before)
  })

  test('request ids are per person: two people may use the same one', async () => {
    const a = await api.as(SECRETARY_B1).result('meeting.schedule', scheduleInput(), 'req-shared-0001')
    const b = await api.as(SECRETARY_B2).result('meeting.schedule', scheduleInput(), 'req-shared-0001')
    expect(a.ok && b.ok && a.data.id !== b.data.id).toBe(true)
  })
})

test('an unexpected failure becomes a Chinese INTERNAL error, a known one keeps its code', async () => {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  const broken = createMain(api.ports, {
    ...HANDLERS,
    'system.health': async () => {
      throw new Error('disk on fire')
    },
  })
  expectError(await broken({ action: 'system.health' }), 'INTERNAL')
  const known = createMain(api.ports, {
    ...HANDLERS,
    'system.health': async () => {
      throw new AppError('CONFLICT')
    },
  })
  expectError(await known({ action: 'system.health' }), 'CONFLICT')
  spy.mockRestore()
})
