/**
 * The `api` function's own entry (src/cloud/functions/api/index.ts) with wx-server-sdk replaced by
 * the stand-in for WeChat's servers: one `main` answers the mini-program's callFunction events with
 * the call's result, and CloudBase HTTP-access events with an integration response, configured from
 * the function's environment variables (WEB_SESSION_SECRET, WEB_ORIGIN).
 */
import { createHash, randomBytes } from 'node:crypto'
import { CloudBaseStore } from '../../src/cloud/adapters/cloudbase-store'
import { seedDemo } from '../../src/cloud/seed/demo-branch'
import { MEMBER_B1 } from './api-fixture'
import { FakeWxCloud } from './fake-wx-cloud'

const mockFake = new FakeWxCloud()
jest.mock('wx-server-sdk', () => ({ ...mockFake.cloud, init: () => undefined, DYNAMIC_CURRENT_ENV: 'env' }))

const ORIGIN = 'https://party.example.cn'
type Reply = { statusCode: number; headers: Record<string, string>; body: string }
const savedEnv = { ...process.env }
afterAll(() => {
  process.env = savedEnv
})

test('one entry: callFunction events get results, HTTP-access events get integration responses', async () => {
  process.env.WEB_SESSION_SECRET = randomBytes(32).toString('hex')
  process.env.WEB_ORIGIN = ORIGIN
  await seedDemo(new CloudBaseStore(mockFake.db), Date.now())
  const { main } = await import('../../src/cloud/functions/api/index')
  const http = async (body: unknown, token?: string) =>
    (await main({
      path: '/api',
      httpMethod: 'POST',
      headers: { origin: ORIGIN, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      isBase64Encoded: false,
    })) as Reply
  const phone = (event: Record<string, unknown>) => {
    mockFake.context = { OPENID: `dev_${MEMBER_B1}` }
    return main(event, {})
  }

  const key = randomBytes(32).toString('hex')
  const keyHash = createHash('sha256').update(Buffer.from(key, 'hex')).digest('hex')
  const started = await http({
    action: 'webLogin.start',
    input: { browserKeyHash: keyHash, browser: 'Safari 18 · macOS' },
  })
  expect(started.statusCode).toBe(200)
  expect(started.headers['access-control-allow-origin']).toBe(ORIGIN)
  const { ticketId } = JSON.parse(started.body).data as { ticketId: string }

  expect(await phone({ action: 'webLogin.confirm', input: { ticketId }, requestId: 'entry-confirm-1' })).toMatchObject({
    ok: true,
    data: { state: 'confirmed', browser: 'Safari 18 · macOS' },
  })
  const polled = JSON.parse((await http({ action: 'webLogin.poll', input: { ticketId, browserKey: key } })).body)
  const me = JSON.parse((await http({ action: 'session.whoami', input: {} }, polled.data.session.token)).body)
  expect(me).toMatchObject({ ok: true, data: { member: { id: MEMBER_B1 } } })
  // The phone's OPENID is in the WeChat context right now; an HTTP call without a token is nobody.
  mockFake.context = { OPENID: `dev_${MEMBER_B1}` }
  expect(JSON.parse((await http({ action: 'session.whoami', input: {} })).body)).toMatchObject({
    ok: false,
    error: { code: 'UNAUTHENTICATED' },
  })
}, 30_000)
