/**
 * Issue 5's benchmark: a crowd signs in to one big 党课 through the local host's real HTTP (router,
 * validation, session, token MAC, exactly-once insert), each member scanning twice at once. Prints
 * sign-ins per second, p50/p95 latency, and the ratio to the raw insert rate of the same SQLite file
 * measured in the same run (store.insert of equally sized documents, no HTTP, no checks).
 *   npm run bench -- signin          (BENCH_SIGNINS members, default 1,000)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startHost, type RunningHost } from '../../scripts/local-host'
import type { SqliteStore } from '../../src/cloud/adapters/sqlite-store'
import { newAttendanceRecord } from '../../src/cloud/attendance-board'
import { openEmbedded } from '../../src/cloud/embedded'
import type { Ports } from '../../src/cloud/ports'
import { seedDemo } from '../../src/cloud/seed/demo-branch'
import { signInToken } from '../../src/domain/attendance-token'
import { fromBeijing } from '../../src/domain/beijing-time'
import type { Meeting } from '../../src/domain/meeting'
import type { Member } from '../../src/domain/org'

/** 10:00 Beijing; the 党课 starts at 10:10, so sign-in is open and nobody is late. */
export const CROWD_NOW = fromBeijing('2026-11-22', '10:00')
export const CROWD_MEETING = 'mtg_crowd_lecture'
const CROWD_BRANCH = 'org_b1'
const SECRETARY = 'm_b1_01'
/** The secretary of the crowd's branch, who opens the sign-in code. */
export const crowdSecretary = SECRETARY

export interface Crowd {
  host: RunningHost
  ports: Ports
  dataDir: string
  memberIds: string[]
  tokens: Map<string, string>
  /** The code shown on the secretary's phone now (fetched through attendance.openCode over HTTP). */
  code: string
  close(): Promise<void>
}

/**
 * Seeds the demo data, `n` extra members of 第一党支部 (bound to `dev_<id>`) and one 党课 at 10:10
 * with all of them as participants; returns their member ids. `now` is the seeding time (ms).
 */
export async function seedCrowd(ports: Ports, n: number, now: number): Promise<string[]> {
  await seedDemo(ports.store, now)
  const memberIds = Array.from({ length: n }, (_, i) => `m_crowd_${String(i).padStart(4, '0')}`)
  await ports.store.transaction(async (tx) => {
    for (const [i, id] of memberIds.entries()) {
      await tx.insert<Omit<Member, 'id'>>('members', {
        _id: id,
        orgId: CROWD_BRANCH,
        groupId: null,
        name: `党员${i}`,
        gender: i % 2 ? 'female' : 'male',
        phone: `1860000${String(i).padStart(4, '0')}`,
        category: 'full',
        roles: ['member'],
        status: 'normal',
        joinedAt: '2010-07-01',
        confirmedAt: '2011-07-01',
      })
      await tx.insert('bindings', { _id: `dev_${id}`, memberId: id, boundAt: now })
    }
    await tx.insert<Omit<Meeting, 'id'>>('meetings', {
      _id: CROWD_MEETING,
      branchId: CROWD_BRANCH,
      kind: 'party_lecture',
      title: '全体党员专题党课',
      startAt: fromBeijing('2026-11-22', '10:10'),
      endAt: fromBeijing('2026-11-22', '12:00'),
      place: '礼堂',
      agenda: ['专题党课'],
      groupId: null,
      participantIds: memberIds,
      status: 'scheduled',
      createdBy: SECRETARY,
      createdAt: now,
      updatedAt: now,
    })
  })
  return memberIds
}

