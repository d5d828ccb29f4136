/**
 * Issue 14's benchmark: the 党委's year matrix for 1,000 branches, read through the real router on a
 * real SQLite file, once with a year of meetings and once with 10× as many (written as the actions
 * write them, so the matrix rows are kept in the same transactions). It prints, measured in the same
 * run: the time of one matrix page of 50 branches with N and with 10×N meetings (target ratio ≤ 1.2),
 * and a page of 50 branches against one branch's compliance summary (target ≤ 2×; also printed against
 * one branch's supervision.branch).
 *   npm run bench -- supervision
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { HANDLERS } from '../../src/cloud/actions'
import type { MeetingDoc } from '../../src/cloud/collections'
import { updateCounters } from '../../src/cloud/compliance-counters'
import { openEmbedded } from '../../src/cloud/embedded'
import type { Ports } from '../../src/cloud/ports'
import type { NewDoc, StoreTx } from '../../src/cloud/ports/store'
import { createMain } from '../../src/cloud/router'
import { fromBeijing } from '../../src/domain/beijing-time'
import { effectiveRules } from '../../src/domain/kind-rules'
import { DEFAULT_KIND_RULES, type MeetingKind } from '../../src/domain/meeting-kinds'

const BRANCHES = Number(process.env.BENCH_BRANCHES ?? 1000)
/** The matrix's year, up to NOW (one year keeps the 10× build within minutes at 1,000 branches). */
const YEARS = [2026]
const NOW = fromBeijing('2026-11-20', '10:00')
const RULES = effectiveRules(DEFAULT_KIND_RULES, [])
const ROUNDS = 15
const PAGE = 50

/** Meetings a branch holds in a month: the monthly kinds, plus the quarterly and yearly ones in season. */
function monthMeetings(month0: number): { kind: MeetingKind; group: number | null; day: number }[] {
  const out: { kind: MeetingKind; group: number | null; day: number }[] = [
    { kind: 'theme_day', group: null, day: 5 },
    { kind: 'committee_meeting', group: null, day: 8 },
    { kind: 'group_meeting', group: 1, day: 12 },
    { kind: 'group_meeting', group: 2, day: 13 },
  ]
  if (month0 % 3 === 2)
    out.push({ kind: 'branch_congress', group: null, day: 15 }, { kind: 'party_lecture', group: null, day: 16 })
  if (month0 === 11)
    out.push({ kind: 'life_meeting', group: null, day: 20 }, { kind: 'member_review', group: null, day: 21 })
  return out
}

/**
 * A transaction held in memory: the very `updateCounters` the actions call runs against it for each
 * meeting of a branch, and what it wrote (counters and matrix rows) is then stored in one go — the
 * documents the actions would have written, without a SQLite round trip per meeting.
 */
function memoryTx(): { tx: StoreTx; docs: Map<string, { collection: string; doc: Record<string, unknown> }> } {
  const docs = new Map<string, { collection: string; doc: Record<string, unknown> }>()
  const key = (c: string, id: string) => `${c}/${id}`
  const tx = {
    async get(collection: string, id: string) {
      const d = docs.get(key(collection, id))
      return d ? { ...d.doc, _version: 1 } : null
    },
    async insert(collection: string, doc: NewDoc<Record<string, unknown>>) {
      docs.set(key(collection, doc._id), { collection, doc: { ...doc } })
      return { ...doc, _version: 1 }
    },
    async update(collection: string, id: string, patch: Record<string, unknown>) {
      const d = docs.get(key(collection, id))!
      d.doc = { ...d.doc, ...patch }
      return { ...d.doc, _version: 1 }
    },
    async remove() {
      throw new Error('not used')
    },
  } as unknown as StoreTx
  return { tx, docs }
}

