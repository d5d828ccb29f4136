/**
 * The production path of the browser build: CloudBase HTTP-access events (integration requests) into
 * the `api` function's HTTP handler, on openCloudBase() over the stand-in for WeChat's servers, with
 * the whole 扫码登录 flow. Identity comes only from the bearer web session: an OPENID in the WeChat
 * context or anything in the body is never an identity for an HTTP call.
 */
import { createHash, randomBytes } from 'node:crypto'
import { HANDLERS } from '../../src/cloud/actions'
import { cloudBaseOptionsFromEnv, openCloudBase } from '../../src/cloud/cloudbase'
import {
  handleHttpAccess,
  isHttpAccessEvent,
  MAX_HTTP_BODY_BYTES,
  webOriginFromEnv,
  type HttpAccessEvent,
} from '../../src/cloud/functions/api/http-access'
import { createMain, type Main } from '../../src/cloud/router'
import { seedDemo } from '../../src/cloud/seed/demo-branch'
import type { ProfileView } from '../../src/domain/api/views'
import type { CallResult } from '../../src/domain/errors'
import { FIXED_NOW, MEMBER_B1 } from './api-fixture'
import { FakeWxCloud } from './fake-wx-cloud'

const ORIGIN = 'https://party.example.cn'
const SECRET = 'a'.repeat(16) + randomBytes(24).toString('hex')

async function openCloud() {
  const fake = new FakeWxCloud()
  const clock = { now: FIXED_NOW }
  const options = { ...cloudBaseOptionsFromEnv({ WEB_SESSION_SECRET: SECRET }), clock: { now: () => clock.now } }
  const ports = openCloudBase(fake.cloud, options)
  await seedDemo(ports.store, FIXED_NOW)
  const main: Main = createMain(ports, HANDLERS)
  /** A browser's POST from the h5 origin, as CloudBase hands it to the function. */
  const http = async (body: unknown, extra: Partial<HttpAccessEvent> & { token?: string } = {}) => {
    const { token, ...rest } = extra
    const event: HttpAccessEvent = {
      path: '/api',
      httpMethod: 'POST',
      headers: {
        host: 'env-id.service.tcloudbase.com',
        origin: ORIGIN,
        'content-type': 'application/json',
        'x-forwarded-for': '198.51.100.7, 203.0.113.9',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      isBase64Encoded: false,
      ...rest,
    }
    expect(isHttpAccessEvent(event)).toBe(true)
    return handleHttpAccess(event, main, { webOrigin: ORIGIN })
  }
  const json = (r: { body: string }) => JSON.parse(r.body) as CallResult<never>
  /** The member's phone: a callFunction event with their OPENID in the WeChat context. */
  const phone = (openid: string, event: Record<string, unknown>) => {
    fake.context = { OPENID: openid }
    return main(event, {})
  }
  return { fake, ports, clock, http, json, phone }
}

test('the whole scan-to-login over HTTP access: the QR is a mini-program code, the browser then is the member', async () => {
  const { fake, ports, http, json, phone } = await openCloud()
  const key = randomBytes(32).toString('hex')
  const keyHash = createHash('sha256').update(Buffer.from(key, 'hex')).digest('hex')

  const started = await http({
    action: 'webLogin.start',
    input: { browserKeyHash: keyHash, browser: 'Edge 127 · Windows' },
  })
  expect(started.statusCode).toBe(200)
  expect(started.headers).toMatchObject({
    'content-type': 'application/json; charset=utf-8',
    'access-control-allow-origin': ORIGIN,
    'access-control-allow-headers': 'authorization, content-type',
  })
  const ticket = (json(started) as { ok: true; data: { ticketId: string; qrImage: string } }).data
  // A mini-program code of the confirm page with scene w=<ticketId> (at most 32 characters).
  expect(fake.codes.at(-1)).toMatchObject({
    page: 'packages/account/pages/web-login/index',
    scene: `w=${ticket.ticketId}`,
  })
  expect(fake.codes.at(-1)!.scene.length).toBeLessThanOrEqual(32)
  expect(ticket.qrImage).toMatch(/^data:image\//)
  // The place is the address the gateway appended, described without a geo lookup.
  const stored = await ports.store.get('web_login_tickets', ticket.ticketId)
  expect(stored).toMatchObject({ ip: '203.0.113.9', place: 'IP 203.0.113.9（未查询归属地）' })

  // The phone (WeChat callFunction, OPENID from WeChat) inspects and confirms.
  const seen = await phone(`dev_${MEMBER_B1}`, { action: 'webLogin.inspect', input: { ticketId: ticket.ticketId } })
  expect(seen).toMatchObject({ ok: true, data: { browser: 'Edge 127 · Windows', state: 'pending' } })
  const confirmed = await phone(`dev_${MEMBER_B1}`, {
    action: 'webLogin.confirm',
    input: { ticketId: ticket.ticketId },
    requestId: 'http-confirm-1',
  })
  expect(confirmed).toMatchObject({ ok: true, data: { state: 'confirmed' } })

  // Meanwhile the phone's OPENID is still in the WeChat context: an HTTP call does not get it.
  const anonymous = json(await http({ action: 'session.whoami', input: {} }))
  expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })

  const polled = json(await http({ action: 'webLogin.poll', input: { ticketId: ticket.ticketId, browserKey: key } }))
  if (!polled.ok) throw new Error(polled.error.message)
  const { session } = polled.data as { session: { token: string } }
  fake.context = {}
  const me = json(await http({ action: 'session.whoami', input: {} }, { token: session.token }))
  expect(me.ok && (me.data as ProfileView).member.id).toBe(MEMBER_B1)

  // Revoked from the phone: the browser's next call is refused with 登录已失效.
  const sessionId = session.token.split('.')[0]
  await phone(`dev_${MEMBER_B1}`, { action: 'webLogin.revoke', input: { sessionId }, requestId: 'http-revoke-1' })
  const after = json(await http({ action: 'meeting.listMine', input: { when: 'upcoming' } }, { token: session.token }))
  expect(after).toMatchObject({
    ok: false,
    error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新扫码登录。' },
  })
}, 30_000)