/** A seeded host with `n` extra members of 第一党支部, all participants of one 党课 today, code open. */
export async function startCrowd(n: number): Promise<Crowd> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-crowd-'))
  const clock = { now: CROWD_NOW }
  const ports = openEmbedded({ dataDir, clock: { now: () => clock.now } })
  const memberIds = await seedCrowd(ports, n, clock.now)
  const host = await startHost({ dataDir, port: 0, ports })
  const tokens = new Map(
    [SECRETARY, ...memberIds].map((id) => [id, ports.identity.issueSession!(`dev_${id}`, clock.now).token]),
  )
  const opened = await post<{ secret: string }>(host.url, tokens.get(SECRETARY)!, {
    action: 'attendance.openCode',
    input: { meetingId: CROWD_MEETING },
    requestId: 'crowd-open-code',
  })
  if (!opened.ok) throw new Error(`openCode failed: ${JSON.stringify(opened)}`)
  return {
    host,
    ports,
    dataDir,
    memberIds,
    tokens,
    code: signInToken(opened.data.secret, CROWD_MEETING, clock.now),
    close: async () => {
      await host.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function post<T>(
  url: string,
  token: string,
  body: unknown,
): Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }> {
  const res = await fetch(`${url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  return (await res.json()) as never
}

export interface ScanOutcome {
  memberId: string
  ok: boolean
  created: boolean | null
  error: string | null
  ms: number
}

/** Every member scans `scans` times, all at once (each scan its own request id, as a phone would). */
export async function crowdSignsIn(
  crowd: Crowd,
  scans: number,
  memberIds: readonly string[] = crowd.memberIds,
): Promise<ScanOutcome[]> {
  return Promise.all(memberIds.flatMap((memberId) => Array.from({ length: scans }, (_, k) => scan(crowd, memberId, k))))
}

async function scan(crowd: Crowd, memberId: string, k: number): Promise<ScanOutcome> {
  const t0 = performance.now()
  const r = await post<{ created: boolean }>(crowd.host.url, crowd.tokens.get(memberId)!, {
    action: 'attendance.signIn',
    input: { meetingId: CROWD_MEETING, token: crowd.code },
    requestId: `scan-${memberId}-${k}`,
  })
  return {
    memberId,
    ok: r.ok,
    created: r.ok ? r.data.created : null,
    error: r.ok ? null : `${r.error.code} ${r.error.message}`,
    ms: performance.now() - t0,
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** Members signed in one after another at the end, for the latency of a single sign-in without a queue. */
const SEQUENTIAL = 200
/** Requests in flight at once in the pooled run (phones retrying, a gateway's connection pool). */
const POOL = 32

/** Each member scans twice; at most `pool` requests in flight. */
async function pooled(crowd: Crowd, memberIds: readonly string[], pool: number): Promise<ScanOutcome[]> {
  const jobs = memberIds.flatMap((id) => [0, 1].map((k) => [id, k] as const))
  const out: ScanOutcome[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: pool }, async () => {
      while (next < jobs.length) {
        const [id, k] = jobs[next++]
        out.push(await scan(crowd, id, k))
      }
    }),
  )
  return out
}

export async function run(): Promise<void> {
  const n = Number(process.env.BENCH_SIGNINS ?? 1000)
  const crowd = await startCrowd(2 * n + SEQUENTIAL)
  try {
    const rush = crowd.memberIds.slice(0, n)
    const commitsOf = () => (crowd.ports.store as Partial<SqliteStore>).commits ?? NaN
    const c0 = commitsOf()
    const t0 = performance.now()
    // CPU time is steadier than wall time on a shared machine (the client's fetches are included).
    const cpu0 = process.cpuUsage()
    const outcomes = await crowdSignsIn(crowd, 2, rush)
    const rushCpu = process.cpuUsage(cpu0)
    const seconds = (performance.now() - t0) / 1000
    const rushCommits = commitsOf() - c0
    const tp = performance.now()
    const pool = await pooled(crowd, crowd.memberIds.slice(n, 2 * n), POOL)
    const poolSeconds = (performance.now() - tp) / 1000
    const poolLat = pool.map((o) => o.ms).sort((a, b) => a - b)
    const one: ScanOutcome[] = []
    for (const memberId of crowd.memberIds.slice(2 * n)) one.push(await scan(crowd, memberId, 0))
    const failed = [...outcomes, ...pool, ...one].filter((o) => !o.ok)
    const records = await crowd.ports.store.count('attendance', [
      { field: 'meetingId', op: 'eq', value: CROWD_MEETING },
    ])
    const rushLat = outcomes.map((o) => o.ms).sort((a, b) => a - b)
    const oneLat = one.map((o) => o.ms).sort((a, b) => a - b)

    // Baseline: raw inserts of attendance-sized documents into the same SQLite file, one by one.
    const t1 = performance.now()
    const cpu1 = process.cpuUsage()
    for (let i = 0; i < n; i += 1) {
      await crowd.ports.store.insert('attendance', {
        _id: `bench_raw.${i}`,
        ...newAttendanceRecord({ _id: 'bench_raw', branchId: 'org_b1' }, `raw_${i}`, {
          via: 'qr',
          signedAt: CROWD_NOW,
        }),
      })
    }
    const rawPerSecond = n / ((performance.now() - t1) / 1000)
    const rawCpu = process.cpuUsage(cpu1)
    const msPer = (u: NodeJS.CpuUsage) => ((u.user + u.system) / n / 1000).toFixed(2)
    const perSecond = n / seconds
    console.log(
      `rush: ${n} members each scanning twice at once (${outcomes.length} requests); errors: ${failed.length}`,
    )
    console.log(`attendance records: ${records} (expected ${2 * n + SEQUENTIAL})`)
    console.log(`SQLite commits in the rush: ${rushCommits} (${(rushCommits / n).toFixed(2)} per sign-in)`)
    console.log(
      `sign-ins through HTTP: ${perSecond.toFixed(0)} per second (${(outcomes.length / seconds).toFixed(0)} requests/s)`,
    )
    console.log(
      `latency in the rush (all requests queued at once): p50 ${percentile(rushLat, 50).toFixed(1)} ms, p95 ${percentile(rushLat, 95).toFixed(1)} ms`,
    )
    console.log(
      `pooled (${POOL} in flight, ${n} members × 2 scans): ${(n / poolSeconds).toFixed(0)} sign-ins per second; p50 ${percentile(poolLat, 50).toFixed(1)} ms, p95 ${percentile(poolLat, 95).toFixed(1)} ms`,
    )
    console.log(
      `latency of a single sign-in (${SEQUENTIAL}, one at a time): p50 ${percentile(oneLat, 50).toFixed(1)} ms, p95 ${percentile(oneLat, 95).toFixed(1)} ms`,
    )
    console.log(`raw store.insert into the same SQLite file: ${rawPerSecond.toFixed(0)} per second`)
    console.log(`ratio sign-ins / raw inserts: ${(perSecond / rawPerSecond).toFixed(3)}`)
    console.log(
      `CPU per sign-in in the rush (client included): ${msPer(rushCpu)} ms; per raw insert: ${msPer(rawCpu)} ms`,
    )
    if (failed.length) console.log(`first error: ${failed[0].error}`)
  } finally {
    await crowd.close()
  }
}