/** A 党委 with BRANCHES branches of two 党小组 each and `copies` × 3 years of meetings, all held. */
export async function build(dataDir: string, copies: number): Promise<{ ports: Ports; meetings: number }> {
  const ports = openEmbedded({ dataDir, synchronous: 'NORMAL' })
  const { store } = ports
  await store.transaction(async (tx) => {
    await tx.insert('orgs', { _id: 'cmte', kind: 'committee', name: '基准党委', parentId: null, path: ['cmte'] })
    await tx.insert('members', {
      _id: 'sup',
      orgId: 'cmte',
      groupId: null,
      name: '组织员',
      gender: 'female',
      phone: '13700000000',
      category: 'full',
      roles: ['supervisor'],
      status: 'normal',
      joinedAt: '2000-07-01',
      confirmedAt: '2001-07-01',
    })
    await tx.insert('bindings', { _id: 'dev_sup', memberId: 'sup', boundAt: NOW })
    for (let b = 0; b < BRANCHES; b += 1) {
      const id = `b${String(b).padStart(4, '0')}`
      await tx.insert('orgs', {
        _id: id,
        kind: 'branch',
        name: `第${b + 1}党支部`,
        parentId: 'cmte',
        path: ['cmte', id],
      })
      for (const g of [1, 2]) {
        await tx.insert('orgs', {
          _id: `${id}_g${g}`,
          kind: 'group',
          name: `第${g}党小组`,
          parentId: id,
          path: ['cmte', id, `${id}_g${g}`],
        })
      }
    }
  })
  let meetings = 0
  for (let b = 0; b < BRANCHES; b += 1) {
    const branchId = `b${String(b).padStart(4, '0')}`
    const memory = memoryTx()
    await memory.tx.insert('orgs', (await store.get('orgs', branchId))!)
    await memory.tx.insert('orgs', (await store.get('orgs', 'cmte'))!)
    for (const g of [1, 2]) await memory.tx.insert('orgs', (await store.get('orgs', `${branchId}_g${g}`))!)
    const docs: MeetingDoc[] = []
    for (const year of YEARS) {
      for (let month0 = 0; month0 < 12; month0 += 1) {
        for (const { kind, group, day } of monthMeetings(month0)) {
          for (let copy = 0; copy < copies; copy += 1) {
            const date = `${year}-${String(month0 + 1).padStart(2, '0')}-${String(day + (copy % 7)).padStart(2, '0')}`
            const startAt = fromBeijing(date, '15:00')
            if (startAt > NOW) continue
            const doc: MeetingDoc = {
              _id: `m_${branchId}_${date}_${kind}_${group ?? 0}_${copy}`,
              branchId,
              kind,
              title: kind,
              startAt,
              endAt: startAt + 2 * 3600_000,
              place: '会议室',
              agenda: ['学习'],
              groupId: group ? `${branchId}_g${group}` : null,
              participantIds: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'],
              status: copy % 5 === 4 ? 'cancelled' : 'scheduled',
              createdBy: 'sup',
              createdAt: startAt,
              updatedAt: startAt,
              attendanceRecordedAt: startAt,
              attendanceSummary: { expected: 8, present: 7, signIns: 7, manual: 1, offline: 1, remote: 1 },
              minutesFinalizedAt: startAt + 86_400_000,
              minutesLate: copy % 3 === 2,
              quorumMet: kind === 'branch_congress' || kind === 'committee_meeting' ? true : null,
            }
            docs.push(doc)
            await updateCounters(memory.tx, RULES, null, doc)
          }
        }
      }
    }
    await store.transaction(async (tx) => {
      for (const doc of docs) await tx.insert('meetings', doc)
      for (const { collection, doc } of memory.docs.values()) {
        if (collection !== 'orgs') await tx.insert(collection, doc as NewDoc<Record<string, unknown>>)
      }
    })
    meetings += docs.length
  }
  return { ports, meetings }
}

