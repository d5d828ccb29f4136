/**
 * The `api` cloud function as the simulated mini-program reaches it: the real router
 * (src/cloud/router.ts) and handlers on a temporary SQLite store seeded with the demo, with
 * identity as in production — the caller's OPENID from `getWXContext()` (WxContextIdentity), never
 * from the request. The demo seed binds OPENID `dev_<memberId>` to each member who has WeChat.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { HANDLERS } from '../../src/cloud/actions'
import { WxContextIdentity } from '../../src/cloud/adapters/wx-context-identity'
import { WebSessionIdentity } from '../../src/cloud/adapters/web-session-identity'
import { openEmbedded } from '../../src/cloud/embedded'
import type { Ports } from '../../src/cloud/ports'
import { createMain } from '../../src/cloud/router'
import { seedDemo } from '../../src/cloud/seed/demo-branch'

/** The demo's OPENID for a member (see src/cloud/seed/demo-branch.ts). */
export const demoOpenid = (memberId: string): string => `dev_${memberId}`

export interface SimulatedCloud {
  ports: Ports
  /** Which WeChat user is calling: the OPENID WeChat would give the function. */
  openid: string
  /** `wx.cloud.callFunction({ name, data })` as it arrives in the function: the `api` main's result. */
  callFunction(name: string, data: unknown): Promise<unknown>
  close(): Promise<void>
}

/**
 * Opens the server with the demo seeded at `clock()`; the clock is also the server's for every call.
 * @param clock virtual time, epoch ms (shared with the simulated phone).
 * @param openid the caller's OPENID (may be changed later through the returned object).
 */
export async function openCloud(clock: () => number, openid: string): Promise<SimulatedCloud> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-weapp-sim-'))
  const cloud: SimulatedCloud = {
    openid,
    ports: null as unknown as Ports,
    async callFunction(name, data) {
      if (name !== 'api') throw new Error(`-501000 FunctionName parameter could not be found: ${name}`)
      // WeChat adds the caller to the event; the router takes identity only from the context.
      const event = { ...(data as Record<string, unknown>), userInfo: { appId: 'touristappid', openId: cloud.openid } }
      return JSON.parse(JSON.stringify(await main(event, {})))
    },
    async close() {
      await cloud.ports.store.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  const embedded = openEmbedded({ dataDir, clock: { now: clock }, synchronous: 'NORMAL' })
  // As deployed: identity from the WeChat context, and embedded-only actions (development login) refused.
  cloud.ports = {
    ...embedded,
    identity: new WebSessionIdentity({
      secret: null,
      store: embedded.store,
      clock: embedded.clock,
      transport: new WxContextIdentity({ getWXContext: () => ({ OPENID: cloud.openid }) }),
    }),
    host: 'cloudbase',
  }
  await seedDemo(cloud.ports.store, clock())
  const main = createMain(cloud.ports, HANDLERS)
  return cloud
}
