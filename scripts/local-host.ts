/**
 * The local host: a transport, nothing more. It serves the h5 build and hands every API call to
 * the very same `main(event, context)` the cloud function runs, with the embedded ports.
 *
 *   POST /api/call    body { action, input, requestId }, header `Authorization: Bearer <token>`
 *                     → 200 { ok: true, data } | { ok: false, error: { code, message, fields? } }
 *   POST /api/upload?path=uploads/…   body: the file's bytes, same bearer token
 *                     → 200 { fileID: 'local:uploads/…' }: the browser's stand-in for WeChat's
 *                     `cloud.uploadFile`, into the host's local files, where actions read it
 *                     (src/domain/uploads.ts); 401 without a session, 400 outside uploads/, 413 over 2 MB
 *   GET  /api/health  → 200 when the store answers, 503 otherwise
 *   GET  /*           → files of the h5 build (hash routes: /#/pages/...), gzipped when the client accepts
 *                     it; hashed files cached for a year, the rest revalidated; a missing file with an
 *                     extension is a 404, and so is any path that leads outside the build
 * Every reply of /api/* is JSON in the API's shape: 400 for a malformed URL escape or JSON, 413 for a
 * body over 1 MB. Only requests naming this host (its own address, localhost, the public URL's host,
 * and when it listens on the LAN its network addresses) are answered; any other Host header gets a
 * 421, so a web page cannot reach it by DNS rebinding.
 * It listens on 127.0.0.1 (this machine only) unless `lan` asks for every network interface, so
 * phones on the same network can open it (`npm start -- --lan`).
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { HANDLERS } from '../src/cloud/actions'
import { openEmbedded } from '../src/cloud/embedded'
import { scheduleDailyJobs } from '../src/cloud/functions/timer/run-jobs'
import type { Ports } from '../src/cloud/ports'
import type { HttpCallContext } from '../src/cloud/ports/identity'
import { STORAGE_PATH_RE } from '../src/cloud/ports/files'
import { createMain, type Main } from '../src/cloud/router'
import { refreshSupervisionRows } from '../src/cloud/jobs/supervision-escalation'
import { seedDemo } from '../src/cloud/seed/demo-branch'
import { seedDemoNow } from '../src/cloud/seed/demo-now'
import { UPLOAD_ROOT } from '../src/domain/uploads'

export interface HostOptions {
  dataDir: string
  port?: number
  /** The h5 build to serve; API-only when absent. */
  staticDir?: string
  /** Seed the demo branch into an empty database. */
  seed?: boolean
  /** Replace the ports (tests pin the clock). */
  ports?: Ports
  /** The address phones use to reach this host, put in invitation QR codes; its own URL when absent. */
  publicUrl?: string
  /** Run the daily jobs (reminders, quotas at risk, minutes due) every day at 08:00 Beijing time; off unless asked. */
  dailyJobs?: boolean
  /**
   * Listen on every network interface (0.0.0.0) so phones on the same network can open the app;
   * off unless asked: by default only this machine (127.0.0.1) reaches the host.
   */
  lan?: boolean
  /**
   * With `seed`: place the demo's meeting on now and the one just ended relative to the start
   * (src/cloud/seed/demo-now.ts), so a newcomer can try sign-in and minutes at once.
   */
  demoNow?: boolean
}

export interface RunningHost {
  url: string
  port: number
  /** With `lan`: the addresses phones on the same network use (http://192.168.1.5:10086); else empty. */
  lanUrls: string[]
  main: Main
  ports: Ports
  /** Stops accepting, lets every request in flight finish, then closes the database. */
  close(): Promise<void>
}

const MAX_BODY = 1024 * 1024
/** Above every upload kind's own limit (src/domain/uploads.ts), which the action checks. */
const MAX_UPLOAD = 2 * 1024 * 1024
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

/**
 * Replies with `body` as JSON. A reply sent before the request's body was read to its end (a refusal)
 * closes the connection after it, so a keep-alive client never writes its next request behind the
 * unread rest.
 */
function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  const headers: http.OutgoingHttpHeaders = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  }
  if (!res.req.complete) headers.connection = 'close'
  res.writeHead(status, headers)
  res.end(text)
}

class BodyTooLarge extends Error {
  constructor() {
    super('body too large')
  }
}

/** The request body, up to `max` bytes; past that it rejects with BodyTooLarge, and the rest is read and dropped so the reply still arrives. */
function readBytes(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    const onData = (c: Buffer) => {
      size += c.length
      if (size <= max) return void chunks.push(c)
      req.off('data', onData)
      req.resume()
      reject(new BodyTooLarge())
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** The request body as text, up to 1 MB; throws BodyTooLarge past that. */
async function readBody(req: http.IncomingMessage): Promise<string> {
  return (await readBytes(req, MAX_BODY)).toString('utf8')
}

const badRequest = (message: string) => ({ ok: false, error: { code: 'VALIDATION_FAILED', message } })

/**
 * The host names this host answers to, lower case without the port: the loopback names, the address
 * it listens on and the public URL's host. Any other Host header is a page of another site reaching
 * this host through DNS rebinding.
 */
function ownHostNames(listenAddress: string, publicUrl: string | undefined, lanAddresses: string[]): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]'])
  // Not 0.0.0.0: a page of another site can send a browser there, and it is no address of ours.
  if (listenAddress !== '0.0.0.0') names.add(listenAddress.includes(':') ? `[${listenAddress}]` : listenAddress)
  for (const a of lanAddresses) names.add(a)
  if (publicUrl) names.add(new URL(publicUrl).hostname.toLowerCase())
  return names
}