/** Median wall time (ms) of `rounds` calls of one action through main(). */
async function median(ports: Ports, action: string, input: unknown, rounds: number): Promise<number> {
  const main = createMain(ports, HANDLERS)
  const context = { sessionToken: ports.identity.issueSession!('dev_sup', Date.now()).token }
  const times: number[] = []
  for (let r = 0; r < rounds; r += 1) {
    const started = process.hrtime.bigint()
    const res = await main({ action, input }, context)
    if (!res.ok) throw new Error(`${action}: ${res.error.message}`)
    times.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]
}

async function checkPage(ports: Ports): Promise<void> {
  const main = createMain(ports, HANDLERS)
  const context = { sessionToken: ports.identity.issueSession!('dev_sup', Date.now()).token }
  const res = await main({ action: 'supervision.matrix', input: { orgId: 'cmte', year: 2026, limit: PAGE } }, context)
  if (!res.ok) throw new Error(res.error.message)
  const page = res.data as { rows: { orgKind: string }[]; total: number }
  const branches = page.rows.filter((r) => r.orgKind === 'branch').length
  if (branches !== PAGE || page.total !== BRANCHES) {
    throw new Error(`matrix page has ${branches} branches of ${page.total}, expected ${PAGE} of ${BRANCHES}`)
  }
}

export async function run(): Promise<void> {
  const results: { label: string; meetings: number; page: number; one: number; branch: number }[] = []
  for (const [label, copies] of [
    ['N meetings', 1],
    ['10×N meetings', 10],
  ] as const) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-bench-'))
    const built = Date.now()
    const { ports, meetings } = await build(dataDir, copies)
    console.log(
      `[supervision] ${label}: ${BRANCHES} branches, ${meetings} meetings written in ${((Date.now() - built) / 1000).toFixed(1)} s`,
    )
    const first = Date.now()
    await checkPage(ports) // the first read judges every row the writes marked
    console.log(`[supervision] ${label}: first read (judges every row the writes marked) ${Date.now() - first} ms`)
    const matrix = { orgId: 'cmte', year: 2026, limit: PAGE }
    const middle = `b${String(Math.floor(BRANCHES / 2)).padStart(4, '0')}`
    const summary = { orgId: middle }
    const oneBranch = { branchId: middle, year: 2026 }
    await median(ports, 'supervision.matrix', matrix, 3) // warm-up
    await median(ports, 'compliance.summary', summary, 3)
    await median(ports, 'supervision.branch', oneBranch, 3)
    // Interleaved rounds, so both see the same machine load.
    const pages: number[] = []
    const ones: number[] = []
    const branches: number[] = []
    for (let i = 0; i < 3; i += 1) {
      pages.push(await median(ports, 'supervision.matrix', matrix, ROUNDS))
      ones.push(await median(ports, 'compliance.summary', summary, ROUNDS))
      branches.push(await median(ports, 'supervision.branch', oneBranch, ROUNDS))
    }
    const page = Math.min(...pages)
    const one = Math.min(...ones)
    const branch = Math.min(...branches)
    console.log(
      `[supervision] ${label}: matrix page of ${PAGE} branches ${page.toFixed(2)} ms; one branch's compliance.summary ` +
        `${one.toFixed(2)} ms; one branch's supervision.branch ${branch.toFixed(2)} ms (medians of ${ROUNDS}, best of 3)`,
    )
    results.push({ label, meetings, page, one, branch })
    await ports.store.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  const [base, big] = results
  const growth = big.page / base.page
  console.log(
    `[supervision] matrix page ${big.label} / ${base.label} = ${growth.toFixed(2)} ` +
      `(meetings ×${(big.meetings / base.meetings).toFixed(1)}; target ≤ 1.2) ${growth <= 1.2 ? 'OK' : 'OVER TARGET'}`,
  )
  for (const r of results) {
    const ratio = r.page / r.one
    console.log(
      `[supervision] ${r.label}: page of ${PAGE} branches / one branch's compliance.summary = ${ratio.toFixed(2)} ` +
        `(target ≤ 2) ${ratio <= 2 ? 'OK' : 'OVER TARGET'}; / one branch's supervision.branch = ${(r.page / r.branch).toFixed(2)}`,
    )
  }
}
