/**
 * Issue 14's daily step: every branch's matrix row of the year is refreshed (names, 党小组, 流动党员
 * at risk) and judged; then the 党委 above is told, once per cause, about every branch with no
 * organizational life for its silent-days rule (30 by default, `supervision.<orgId>` in rule_sets)
 * and every 逾期 quota. Each cause is kept in `escalations` (its id is the cause, so a second run or
 * the next day tells nothing twice) and the branch sees it on its 首页 (compliance.summary); each
 * 党委组织员 gets one notice a day listing the day's new causes, most urgent first.
 */
import { createHash } from 'node:crypto'
import type { EscalationDoc } from '../documents'
import { eq, StoreConflict, type Stored } from '../ports/store'
import { beijing, formatDate } from '../../domain/beijing-time'
import { statusFromCounter, emptyCounter } from '../../domain/compliance'
import type { EffectiveKindRule } from '../../domain/kind-rules'
import { contactState } from '../../domain/mobile'
import type { Org } from '../../domain/org'
import { periodsOfYear } from '../../domain/periods'
import {
  columnsOfLayout,
  effectiveSilentDays,
  silentSince,
  supervisionRuleSetId,
  yearStart,
  type SupervisionRuleSet,
} from '../../domain/supervision'
import { mobileRulesFor } from '../actions/mobile/registry'
import { membersByIds, membersOf, readAll } from '../actions/roster-reads'
import { rulesFor } from '../compliance-counters'
import { notify } from '../notices'
import type { Ports } from '../ports'
import { refreshRow, rowId } from '../supervision-rows'
import type { DailyJob, JobReport } from './daily-job'

const DAY = 86_400_000
/** Causes listed in one day's notice; the rest are counted. */
const NOTICE_LINES = 10
const MAX_PROFILES = 500

/** The silent-days rule along a branch's path (nearest set wins). */
async function silentDaysFor(ports: Ports, branch: Pick<Org, 'path'>): Promise<number> {
  const sets: SupervisionRuleSet[] = []
  for (const orgId of branch.path) {
    const set = await ports.store.get<SupervisionRuleSet>('rule_sets', supervisionRuleSetId(orgId))
    if (set) sets.push(set)
  }
  return effectiveSilentDays(sets)
}

/** 流动党员 of the branch in 预警 or 失联风险 at `now`. */
async function mobileAtRisk(ports: Ports, branch: Stored<Org>, now: number): Promise<number> {
  const profiles = await readAll(
    ports.store,
    'mobile_profiles',
    [eq('branchId', branch._id)],
    'lastContactAt',
    MAX_PROFILES,
  )
  if (profiles.length === 0) return 0
  const still = new Set(
    (
      await membersByIds(
        ports.store,
        profiles.map((p) => p.memberId),
      )
    )
      .filter((m) => m.status === 'mobile')
      .map((m) => m._id),
  )
  const { thresholds } = await mobileRulesFor(ports.store, branch)
  return profiles.filter(
    (p) => still.has(p.memberId) && ['warning', 'lost_risk'].includes(contactState(p.lastContactAt, now, thresholds)),
  ).length
}

type Found = Omit<EscalationDoc, 'at' | 'told'> & { id: string }

interface Cause {
  id: string
  doc: EscalationDoc
  /** The 党委组织员 to tell: those of every committee above the branch. */
  to: string[]
}

/** The 逾期 quotas of a judged row, each with the reason the 首页 gives. */
async function overdueCauses(
  ports: Ports,
  branch: Stored<Org>,
  rules: readonly EffectiveKindRule[],
  year: number,
  now: number,
): Promise<Found[]> {
  const row = (await ports.store.get('supervision_rows', rowId(branch._id, year)))!
  const state = await ports.store.get('supervision_state', rowId(branch._id, year))
  const columns = columnsOfLayout(row.layout, year)
  const out: Found[] = []
  for (const owner of row.owners) {
    const mine = columns.filter((c) => c.group === owner.group)
    mine.forEach((col, i) => {
      if (owner.s[i] !== 'O') return
      const rule = rules.find((r) => r.kind === col.kind)
      const span = rule && periodsOfYear(year, rule.period).find((p) => p.key === col.period)
      if (!rule || !span) return
      const counter =
        state?.cells.find((c) => c.owner === owner.id && c.kind === col.kind && c.period === col.period)?.counter ??
        emptyCounter()
      const who = owner.group ? `${branch.name}${owner.name}` : branch.name
      out.push({
        id: `overdue.${owner.id}.${col.kind}.${col.period}`,
        branchId: branch._id,
        cause: 'overdue',
        ownerId: owner.id,
        kind: col.kind,
        period: col.period,
        reason: `${who}：${statusFromCounter(counter, rule, span, now).reason}`,
        urgency: 2,
      })
    })
  }
  return out
}

