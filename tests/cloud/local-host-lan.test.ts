/**
 * The host on the LAN only when asked (`npm start -- --lan`): by default it binds 127.0.0.1, so a
 * phone on the network cannot reach it; with `lan` it binds every interface and answers requests
 * naming this machine's network address, while any other Host header still gets a 421.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { lanAddresses, startHost } from '../../scripts/local-host'
import { wantsLan } from '../../scripts/start'

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-lan-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

/** GET /api/health on `address:port` with the Host header `host`: the status, or the socket error's code. */
function health(address: string, port: number, host: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.get({ host: address, port, path: '/api/health', headers: { host }, timeout: 5000 }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'))
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })))
  })
}

test('--lan or LAN=1 asks for the LAN; nothing else does', () => {
  expect(wantsLan(['--lan'], {})).toBe(true)
  expect(wantsLan([], { LAN: '1' })).toBe(true)
  expect(wantsLan([], { LAN: 'true' })).toBe(true)
  expect(wantsLan([], {})).toBe(false)
  expect(wantsLan(['--port', '80'], { LAN: '0', HOST: '0.0.0.0' })).toBe(false)
})

const lan = lanAddresses()
const withNetwork = lan.length > 0 ? test : test.skip

withNetwork('by default only this machine reaches the host: the network address is refused', async () => {
  const host = await startHost({ dataDir, port: 0 })
  try {
    expect(host.lanUrls).toEqual([])
    expect(await health('127.0.0.1', host.port, `127.0.0.1:${host.port}`)).toBe(200)
    expect(await health(lan[0], host.port, `${lan[0]}:${host.port}`)).toBe('ECONNREFUSED')
  } finally {
    await host.close()
  }
})

withNetwork('with lan it answers on the network address, and still refuses a foreign Host header', async () => {
  const host = await startHost({ dataDir, port: 0, lan: true })
  try {
    expect(host.lanUrls).toEqual(lan.map((a) => `http://${a}:${host.port}`))
    expect(await health(lan[0], host.port, `${lan[0]}:${host.port}`)).toBe(200)
    expect(await health('127.0.0.1', host.port, `localhost:${host.port}`)).toBe(200)
    // DNS rebinding and the 0.0.0.0 trick still meet the 421.
    expect(await health(lan[0], host.port, `evil.example:${host.port}`)).toBe(421)
    expect(await health(lan[0], host.port, `0.0.0.0:${host.port}`)).toBe(421)
  } finally {
    await host.close()
  }
})
