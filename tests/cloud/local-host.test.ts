/** The local host over real HTTP: a transport only, durable across restarts and shutdowns. */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { QrCodeImage } from '../../src/cloud/adapters/qr-code-image'
import { SqliteStore } from '../../src/cloud/adapters/sqlite-store'
import { DB_FILE } from '../../src/cloud/embedded'
import { startHost } from '../../scripts/local-host'
import { scheduleInput, SECRETARY_B1 } from './api-fixture'

const ROOT = path.resolve(__dirname, '../..')
let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-host-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

async function post(url: string, body: unknown, token?: string) {
  const res = await fetch(`${url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return {
    status: res.status,
    json: (await res.json()) as { ok: boolean; data?: any; error?: { code: string; message: string } },
  }
}

async function login(url: string, memberId: string): Promise<string> {
  const r = await post(url, { action: 'session.devLogin', input: { memberId } })
  return r.json.data.token
}

const nextWeek = () => {
  const d = new Date(Date.now() + 7 * 24 * 3600 * 1000 + 8 * 3600 * 1000)
  return d.toISOString().slice(0, 10)
}

test('serves health, API calls with a bearer session, the h5 build, and Chinese errors for bad requests', async () => {
  const staticDir = path.join(dataDir, 'h5')
  mkdirSync(staticDir)
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>党支部组织生活</title>')
  const host = await startHost({ dataDir, port: 0, staticDir, seed: true })
  try {
    const health = await fetch(`${host.url}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ ok: true, data: { ok: true, store: 'sqlite' } })

    const page = await fetch(`${host.url}/`)
    expect(await page.text()).toContain('党支部组织生活')
    expect((await fetch(`${host.url}/../../etc/passwd`)).status).toBe(200) // falls back to index.html, never escapes

    const bad = await post(host.url, '{not json')
    expect(bad.status).toBe(400)
    expect(bad.json.error?.message).toMatch(/JSON/)

    const anon = await post(host.url, { action: 'session.whoami', input: {} })
    expect(anon.json.error?.code).toBe('UNAUTHENTICATED')
    const token = await login(host.url, SECRETARY_B1)
    const who = await post(host.url, { action: 'session.whoami', input: {} }, token)
    expect(who.json.data.member.name).toBe('张建国')
  } finally {
    await host.close()
  }
})

test('data persists across a restart of the host', async () => {
  const first = await startHost({ dataDir, port: 0, seed: true })
  const token = await login(first.url, SECRETARY_B1)
  const created = await post(
    first.url,
    { action: 'meeting.schedule', input: scheduleInput({ date: nextWeek() }), requestId: 'req-persist-01' },
    token,
  )
  expect(created.json.ok).toBe(true)
  await first.close()

  const second = await startHost({ dataDir, port: 0, seed: true })
  try {
    const again = await post(second.url, { action: 'meeting.get', input: { meetingId: created.json.data.id } }, token)
    expect(again.json.data.title).toBe(created.json.data.title)
  } finally {
    await second.close()
  }
})