/**
 * This machine's IPv4 addresses on its networks (not loopback), e.g. ['192.168.1.5']: what a phone
 * on the same Wi-Fi types to reach a host listening on every interface.
 */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => i.address)
}

/** The host name of a Host header value (without its port), lower case; null when it is not one. */
function hostNameOf(value: string | undefined): string | null {
  if (!value) return null
  try {
    const url = new URL(`http://${value}`)
    return url.username || url.password || url.pathname !== '/' ? null : url.hostname.toLowerCase()
  } catch {
    return null
  }
}

/**
 * Runs writes to one key (a file path) one after another: two concurrent uploads of the same photo
 * would otherwise race on the same temporary file. Returns the queue: it takes the key and the write
 * and returns the write's result.
 */
function oneAtATime(): <T>(key: string, write: () => Promise<T>) => Promise<T> {
  const inFlight = new Map<string, Promise<unknown>>()
  return (key, write) => {
    const next = (inFlight.get(key) ?? Promise.resolve()).then(write, write)
    const settled = next.catch(() => undefined)
    inFlight.set(key, settled)
    void settled.then(() => {
      if (inFlight.get(key) === settled) inFlight.delete(key)
    })
    return next
  }
}

/** The call's transport context: the bearer token (a development or web session) and the client's address. */
function sessionOf(req: http.IncomingMessage): HttpCallContext {
  const auth = req.headers.authorization
  return {
    via: 'http',
    sessionToken: auth?.startsWith('Bearer ') ? auth.slice(7) : undefined,
    clientIp: req.socket.remoteAddress ?? null,
  }
}

/** Whether the request's session identifies someone; an ended web session does not. */
async function identified(ports: Ports, req: http.IncomingMessage): Promise<boolean> {
  try {
    return (await ports.identity.identify(sessionOf(req))) !== null
  } catch {
    return false
  }
}

/** WeChat's storage takes uploads from signed-in users only, into any path; this host, into uploads/ only. */
async function upload(
  ports: Ports,
  queue: ReturnType<typeof oneAtATime>,
  req: http.IncomingMessage,
  url: URL,
  res: http.ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, badRequest('请用 POST 上传文件。'))
  if (!(await identified(ports, req))) {
    return sendJson(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录再上传文件。' } })
  }
  const target = url.searchParams.get('path') ?? ''
  if (!target.startsWith(UPLOAD_ROOT) || !STORAGE_PATH_RE.test(target)) {
    return sendJson(res, 400, badRequest('上传路径不对，请刷新页面后重新选择文件。'))
  }
  let content: Buffer
  try {
    content = await readBytes(req, MAX_UPLOAD)
  } catch {
    return sendJson(res, 413, badRequest('文件超过 2 MB，请压缩或换一个文件后重新选择。'))
  }
  const type = req.headers['content-type'] ?? 'application/octet-stream'
  const stored = await queue(target, () => ports.files.put(target, content, type))
  sendJson(res, 200, { fileID: stored.fileId })
}

const gzipAsync = promisify(gzip)
/** Build files worth compressing: text. Images and fonts of the build are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.ico', '.ttf'])
/** A build file name with a content hash in it (js/app.78216633.js, css/370.4c8e1a33cd2e0424289c.css). */
const HASHED_NAME = /\.[0-9a-f]{8,}\.[a-z0-9]+$/
/** Gzipped build files by absolute path, valid while the file keeps its size and modification time. */
const gzipped = new Map<string, { mtimeMs: number; size: number; body: Promise<Buffer> }>()

function gzippedBody(file: string): Promise<Buffer> {
  const { mtimeMs, size } = statSync(file)
  const cached = gzipped.get(file)
  if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.body
  const body = readFile(file).then((raw) => gzipAsync(raw, { level: 9 }))
  gzipped.set(file, { mtimeMs, size, body })
  body.catch(() => gzipped.delete(file))
  return body
}

/**
 * Serves a file of the h5 build (`urlPath` decoded, `rawPath` as sent): index.html for `/` and for
 * any path without a file extension (routes are hash routes), 404 for a missing file with one (e.g. /favicon.ico). Hashed files may be
 * cached for a year (`immutable`); the rest are revalidated each time. Text files go gzipped to a
 * client that accepts gzip (on a slow network the build's JavaScript is most of the first load).
 */
