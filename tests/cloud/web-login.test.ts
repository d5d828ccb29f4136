/**
 * 扫码登录 through the real router on the embedded store: a browser's ticket, the member's WeChat
 * confirming it, the browser collecting its session once, and every way a ticket or a session stops
 * working (expired, used, another browser's key, an unbound WeChat, revoked, idle for 12 hours, the
 * member unbound, transferred or suspended), each refused in Chinese with nothing written.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { ProfileView } from '../../src/domain/api/views'
import type { SessionGrant } from '../../src/domain/api/views'
import { rosterFileUpload, uploadPath } from '../../src/domain/uploads'
import { WEB_LOGIN_MESSAGES, WEB_LOGIN_RULES } from '../../src/domain/web-login'
import {
  apiPerTest,
  expectRefused as refused,
  MEMBER_B1,
  ok,
  requestIds,
  SECRETARY_B1,
  SECRETARY_B2,
  type Caller,
} from './api-fixture'

const api = apiPerTest()
const rid = requestIds('web-login')
const MINUTE = 60_000
const HOUR = 3_600_000
const escape = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\（）]/g, '\\$&'))

/** A browser as the login page makes one: a 32-byte secret it keeps, and its SHA-256 it sends. */
function newBrowser() {
  const key = randomBytes(32).toString('hex')
  const keyHash = createHash('sha256').update(Buffer.from(key, 'hex')).digest('hex')
  return { key, keyHash }
}

/** What the store holds of the flow, to compare before and after a refusal. */
async function counts() {
  const { store } = api.ports
  return {
    tickets: await store.count('web_login_tickets'),
    sessions: await store.count('web_sessions'),
    requests: await store.count('requests'),
    open: await store.count('web_sessions', [{ field: 'revokedAt', op: 'eq', value: null }]),
  }
}

/** A browser asks for a ticket, as the local host's POST /api/call would pass it (from 127.0.0.1). */
async function startTicket(browser = newBrowser(), text = 'Chrome 126 · Windows') {
  const r = await api.main(
    { action: 'webLogin.start', input: { browserKeyHash: browser.keyHash, browser: text } },
    { via: 'http', clientIp: '127.0.0.1' },
  )
  const started = ok(r) as { ticketId: string; qrImage: string; expiresAt: number }
  return { ...browser, ...started }
}

const poll = (ticketId: string, browserKey: string) => api.as(null).result('webLogin.poll', { ticketId, browserKey })

/** The whole flow for `memberId`: start, confirm on the phone, collect; returns the browser's caller. */
async function loggedInBrowser(memberId = MEMBER_B1): Promise<{ grant: SessionGrant; web: Caller; sessionId: string }> {
  const t = await startTicket()
  await api.as(memberId).call('webLogin.confirm', { ticketId: t.ticketId }, rid())
  const r = ok(await poll(t.ticketId, t.key))
  if (r.state !== 'confirmed') throw new Error(`poll answered ${r.state}`)
  return { grant: r.session, web: api.withSession(r.session.token), sessionId: r.session.token.split('.')[0] }
}

