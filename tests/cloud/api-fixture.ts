/**
 * The one fixture layer of the cloud and UI tests: a real embedded API on a temporary SQLite file,
 * seeded with the demo, at a movable pinned time; the demo's members by role; a typed caller
 * (`api.as(SECRETARY_B1).call('meeting.schedule', …)`, action name → input → output from the
 * catalogue); request ids; the shared refusal check; and meetings made at a given phase.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { HANDLERS } from '../../src/cloud/actions'
import { openEmbedded } from '../../src/cloud/embedded'
import type { Ports } from '../../src/cloud/ports'
import { createMain, type Main } from '../../src/cloud/router'
import { seedDemo } from '../../src/cloud/seed/demo-branch'
import type { ActionName, Actions } from '../../src/domain/api/catalog'
import type { InputOf, OutputOf } from '../../src/domain/api/define'
import type { MeetingDetail } from '../../src/domain/api/views'
import { fromBeijing } from '../../src/domain/beijing-time'
import type { ApiError, CallResult, ErrorCode, FieldProblem } from '../../src/domain/errors'

/** 2026-11-22 10:00 Beijing time, a Sunday. */
export const FIXED_NOW = Date.UTC(2026, 10, 22, 2, 0)

/** What an action takes, as the catalogue declares it. */
export type In<N extends ActionName> = InputOf<Actions[N]>
/** What an action answers, as the catalogue declares it. */
export type Out<N extends ActionName> = OutputOf<Actions[N]>

/** A call the test expected to succeed was refused: the server's code, Chinese message and fields. */
export class CallRefused extends Error {
  readonly code: ErrorCode
  readonly fields: FieldProblem[]

  constructor(
    readonly action: string,
    readonly error: ApiError,
  ) {
    super(`${action}: ${error.code}: ${error.message}`)
    this.code = error.code
    this.fields = error.fields ?? []
  }
}

/** Calls of one person (a member id, or null for nobody signed in), typed by the catalogue. */
export interface Caller {
  /** The action's output; throws CallRefused (with the code) when the server refuses. */
  call<N extends ActionName>(action: N, input: In<N>, requestId?: string): Promise<Out<N>>
  /** The whole answer, success or refusal, for tests that look at both. */
  result<N extends ActionName>(action: N, input: In<N>, requestId?: string): Promise<CallResult<Out<N>>>
  /** An answer to input the compiler would refuse: malformed input the server must refuse too. */
  raw(action: string, input: unknown, requestId?: string): Promise<CallResult<unknown>>
}

export interface TestApi {
  main: Main
  ports: Ports
  dataDir: string
  /** The time every port reads, in ms since the epoch; move it by assigning `now`. */
  clock: { now: number }
  tokenFor(memberId: string): string
  /** The typed caller of `memberId` (null: no session). */
  as(memberId: string | null): Caller
  /** The typed caller holding the session `sessionToken` (e.g. a WeChat user not bound to a member). */
  withSession(sessionToken: string): Caller
  close(): Promise<void>
}

/**
 * Opens a fresh API on a temporary SQLite file (removed by `close()`), seeded with the demo unless
 * `seed: false`, its clock at FIXED_NOW.
 */