async function serveStatic(
  staticDir: string | undefined,
  rawPath: string,
  urlPath: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  if (!staticDir || !existsSync(path.join(staticDir, 'index.html'))) {
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' })
    res.end(
      '<meta charset="utf-8"><p>网页版尚未构建。请在项目目录运行 <code>npm start</code>（或 <code>npm run build:h5</code>）后刷新本页。</p>',
    )
    return
  }
  const root = path.resolve(staticDir)
  let file = path.resolve(root, '.' + urlPath)
  // Only files inside the build: no encoded separator or NUL, and the resolved path under the root
  // (a sibling folder such as `h5-old` starts with the root's name too, hence the separator).
  const inside = file === root || file.startsWith(root + path.sep)
  if (/%(2f|5c|00)/i.test(rawPath) || urlPath.includes('\\') || urlPath.includes('\0') || !inside) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' })
    res.end('Not found')
    return
  }
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (path.extname(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' })
      res.end('Not found')
      return
    }
    file = path.join(root, 'index.html')
  }
  const ext = path.extname(file)
  const headers: http.OutgoingHttpHeaders = {
    'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'cache-control': HASHED_NAME.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
  }
  if (COMPRESSIBLE.has(ext)) {
    headers.vary = 'accept-encoding'
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const body = await gzippedBody(file)
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length })
      res.end(req.method === 'HEAD' ? undefined : body)
      return
    }
  }
  res.writeHead(200, headers)
  createReadStream(file).pipe(res)
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const ports = options.ports ?? openEmbedded({ dataDir: options.dataDir })
  // A freshly seeded demo gets its 党委 matrix rows judged at once, not at the next daily run.
  if (options.seed) {
    const wrote = await seedDemo(ports.store, ports.clock.now())
    const placed = options.demoNow ? await seedDemoNow(ports.store, ports.clock.now()) : null
    if (wrote || (placed && placed.live.length + placed.ended.length > 0)) {
      await refreshSupervisionRows(ports, ports.clock.now())
    }
  }
  const main = createMain(ports, HANDLERS)
  let inFlight = 0
  let drained: (() => void) | null = null

  let hostNames = new Set<string>()
  const uploads = oneAtATime()
  const server = http.createServer(async (req, res) => {
    inFlight += 1
    res.on('close', () => {
      inFlight -= 1
      if (inFlight === 0 && drained) drained()
    })
    const hostName = hostNameOf(req.headers.host)
    if (!hostName || !hostNames.has(hostName)) {
      req.resume()
      return sendJson(res, 421, {
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: '这个地址不是本服务的访问地址，请用 http://127.0.0.1 或管理员给出的网址打开。',
        },
      })
    }
    let url: URL
    let urlPath: string
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1')
      urlPath = decodeURIComponent(url.pathname)
    } catch {
      req.resume()
      return sendJson(res, 400, badRequest('网址中有无效的 % 转义字符，请检查网址后重试。'))
    }
    try {
      if (url.pathname === '/api/health' && req.method === 'GET') {
        const result = await main({ action: 'system.health', input: {} })
        sendJson(res, result.ok ? 200 : 503, result)
      } else if (url.pathname === '/api/call') {
        if (req.method !== 'POST') return sendJson(res, 405, badRequest('请用 POST 调用接口。'))
        let event: unknown
        try {
          event = JSON.parse(await readBody(req))
        } catch (err) {
          if (err instanceof BodyTooLarge) {
            return sendJson(res, 413, badRequest('内容超过 1 MB，请删减后重试；照片和文件请通过上传按钮添加。'))
          }
          return sendJson(res, 400, badRequest('请求内容不是有效的 JSON，请检查后重试。'))
        }
        sendJson(res, 200, await main(event, sessionOf(req)))
      } else if (url.pathname === '/api/upload') {
        await upload(ports, uploads, req, url, res)
      } else if ((req.method === 'GET' || req.method === 'HEAD') && !url.pathname.startsWith('/api/')) {
        await serveStatic(options.staticDir, url.pathname, urlPath, req, res)
      } else {
        sendJson(res, 404, badRequest('没有这个接口。'))
      }
    } catch (err) {
      console.error('[host] request failed', err)
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '服务器出了点问题，请稍后重试。' } })
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    // A room signing in at once opens hundreds of connections together: a longer accept queue than
    // Node's 511 keeps a busy host from resetting some of them (the kernel caps it at somaxconn).
    server.listen({ port: options.port ?? 10086, host: options.lan ? '0.0.0.0' : '127.0.0.1', backlog: 4096 }, () =>
      resolve(),
    )
  })
  const { port, address } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  const lan = options.lan ? lanAddresses() : []
  const lanUrls = lan.map((a) => `http://${a}:${port}`)
  hostNames = ownHostNames(address, options.publicUrl, lan)
  // On the LAN, invitation QR codes hold the address phones reach, unless a public URL is given.
  ports.codes.setPublicUrl?.(options.publicUrl ?? lanUrls[0] ?? url)

  const daily = options.dailyJobs
    ? scheduleDailyJobs(ports, {
        onReports: (reports) => reports.forEach((r) => console.log(`[timer] ${r.job}：发出 ${r.sent} 条通知`)),
      })
    : null
  let closing: Promise<void> | null = null
  const close = () => {
    closing ??= (async () => {
      daily?.stop()
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve))
      server.closeAllConnections()
      await stopped
      await ports.store.close()
    })()
    return closing
  }
  return { url, port, lanUrls, main, ports, close }
}
