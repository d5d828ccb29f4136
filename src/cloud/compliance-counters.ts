/**
 * Keeps the per-period compliance counters (src/domain/compliance.ts) in step with meetings, inside
 * the same transaction as each meeting write, so the dashboard reads counters and never meetings;
 * the 党委's year matrix rows (supervision-rows.ts) are kept in the same call.
 * A 党小组会 counts per group (each group owes its own), every other kind per branch.
 */
import type { MeetingDoc } from './collections'
import { applyMeetingChange, counterDeltas, counterKey, emptyCounter, type MeetingFacts } from '../domain/compliance'
import { effectiveRules, type EffectiveKindRule, type RuleSet } from '../domain/kind-rules'
import type { Meeting } from '../domain/meeting'
import { DEFAULT_KIND_RULES } from '../domain/meeting-kinds'
import type { Org } from '../domain/org'
import type { StoreReader, StoreTx } from './ports/store'
import { tallyOf, updateSupervisionRows } from './supervision-rows'

export function factsOf(m: MeetingDoc): MeetingFacts {
  return {
    id: m._id,
    kind: m.kind,
    startAt: m.startAt,
    endAt: m.endAt,
    cancelled: m.status === 'cancelled',
    attendanceRecordedAt: m.attendanceRecordedAt ?? null,
    minutesFinalizedAt: m.minutesFinalizedAt ?? null,
    quorumMet: m.quorumMet ?? null,
  }
}

export function ownerOf(m: Pick<Meeting, 'kind' | 'branchId' | 'groupId'>): string {
  return m.kind === 'group_meeting' && m.groupId ? m.groupId : m.branchId
}

/** The rules in force for a branch: national defaults, then the overrides along its org path. */
export async function rulesFor(store: StoreReader, branch: Pick<Org, 'path'>): Promise<EffectiveKindRule[]> {
  const sets: RuleSet[] = []
  for (const orgId of branch.path) {
    const set = await store.get<RuleSet>('rule_sets', orgId)
    if (set) sets.push(set)
  }
  return effectiveRules(DEFAULT_KIND_RULES, sets)
}

/** Applies one meeting's change (null = absent) to every counter it touches, within `tx`. */
export async function updateCounters(
  tx: StoreTx,
  rules: readonly EffectiveKindRule[],
  before: MeetingDoc | null,
  after: MeetingDoc | null,
): Promise<void> {
  const sample = after ?? before
  if (!sample) return
  // Only the owner part of a move between groups would need two owners; a meeting keeps its group.
  const owner = ownerOf(sample)
  // The 党委's year matrix (supervision-rows.ts) follows in the same transaction.
  await updateSupervisionRows(
    tx,
    rules,
    sample,
    before && tallyOf(before, factsOf(before), owner),
    after && tallyOf(after, factsOf(after), owner),
  )
  const deltas = counterDeltas(owner, before && factsOf(before), after && factsOf(after), rules)
  for (const d of deltas) {
    const existing = await tx.get('compliance_counters', d.key)
    const counter = applyMeetingChange(existing?.counter ?? emptyCounter(), d.before, d.after, d.span, d.kind)
    if (existing) {
      await tx.update('compliance_counters', d.key, { counter }, existing._version)
    } else {
      await tx.insert('compliance_counters', {
        _id: d.key,
        ownerId: owner,
        branchId: sample.branchId,
        kind: d.kind,
        period: d.span.period,
        periodKey: d.span.key,
        start: d.span.start,
        end: d.span.end,
        counter,
      })
    }
  }
}

export { counterKey }
