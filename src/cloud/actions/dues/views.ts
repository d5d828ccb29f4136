/** The dues documents as their views, and one member's year (shared by dues.mine and dues.member). */
import type {
  DuesBaseView,
  DuesEntryView,
  DuesMemberView,
  DuesMonthView,
  DuesTotals,
} from '../../../domain/api/views-dues'
import {
  DUES_CATEGORY_LABELS,
  MONTH_STATE_LABELS,
  PAYMENT_METHOD_LABELS,
  monthsOfYear,
  rateText,
  type MonthLine,
} from '../../../domain/dues'
import type { Member } from '../../../domain/org'
import type { DuesBaseDoc, DuesEntryDoc } from '../../documents'
import { basesBetween, duesRulesFor, entriesBetween, linesByMember, monthOf } from '../../dues-ledger'
import type { Stored, StorePort } from '../../ports/store'

export function baseView(doc: Stored<DuesBaseDoc>): DuesBaseView {
  return {
    id: doc._id,
    memberId: doc.memberId,
    year: doc.year,
    category: doc.category,
    categoryLabel: DUES_CATEGORY_LABELS[doc.category],
    baseFen: doc.baseFen,
    rateBp: doc.rateBp,
    rateText: doc.rateBp === null ? null : rateText(doc.rateBp),
    monthlyFen: doc.monthlyFen,
    basis: doc.basis,
    note: doc.note,
    declaredBy: doc.declaredBy,
    declaredByName: doc.declaredByName,
    declaredAt: doc.declaredAt,
  }
}

/** Takes the entry, the member's name and the id of the entry that corrected it (null when none). */
export function entryView(doc: Stored<DuesEntryDoc>, memberName: string, correctedById: string | null): DuesEntryView {
  return {
    id: doc._id,
    memberId: doc.memberId,
    memberName,
    kind: doc.kind,
    kindLabel: doc.kind === 'payment' ? '交纳' : '减免',
    months: doc.months,
    amountFen: doc.amountFen,
    method: doc.method,
    methodLabel: doc.method ? PAYMENT_METHOD_LABELS[doc.method] : null,
    receiptNo: doc.receiptNo,
    paidOn: doc.paidOn,
    approval: doc.approval,
    correctsId: doc.correctsId,
    correctionReason: doc.correctionReason,
    correctedById,
    note: doc.note,
    recordedByName: doc.recordedByName,
    recordedAt: doc.recordedAt,
  }
}

export function monthView(line: MonthLine): DuesMonthView {
  return {
    month: line.month,
    dueFen: line.dueFen,
    paidFen: line.paidFen,
    arrearsFen: line.arrearsFen,
    state: line.state,
    stateLabel: MONTH_STATE_LABELS[line.state],
  }
}

/** Sums of lines: 应交 of the months owed so far, everything paid, arrears. */
export function totalsOf(lines: readonly MonthLine[]): DuesTotals {
  let dueFen = 0
  let paidFen = 0
  let arrearsFen = 0
  for (const l of lines) {
    if (l.owed && l.dueFen !== null) dueFen += l.dueFen
    paidFen += l.paidFen
    arrearsFen += l.arrearsFen
  }
  return { dueFen, paidFen, arrearsFen }
}

/** Maps each corrected entry's id to the id of the entry that corrected it. */
export function correctedBy(entries: readonly Stored<DuesEntryDoc>[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const e of entries) if (e.correctsId) out.set(e.correctsId, e._id)
  return out
}

/** One member's year, as the member, the branch's keepers or the 党委 opening the record see it. */
export async function memberYear(
  store: StorePort,
  member: Stored<Member>,
  year: number,
  now: number,
  canRecord: boolean,
): Promise<DuesMemberView> {
  const months = monthsOfYear(year)
  const [bases, entries, rules] = await Promise.all([
    basesBetween(store, { memberId: member._id }, year, year),
    entriesBetween(store, { memberId: member._id }, months[0], months[11]),
    store.get('orgs', member.orgId).then((org) => duesRulesFor(store, org ?? { path: [] })),
  ])
  const currentMonth = monthOf(now)
  const lines = linesByMember([member], months, bases, entries, currentMonth).get(member._id) ?? []
  const history = [...bases].sort((a, b) => b.declaredAt - a.declaredAt)
  const replaced = correctedBy(entries)
  return {
    year,
    member: { id: member._id, name: member.name, branchId: member.orgId },
    currentMonth,
    base: history[0] ? baseView(history[0]) : null,
    baseHistory: history.map(baseView),
    months: lines.map(monthView),
    entries: [...entries]
      .sort((a, b) => b.recordedAt - a.recordedAt)
      .map((e) => entryView(e, member.name, replaced.get(e._id) ?? null)),
    totals: totalsOf(lines),
    backPayMonths: rules.backPayMonths,
    canRecord,
  }
}
