/**
 * The sign-in path makes one commit per sign-in (issue 18): the attendance record and the request
 * record go to disk in one SQLite transaction, so one fsync, not two.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { HANDLERS } from '../../src/cloud/actions'
import type { SqliteStore } from '../../src/cloud/adapters/sqlite-store'
import { openEmbedded } from '../../src/cloud/embedded'
import { createMain } from '../../src/cloud/router'
import { signInToken } from '../../src/domain/attendance-token'
import { CROWD_MEETING, CROWD_NOW, crowdSecretary, seedCrowd } from '../bench/signin.bench'

test('a sign-in, and its replay, make one commit each at most', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-commits-'))
  const ports = openEmbedded({ dataDir, clock: { now: () => CROWD_NOW } })
  try {
    const [member] = await seedCrowd(ports, 1, CROWD_NOW)
    const main = createMain(ports, HANDLERS)
    const as = (id: string) => ({ sessionToken: ports.identity.issueSession!(`dev_${id}`, CROWD_NOW).token })
    const opened = await main(
      { action: 'attendance.openCode', input: { meetingId: CROWD_MEETING }, requestId: 'commits-open-code' },
      as(crowdSecretary),
    )
    if (!opened.ok) throw new Error(JSON.stringify(opened))
    const token = signInToken((opened.data as { secret: string }).secret, CROWD_MEETING, CROWD_NOW)
    const store = ports.store as SqliteStore
    const signIn = { action: 'attendance.signIn', input: { meetingId: CROWD_MEETING, token }, requestId: 'commits-1' }

    const before = store.commits
    const first = await main(signIn, as(member))
    expect(first).toMatchObject({ ok: true, data: { created: true } })
    expect(store.commits - before).toBe(1)

    const replayed = await main(signIn, as(member))
    expect(replayed).toEqual(first)
    expect(store.commits - before).toBe(1)
  } finally {
    await ports.store.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