/** Whether a branch is silent: no held meeting for its rule's days (this year's row, else last year's). */
async function silentCause(ports: Ports, branch: Stored<Org>, year: number, now: number): Promise<Found | null> {
  const last = async (y: number) => {
    const state = await ports.store.get('supervision_state', rowId(branch._id, y))
    const times = (state?.sums ?? []).map((s) => s.lastHeldAt).filter((t): t is number => t !== null)
    return times.length ? Math.max(...times) : null
  }
  const lastHeldAt = (await last(year)) ?? (await last(year - 1))
  const days = await silentDaysFor(ports, branch)
  const from = silentSince(lastHeldAt, yearStart(year - 1), now, days)
  if (from === null) return null
  const gone = Math.floor((now - from) / DAY)
  const since = lastHeldAt === null ? `${year - 1}年以来没有组织生活记录` : `最近一次在 ${formatDate(lastHeldAt)}`
  return {
    // Once per silent spell: a meeting held and a new silence is a new cause.
    id: `silent.${branch._id}.${from}`,
    branchId: branch._id,
    cause: 'silent',
    ownerId: branch._id,
    kind: null,
    period: null,
    reason: `${branch.name}已 ${gone} 天没有开展组织生活（${since}），超过 ${days} 天，请督促尽快召开。`,
    urgency: 1,
  }
}

/**
 * Refreshes every branch's matrix row of the year at `now` (ms) — 党小组, 流动党员 in 预警/失联风险 —
 * without telling anyone: what the daily step does first. Used after seeding the demo, so the 党委's
 * matrix agrees with the branches' own pages before the first daily run. Returns the branches refreshed.
 */
export async function refreshSupervisionRows(ports: Ports, now: number): Promise<number> {
  const year = beijing(now).year()
  let count = 0
  for await (const branch of allBranches(ports)) {
    await refreshRow(
      ports.store,
      branch,
      year,
      await mobileAtRisk(ports, branch, now),
      await rulesFor(ports.store, branch),
      now,
    )
    count += 1
  }
  return count
}

/** Every 党支部, a page of 100 at a time, by name. */
export async function* allBranches(ports: Ports): AsyncGenerator<Stored<Org>> {
  let cursor: string | null = null
  do {
    const page: { items: Stored<Org>[]; nextCursor: string | null } = await ports.store.query('orgs', {
      where: [eq('kind', 'branch')],
      orderBy: { field: 'name', direction: 'asc' },
      limit: 100,
      cursor,
    })
    cursor = page.nextCursor
    yield* page.items
  } while (cursor)
}

export const supervisionEscalation: DailyJob = {
  name: 'supervision-escalation',
  async run(ports, now) {
    const out: JobReport = { job: this.name, sent: 0, details: [] }
    const year = beijing(now).year()
    const supervisorsOf = new Map<string, Promise<string[]>>()
    const staff = (orgId: string) => {
      if (!supervisorsOf.has(orgId)) {
        supervisorsOf.set(
          orgId,
          membersOf(ports.store, orgId).then((ms) =>
            ms.filter((m) => m.roles.includes('supervisor') && m.status === 'normal').map((m) => m._id),
          ),
        )
      }
      return supervisorsOf.get(orgId)!
    }
    const fresh: Cause[] = []
    for await (const branch of allBranches(ports)) {
      const rules = await rulesFor(ports.store, branch)
      await refreshRow(ports.store, branch, year, await mobileAtRisk(ports, branch, now), rules, now)
      const causes = [...(await overdueCauses(ports, branch, rules, year, now))]
      const silent = await silentCause(ports, branch, year, now)
      if (silent) causes.push(silent)
      if (causes.length === 0) continue
      const to = (await Promise.all(branch.path.slice(0, -1).map(staff))).flat()
      for (const { id, ...c } of causes) {
        const doc: EscalationDoc = { ...c, at: now, told: to }
        try {
          await ports.store.insert('escalations', { _id: id, ...doc })
        } catch (err) {
          if (err instanceof StoreConflict && err.reason === 'duplicate') continue // told before
          throw err
        }
        fresh.push({ id, doc, to })
        out.details.push(doc.reason)
      }
    }

    // One notice a day per 党委组织员: the day's new causes, 逾期 first, then the longest silent.
    const date = formatDate(now)
    const byPerson = new Map<string, Cause[]>()
    for (const c of fresh) for (const m of c.to) byPerson.set(m, [...(byPerson.get(m) ?? []), c])
    for (const [memberId, causes] of byPerson) {
      causes.sort((a, b) => b.doc.urgency - a.doc.urgency || a.doc.reason.localeCompare(b.doc.reason))
      const member = (await ports.store.get('members', memberId))!
      const ok = await notify(
        ports,
        {
          // The same causes make the same id, so a repeated run on one day sends nothing again.
          id: `escalation.${memberId}.${date}.${createHash('sha256')
            .update(causes.map((c) => c.id).join('|'))
            .digest('hex')
            .slice(0, 16)}`,
          memberId,
          branchId: member.orgId,
          topic: 'supervision.escalation',
          fields: {
            orgId: member.orgId,
            date,
            count: causes.length,
            lines: causes.slice(0, NOTICE_LINES).map((c) => c.doc.reason),
          },
        },
        now,
      )
      if (ok) out.sent += 1
    }
    return out
  },
}