test('happy path: the QR shows what asks, the member confirms, the browser collects its session exactly once', async () => {
  const t = await startTicket()
  expect(t.ticketId).toMatch(/^[A-Za-z0-9_-]{24}$/)
  expect(t.expiresAt).toBe(api.clock.now + 2 * MINUTE)
  // On the local host the QR is the h5 address of the confirm page with ?t=<ticketId>.
  expect(t.qrImage).toMatch(/^data:image\/png;base64,iVBORw0KGgo/)
  const stored = await api.ports.store.get('web_login_tickets', t.ticketId)
  // The browser's secret never reaches the server before the poll, and is never stored.
  expect(stored).toMatchObject({ browserKeyHash: t.keyHash, browser: 'Chrome 126 · Windows', ip: '127.0.0.1' })
  expect(JSON.stringify(stored)).not.toContain(t.key)

  const phone = api.as(MEMBER_B1)
  expect(await phone.call('webLogin.inspect', { ticketId: t.ticketId })).toEqual({
    ticketId: t.ticketId,
    browser: 'Chrome 126 · Windows',
    createdAt: api.clock.now,
    place: 'IP 127.0.0.1（本机）',
    expiresAt: t.expiresAt,
    state: 'pending',
  })
  expect(ok(await poll(t.ticketId, t.key))).toEqual({ state: 'pending' })

  api.clock.now += 20_000
  const confirmed = await phone.call('webLogin.confirm', { ticketId: t.ticketId }, rid())
  expect(confirmed.state).toBe('confirmed')
  api.clock.now += 2_000
  const collected = ok(await poll(t.ticketId, t.key))
  if (collected.state !== 'confirmed') throw new Error('not confirmed')
  expect(collected.memberName).toBe('黄晓明')
  expect(collected.session.token).toMatch(/^ws_[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$/)
  expect(collected.session.expiresAt).toBe(api.clock.now + WEB_LOGIN_RULES.sessionMaxMs)
  // Single use: the same browser polling again gets no second session.
  expect(ok(await poll(t.ticketId, t.key))).toEqual({ state: 'expired' })
  expect(await api.ports.store.count('web_sessions')).toBe(1)

  // The browser is that member, with that member's reach only.
  const web = api.withSession(collected.session.token)
  const me = (await web.call('session.whoami', {})) as ProfileView
  expect(me.member.id).toBe(MEMBER_B1)
  expect(me.org.name).toBe('第一党支部')
  refused(await web.result('roster.list', { branchId: 'org_b2', limit: 5 }), 'FORBIDDEN')
  refused(await web.result('meeting.listBranch', { when: 'past', branchId: 'org_b2', limit: 1 }), 'FORBIDDEN')

  const sessionsFromBrowser = await web.call('webLogin.sessions', {})
  expect(sessionsFromBrowser).toEqual([
    {
      sessionId: collected.session.token.split('.')[0],
      browser: 'Chrome 126 · Windows',
      place: 'IP 127.0.0.1（本机）',
      createdAt: api.clock.now,
      lastSeenAt: api.clock.now,
      current: true,
    },
  ])
  // Seen from the phone, the same session is not the current one.
  expect((await phone.call('webLogin.sessions', {})).map((s) => s.current)).toEqual([false])
  // Another member sees none of it.
  expect(await api.as(SECRETARY_B1).call('webLogin.sessions', {})).toEqual([])
})

test('a ticket expires at exactly 2 minutes: confirming and collecting are refused, nothing written', async () => {
  const t = await startTicket()
  api.clock.now = t.expiresAt - 1
  expect((await api.as(MEMBER_B1).call('webLogin.inspect', { ticketId: t.ticketId })).state).toBe('pending')
  api.clock.now = t.expiresAt
  expect((await api.as(MEMBER_B1).call('webLogin.inspect', { ticketId: t.ticketId })).state).toBe('expired')
  const before = await counts()
  const version = (await api.ports.store.get('web_login_tickets', t.ticketId))!._version
  refused(
    await api.as(MEMBER_B1).result('webLogin.confirm', { ticketId: t.ticketId }, rid()),
    'CONFLICT',
    escape(WEB_LOGIN_MESSAGES.expiredTicket),
  )
  expect(ok(await poll(t.ticketId, t.key))).toEqual({ state: 'expired' })
  expect(await counts()).toEqual(before)
  expect((await api.ports.store.get('web_login_tickets', t.ticketId))!._version).toBe(version)
})

test('confirmed but not collected within 2 minutes: the browser gets no session', async () => {
  const t = await startTicket()
  await api.as(MEMBER_B1).call('webLogin.confirm', { ticketId: t.ticketId }, rid())
  api.clock.now = t.expiresAt
  const before = await counts()
  expect(ok(await poll(t.ticketId, t.key))).toEqual({ state: 'expired' })
  expect(await counts()).toEqual(before)
})

test('a used ticket cannot be confirmed again, by the same or another member; nothing written', async () => {
  const t = await startTicket()
  await api.as(MEMBER_B1).call('webLogin.confirm', { ticketId: t.ticketId }, rid())
  ok(await poll(t.ticketId, t.key))
  const before = await counts()
  for (const who of [MEMBER_B1, SECRETARY_B2]) {
    refused(
      await api.as(who).result('webLogin.confirm', { ticketId: t.ticketId }, rid()),
      'CONFLICT',
      escape(WEB_LOGIN_MESSAGES.usedTicket),
    )
  }
  expect(await counts()).toEqual(before)
  expect((await api.as(MEMBER_B1).call('webLogin.inspect', { ticketId: t.ticketId })).state).toBe('used')
})

test('a ticket confirmed by one member cannot be taken over by another; the first can repeat it', async () => {
  const t = await startTicket()
  await api.as(MEMBER_B1).call('webLogin.confirm', { ticketId: t.ticketId }, rid())
  const before = await counts()
  refused(
    await api.as(SECRETARY_B2).result('webLogin.confirm', { ticketId: t.ticketId }, rid()),
    'CONFLICT',
    escape(WEB_LOGIN_MESSAGES.confirmedByOther),
  )
  expect(await counts()).toEqual(before)
  // A repeat with a new request id (the phone's retry) answers as before.
  const again = await api.as(MEMBER_B1).call('webLogin.confirm', { ticketId: t.ticketId }, rid())
  expect(again.state).toBe('confirmed')
  const r = ok(await poll(t.ticketId, t.key))
  expect(r.state === 'confirmed' && r.memberName).toBe('黄晓明')
})

test('a copied QR polled from another browser (without the secret) gets nothing, as an unknown ticket', async () => {
  const t = await startTicket()
  await api.as(MEMBER_B1).call('webLogin.confirm', { ticketId: t.ticketId }, rid())
  const before = await counts()
  const forwarder = newBrowser()
  const foreign = await poll(t.ticketId, forwarder.key)
  refused(foreign, 'NOT_FOUND', escape(WEB_LOGIN_MESSAGES.unknownTicket))
  // The hash itself is not the key either (it is what the QR's owner sent in the open).
  refused(await poll(t.ticketId, t.keyHash), 'NOT_FOUND')
  const unknown = await poll('AAAAAAAAAAAAAAAAAAAAAAAA', t.key)
  expect(foreign).toEqual(unknown)
  expect(await counts()).toEqual(before)
  // The owner still collects it.
  expect(ok(await poll(t.ticketId, t.key)).state).toBe('confirmed')
})

test('an unbound WeChat cannot confirm: told to bind first, nothing written', async () => {
  const t = await startTicket()
  const guest = ok(await api.main({ action: 'session.devNewUser', input: {} })) as SessionGrant
  const before = await counts()
  refused(
    await api.withSession(guest.token).result('webLogin.confirm', { ticketId: t.ticketId }, rid()),
    'NOT_BOUND',
    escape(WEB_LOGIN_MESSAGES.unbound),
  )
  refused(await api.as(null).result('webLogin.confirm', { ticketId: t.ticketId }, rid()), 'UNAUTHENTICATED')
  refused(
    await api.as(MEMBER_B1).result('webLogin.confirm', { ticketId: 'AAAAAAAAAAAAAAAAAAAAAAAA' }, rid()),
    'NOT_FOUND',
    escape(WEB_LOGIN_MESSAGES.unknownTicket),
  )
  expect(await counts()).toEqual(before)
  expect(ok(await poll(t.ticketId, t.key))).toEqual({ state: 'pending' })
})

test('a browser signed in by a ticket cannot confirm tickets for other browsers', async () => {
  const { web } = await loggedInBrowser()
  const t = await startTicket()
  const before = await counts()
  refused(
    await web.result('webLogin.confirm', { ticketId: t.ticketId }, rid()),
    'FORBIDDEN',
    escape(WEB_LOGIN_MESSAGES.confirmFromBrowser),
  )
  expect(await counts()).toEqual(before)
})

test('revoke: the browser’s next call is refused with 登录已失效; another member cannot revoke it', async () => {
  const { web, sessionId } = await loggedInBrowser()
  const before = await counts()
  refused(
    await api.as(SECRETARY_B1).result('webLogin.revoke', { sessionId }, rid()),
    'NOT_FOUND',
    escape(WEB_LOGIN_MESSAGES.unknownSession),
  )
  expect(await counts()).toEqual(before)
  expect((await web.call('session.whoami', {})) as ProfileView).toMatchObject({ bound: true })

  api.clock.now += MINUTE
  const revoked = await api.as(MEMBER_B1).call('webLogin.revoke', { sessionId }, rid())
  expect(revoked).toEqual({ sessionId, revokedAt: api.clock.now, state: 'revoked' })
  const refusedCall = await web.result('meeting.listMine', { when: 'upcoming' })
  refused(refusedCall, 'UNAUTHENTICATED', escape(WEB_LOGIN_MESSAGES.sessionEnded))
  refused(await web.result('session.whoami', {}), 'UNAUTHENTICATED', /登录已失效/)
  expect(await api.as(MEMBER_B1).call('webLogin.sessions', {})).toEqual([])
  // The refusal wrote nothing (no touch of a revoked session).
  const afterRefusal = await counts()
  expect(afterRefusal.open).toBe(0)
  expect((await api.ports.store.get('web_sessions', sessionId))!.revokedReason).toBe('member')
})

test('a browser can end its own session (退出 on the PC)', async () => {
  const { web, sessionId } = await loggedInBrowser()
  await web.call('webLogin.revoke', { sessionId }, rid())
  refused(await web.result('webLogin.sessions', {}), 'UNAUTHENTICATED', /重新扫码登录/)
})

test('idle for exactly 12 hours ends a session; lastSeenAt is written at most once a minute', async () => {
  const { web, sessionId } = await loggedInBrowser()
  const t0 = api.clock.now
  const lastSeen = async () => (await api.ports.store.get('web_sessions', sessionId))!.lastSeenAt

  api.clock.now = t0 + 30_000
  await web.call('session.whoami', {})
  expect(await lastSeen()).toBe(t0)
  api.clock.now = t0 + MINUTE
  await web.call('session.whoami', {})
  expect(await lastSeen()).toBe(t0 + MINUTE)

  const t1 = t0 + MINUTE
  api.clock.now = t1 + 12 * HOUR - 1
  await web.call('session.whoami', {})
  const t2 = api.clock.now
  expect(await lastSeen()).toBe(t2)

  api.clock.now = t2 + 12 * HOUR
  const before = await counts()
  const version = (await api.ports.store.get('web_sessions', sessionId))!._version
  refused(await web.result('session.whoami', {}), 'UNAUTHENTICATED', escape(WEB_LOGIN_MESSAGES.sessionEnded))
  expect(await counts()).toEqual(before)
  expect((await api.ports.store.get('web_sessions', sessionId))!._version).toBe(version)
  expect(await api.as(MEMBER_B1).call('webLogin.sessions', {})).toEqual([])
})

test('a session ends at its absolute limit however busy it is', async () => {
  const { web } = await loggedInBrowser()
  const t0 = api.clock.now
  for (let at = t0 + 10 * HOUR; at < t0 + WEB_LOGIN_RULES.sessionMaxMs; at += 10 * HOUR) {
    api.clock.now = at
    await web.call('session.whoami', {})
  }
  api.clock.now = t0 + WEB_LOGIN_RULES.sessionMaxMs
  refused(await web.result('session.whoami', {}), 'UNAUTHENTICATED', /重新扫码登录/)
})

describe('the member unbound, transferred or suspended: their browsers are logged out at once', () => {
  test('unbind revokes the sessions in the same write', async () => {
    const { web, sessionId } = await loggedInBrowser()
    const second = await loggedInBrowser()
    await api.as(SECRETARY_B1).call('binding.unbind', { memberId: MEMBER_B1, reason: '更换微信' }, rid())
    for (const [caller, id] of [
      [web, sessionId],
      [second.web, second.sessionId],
    ] as const) {
      refused(await caller.result('session.whoami', {}), 'UNAUTHENTICATED', escape(WEB_LOGIN_MESSAGES.sessionEnded))
      expect(await api.ports.store.get('web_sessions', id)).toMatchObject({
        revokedAt: api.clock.now,
        revokedReason: 'unbound',
      })
    }
  })

  test.each(['transferred', 'suspended'] as const)(
    'status %s revokes the sessions in the same write',
    async (status) => {
      const { web, sessionId } = await loggedInBrowser()
      const member = (await api.ports.store.get('members', MEMBER_B1))!
      await api
        .as(SECRETARY_B1)
        .call('roster.update', { memberId: MEMBER_B1, version: member._version, status, reason: '测试' }, rid())
      refused(await web.result('session.whoami', {}), 'UNAUTHENTICATED', escape(WEB_LOGIN_MESSAGES.sessionEnded))
      expect(await api.ports.store.get('web_sessions', sessionId)).toMatchObject({ revokedReason: status })
    },
  )

  test('a roster import that marks the member 已转出 revokes the sessions in the same write', async () => {
    const { web, sessionId } = await loggedInBrowser()
    const csv = [
      '姓名,性别,手机号,党员类别,入党时间,转正时间,职务,党小组,状态',
      '黄晓明,男,13800001259,正式党员,2016-08-15,2017-08-15,党员,第一党小组,已转出',
    ].join('\r\n')
    const file = await api.ports.files.put(
      uploadPath(rosterFileUpload, 'web-login', 'csv'),
      Buffer.from(csv),
      'text/csv',
    )
    const result = await api.as(SECRETARY_B1).call('roster.importCommit', { fileId: file.fileId }, rid())
    expect(result.updated).toBe(1)
    expect(await api.ports.store.get('web_sessions', sessionId)).toMatchObject({ revokedReason: 'transferred' })
    refused(await web.result('session.whoami', {}), 'UNAUTHENTICATED', escape(WEB_LOGIN_MESSAGES.sessionEnded))
  })

  test('another change of the roster leaves the sessions alone', async () => {
    const { web, sessionId } = await loggedInBrowser()
    const member = (await api.ports.store.get('members', MEMBER_B1))!
    await api
      .as(SECRETARY_B1)
      .call(
        'roster.update',
        { memberId: MEMBER_B1, version: member._version, status: 'mobile', reason: '外出务工' },
        rid(),
      )
    expect(((await web.call('session.whoami', {})) as ProfileView).member.status).toBe('mobile')
    expect((await api.ports.store.get('web_sessions', sessionId))!.revokedAt).toBeNull()
  })

  test('checked at resolve time too: a status or binding changed outside the actions ends the session', async () => {
    const { web } = await loggedInBrowser()
    const { store } = api.ports
    const member = (await store.get('members', MEMBER_B1))!
    await store.update('members', MEMBER_B1, { status: 'suspended' }, member._version)
    refused(await web.result('session.whoami', {}), 'UNAUTHENTICATED', /重新扫码登录/)
    const fresh = (await store.get('members', MEMBER_B1))!
    await store.update('members', MEMBER_B1, { status: 'normal' }, fresh._version)
    expect(((await web.call('session.whoami', {})) as ProfileView).member.id).toBe(MEMBER_B1)
    // The WeChat bound anew to someone else: the session, made for the old member, no longer holds.
    const binding = (await store.get('bindings', `dev_${MEMBER_B1}`))!
    await store.update('bindings', binding._id, { memberId: 'm_b1_09' }, binding._version)
    refused(await web.result('session.whoami', {}), 'UNAUTHENTICATED', /重新扫码登录/)
  })

  test('unbound between confirming and collecting: the browser gets no session', async () => {
    const t = await startTicket()
    await api.as(MEMBER_B1).call('webLogin.confirm', { ticketId: t.ticketId }, rid())
    await api.as(SECRETARY_B1).call('binding.unbind', { memberId: MEMBER_B1, reason: '更换微信' }, rid())
    expect(ok(await poll(t.ticketId, t.key))).toEqual({ state: 'expired' })
    expect(await api.ports.store.count('web_sessions')).toBe(0)
  })
})

test('a forged or altered token is refused, and identity never comes from the body', async () => {
  const { grant, sessionId } = await loggedInBrowser()
  const [, mac] = grant.token.split('.')
  const forged = `ws_${'1'.repeat(32)}.${mac}`
  refused(await api.withSession(forged).result('session.whoami', {}), 'UNAUTHENTICATED', /重新扫码登录/)
  const flipped = `${sessionId}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`
  refused(await api.withSession(flipped).result('session.whoami', {}), 'UNAUTHENTICATED', /重新扫码登录/)
  // A token or an openid in the body is not an identity.
  const r = await api.main(
    { action: 'session.whoami', input: {}, sessionToken: grant.token, openid: 'dev_m_b1_08' },
    {},
  )
  refused(r, 'UNAUTHENTICATED')
})

test('bad input to start and poll is refused in Chinese and writes nothing', async () => {
  const before = await counts()
  refused(
    await api.as(null).raw('webLogin.start', { browserKeyHash: 'xyz', browser: 'Chrome' }),
    'VALIDATION_FAILED',
    /浏览器密钥摘要格式不对/,
  )
  refused(
    await api.as(null).raw('webLogin.start', { browserKeyHash: newBrowser().keyHash, browser: 'x'.repeat(121) }),
    'VALIDATION_FAILED',
    /不能超过 120 个字/,
  )
  refused(
    await api.as(null).raw('webLogin.poll', { ticketId: 'short', browserKey: newBrowser().key }),
    'VALIDATION_FAILED',
  )
  expect(await counts()).toEqual(before)
})

test('without a session secret (production not configured) the flow says so and writes nothing', async () => {
  const { createMain } = await import('../../src/cloud/router')
  const { HANDLERS } = await import('../../src/cloud/actions')
  const { WebSessionIdentity } = await import('../../src/cloud/adapters/web-session-identity')
  const { WxContextIdentity } = await import('../../src/cloud/adapters/wx-context-identity')
  const identity = new WebSessionIdentity({
    secret: null,
    store: api.ports.store,
    clock: api.ports.clock,
    transport: new WxContextIdentity({ getWXContext: () => ({}) }),
  })
  const prod = createMain({ ...api.ports, identity, host: 'cloudbase' }, HANDLERS)
  const before = await counts()
  const r = await prod({ action: 'webLogin.start', input: { browserKeyHash: newBrowser().keyHash, browser: 'Edge' } })
  refused(r, 'NOT_AVAILABLE', /WEB_SESSION_SECRET/)
  expect(await counts()).toEqual(before)
})
