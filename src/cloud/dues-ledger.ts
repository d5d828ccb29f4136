/**
 * Reads of the 党费 ledger shared by the dues actions, their exports and the daily six-month warning
 * (党章第九条): the rules in force for a branch, the base declarations and entries of a branch or a
 * member over a range of months, each member's months derived by `memberMonths`
 * (src/domain/dues.ts), and which months each member paid or was exempted for.
 */
import { beijing } from '../domain/beijing-time'
import {
  addMonths,
  coveredMonths,
  duesRuleSetId,
  effectiveDuesRules,
  memberMonths,
  type DuesRules,
  type DuesRuleSet,
  type MonthLine,
} from '../domain/dues'
import type { Member, Org } from '../domain/org'
import type { DuesBaseDoc, DuesEntryDoc } from './documents'
import { eq, type Filter, type Stored, type StoreReader, type StorePort } from './ports/store'
import { readAll } from './actions/roster-reads'

/** A branch's entries over the years it keeps, at most; beyond this the data is wrong, not big. */
const MAX_ENTRIES = 50_000
const MAX_BASES = 20_000

/** The dues rules in force for an org: the national rates with the choices of the 党委 along its path. */
export async function duesRulesFor(store: StoreReader, org: Pick<Org, 'path'>): Promise<DuesRules> {
  const sets: DuesRuleSet[] = []
  for (const orgId of org.path) {
    const set = await store.get<DuesRuleSet>('rule_sets', duesRuleSetId(orgId))
    if (set) sets.push(set)
  }
  return effectiveDuesRules(sets)
}

/** The Beijing month 'YYYY-MM' of an epoch-ms time. */
export function monthOf(ms: number): string {
  return beijing(ms).format('YYYY-MM')
}

/** The month a member starts owing dues: the month they joined ('YYYY-MM-DD' → 'YYYY-MM'), or null. */
export function firstDueMonth(member: Pick<Member, 'joinedAt'>): string | null {
  return /^\d{4}-\d{2}/.test(member.joinedAt) ? member.joinedAt.slice(0, 7) : null
}

/** The entries (corrections and originals) of one member or one branch touching months from `from` to `to`. */
export async function entriesBetween(
  store: StorePort,
  owner: { branchId: string } | { memberId: string },
  from: string,
  to: string,
): Promise<Stored<DuesEntryDoc>[]> {
  const where: Filter[] = [
    'branchId' in owner ? eq('branchId', owner.branchId) : eq('memberId', owner.memberId),
    { field: 'lastMonth', op: 'gte', value: from },
  ]
  const all = await readAll(store, 'dues_entries', where, 'lastMonth', MAX_ENTRIES)
  return all.filter((e) => e.firstMonth <= to)
}

/** The base declarations of one member or one branch for the years `fromYear`…`toYear`. */
export async function basesBetween(
  store: StorePort,
  owner: { branchId: string } | { memberId: string },
  fromYear: number,
  toYear: number,
): Promise<Stored<DuesBaseDoc>[]> {
  if ('memberId' in owner) {
    const all = await readAll(store, 'dues_bases', [eq('memberId', owner.memberId)], 'declaredAt', MAX_BASES)
    return all.filter((b) => b.year >= fromYear && b.year <= toYear)
  }
  return readAll(
    store,
    'dues_bases',
    [
      eq('branchId', owner.branchId),
      { field: 'year', op: 'gte', value: fromYear },
      { field: 'year', op: 'lte', value: toYear },
    ],
    'year',
    MAX_BASES,
  )
}

const entryOf = (e: Stored<DuesEntryDoc>) => ({ ...e, id: e._id })

/**
 * Each member's month lines for `months` (ascending), from the bases and entries given (a branch's
 * or a member's, read with the two functions above). Members without any line data still get lines.
 */
export function linesByMember(
  members: readonly Pick<Stored<Member>, '_id' | 'joinedAt'>[],
  months: readonly string[],
  bases: readonly DuesBaseDoc[],
  entries: readonly Stored<DuesEntryDoc>[],
  currentMonth: string,
): Map<string, MonthLine[]> {
  const out = new Map<string, MonthLine[]>()
  for (const m of members) {
    out.set(
      m._id,
      memberMonths({
        months,
        bases: bases.filter((b) => b.memberId === m._id),
        entries: entries.filter((e) => e.memberId === m._id).map(entryOf),
        currentMonth,
        firstMonth: firstDueMonth(m),
      }),
    )
  }
  return out
}

/** Which months one member paid, was exempted for, or owed and did not pay. */
export interface DuesCoverage {
  /** Months with any effective payment (a partial payment counts as paying). */
  paid: string[]
  /** Months under an effective approved 减免 and not paid. */
  exempt: string[]
  /** Months due (a base declared for the year, on or after joining, not after `currentMonth`) with nothing paid or exempted. */
  unpaid: string[]
}

/**
 * For the six-month warning (党章第九条): per member of the branch (by member id), which of the months
 * `from`…`to` ('YYYY-MM', inclusive) were paid, exempted, or owed and unpaid, corrections applied.
 * A month in none of the lists owed nothing the app knows of (before joining, after `currentMonth`,
 * or a year whose base the branch has not declared). Members with no entries appear with what
 * their bases make owed. Takes the store, the branch id, the range and the current Beijing month
 * (`monthOf(now)`); reads the branch's members, bases and entries (a few paged queries).
 */
export async function duesCoveredMonths(
  store: StorePort,
  branchId: string,
  from: string,
  to: string,
  currentMonth: string,
): Promise<Map<string, DuesCoverage>> {
  const months: string[] = []
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m)
  const [members, bases, entries] = await Promise.all([
    readAll(store, 'members', [eq('orgId', branchId)], 'name', MAX_BASES),
    basesBetween(store, { branchId }, Number(from.slice(0, 4)), Number(to.slice(0, 4))),
    entriesBetween(store, { branchId }, from, to),
  ])
  const lines = linesByMember(members, months, bases, entries, currentMonth)
  const out = new Map<string, DuesCoverage>()
  for (const member of members) {
    const mine = entries.filter((e) => e.memberId === member._id).map(entryOf)
    const covered = coveredMonths(mine)
    const paid = covered.paid.filter((m) => m >= from && m <= to)
    const exempt = covered.exempt.filter((m) => m >= from && m <= to && !paid.includes(m))
    const unpaid = (lines.get(member._id) ?? [])
      .filter((l) => l.state === 'unpaid' && !exempt.includes(l.month))
      .map((l) => l.month)
    out.set(member._id, { paid, exempt, unpaid })
  }
  return out
}
