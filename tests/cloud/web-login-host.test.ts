/**
 * 扫码登录 on the local host over real HTTP: the QR holds the h5 address of the confirm page with
 * `?t=<ticketId>` (a second browser tab plays the phone), the place is the connection's address,
 * and the web session is carried as the bearer token like the development session; once ended,
 * neither calls nor uploads are accepted.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { QrCodeImage } from '../../src/cloud/adapters/qr-code-image'
import { startHost, type RunningHost } from '../../scripts/local-host'
import { MEMBER_B1 } from './api-fixture'

let dataDir: string
let host: RunningHost
beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-host-weblogin-'))
  host = await startHost({ dataDir, port: 0, seed: true })
})
afterEach(async () => {
  await host.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function post(body: unknown, token?: string) {
  const res = await fetch(`${host.url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (await res.json()) as { ok: boolean; data?: any; error?: { code: string; message: string } }
}

test('the scan flow through POST /api/call, then the session ends for calls and uploads alike', async () => {
  const key = randomBytes(32).toString('hex')
  const keyHash = createHash('sha256').update(Buffer.from(key, 'hex')).digest('hex')
  const started = await post({
    action: 'webLogin.start',
    input: { browserKeyHash: keyHash, browser: 'Firefox 128 · Linux' },
  })
  expect(started.ok).toBe(true)
  const { ticketId } = started.data as { ticketId: string }
  const codes = host.ports.codes as QrCodeImage
  expect(codes.target('packages/account/pages/web-login/index', `t=${ticketId}`)).toBe(
    `${host.url}/#/packages/account/pages/web-login/index?t=${ticketId}`,
  )

  // The "phone": a second tab with the development login.
  const phone = (await post({ action: 'session.devLogin', input: { memberId: MEMBER_B1 } })).data.token as string
  const seen = await post({ action: 'webLogin.inspect', input: { ticketId } }, phone)
  expect(seen.data).toMatchObject({ browser: 'Firefox 128 · Linux', place: 'IP 127.0.0.1（本机）', state: 'pending' })
  expect((await post({ action: 'webLogin.confirm', input: { ticketId }, requestId: 'host-confirm-1' }, phone)).ok).toBe(
    true,
  )
  const polled = await post({ action: 'webLogin.poll', input: { ticketId, browserKey: key } })
  const token = polled.data.session.token as string
  expect((await post({ action: 'session.whoami', input: {} }, token)).data.member.id).toBe(MEMBER_B1)

  const upload = (bearer: string) =>
    fetch(`${host.url}/api/upload?path=uploads/roster/web-login.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'text/csv' },
      body: '姓名\n',
    })
  expect((await upload(token)).status).toBe(200)

  const sessionId = token.split('.')[0]
  expect((await post({ action: 'webLogin.revoke', input: { sessionId }, requestId: 'host-revoke-1' }, phone)).ok).toBe(
    true,
  )
  expect(await post({ action: 'session.whoami', input: {} }, token)).toEqual({
    ok: false,
    error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新扫码登录。' },
  })
  const refused = await upload(token)
  expect(refused.status).toBe(401)
  expect(await refused.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } })
}, 30_000)
