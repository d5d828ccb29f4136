/**
 * Whether a branch has a 支部委员会, read from its roster (src/domain/branch-committee.ts, 条例 第六章):
 * the compliance summary, the period statuses (month calendar, quota warnings) and the plan leave
 * 支委会 out of what a small branch owes, and say why.
 */
import { committeeStanding, type CommitteeStanding } from '../domain/branch-committee'
import type { EffectiveKindRule } from '../domain/kind-rules'
import type { StorePort } from './ports/store'
import { membersOf } from './actions/roster-reads'

/** The branch's standing from its current roster (one read of its members). */
export async function committeeStandingOf(store: StorePort, branchId: string): Promise<CommitteeStanding> {
  return committeeStanding(await membersOf(store, branchId))
}

/** The rules a branch owes: without a 支部委员会, every kind held by the committee is left out. */
export function rulesOwed<R extends Pick<EffectiveKindRule, 'audience'>>(
  rules: readonly R[],
  standing: Pick<CommitteeStanding, 'hasCommittee'>,
): R[] {
  return standing.hasCommittee ? [...rules] : rules.filter((r) => r.audience !== 'committee')
}
