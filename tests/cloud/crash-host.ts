/**
 * A host process for tests/cloud/crash.test.ts: the cloud entry `main()` over the SQLite file in
 * the data folder given as first argument, with the clock fixed at CROWD_NOW + NOW_OFFSET ms.
 *
 * - `seed <dataDir> <n>`: seeds the crowd of tests/bench/signin.bench.ts (n members, one 党课),
 *   opens its sign-in code and prints one JSON line `{ code, tokens }` (member id → session token).
 * - `serve <dataDir>`: reads one JSON call per stdin line (`{ n, event, context }`) and answers one
 *   JSON line per call (`{ n, result }`), in completion order, calls running concurrently.
 *
 * CRASH=at-seal kills the process (SIGKILL) when the first request record is about to be written;
 * CRASH=after-commit kills it right after the first request record is committed, before answering.
 */
import readline from 'node:readline'
import { HANDLERS } from '../../src/cloud/actions'
import { openEmbedded } from '../../src/cloud/embedded'
import type { SealDoc, StorePort } from '../../src/cloud/ports/store'
import { createMain } from '../../src/cloud/router'
import { signInToken } from '../../src/domain/attendance-token'
import { CROWD_MEETING, CROWD_NOW, crowdSecretary, seedCrowd } from '../bench/signin.bench'

const die = (): never => {
  process.kill(process.pid, 'SIGKILL')
  throw new Error('unreachable')
}

/** Arms the CRASH hook on the store, on both ways a request record may be written. */
function armCrash(store: StorePort, mode: string | undefined): void {
  if (mode !== 'at-seal' && mode !== 'after-commit') return
  const isRecord = (collection: string) => collection === 'requests'
  const insert = store.insert.bind(store) as (c: string, doc: never) => Promise<unknown>
  ;(store as { insert: unknown }).insert = async (collection: string, doc: never) => {
    if (mode === 'at-seal' && isRecord(collection)) die()
    const written = await insert(collection, doc)
    if (mode === 'after-commit' && isRecord(collection)) die()
    return written
  }
  const writeScope = store.writeScope.bind(store)
  ;(store as { writeScope: unknown }).writeScope = async <R>(
    run: () => Promise<R>,
    seal: (result: R) => SealDoc | null,
  ) => {
    let sealed = false
    const result = await writeScope(run, (r) => {
      const doc = seal(r)
      sealed = doc !== null
      if (sealed && mode === 'at-seal') die()
      return doc
    })
    if (sealed && mode === 'after-commit') die()
    return result
  }
}

async function start(): Promise<void> {
  const [command, dataDir, n] = process.argv.slice(2)
  const now = CROWD_NOW + Number(process.env.NOW_OFFSET ?? 0)
  const ports = openEmbedded({ dataDir, clock: { now: () => now } })
  const main = createMain(ports, HANDLERS)
  const tokenOf = (memberId: string) => ports.identity.issueSession!(`dev_${memberId}`, now).token
  if (command === 'seed') {
    const memberIds = await seedCrowd(ports, Number(n), now)
    const opened = await main(
      { action: 'attendance.openCode', input: { meetingId: CROWD_MEETING }, requestId: 'crash-open-code' },
      { sessionToken: tokenOf(crowdSecretary) },
    )
    if (!opened.ok) throw new Error(`openCode failed: ${JSON.stringify(opened)}`)
    const code = signInToken((opened.data as { secret: string }).secret, CROWD_MEETING, now)
    await ports.store.close()
    process.stdout.write(
      `${JSON.stringify({ code, tokens: Object.fromEntries(memberIds.map((id) => [id, tokenOf(id)])) })}\n`,
    )
    return
  }
  armCrash(ports.store, process.env.CRASH)
  const lines = readline.createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    const { n: callNo, event, context } = JSON.parse(line) as { n: number; event: unknown; context: unknown }
    void main(event, context).then((result) => process.stdout.write(`${JSON.stringify({ n: callNo, result })}\n`))
  })
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`)
}

void start()
