/**
 * The local host over raw HTTP with what an attacker or a broken client sends: bad `%` escapes,
 * bodies over 1 MB, paths out of the h5 build, Host headers of other sites, concurrent uploads of one
 * photo, and a seeded fuzz of the transport. Every /api reply is JSON in the API's shape, in Chinese.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { startHost, type RunningHost } from '../../scripts/local-host'
import { SECRETARY_B1 } from './api-fixture'

let dataDir: string
let host: RunningHost
let token: string

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-harden-'))
  const staticDir = path.join(dataDir, 'h5')
  mkdirSync(staticDir)
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>党支部组织生活</title>')
  // A sibling folder whose name starts with the build's: never served.
  mkdirSync(path.join(dataDir, 'h5-old'))
  writeFileSync(path.join(dataDir, 'h5-old', 'secret.txt'), 'not for the web')
  writeFileSync(path.join(dataDir, 'secret.txt'), 'not for the web')
  host = await startHost({ dataDir: path.join(dataDir, 'data'), port: 0, staticDir, seed: true })
  token = host.ports.identity.issueSession!(`dev_${SECRETARY_B1}`, host.ports.clock.now()).token
})
afterAll(async () => {
  await host.close()
  rmSync(dataDir, { recursive: true, force: true })
})

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
}

/** One request exactly as given (path not normalized, any Host header); resolves with the reply or rejects on a dropped connection. */
function send(
  method: string,
  rawPath: string,
  options: { headers?: http.OutgoingHttpHeaders; body?: Buffer | string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method, path: rawPath, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const CHINESE = /[\u4e00-\u9fff]/

/** The reply is JSON `{ ok: false, error: { code, message } }` with a Chinese message. */
function expectApiRefusal(reply: Reply, status: number): { code: string; message: string } {
  expect(reply.status).toBe(status)
  expect(reply.headers['content-type']).toMatch(/^application\/json/)
  const body = JSON.parse(reply.text) as { ok: boolean; error: { code: string; message: string } }
  expect(body.ok).toBe(false)
  expect(body.error.message).toMatch(CHINESE)
  return body.error
}

const callHeaders = (extra: http.OutgoingHttpHeaders = {}) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${token}`,
  ...extra,
})

test('a bad % escape in the URL is a 400 in Chinese, on the API and on the static files', async () => {
  for (const p of ['/api/call%', '/api/%E0%A4%A', '/%ZZ', '/js/%C0%AF.js', '/%']) {
    const error = expectApiRefusal(await send('POST', p, { headers: callHeaders(), body: '{}' }), 400)
    expect(error.message).toMatch(/转义/)
    expectApiRefusal(await send('GET', p), 400)
  }
})

test('a body over 1 MB is a 413 in Chinese, and the connection still answers the next request', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  try {
    const big = JSON.stringify({ action: 'session.whoami', input: { pad: 'x'.repeat(1024 * 1024 + 10) } })
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/call', headers: callHeaders(), agent },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
          )
        },
      )
      req.on('error', reject)
      req.end(big)
    })
    const error = expectApiRefusal(reply, 413)
    expect(error.message).toMatch(/内容超过 1 MB/)
    const after = await new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/call', headers: callHeaders(), agent },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
          )
        },
      )
      req.on('error', reject)
      req.end(JSON.stringify({ action: 'session.whoami', input: {} }))
    })
    expect(after.status).toBe(200)
    expect(JSON.parse(after.text)).toMatchObject({ ok: true, data: { bound: true } })
  } finally {
    agent.destroy()
  }
})

test('only files inside the h5 build are served: no sibling folder, no parent, no encoded separator', async () => {
  for (const p of [
    '/..%2Fh5-old%2Fsecret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/..%5Csecret.txt',
    '/../h5-old/secret.txt',
    '/index.html%00.txt',
    '/%2Fetc%2Fpasswd',
  ]) {
    const reply = await send('GET', p)
    expect(reply.text).not.toContain('not for the web')
    if (reply.status === 200) expect(reply.text).toContain('党支部组织生活')
    else expect([403, 404]).toContain(reply.status)
  }
  expect((await send('GET', '/..%2Fh5-old%2Fsecret.txt')).status).toBe(404)
  expect((await send('GET', '/index.html')).text).toContain('党支部组织生活')
})

test('a Host header naming another site is refused with a 421 in Chinese; its own names are answered', async () => {
  for (const hostHeader of ['evil.example.com', 'evil.example.com:80', `attacker.test:${host.port}`, '127.0.0.2']) {
    for (const p of ['/', '/api/health']) {
      const reply = await send('GET', p, { headers: { host: hostHeader } })
      expectApiRefusal(reply, 421)
    }
    expectApiRefusal(
      await send('POST', '/api/call', {
        headers: callHeaders({ host: hostHeader }),
        body: JSON.stringify({ action: 'session.whoami', input: {} }),
      }),
      421,
    )
  }
  for (const own of [
    `127.0.0.1:${host.port}`,
    `localhost:${host.port}`,
    `LOCALHOST:${host.port}`,
    `[::1]:${host.port}`,
  ]) {
    expect((await send('GET', '/api/health', { headers: { host: own } })).status).toBe(200)
  }
})

test('the public URL host is answered too', async () => {
  const proxied = await startHost({
    dataDir: path.join(dataDir, 'data-proxied'),
    port: 0,
    publicUrl: 'https://party.example.org/',
  })
  try {
    const get = (hostHeader: string) =>
      new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: proxied.port, path: '/api/health', headers: { host: hostHeader } }, (res) => {
            res.resume()
            resolve(res.statusCode!)
          })
          .on('error', reject)
      })
    expect(await get('party.example.org')).toBe(200)
    expect(await get('other.example.org')).toBe(421)
  } finally {
    await proxied.close()
  }
})

test('concurrent uploads of the same photo: both answered with the same file id, one file stored', async () => {
  const photo = Buffer.alloc(300 * 1024, 7)
  const target = encodeURIComponent('uploads/photos/same.jpg')
  const replies = await Promise.all(
    Array.from({ length: 6 }, () =>
      send('POST', `/api/upload?path=${target}`, {
        headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${token}` },
        body: photo,
      }),
    ),
  )
  for (const r of replies) {
    expect(r.status).toBe(200)
    expect(JSON.parse(r.text)).toEqual({ fileID: 'local:uploads/photos/same.jpg' })
  }
  const stored = await host.ports.files.get('local:uploads/photos/same.jpg')
  expect(Buffer.compare(stored, photo)).toBe(0)
})

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

