/**
 * Issue 4's benchmark: the compliance summary of a 党委 with 1,000 branches, read through the real
 * router on a real SQLite file, once with 3 years of meetings and once with 10× as many. The summary
 * reads per-period counters, so its cost should not grow with the meetings: it prints both times and
 * their ratio (target ≤ 1.5). Meetings are written the way the actions write them (meeting and
 * counters in one transaction), in bulk.
 *   npm run bench -- compliance
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { HANDLERS } from '../../src/cloud/actions'
import { updateCounters } from '../../src/cloud/compliance-counters'
import { openEmbedded } from '../../src/cloud/embedded'
import type { Ports } from '../../src/cloud/ports'
import { createMain } from '../../src/cloud/router'
import { fromBeijing } from '../../src/domain/beijing-time'
import { effectiveRules } from '../../src/domain/kind-rules'
import { DEFAULT_KIND_RULES, type MeetingKind } from '../../src/domain/meeting-kinds'

const BRANCHES = Number(process.env.BENCH_BRANCHES ?? 1000)
const YEARS = [2024, 2025, 2026]
const NOW = fromBeijing('2026-11-20', '10:00')
const RULES = effectiveRules(DEFAULT_KIND_RULES, [])

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
    await store.transaction(async (tx) => {
      for (const year of YEARS) {
        for (let month0 = 0; month0 < 12; month0 += 1) {
          for (const { kind, group, day } of monthMeetings(month0)) {
            for (let copy = 0; copy < copies; copy += 1) {
              const date = `${year}-${String(month0 + 1).padStart(2, '0')}-${String(day + (copy % 7)).padStart(2, '0')}`
              const startAt = fromBeijing(date, '15:00')
              if (startAt > NOW) continue
              const doc = {
                _id: `m_${branchId}_${date}_${kind}_${group ?? 0}_${copy}`,
                branchId,
                kind,
                title: kind,
                startAt,
                endAt: startAt + 2 * 3600_000,
                place: '会议室',
                agenda: ['学习'],
                groupId: group ? `${branchId}_g${group}` : null,
                participantIds: [],
                status: copy % 5 === 4 ? ('cancelled' as const) : ('scheduled' as const),
                createdBy: 'sup',
                createdAt: startAt,
                updatedAt: startAt,
                attendanceRecordedAt: startAt,
                minutesFinalizedAt: startAt + 86_400_000,
                quorumMet: kind === 'branch_congress' || kind === 'committee_meeting' ? true : null,
              }
              await tx.insert('meetings', doc)
              await updateCounters(tx, RULES, null, doc)
              meetings += 1
            }
          }
        }
      }
    })
  }
  return { ports, meetings }
}

/** Median wall time of reading every branch's summary, page by page, through main(). */
async function timeSummary(ports: Ports, rounds: number): Promise<number> {
  const main = createMain(ports, HANDLERS)
  const context = { sessionToken: ports.identity.issueSession!('dev_sup', Date.now()).token }
  const times: number[] = []
  for (let r = 0; r < rounds; r += 1) {
    const started = process.hrtime.bigint()
    let cursor: string | null = null
    let branches = 0
    do {
      const res = await main({ action: 'compliance.summary', input: { limit: 50, cursor } }, context)
      if (!res.ok) throw new Error(res.error.message)
      const page = res.data as { items: unknown[]; nextCursor: string | null }
      branches += page.items.length
      cursor = page.nextCursor
    } while (cursor)
    if (branches !== BRANCHES) throw new Error(`summary returned ${branches} branches, expected ${BRANCHES}`)
    times.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]
}

export async function run(): Promise<void> {
  const results: { label: string; meetings: number; ms: number }[] = []
  for (const [label, copies] of [
    ['3 years', 1],
    ['10× meetings', 10],
  ] as const) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-bench-'))
    const built = Date.now()
    const { ports, meetings } = await build(dataDir, copies)
    console.log(
      `[compliance] ${label}: ${BRANCHES} branches, ${meetings} meetings written in ${((Date.now() - built) / 1000).toFixed(1)} s`,
    )
    await timeSummary(ports, 1) // warm-up
    const ms = await timeSummary(ports, 5)
    console.log(`[compliance] ${label}: summary of all ${BRANCHES} branches, median of 5: ${ms.toFixed(1)} ms`)
    results.push({ label, meetings, ms })
    await ports.store.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  const [base, big] = results
  const ratio = big.ms / base.ms
  console.log(
    `[compliance] ratio ${big.label} / ${base.label} = ${ratio.toFixed(2)} ` +
      `(meetings ×${(big.meetings / base.meetings).toFixed(1)}; target ≤ 1.5) ${ratio <= 1.5 ? 'OK' : 'OVER TARGET'}`,
  )
}
