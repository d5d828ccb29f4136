/** The pure attendance rules: tokens, distance, windows, offline judgement and the board's arithmetic. */
import {
  boardPersonOf,
  computeBoard,
  isLate,
  offlineRefusal,
  signInClosedReason,
  signInWindow,
  type BoardPerson,
} from '../../src/domain/attendance'
import { distanceMeters, withinRadius } from '../../src/domain/attendance-place'
import {
  checkSignInToken,
  parseSignInToken,
  signInToken,
  TOKEN_WINDOW_MS,
  windowEndsAt,
  windowOf,
} from '../../src/domain/attendance-token'

const SECRET = 'a'.repeat(64)
const T = Date.UTC(2026, 10, 22, 2, 30, 5)

describe('rotating tokens', () => {
  test('a token changes every 20 seconds and is the same on any device for the same window', () => {
    const a = signInToken(SECRET, 'mtg_1', T)
    expect(signInToken(SECRET, 'mtg_1', windowOf(T) * TOKEN_WINDOW_MS)).toBe(a)
    expect(signInToken(SECRET, 'mtg_1', windowEndsAt(T))).not.toBe(a)
    expect(parseSignInToken(a)).toEqual({
      meetingId: 'mtg_1',
      window: windowOf(T),
      mac: expect.stringMatching(/^[0-9a-f]{32}$/),
    })
  })

  test('the MAC is HMAC-SHA256 keyed by the secret, identical to the HMAC of node:crypto', () => {
    // Cross-check against node's own HMAC so a hand-rolled hash could not pass.
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto')
    const token = signInToken(SECRET, 'mtg_1', T)
    const expected = createHmac('sha256', SECRET)
      .update(`mtg_1:${windowOf(T)}`)
      .digest('hex')
      .slice(0, 32)
    expect(token.endsWith(expected)).toBe(true)
  })

  test('accepted one window either side, refused beyond, with the reason', () => {
    const t = signInToken(SECRET, 'mtg_1', T)
    expect(checkSignInToken(SECRET, 'mtg_1', t, T + TOKEN_WINDOW_MS)).toEqual({ ok: true, window: windowOf(T) })
    expect(checkSignInToken(SECRET, 'mtg_1', t, T - TOKEN_WINDOW_MS).ok).toBe(true)
    expect(checkSignInToken(SECRET, 'mtg_1', t, T + 2 * TOKEN_WINDOW_MS)).toEqual({ ok: false, reason: 'expired' })
    expect(checkSignInToken(SECRET, 'mtg_1', t, T - 2 * TOKEN_WINDOW_MS)).toEqual({ ok: false, reason: 'future' })
    expect(checkSignInToken('b'.repeat(64), 'mtg_1', t, T)).toEqual({ ok: false, reason: 'bad_mac' })
    expect(checkSignInToken(SECRET, 'mtg_2', t, T)).toEqual({ ok: false, reason: 'other_meeting' })
    expect(checkSignInToken(SECRET, 'mtg_1', 'S1.mtg_1.x.y', T)).toEqual({ ok: false, reason: 'malformed' })
    expect(checkSignInToken(SECRET, 'mtg_1', t, null)).toEqual({ ok: true, window: windowOf(T) })
  })
})

describe('place', () => {
  test('haversine distance: Beijing to Shanghai is about 1,067 km; 0.001° of latitude about 111 m', () => {
    expect(distanceMeters({ lat: 39.9042, lng: 116.4074 }, { lat: 31.2304, lng: 121.4737 }) / 1000).toBeCloseTo(
      1067,
      -1,
    )
    expect(distanceMeters({ lat: 30, lng: 120 }, { lat: 30.001, lng: 120 })).toBeCloseTo(111.2, 0)
    expect(withinRadius({ lat: 30, lng: 120, radius: 100 }, { lat: 30.0008, lng: 120 })).toBe(true)
    expect(withinRadius({ lat: 30, lng: 120, radius: 100 }, { lat: 30.001, lng: 120 })).toBe(false)
  })
})

