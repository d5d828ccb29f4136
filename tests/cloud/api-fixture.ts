/** A real embedded API on a temporary SQLite file, seeded with the demo, at a pinned time. */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { HANDLERS } from '../../src/cloud/actions'
import { openEmbedded } from '../../src/cloud/embedded'
import type { Ports } from '../../src/cloud/ports'
import { createMain, type Main } from '../../src/cloud/router'
import { seedDemo } from '../../src/cloud/seed/demo-branch'
import type { CallResult } from '../../src/domain/errors'

/** 2026-11-22 10:00 Beijing time, a Sunday. */
export const FIXED_NOW = Date.UTC(2026, 10, 22, 2, 0)

export interface TestApi {
  main: Main
  ports: Ports
  dataDir: string
  clock: { now: number }
  tokenFor(memberId: string): string
  call<T = unknown>(
    memberId: string | null,
    action: string,
    input?: unknown,
    requestId?: string,
  ): Promise<CallResult<T>>
  close(): Promise<void>
}

export async function openTestApi(options: { seed?: boolean } = {}): Promise<TestApi> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-api-'))
  const clock = { now: FIXED_NOW }
  const ports = openEmbedded({ dataDir, clock: { now: () => clock.now }, synchronous: 'NORMAL' })
  if (options.seed !== false) await seedDemo(ports.store, clock.now)
  const main = createMain(ports, HANDLERS)
  const tokenFor = (memberId: string) => ports.identity.issueSession!(`dev_${memberId}`, clock.now).token
  return {
    main,
    ports,
    dataDir,
    clock,
    tokenFor,
    call: (memberId, action, input = {}, requestId) =>
      main({ action, input, requestId }, memberId ? { sessionToken: tokenFor(memberId) } : {}) as never,
    close: async () => {
      await ports.store.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The data of a call that must succeed; a refusal fails the test with its code and message. */
export async function okData<T>(
  result: Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>,
): Promise<T> {
  const r = await result
  if (!r.ok) throw new Error(`${r.error!.code}: ${r.error!.message}`)
  return r.data as T
}

export const SECRETARY_B1 = 'm_b1_01'
export const ORGANIZER_B1 = 'm_b1_03'
export const MEMBER_B1 = 'm_b1_08'
export const PROBATIONARY_B1 = 'm_b1_14'
export const SECRETARY_B2 = 'm_b2_01'
export const MEMBER_B2 = 'm_b2_07'
export const SUPERVISOR = 'm_cmte_01'

export function scheduleInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'theme_day',
    title: '12月主题党日：学习新修订的支部工作条例',
    date: '2026-12-04',
    startTime: '15:00',
    endTime: '17:00',
    place: '党员活动室',
    agenda: ['重温入党誓词', '集中学习'],
    ...overrides,
  }
}
