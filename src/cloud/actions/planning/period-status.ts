/**
 * A branch's standing in the periods containing one moment, read from the compliance counters exactly
 * as 首页 reads them (statusFromCounter): the month calendar shows it, the quota-at-risk job warns from it.
 */
import { eq } from '../../ports/store'
import { emptyCounter, statusFromCounter, type ComplianceResult } from '../../../domain/compliance'
import type { EffectiveKindRule } from '../../../domain/kind-rules'
import type { Org } from '../../../domain/org'
import { periodSpan, type PeriodSpan } from '../../../domain/periods'
import { committeeStandingOf, rulesOwed } from '../../branch-committee'
import { counterKey } from '../../compliance-counters'
import type { Stored, StorePort } from '../../ports/store'
import { groupsOf } from '../roster'
import { readAll } from '../roster-reads'

/** A branch's counters for a handful of periods: one per kind and owner. */
const MAX_COUNTERS = 2000

export interface KindPeriodStatus {
  rule: EffectiveKindRule
  span: PeriodSpan
  /** The branch, or each of its groups for a kind held by group; each with its status. */
  owners: { owner: Stored<Org>; result: ComplianceResult }[]
}

/** Every kind the branch owes but 谈心谈话, in its period containing `at`, as of `now`. */
export async function periodStatuses(
  store: StorePort,
  branch: Stored<Org>,
  rules: readonly EffectiveKindRule[],
  at: number,
  now: number,
): Promise<KindPeriodStatus[]> {
  const groups = await groupsOf(store, branch._id)
  // A branch without a 支部委员会 (fewer than 7 正式党员) owes no 支委会.
  const owed = rulesOwed(rules, await committeeStandingOf(store, branch._id))
    .filter((r) => r.audience !== 'pair')
    .map((rule) => ({
      rule,
      span: periodSpan(at, rule.period),
      owners: rule.audience === 'group' ? groups : [branch],
    }))
  const counters = await readAll(
    store,
    'compliance_counters',
    [eq('branchId', branch._id), { field: 'periodKey', op: 'in', value: [...new Set(owed.map((o) => o.span.key))] }],
    'periodKey',
    MAX_COUNTERS,
  )
  const byKey = new Map(counters.map((c) => [c._id, c.counter]))
  return owed.map(({ rule, span, owners }) => ({
    rule,
    span,
    owners: owners.map((owner) => ({
      owner,
      result: statusFromCounter(
        byKey.get(counterKey(owner._id, rule.kind, span.key)) ?? emptyCounter(),
        rule,
        span,
        now,
      ),
    })),
  }))
}