test('identity never comes from the body, nor from a development token, over HTTP', async () => {
  const { fake, http, json } = await openCloud()
  fake.context = { OPENID: `dev_${MEMBER_B1}` }
  const withBodyIdentity = json(
    await http({
      action: 'session.whoami',
      input: {},
      openid: `dev_${MEMBER_B1}`,
      userInfo: { openId: `dev_${MEMBER_B1}` },
    }),
  )
  expect(withBodyIdentity).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  const devLike = json(await http({ action: 'session.whoami', input: {} }, { token: 'v1.eyJzdWIiOiJ4In0.abc' }))
  expect(devLike).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  // The development login is not offered in production.
  expect(json(await http({ action: 'session.devAccounts', input: {} }))).toMatchObject({
    ok: false,
    error: { code: 'NOT_AVAILABLE' },
  })
})

test('transport refusals: preflight, other methods, oversized and malformed bodies, another origin', async () => {
  const { http, json } = await openCloud()
  const preflight = await http('', { httpMethod: 'OPTIONS' })
  expect(preflight).toMatchObject({ statusCode: 204, body: '' })
  expect(preflight.headers['access-control-allow-methods']).toBe('POST, OPTIONS')

  const get = await http('', { httpMethod: 'GET' })
  expect(get.statusCode).toBe(405)
  expect(json(get)).toMatchObject({ ok: false, error: { message: '请用 POST 调用接口。' } })

  const big = await http({ action: 'system.health', input: { pad: 'x'.repeat(MAX_HTTP_BODY_BYTES) } })
  expect(big.statusCode).toBe(413)
  expect(json(big)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/超过 100 KB/) } })

  const broken = await http('{"action":')
  expect(broken.statusCode).toBe(400)
  expect(json(broken)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/不是有效的 JSON/) } })

  // A base64 body (as the service sends some content types) is decoded.
  const b64 = await http(Buffer.from(JSON.stringify({ action: 'system.health', input: {} })).toString('base64'), {
    isBase64Encoded: 'true',
  })
  expect(json(b64)).toMatchObject({ ok: true, data: { ok: true, store: 'cloudbase' } })

  // Another site's page gets no CORS permission (its browser withholds the answer).
  const foreign = await handleHttpAccess(
    { httpMethod: 'POST', headers: { Origin: 'https://evil.example' }, body: '{"action":"system.health"}' },
    async () => ({ ok: true, data: null }),
    { webOrigin: ORIGIN },
  )
  expect(foreign.headers['access-control-allow-origin']).toBeUndefined()
})

test('WEB_ORIGIN and WEB_SESSION_SECRET are checked when the function starts', () => {
  expect(webOriginFromEnv(undefined)).toBeNull()
  expect(webOriginFromEnv('https://party.example.cn/')).toBe('https://party.example.cn')
  expect(() => webOriginFromEnv('party.example.cn')).toThrow(/WEB_ORIGIN/)
  expect(() => cloudBaseOptionsFromEnv({ WEB_SESSION_SECRET: 'short' })).toThrow(/WEB_SESSION_SECRET/)
  expect(cloudBaseOptionsFromEnv({}).webSessionSecret).toBeUndefined()
  // A callFunction event is not an HTTP event.
  expect(isHttpAccessEvent({ action: 'system.health', input: {} })).toBe(false)
})