test('SIGTERM during a burst of writes loses no acknowledged write and exits cleanly', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/host.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', STATIC_DIR: path.join(dataDir, 'none') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr.on('data', (c) => (output += c))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${output}`)), 30_000)
    child.stdout.on('data', (c: Buffer) => {
      output += c
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const token = await login(url, SECRETARY_B1)
  const date = nextWeek()
  let signalledAt = 0
  const writes = Array.from({ length: 60 }, (_, i) =>
    post(
      url,
      {
        action: 'meeting.schedule',
        input: scheduleInput({ date, title: `压力测试会议 ${i}` }),
        requestId: `req-burst-${String(i).padStart(4, '0')}`,
      },
      token,
    )
      .then((r) => {
        if (!signalledAt) {
          signalledAt = Date.now()
          child.kill('SIGTERM')
        }
        return { ok: r.json.ok, id: r.json.data?.id as string | undefined, at: Date.now() }
      })
      .catch(() => ({ ok: false, id: undefined, at: Date.now() })),
  )
  const results = await Promise.all(writes)
  expect(await exited).toBe(0)
  const acknowledged = results.filter((r) => r.ok && r.id)
  expect(acknowledged.length).toBeGreaterThan(0)
  // Requests already in flight when the signal came were finished, not dropped.
  expect(acknowledged.some((r) => r.at > signalledAt)).toBe(true)

  const store = new SqliteStore(path.join(dataDir, DB_FILE))
  try {
    for (const r of acknowledged) expect(await store.get('meetings', r.id!)).not.toBeNull()
  } finally {
    await store.close()
  }
}, 60_000)

test('invitation QR codes hold the address the host listens on, or the public URL it is given', async () => {
  const host = await startHost({ dataDir, port: 0, seed: true })
  try {
    const codes = host.ports.codes as QrCodeImage
    expect(codes.target('packages/roster/pages/bind/index', 'code=ABCD2345')).toBe(
      `${host.url}/#/packages/roster/pages/bind/index?code=ABCD2345`,
    )
  } finally {
    await host.close()
  }
  const proxied = await startHost({ dataDir, port: 0, publicUrl: 'https://party.example.org/' })
  try {
    expect((proxied.ports.codes as QrCodeImage).target('p', 'code=X')).toBe('https://party.example.org/#/p?code=X')
  } finally {
    await proxied.close()
  }
})

test('uploads go into the local files under uploads/ for a signed-in user, and an action reads them by file id', async () => {
  const host = await startHost({ dataDir, port: 0, seed: true })
  try {
    const put = (cloudPath: string, body: Buffer, token?: string) =>
      fetch(`${host.url}/api/upload?path=${encodeURIComponent(cloudPath)}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: new Uint8Array(body),
      })
    const csv = Buffer.from(
      '\uFEFF姓名,性别,手机号,党员类别,入党时间,状态\r\n林小雨,女,13612345678,预备党员,2026-06-01,正常\r\n',
    )
    const anonymous = await put('uploads/roster/a.csv', csv)
    expect(anonymous.status).toBe(401)
    expect(((await anonymous.json()) as { error: { message: string } }).error.message).toMatch(/请先登录/)

    const token = await login(host.url, SECRETARY_B1)
    for (const outside of [
      'minutes/m1/x.jpg',
      'uploads/../session.key',
      '/uploads/roster/a.csv',
      'uploads/roster//a.csv',
    ]) {
      const r = await put(outside, csv, token)
      expect(r.status).toBe(400)
    }
    expect((await put('uploads/roster/big.csv', Buffer.alloc(2 * 1024 * 1024 + 1), token)).status).toBe(413)

    const uploaded = await put('uploads/roster/a.csv', csv, token)
    expect(uploaded.status).toBe(200)
    const { fileID } = (await uploaded.json()) as { fileID: string }
    expect(fileID).toBe('local:uploads/roster/a.csv')
    const preview = await post(host.url, { action: 'roster.importPreview', input: { fileId: fileID } }, token)
    expect(preview.json).toMatchObject({ ok: true, data: { rows: [{ name: '林小雨', action: 'create' }] } })
  } finally {
    await host.close()
  }
})

test('a freshly seeded demo shows the 党委 the same 流动党员 预警 its branch sees, before any daily run', async () => {
  const host = await startHost({ dataDir, port: 0, seed: true })
  try {
    const year = new Date(host.ports.clock.now() + 8 * 3600_000).getUTCFullYear()
    const secretary = await login(host.url, SECRETARY_B1)
    const mobile = await post(host.url, { action: 'mobile.listBranch', input: {} }, secretary)
    expect(mobile.json.ok).toBe(true)
    const counts = mobile.json.data.counts as Record<string, number>
    const atRisk = (counts.warning ?? 0) + (counts.lost_risk ?? 0)
    expect(atRisk).toBeGreaterThan(0)

    const committee = await login(host.url, 'm_cmte_01')
    const matrix = await post(
      host.url,
      { action: 'supervision.matrix', input: { orgId: 'org_cmte', year, sort: 'name', limit: 50 } },
      committee,
    )
    expect(matrix.json.ok).toBe(true)
    const b1 = (matrix.json.data.rows as { orgId: string; indicators: { mobileAtRisk: number } }[]).find(
      (r) => r.orgId === 'org_b1',
    )!
    expect(b1.indicators.mobileAtRisk).toBe(atRisk)
  } finally {
    await host.close()
  }
})
