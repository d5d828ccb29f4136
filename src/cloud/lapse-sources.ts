/**
 * Where the 党章 第九条 warning reads its per-month facts besides organizational life
 * (src/cloud/org-life-reads.ts): the dues half, from the 党费 ledger's `duesCoveredMonths`
 * (src/cloud/dues-ledger.ts). A month paid (even partly) or under an approved 减免 is kept; a month
 * owed and unpaid is lapsed; a month the ledger knows nothing owed for (before joining, or a year
 * whose base the branch has not declared) is neutral.
 */
import { completeMonths, type MonthFact } from '../domain/lapse'
import { duesCoveredMonths, monthOf } from './dues-ledger'
import type { StorePort } from './ports/store'

/**
 * Each member's dues facts for the branch, over the `months` complete Beijing months before `now`
 * (ms): member id → (`YYYY-MM` → fact). Reads the branch's members, bases and entries once.
 */
export async function branchDuesFacts(
  store: StorePort,
  branchId: string,
  now: number,
  months: number,
): Promise<Map<string, Record<string, MonthFact>>> {
  const span = completeMonths(now, months)
  const coverage = await duesCoveredMonths(store, branchId, span[0], span[span.length - 1], monthOf(now))
  const out = new Map<string, Record<string, MonthFact>>()
  for (const [memberId, c] of coverage) {
    const facts: Record<string, MonthFact> = {}
    for (const m of c.unpaid) facts[m] = 'lapsed'
    for (const m of [...c.paid, ...c.exempt]) facts[m] = 'kept'
    out.set(memberId, facts)
  }
  return out
}
