/** The dues reads: the rates, a member's year, the branch's ledger and the 党委's roll-up. */
import { implement } from '../handler'
import {
  duesBranch as branchDecl,
  duesMember as memberDecl,
  duesMine as mineDecl,
  duesPreview as previewDecl,
  duesRollup as rollupDecl,
  DUES_KEEPER_ROLES,
} from '../../../domain/api/catalog-dues'
import type { DuesBranchView, DuesHandoverView, DuesQuoteView, DuesRollupView } from '../../../domain/api/views-dues'
import {
  DUES_CATEGORY_LABELS,
  duesQuote,
  monthsOfYear,
  rateText,
  type DuesCategory,
  type DuesQuote,
} from '../../../domain/dues'
import { AppError } from '../../../domain/errors'
import type { Org } from '../../../domain/org'
import type { DuesHandoverDoc } from '../../documents'
import { basesBetween, duesRulesFor, entriesBetween, linesByMember, monthOf } from '../../dues-ledger'
import { eq, type Stored, type StorePort } from '../../ports/store'
import { membersOf, readAll } from '../roster-reads'
import { memberYear, monthView, totalsOf } from './views'

/** Branches one roll-up reads at most. */
const MAX_BRANCHES = 2000

export function quoteView(q: DuesQuote): DuesQuoteView {
  return {
    ...q,
    categoryLabel: DUES_CATEGORY_LABELS[q.category],
    rateText: q.rateBp === null ? null : rateText(q.rateBp),
  }
}

export const duesPreview = implement(previewDecl, async (ctx, input) => {
  const rules = await duesRulesFor(ctx.ports.store, ctx.target.org)
  return quoteView(duesQuote(input.category, input.baseFen ?? null, rules))
})

export const duesMine = implement(mineDecl, async (ctx, input) => {
  const me = await ctx.ports.store.get('members', ctx.actor.memberId)
  if (!me) throw new AppError('NOT_FOUND', '没有找到你的党员信息，请联系支部书记。')
  const keeps = ctx.actor.roles.some((r) => DUES_KEEPER_ROLES.includes(r))
  return memberYear(ctx.ports.store, me, input.year, ctx.now, keeps)
})

export const duesMember = implement(memberDecl, async (ctx, input) => {
  const member = ctx.target.record
  const canRecord = ctx.actor.orgId === member.orgId && ctx.actor.roles.some((r) => DUES_KEEPER_ROLES.includes(r))
  return memberYear(ctx.ports.store, member, input.year, ctx.now, canRecord)
})

export function handoverView(doc: Stored<DuesHandoverDoc>): DuesHandoverView {
  return {
    id: doc._id,
    year: doc.year,
    amountFen: doc.amountFen,
    handedOn: doc.handedOn,
    receiptNo: doc.receiptNo,
    note: doc.note,
    recordedByName: doc.recordedByName,
    recordedAt: doc.recordedAt,
  }
}

/** The branch's ledger for a year: every member not transferred out, month by month. */
export async function branchLedger(
  store: StorePort,
  branch: Stored<Org>,
  year: number,
  now: number,
): Promise<DuesBranchView> {
  const months = monthsOfYear(year)
  const [members, bases, entries, handovers, rules] = await Promise.all([
    membersOf(store, branch._id),
    basesBetween(store, { branchId: branch._id }, year, year),
    entriesBetween(store, { branchId: branch._id }, months[0], months[11]),
    readAll(store, 'dues_handovers', [eq('branchId', branch._id)], 'handedOn', 10_000),
    duesRulesFor(store, branch),
  ])
  const listed = members.filter((m) => m.status !== 'transferred' || entries.some((e) => e.memberId === m._id))
  const currentMonth = monthOf(now)
  const lines = linesByMember(listed, months, bases, entries, currentMonth)
  const latest = new Map<string, (typeof bases)[number]>()
  for (const b of bases) {
    const had = latest.get(b.memberId)
    if (!had || b.declaredAt >= had.declaredAt) latest.set(b.memberId, b)
  }
  const rows = listed.map((m) => {
    const mine = lines.get(m._id) ?? []
    const base = latest.get(m._id)
    return {
      memberId: m._id,
      name: m.name,
      category: base?.category ?? null,
      categoryLabel: base ? DUES_CATEGORY_LABELS[base.category as DuesCategory] : null,
      monthlyFen: base?.monthlyFen ?? null,
      months: mine.map(monthView),
      totals: totalsOf(mine),
    }
  })
  const monthTotals = months.map((month, i) => {
    const sums = { month, dueFen: 0, paidFen: 0, arrearsFen: 0 }
    for (const memberLines of lines.values()) {
      const line = memberLines[i]
      if (line.owed && line.dueFen !== null) sums.dueFen += line.dueFen
      sums.paidFen += line.paidFen
      sums.arrearsFen += line.arrearsFen
    }
    return sums
  })
  const totals = totalsOf([...lines.values()].flat())
  const ofYear = handovers.filter((h) => h.year === year)
  return {
    branch: { id: branch._id, name: branch.name },
    year,
    currentMonth,
    rows,
    monthTotals,
    totals,
    membersInArrears: rows.filter((r) => r.totals.arrearsFen > 0).length,
    handedUpFen: ofYear.reduce((s, h) => s + h.amountFen, 0),
    handovers: ofYear.map(handoverView),
    backPayMonths: rules.backPayMonths,
    farmerFen: rules.flatFen.farmer,
  }
}

export const duesBranch = implement(branchDecl, async (ctx, input) =>
  branchLedger(ctx.ports.store, ctx.target.org, input.year, ctx.now),
)

export const duesRollup = implement(rollupDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const org = ctx.target.org
  const below = await readAll(store, 'orgs', [{ field: 'path', op: 'contains', value: org._id }], 'name', MAX_BRANCHES)
  const branches = below.filter((o) => o.kind === 'branch')
  const rows: DuesRollupView['branches'] = []
  for (const b of branches) {
    const ledger = await branchLedger(store, b, input.year, ctx.now)
    rows.push({
      branchId: b._id,
      name: b.name,
      members: ledger.rows.length,
      totals: ledger.totals,
      membersInArrears: ledger.membersInArrears,
      handedUpFen: ledger.handedUpFen,
    })
  }
  const totals = { dueFen: 0, paidFen: 0, arrearsFen: 0, handedUpFen: 0 }
  for (const r of rows) {
    totals.dueFen += r.totals.dueFen
    totals.paidFen += r.totals.paidFen
    totals.arrearsFen += r.totals.arrearsFen
    totals.handedUpFen += r.handedUpFen
  }
  return { org: { id: org._id, name: org.name }, year: input.year, branches: rows, totals }
})
