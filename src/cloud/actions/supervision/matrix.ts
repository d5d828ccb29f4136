/**
 * The 党委's year matrix and one branch's supervision view, read from the judged rows
 * (src/cloud/supervision-rows.ts) only: a page reads `limit` small documents whatever the number of
 * meetings. Rows a write marked, or whose deadline passed, are judged first so the filters and the
 * risk order see the present.
 */
import { implement } from '../handler'
import {
  supervisionBranch as supervisionBranchDecl,
  supervisionMatrix as supervisionMatrixDecl,
} from '../../../domain/api/catalog-supervision'
import type { EscalationView, MatrixView } from '../../../domain/api/views-supervision'
import type { EffectiveKindRule } from '../../../domain/kind-rules'
import type { MeetingKind } from '../../../domain/meeting-kinds'
import type { Org } from '../../../domain/org'
import {
  columnsOfLayout,
  expandOwner,
  ownerIndicators,
  layoutOf,
  searchGrams,
  keysSharing,
  type CellStatus,
  type MatrixColumn,
  type MatrixRow,
} from '../../../domain/supervision'
import { rulesFor } from '../../compliance-counters'
import type { SupervisionRowDoc } from '../../documents'
import { encodeCursor, eq, MAX_PAGE, type Filter, type Stored, type StorePort } from '../../ports/store'
import { ensureRows, inTree, judged, judgeStale, rowId, type RulesOf } from '../../supervision-rows'

/** The filters of the matrix and its export. */
export interface MatrixFilters {
  year: number
  kinds?: MeetingKind[]
  statuses?: CellStatus[]
  parentId?: string
  search?: string
  sort: 'risk' | 'name'
}

/** Rules in force per branch, read once per org path (branches of one 党总支 share them). */
export function rulesCache(store: StorePort): RulesOf {
  const byPath = new Map<string, Promise<EffectiveKindRule[]>>()
  return (branch) => {
    const key = branch.path.slice(0, -1).join('/')
    if (!byPath.has(key)) byPath.set(key, rulesFor(store, branch))
    return byPath.get(key)!
  }
}

type LayoutColumns = (MatrixColumn & { group: boolean })[]

/** Columns per layout and year, made once per process (a handful of layouts exist). */
const LAYOUTS = new Map<string, LayoutColumns>()
function columnsFor(layout: string, year: number): LayoutColumns {
  const key = `${year}:${layout}`
  if (!LAYOUTS.has(key)) {
    if (LAYOUTS.size > 200) LAYOUTS.clear()
    LAYOUTS.set(key, columnsOfLayout(layout, year))
  }
  return LAYOUTS.get(key)!
}

/** The columns a matrix shows: the org's own rules' layout (a branch's overrides add cells by kind and period). */
export function columnsOf(
  rules: readonly EffectiveKindRule[],
  year: number,
  kinds?: readonly MeetingKind[],
): MatrixColumn[] {
  return columnsFor(layoutOf(rules), year)
    .filter((c) => !kinds || kinds.includes(c.kind))
    .map(({ kind, period, label }) => ({ kind, period, label }))
}

/** A judged row as matrix rows: the branch's, then its 党小组's when 党小组会 is among the kinds. */
export function rowsOf(
  doc: SupervisionRowDoc,
  columns: LayoutColumns,
  now: number,
  kinds?: readonly MeetingKind[],
): MatrixRow[] {
  const showGroups = columns.some((c) => c.group && (!kinds || kinds.includes(c.kind)))
  const branchName = doc.name
  return doc.owners
    .filter((o) => !o.group || showGroups)
    .map((o) => ({
      orgId: o.id,
      name: o.name,
      orgKind: o.group ? ('group' as const) : ('branch' as const),
      parentName: o.group ? branchName : doc.parentName,
      branchId: doc.branchId,
      cells: expandOwner(o, columns, kinds),
      indicators: ownerIndicators(o, now, doc.mobileAtRisk),
      flags: o.flags,
      risk: doc.risk,
    }))
}

interface Query {
  where: Filter[]
  orderBy: { field: 'riskRank' | 'name'; direction: 'asc' }
  /** Checks the store cannot make: the whole search text, statuses among the chosen kinds only. */
  keep: ((doc: SupervisionRowDoc, rows: MatrixRow[]) => boolean) | null
}

function queryOf(org: Stored<Org>, f: MatrixFilters): Query {
  const byName = f.sort === 'name'
  // Each order reads its own index in order (`scope` + riskRank, `scopeByName` + name).
  const where = inTree(org, f.year, byName ? 'scopeByName' : 'scope')
  if (f.parentId) where.push({ field: 'path', op: 'contains', value: f.parentId })
  if (f.statuses?.length) where.push({ field: 'statusSet', op: 'in', value: keysSharing(f.statuses) })
  const search = f.search?.trim().toLowerCase() ?? ''
  for (const gram of searchGrams(search)) where.push({ field: 'nameGrams', op: 'contains', value: gram })
  // Two-character pieces found in a name need not be found in a row (a longer text may be split);
  // and a row's statuses span all kinds, so with kinds chosen the statuses are checked on their cells.
  const wholeText = [...search].length > 2
  const byKinds = !!f.kinds?.length && !!f.statuses?.length
  const keep =
    wholeText || byKinds
      ? (doc: SupervisionRowDoc, rows: MatrixRow[]) =>
          (!wholeText || doc.name.toLowerCase().includes(search)) &&
          (!byKinds || rows.some((r) => r.cells.some((c) => f.statuses!.includes(c.status))))
      : null
  return {
    where,
    orderBy: byName ? { field: 'name', direction: 'asc' } : { field: 'riskRank', direction: 'asc' },
    keep,
  }
}

