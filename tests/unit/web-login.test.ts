/** The 扫码登录 rules (src/domain/web-login.ts): ticket and session states at their edges, and the place text. */
import {
  describePlace,
  needsTouch,
  sessionExpiresAt,
  sessionState,
  ticketState,
  WEB_LOGIN_RULES,
} from '../../src/domain/web-login'

const T0 = Date.UTC(2026, 10, 22, 2, 0)
const HOUR = 3_600_000

describe('ticketState', () => {
  const ticket = { expiresAt: T0 + WEB_LOGIN_RULES.ticketLifeMs, confirmedAt: null, usedAt: null }
  test('pending until it expires at exactly 2 minutes', () => {
    expect(WEB_LOGIN_RULES.ticketLifeMs).toBe(2 * 60_000)
    expect(ticketState(ticket, T0)).toBe('pending')
    expect(ticketState(ticket, ticket.expiresAt - 1)).toBe('pending')
    expect(ticketState(ticket, ticket.expiresAt)).toBe('expired')
  })
  test('confirmed until collected or expired; used is final', () => {
    const confirmed = { ...ticket, confirmedAt: T0 + 1000 }
    expect(ticketState(confirmed, T0 + 2000)).toBe('confirmed')
    expect(ticketState(confirmed, confirmed.expiresAt)).toBe('expired')
    expect(ticketState({ ...confirmed, usedAt: T0 + 3000 }, T0 + 4000)).toBe('used')
    expect(ticketState({ ...confirmed, usedAt: T0 + 3000 }, confirmed.expiresAt + HOUR)).toBe('used')
  })
})

describe('sessionState and needsTouch', () => {
  const session = { createdAt: T0, lastSeenAt: T0, revokedAt: null }
  test('idle at exactly 12 hours after it was last seen', () => {
    expect(sessionState(session, T0 + 12 * HOUR - 1)).toBe('active')
    expect(sessionState(session, T0 + 12 * HOUR)).toBe('idle')
    expect(sessionState({ ...session, lastSeenAt: T0 + 11 * HOUR }, T0 + 12 * HOUR)).toBe('active')
  })
  test('expired at the absolute limit however recently seen; revoked before anything else', () => {
    const max = WEB_LOGIN_RULES.sessionMaxMs
    expect(sessionState({ ...session, lastSeenAt: T0 + max - 1 }, T0 + max - 1)).toBe('active')
    expect(sessionState({ ...session, lastSeenAt: T0 + max - 1 }, T0 + max)).toBe('expired')
    expect(sessionState({ ...session, revokedAt: T0 + 1 }, T0 + 2)).toBe('revoked')
    expect(sessionExpiresAt(T0)).toBe(T0 + max)
  })
  test('the rules are data: other limits give other answers', () => {
    const rules = { ...WEB_LOGIN_RULES, sessionIdleMs: HOUR }
    expect(sessionState(session, T0 + HOUR, rules)).toBe('idle')
  })
  test('lastSeenAt is rewritten at most once a minute', () => {
    expect(needsTouch(session, T0 + 59_999)).toBe(false)
    expect(needsTouch(session, T0 + 60_000)).toBe(true)
  })
})

test('describePlace says what kind of address it is, never a city', () => {
  expect(describePlace('127.0.0.1')).toBe('IP 127.0.0.1（本机）')
  expect(describePlace('::1')).toBe('IP ::1（本机）')
  expect(describePlace('::ffff:127.0.0.1')).toBe('IP 127.0.0.1（本机）')
  expect(describePlace('192.168.1.5')).toBe('IP 192.168.1.5（局域网）')
  expect(describePlace('172.20.0.3')).toBe('IP 172.20.0.3（局域网）')
  expect(describePlace('172.32.0.3')).toBe('IP 172.32.0.3（未查询归属地）')
  expect(describePlace('::ffff:10.1.2.3')).toBe('IP 10.1.2.3（局域网）')
  expect(describePlace('203.0.113.7')).toBe('IP 203.0.113.7（未查询归属地）')
  expect(describePlace(null)).toBe('未知（未取得 IP 地址）')
})
