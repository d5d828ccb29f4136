/** The local host's serving of the h5 build over real HTTP: compression, caching headers, fallbacks. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { startHost, type RunningHost } from '../../scripts/local-host'

let dataDir: string
let host: RunningHost
const APP_JS = `console.log(${JSON.stringify('党支部组织生活 '.repeat(500))})\n`

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-static-'))
  const staticDir = path.join(dataDir, 'h5')
  mkdirSync(path.join(staticDir, 'js'), { recursive: true })
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>党支部组织生活</title>')
  writeFileSync(path.join(staticDir, 'js', 'app.78216633.js'), APP_JS)
  writeFileSync(path.join(staticDir, 'js', 'plain.js'), APP_JS)
  host = await startHost({ dataDir, port: 0, staticDir })
})
afterAll(async () => {
  await host.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** A GET with exactly these request headers; the body as sent (not decompressed). */
function get(urlPath: string, headers: http.OutgoingHttpHeaders = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${host.url}${urlPath}`, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })
}

test('a client that accepts gzip gets the file gzipped, the same bytes once unzipped and smaller on the wire', async () => {
  const zipped = await get('/js/app.78216633.js', { 'accept-encoding': 'gzip, deflate, br' })
  expect(zipped.status).toBe(200)
  expect(zipped.headers['content-encoding']).toBe('gzip')
  expect(zipped.headers.vary).toBe('accept-encoding')
  expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length)
  expect(zipped.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 4)
  expect(gunzipSync(zipped.body).toString('utf8')).toBe(APP_JS)

  // Served again from the host's memory: the same bytes.
  const again = await get('/js/app.78216633.js', { 'accept-encoding': 'gzip' })
  expect(again.body.equals(zipped.body)).toBe(true)

  const plain = await get('/js/app.78216633.js')
  expect(plain.headers['content-encoding']).toBeUndefined()
  expect(plain.body.toString('utf8')).toBe(APP_JS)
})

test('hashed files are cached for a year; index.html and unhashed files are revalidated', async () => {
  expect((await get('/js/app.78216633.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable')
  expect((await get('/js/plain.js')).headers['cache-control']).toBe('no-cache')
  const index = await get('/', { 'accept-encoding': 'gzip' })
  expect(index.headers['cache-control']).toBe('no-cache')
  expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
  expect(gunzipSync(index.body).toString('utf8')).toContain('党支部组织生活')
})

test('a path without an extension is the app (hash routes); a missing file with one is a 404', async () => {
  const route = await get('/pages/index/index')
  expect(route.status).toBe(200)
  expect(route.body.toString('utf8')).toContain('党支部组织生活')
  expect((await get('/favicon.ico')).status).toBe(404)
  expect((await get('/js/missing.12345678.js')).status).toBe(404)
})