export async function openTestApi(options: { seed?: boolean } = {}): Promise<TestApi> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-api-'))
  const clock = { now: FIXED_NOW }
  const ports = openEmbedded({ dataDir, clock: { now: () => clock.now }, synchronous: 'NORMAL' })
  if (options.seed !== false) await seedDemo(ports.store, clock.now)
  const main = createMain(ports, HANDLERS)
  const tokenFor = (memberId: string) => ports.identity.issueSession!(`dev_${memberId}`, clock.now).token
  const send = (sessionToken: string | null, action: string, input: unknown = {}, requestId?: string) =>
    main({ action, input, requestId }, sessionToken ? { sessionToken } : {}) as Promise<CallResult<never>>
  const caller = (sessionToken: string | null): Caller => ({
    call: async (action, input, requestId) => {
      const r = await send(sessionToken, action, input, requestId)
      if (!r.ok) throw new CallRefused(action, r.error)
      return r.data
    },
    result: (action, input, requestId) => send(sessionToken, action, input, requestId),
    raw: (action, input, requestId) => send(sessionToken, action, input, requestId),
  })
  const tokenOf = (memberId: string | null) => (memberId ? tokenFor(memberId) : null)
  return {
    main,
    ports,
    dataDir,
    clock,
    tokenFor,
    as: (memberId) => caller(tokenOf(memberId)),
    withSession: caller,
    close: async () => {
      await ports.store.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Opens a fresh API before each test of the file and closes it after; the returned object stands
 * for the current test's API.
 */
export function apiPerTest(options: { seed?: boolean } = {}): TestApi {
  let current: TestApi | null = null
  beforeEach(async () => {
    current = await openTestApi(options)
  })
  afterEach(async () => {
    await current?.close()
    current = null
  })
  return new Proxy({} as TestApi, {
    get: (_target, key) => {
      if (!current) throw new Error('the test API is open only inside a test')
      return current[key as keyof TestApi]
    },
  })
}

/** Request ids `<prefix>-1`, `<prefix>-2`, … for the writes of one test file. */
export function requestIds(prefix: string): () => string {
  let seq = 0
  return () => `${prefix}-${(seq += 1)}`
}

/** The data of a call that must succeed; a refusal fails the test with its code and message. */
export async function okData<T>(
  result: Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>,
): Promise<T> {
  const r = await result
  if (!r.ok) throw new Error(`${r.error!.code}: ${r.error!.message}`)
  return r.data as T
}

/** The data of an answer that must be a success; a refusal throws with its code and message. */
export function ok<T>(r: CallResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.data
}

/** Asserts a refusal with `code` and a Chinese message (matching `message` when given). */
export function expectRefused(
  result: { ok: boolean; error?: { code: string; message: string } },
  code: string,
  message?: RegExp,
): void {
  expect(result.ok).toBe(false)
  expect(result.error?.code).toBe(code)
  // Every message a person sees is Chinese.
  expect(result.error?.message).toMatch(/[\u4e00-\u9fff]/)
  if (message) expect(result.error?.message).toMatch(message)
}

// ---- the demo's members, by role ----
export const SECRETARY_B1 = 'm_b1_01'
export const DEPUTY_B1 = 'm_b1_02'
export const ORGANIZER_B1 = 'm_b1_03'
export const PROPAGANDA_B1 = 'm_b1_04'
export const MEMBER_B1 = 'm_b1_08'
/** 吴俊杰, a 流动党员 of the first branch, last contact 100 days before the seed time. */
export const MOBILE_B1 = 'm_b1_10'
export const PROBATIONARY_B1 = 'm_b1_14'
export const SECRETARY_B2 = 'm_b2_01'
export const MEMBER_B2 = 'm_b2_07'
/** 韩磊, a 流动党员 of the second branch, last contact 200 days before the seed time. */
export const MOBILE_B2 = 'm_b2_09'
export const SUPERVISOR = 'm_cmte_01'

/**
 * A valid meeting.schedule input (a 主题党日 of the first branch on 2026-12-04), with overrides
 * (which may be malformed on purpose: the test answers for them).
 */
export function scheduleInput(overrides: Record<string, unknown> = {}): In<'meeting.schedule'> {
  return {
    kind: 'theme_day',
    title: '12月主题党日：学习新修订的支部工作条例',
    date: '2026-12-04',
    startTime: '15:00',
    endTime: '17:00',
    place: '党员活动室',
    agenda: ['重温入党誓词', '集中学习'],
    ...overrides,
  } as In<'meeting.schedule'>
}

const meetingRequestId = requestIds('meeting-at')

/** Where a meeting made by `meetingAt` stands against the API's clock. */
export type MeetingPhase = 'upcoming' | 'signin-open' | 'ended'

/**
 * A meeting scheduled by `by` (the first branch's secretary by default) on the clock's day, with the
 * clock moved to `phase`: 'upcoming' (it starts in two hours, sign-in not yet open), 'signin-open'
 * (30 minutes before the start) or 'ended' (ten minutes after the end). Overrides go to the input;
 * the start (14:00 unless overridden) must be after the clock.
 */
export async function meetingAt(
  api: TestApi,
  phase: MeetingPhase,
  overrides: Record<string, unknown> = {},
  by: string = SECRETARY_B1,
): Promise<MeetingDetail> {
  const date = new Date(api.clock.now + 8 * 3_600_000).toISOString().slice(0, 10)
  const input = scheduleInput({ date, startTime: '14:00', endTime: '16:00', ...overrides })
  const m = await api.as(by).call('meeting.schedule', input, meetingRequestId())
  const start = fromBeijing(input.date, input.startTime)
  const end = fromBeijing(input.date, input.endTime)
  api.clock.now =
    phase === 'upcoming' ? start - 2 * 3_600_000 : phase === 'signin-open' ? start - 30 * 60_000 : end + 10 * 60_000
  return m
}
