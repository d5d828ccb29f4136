/**
 * Where the 党章 第九条 warning reads its per-month facts besides organizational life
 * (src/cloud/org-life-reads.ts): the dues half. The dues ledger (issue 15, the `dues` area) is built
 * alongside; until its reader of paid and exempt months per member is wired here, every month is
 * neutral for dues, so no dues warning is raised — a seam, not a judgement.
 */
import type { MonthFact } from '../domain/lapse'
import type { Ports } from './ports'

/**
 * Each Beijing month's dues fact for `memberId` up to `now` (ms): `kept` when paid or exempted
 * (减免 approved), `lapsed` when due and unpaid, absent (neutral) when nothing was due.
 */
export async function duesMonthFacts(
  _ports: Ports,
  _memberId: string,
  _now: number,
): Promise<Record<string, MonthFact>> {
  return {}
}