describe('windows', () => {
  const meeting = { startAt: T, endAt: T + 3_600_000 }
  test('sign-in opens 30 minutes before by default and closes at the end; late after 5 minutes', () => {
    const w = signInWindow(meeting, null)
    expect(w).toEqual({ opensAt: T - 30 * 60_000, closesAt: meeting.endAt })
    expect(signInClosedReason(w, w.opensAt - 1)).toMatch(/还没到签到时间/)
    expect(signInClosedReason(w, w.opensAt)).toBeNull()
    expect(signInClosedReason(w, w.closesAt + 1)).toMatch(/签到已关闭/)
    expect(isLate(meeting, null, T + 5 * 60_000)).toBe(false)
    expect(isLate(meeting, null, T + 5 * 60_000 + 1)).toBe(true)
    expect(isLate(meeting, { lateAfter: 10 }, T + 6 * 60_000)).toBe(false)
    expect(signInWindow(meeting, { opensBefore: 60 }).opensAt).toBe(T - 60 * 60_000)
  })

  test('an offline upload needs its token inside the window and a device time that agrees', () => {
    const w = signInWindow(meeting, null)
    const win = windowOf(T)
    expect(offlineRefusal(w, win, T + 1000, T + 7_200_000)).toBeNull()
    expect(offlineRefusal(w, win, T + 120_000, T + 7_200_000)).toMatch(/手机时间与签到码不符/)
    expect(offlineRefusal(w, windowOf(w.opensAt - 60_000), w.opensAt - 60_000, T)).toMatch(/不在本次会议的签到时间内/)
    expect(offlineRefusal(w, win, T, T - 60_000)).toMatch(/手机时间与签到码不符/)
    // The upload window is rule data (default 2 hours after the end); exactly at the limit is accepted.
    expect(offlineRefusal(w, win, T, meeting.endAt + 2 * 3_600_000)).toBeNull()
    expect(offlineRefusal(w, win, T, meeting.endAt + 2 * 3_600_000 + 1)).toMatch(/会后 2 小时内上传/)
    expect(offlineRefusal(w, win, T, meeting.endAt + 25 * 3_600_000)).toMatch(/会后 2 小时内上传/)
    expect(offlineRefusal(w, win, T, meeting.endAt + 25 * 3_600_000, { offlineUploadMs: 30 * 60_000 })).toMatch(
      /会后 30 分钟内上传/,
    )
  })
})

describe('board', () => {
  const person = (id: string, votingRights = true, visiting = false): BoardPerson => ({
    memberId: id,
    name: id,
    votingRights,
    committee: false,
    visiting,
  })
  const rec = (memberId: string, extra: Partial<Parameters<typeof computeBoard>[0]['records'][number]> = {}) => ({
    memberId,
    mode: 'in_person' as const,
    late: false,
    via: 'qr' as const,
    signedAt: T,
    offline: false,
    manualReason: null,
    recordedBy: null,
    confirmed: true,
    ...extra,
  })

  test('counts 应到/实到/请假/缺席/迟到 and quorum over voting members only; guests never count', () => {
    const participants = [
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((id) => person(id)),
      person('p1', false),
      person('v1', true, true),
    ]
    const b = computeBoard({
      meetingId: 'mtg',
      rule: { quorum: 'voting_members_majority' },
      participants,
      guests: [person('g1')],
      records: [
        rec('a'),
        rec('b', { late: true }),
        rec('c', { mode: 'remote', via: 'remote' }),
        rec('d', { mode: 'remote', via: 'remote', confirmed: false }),
        rec('p1'),
        rec('v1'),
        rec('g1'),
      ],
      leaves: [
        { memberId: 'e', category: 'sick', note: '病', status: 'approved' },
        { memberId: 'f', category: 'work', note: '出差', status: 'pending' },
      ],
      recordedAt: null,
    })
    expect(b).toMatchObject({
      expected: 8,
      present: 5,
      inPerson: 4,
      remote: 1,
      onLeave: 1,
      absent: 2,
      late: 1,
      leavePending: 1,
      remotePending: 1,
    })
    // Entitled: a–f (6); present among them: a, b, c (3) — 3 of 6 is not more than half.
    expect(b.quorum).toMatchObject({ entitled: 6, needed: 4, presentCounting: 3, met: false })
    expect(b.people.find((p) => p.memberId === 'g1')).toMatchObject({
      guest: true,
      votingRights: false,
      state: 'present',
    })
    expect(b.people.find((p) => p.memberId === 'v1')!.votingRights).toBe(false)
  })

  test('kinds without quorum report none; a signed-in member on leave is present', () => {
    const b = computeBoard({
      meetingId: 'mtg',
      rule: { quorum: 'none' },
      participants: [person('a')],
      guests: [],
      records: [rec('a')],
      leaves: [{ memberId: 'a', category: 'other', note: '', status: 'approved' }],
      recordedAt: 5,
    })
    expect(b).toMatchObject({ quorum: null, present: 1, onLeave: 0, recordedAt: 5 })
  })
})

test('a person counts on the board as the roster has them; someone gone from it is named so and has no vote', () => {
  const member = {
    name: '黄晓明',
    category: 'full' as const,
    status: 'normal' as const,
    roles: ['organizer' as const],
    orgId: 'b1',
  }
  expect(boardPersonOf('m1', member, 'b1')).toEqual({
    memberId: 'm1',
    name: '黄晓明',
    votingRights: true,
    committee: true,
    visiting: false,
  })
  expect(boardPersonOf('m1', { ...member, category: 'probationary', roles: ['member'] }, 'b1')).toMatchObject({
    votingRights: false,
    committee: false,
  })
  expect(boardPersonOf('m1', member, 'b2').visiting).toBe(true)
  expect(boardPersonOf('m9', undefined, 'b1')).toEqual({
    memberId: 'm9',
    name: '（已离开本支部）',
    votingRights: false,
    committee: false,
    visiting: true,
  })
})