test('a seeded fuzz of the transport: every /api reply is JSON in the API shape, never a 500 or a dropped connection', async () => {
  const rnd = prng(1806)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const paths = [
    '/api/call',
    '/api/call?x=%',
    '/api/upload?path=%E0',
    '/api/upload?path=uploads/%2e%2e/x',
    '/api/%ff',
    '/api/nope',
  ]
  const bodies: (string | Buffer)[] = [
    '',
    'null',
    '[]',
    '"x"',
    '{"action":"toString"}',
    '{"action":"__proto__","input":{}}',
    '{"action":"constructor","input":null}',
    '{"action":"meeting.listMine","input":{"when":"upcoming","cursor":"W3siYSI6MX0sIngiXQ"}}',
    '{"action":"roster.list","input":{"cursor":"W1sxXSwieCJd"}}',
    '{"action":{"a":1}}',
    '{"__proto__":{"action":"session.whoami"}}',
    Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
    '{"action":"session.whoami","input":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
  ]
  for (let i = 0; i < 60; i++) {
    const method = pick(['POST', 'POST', 'GET', 'PUT', 'DELETE'])
    const p = pick(paths)
    const sent = {
      headers: {
        'content-type': pick(['application/json', 'text/plain', 'image/jpeg']),
        authorization: pick([`Bearer ${token}`, 'Bearer x', '']),
      },
      body: method === 'GET' ? undefined : pick(bodies),
    }
    const reply = await send(method, p, sent).catch((err: Error) => {
      throw new Error(`#${i} ${method} ${p} ${JSON.stringify(sent).slice(0, 200)}: ${err.message}`)
    })
    expect(reply.status).not.toBe(500)
    expect(reply.headers['content-type']).toMatch(/^application\/json/)
    const body = JSON.parse(reply.text) as { ok?: boolean; error?: { code: string; message: string }; fileID?: string }
    if (body.ok === false) {
      expect(body.error!.code).not.toBe('INTERNAL')
      expect(body.error!.message).toMatch(CHINESE)
    } else {
      expect(body.ok === true || typeof body.fileID === 'string').toBe(true)
    }
  }
})
