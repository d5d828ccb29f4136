/**
 * Exactly once across a crash (issue 18): the host runs in a child process over a SQLite file and
 * is killed with SIGKILL; restarted on the same file, every retry of a write with its request id
 * answers what the first attempt answered (or would have), and nothing is recorded twice.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { SqliteStore } from '../../src/cloud/adapters/sqlite-store'
import { DB_FILE } from '../../src/cloud/embedded'
import { eq } from '../../src/cloud/ports/store'
import type { CallResult } from '../../src/domain/errors'
import { CROWD_MEETING } from '../bench/signin.bench'

jest.setTimeout(180_000)

const ROOT = path.resolve(__dirname, '../..')
const TSX = path.join(ROOT, 'node_modules/.bin/tsx')
const HOST = path.join(__dirname, 'crash-host.ts')

interface Host {
  child: ChildProcessWithoutNullStreams
  /** Answers by call number, as they arrive. */
  answers: Map<number, CallResult<unknown>>
  call(n: number, event: unknown, context: unknown): Promise<CallResult<unknown>>
  /** Resolves when the process has exited (killed or crashed). */
  exited: Promise<void>
  /** Resolves when the host reads calls. */
  ready: Promise<void>
}

const launched: ChildProcessWithoutNullStreams[] = []

function launch(args: string[], env: Record<string, string> = {}): Host {
  const child = spawn(TSX, [HOST, ...args], { cwd: ROOT, env: { ...process.env, ...env } })
  launched.push(child)
  const answers = new Map<number, CallResult<unknown>>()
  const waiting = new Map<number, (r: CallResult<unknown>) => void>()
  let ready: () => void = () => undefined
  const isReady = new Promise<void>((resolve) => (ready = resolve))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const msg = JSON.parse(line) as { ready?: true; n?: number; result?: CallResult<unknown> }
    if (msg.ready) return ready()
    answers.set(msg.n!, msg.result!)
    waiting.get(msg.n!)?.(msg.result!)
  })
  child.stderr.on('data', (d: Buffer) => process.stderr.write(d))
  return {
    child,
    answers,
    exited,
    ready: isReady,
    call: async (n, event, context) => {
      await Promise.race([isReady, exited])
      const answered = new Promise<CallResult<unknown>>((resolve) => waiting.set(n, resolve))
      child.stdin.write(`${JSON.stringify({ n, event, context })}\n`)
      return Promise.race([answered, exited.then(() => Promise.reject(new Error(`host died before answering ${n}`)))])
    },
  }
}

async function seed(dataDir: string, n: number): Promise<{ code: string; tokens: Record<string, string> }> {
  const child = spawn(TSX, [HOST, 'seed', dataDir, String(n)], { cwd: ROOT })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => process.stderr.write(d))
  await new Promise((resolve) => child.on('exit', resolve))
  return JSON.parse(out.trim()) as { code: string; tokens: Record<string, string> }
}

const signIn = (code: string, memberId: string) => ({
  action: 'attendance.signIn',
  input: { meetingId: CROWD_MEETING, token: code },
  requestId: `crash-${memberId}`,
})

async function attendanceOnFile(dataDir: string): Promise<{ count: number; ids: string[] }> {
  const store = new SqliteStore(path.join(dataDir, DB_FILE))
  try {
    const page = await store.query('attendance', { where: [eq('meetingId', CROWD_MEETING)], limit: 100 })
    return {
      count: await store.count('attendance', [eq('meetingId', CROWD_MEETING)]),
      ids: page.items.map((d) => d._id),
    }
  } finally {
    await store.close()
  }
}

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-crash-'))
})
afterEach(() => {
  for (const child of launched.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

test('killed with SIGKILL during a rush of sign-ins, restarted: every retry answers as the first did, one record each', async () => {
  const n = 90
  const { code, tokens } = await seed(dataDir, n)
  const members = Object.keys(tokens)
  const first = launch(['serve', dataDir])
  // The rush arrives in waves, as phones do; the host is killed as soon as some answers are out,
  // with the rest mid-flight: some written, some not.
  const calls: Promise<unknown>[] = []
  let killed = false
  await first.ready
  for (let w = 0; w < members.length && !killed; w += 10) {
    for (const [k, id] of members.slice(w, w + 10).entries()) {
      calls.push(first.call(w + k, signIn(code, id), { sessionToken: tokens[id] }).catch(() => null))
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
    killed = first.answers.size >= 10
  }
  while (first.answers.size < 10) await new Promise((resolve) => setTimeout(resolve, 1))
  first.child.kill('SIGKILL')
  await first.exited
  await Promise.all(calls)
  const answeredBefore = new Map(first.answers)
  expect(answeredBefore.size).toBeGreaterThanOrEqual(10)
  expect(answeredBefore.size).toBeLessThan(n)

  const second = launch(['serve', dataDir])
  const retries = await Promise.all(
    members.map((id, i) => second.call(i, signIn(code, id), { sessionToken: tokens[id] })),
  )
  second.child.kill('SIGKILL')
  await second.exited
  for (const [i, earlier] of answeredBefore) expect(retries[i]).toEqual(earlier)
  // Each member's sign-in was made by exactly one of the attempts: a retry after the crash either
  // replays that answer or makes it now, never "already signed in" for its own first attempt.
  expect(retries.map((r) => r.ok && (r.data as { created: boolean }).created)).toEqual(members.map(() => true))
  const onFile = await attendanceOnFile(dataDir)
  expect(onFile.count).toBe(n)
  expect(new Set(onFile.ids).size).toBe(onFile.ids.length)
})

test('a sign-in whose effect committed but whose process died before answering replays its first answer', async () => {
  const { code, tokens } = await seed(dataDir, 1)
  const [member] = Object.keys(tokens)
  const crashing = launch(['serve', dataDir], { CRASH: 'after-commit' })
  await expect(crashing.call(1, signIn(code, member), { sessionToken: tokens[member] })).rejects.toThrow(/died/)
  // Restarted a minute later: a fresh run would stamp a later time; the replay keeps the first.
  const again = launch(['serve', dataDir], { NOW_OFFSET: '60000' })
  const retry = await again.call(1, signIn(code, member), { sessionToken: tokens[member] })
  again.child.kill('SIGKILL')
  await again.exited
  expect(retry).toMatchObject({ ok: true, data: { created: true } })
  expect(await attendanceOnFile(dataDir)).toMatchObject({ count: 1 })
})

test('a process killed between the effect and its request record leaves neither: the retry signs in afresh', async () => {
  const { code, tokens } = await seed(dataDir, 1)
  const [member] = Object.keys(tokens)
  const crashing = launch(['serve', dataDir], { CRASH: 'at-seal' })
  await expect(crashing.call(1, signIn(code, member), { sessionToken: tokens[member] })).rejects.toThrow(/died/)
  const again = launch(['serve', dataDir])
  const retry = await again.call(1, signIn(code, member), { sessionToken: tokens[member] })
  again.child.kill('SIGKILL')
  await again.exited
  // Before: the attendance record had committed on its own, so the retry answered "already signed in".
  expect(retry).toMatchObject({ ok: true, data: { created: true } })
  expect(await attendanceOnFile(dataDir)).toMatchObject({ count: 1 })
})