/**
 * One page of the matrix below `org`: judges what is stale, then reads rows in order until `limit`
 * branches pass the filters. Takes the org, the filters, the cursor and limit, and `now` (epoch ms).
 */
export async function matrixPage(
  store: StorePort,
  org: Stored<Org>,
  filters: MatrixFilters,
  cursor: string | null | undefined,
  limit: number,
  now: number,
): Promise<MatrixView> {
  const rulesOf = rulesCache(store)
  const all = await ensureRows(store, org, filters.year, now)
  await judgeStale(store, org, filters.year, now, rulesOf)
  const q = queryOf(org, filters)
  const rows: MatrixRow[] = []
  let branches = 0
  let next = cursor ?? null
  let nextCursor: string | null = null
  for (;;) {
    const page = await store.query('supervision_rows', {
      where: q.where,
      orderBy: q.orderBy,
      limit: Math.min(MAX_PAGE, limit - branches + (q.keep ? 20 : 0)),
      cursor: next,
    })
    let stoppedAt = -1
    for (const [i, doc] of page.items.entries()) {
      const mine = rowsOf(doc, columnsFor(doc.layout, doc.year), now, filters.kinds)
      if (q.keep && !q.keep(doc, mine)) continue
      rows.push(...mine)
      branches += 1
      if (branches === limit) {
        stoppedAt = i
        break
      }
    }
    if (stoppedAt >= 0) {
      const last = page.items[stoppedAt]
      const atEnd = stoppedAt === page.items.length - 1 && !page.nextCursor
      nextCursor = atEnd ? null : encodeCursor(last[q.orderBy.field], last._id)
      break
    }
    if (!page.nextCursor) break
    next = page.nextCursor
  }
  // Unfiltered, the total is the number of rows below the org, known from ensureRows.
  const filtered = !!(filters.parentId || filters.statuses?.length || filters.search?.trim())
  const total = q.keep
    ? await countKept(store, q, filters, now)
    : filtered
      ? await store.count('supervision_rows', q.where)
      : all
  return {
    year: filters.year,
    columns: columnsOf(await rulesFor(store, org), filters.year, filters.kinds),
    rows,
    nextCursor,
    total,
  }
}

/** How many rows pass checks the store cannot make: reads them all (only with such filters). */
async function countKept(store: StorePort, q: Query, filters: MatrixFilters, now: number): Promise<number> {
  let n = 0
  let cursor: string | null = null
  do {
    const page: { items: Stored<SupervisionRowDoc>[]; nextCursor: string | null } = await store.query(
      'supervision_rows',
      { where: q.where, orderBy: q.orderBy, limit: MAX_PAGE, cursor },
    )
    for (const doc of page.items) {
      if (q.keep!(doc, rowsOf(doc, columnsFor(doc.layout, doc.year), now, filters.kinds))) n += 1
    }
    cursor = page.nextCursor
  } while (cursor)
  return n
}

export const supervisionMatrix = implement(supervisionMatrixDecl, async (ctx, input) => {
  const { cursor, limit, orgId: _orgId, ...filters } = input
  return matrixPage(ctx.ports.store, ctx.target.org, filters, cursor, limit, ctx.now)
})

/** The escalations about a branch, newest first (at most 100). */
export async function escalationsOf(store: StorePort, branchId: string): Promise<EscalationView[]> {
  const page = await store.query('escalations', {
    where: [eq('branchId', branchId)],
    orderBy: { field: 'at', direction: 'desc' },
    limit: 100,
  })
  return page.items.map((e) => ({
    id: e._id,
    cause: e.cause,
    kind: e.kind,
    period: e.period,
    at: e.at,
    reason: e.reason,
  }))
}

/**
 * A branch's row of `year` judged at `now` (from its state, so it is current), creating it when the
 * branch has none yet. Takes the store, the branch, the rules in force, the year and `now`.
 */
export async function branchRow(
  store: StorePort,
  branch: Stored<Org>,
  rules: readonly EffectiveKindRule[],
  year: number,
  now: number,
): Promise<SupervisionRowDoc> {
  await ensureRows(store, branch, year, now)
  const id = rowId(branch._id, year)
  const [row, state] = await Promise.all([store.get('supervision_rows', id), store.get('supervision_state', id)])
  return { ...row!, ...judged(row!, state, rules, now) }
}

export const supervisionBranch = implement(supervisionBranchDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const rules = await rulesFor(store, branch)
  const row = await branchRow(store, branch, rules, input.year, ctx.now)
  return {
    year: input.year,
    columns: columnsOf(rules, input.year),
    rows: rowsOf(row, columnsFor(row.layout, input.year), ctx.now),
    escalations: await escalationsOf(store, branch._id),
  }
})
