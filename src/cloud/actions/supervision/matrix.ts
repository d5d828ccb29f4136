/**
 * The 党委's year matrix and one branch's supervision view, read from the maintained rows
 * (src/cloud/supervision-rows.ts) only: a page costs one query of `limit` rows whatever the number of
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
  judgeRow,
  searchGrams,
  statusKey,
  yearColumns,
  type CellStatus,
  type MatrixColumn,
  type MatrixRow,
} from '../../../domain/supervision'
import { rulesFor } from '../../compliance-counters'
import type { SupervisionRowDoc } from '../../documents'
import { encodeCursor, eq, MAX_PAGE, type Filter, type Stored, type StorePort } from '../../ports/store'
import { ensureRows, judgeStale, rowId, type RulesOf } from '../../supervision-rows'

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

/** The columns for an org's rules (its branches may add their own overrides; cells carry kind and period). */
export function columnsOf(
  rules: readonly EffectiveKindRule[],
  year: number,
  kinds?: readonly MeetingKind[],
): MatrixColumn[] {
  return yearColumns(rules, year, kinds).map(({ kind, period, label }) => ({ kind, period, label }))
}

/** A row document as matrix rows at `now`: the branch's, then its 党小组's when 党小组会 is shown. */
export function rowsOf(
  doc: SupervisionRowDoc,
  rules: readonly EffectiveKindRule[],
  now: number,
  kinds?: readonly MeetingKind[],
): { rows: MatrixRow[]; statuses: Set<CellStatus> } {
  const judged = judgeRow(
    doc,
    doc.groups.map((g) => g.id),
    doc.branchId,
    rules,
    doc.year,
    now,
    doc.mobileAtRisk,
    kinds,
  )
  const rows: MatrixRow[] = [
    {
      orgId: doc.branchId,
      name: doc.name,
      orgKind: 'branch',
      parentName: doc.parentName,
      branchId: doc.branchId,
      ...judged.branch,
      risk: judged.risk,
    },
  ]
  const showGroups = rules.some((r) => r.audience === 'group' && (!kinds || kinds.includes(r.kind)))
  if (showGroups) {
    for (const g of judged.groups) {
      const name = doc.groups.find((x) => x.id === g.id)?.name ?? ''
      rows.push({
        orgId: g.id,
        name,
        orgKind: 'group',
        parentName: doc.name,
        branchId: doc.branchId,
        cells: g.cells,
        indicators: g.indicators,
        flags: g.flags,
        risk: judged.risk,
      })
    }
  }
  const statuses = new Set<CellStatus>(rows.flatMap((r) => r.cells.map((c) => c.status)))
  return { rows, statuses }
}

interface Query {
  where: Filter[]
  orderBy: { field: 'risk' | 'name'; direction: 'asc' | 'desc' }
  /** Checks the store cannot make: the whole search text, statuses among the chosen kinds only. */
  keep: ((doc: SupervisionRowDoc, statuses: Set<CellStatus>) => boolean) | null
}

function queryOf(orgId: string, f: MatrixFilters): Query {
  const where: Filter[] = [eq('year', f.year), { field: 'path', op: 'contains', value: orgId }]
  if (f.parentId) where.push({ field: 'path', op: 'contains', value: f.parentId })
  if (f.statuses?.length) where.push({ field: 'statusKeys', op: 'contains', value: statusKey(f.statuses) })
  const search = f.search?.trim().toLowerCase() ?? ''
  for (const gram of searchGrams(search)) where.push({ field: 'nameGrams', op: 'contains', value: gram })
  // Two-character pieces found in a name need not be found in a row (三个字 may be split); and a row's
  // statuses span all kinds, so with kinds chosen the statuses are checked on those kinds' cells.
  const wholeText = [...search].length > 2
  const byKinds = !!f.kinds?.length && !!f.statuses?.length
  const keep =
    wholeText || byKinds
      ? (doc: SupervisionRowDoc, statuses: Set<CellStatus>) =>
          (!wholeText || doc.name.toLowerCase().includes(search)) &&
          (!byKinds || f.statuses!.some((s) => statuses.has(s)))
      : null
  return {
    where,
    orderBy: f.sort === 'name' ? { field: 'name', direction: 'asc' } : { field: 'risk', direction: 'desc' },
    keep,
  }
}

/**
 * One page of the matrix below `org`: judges what is stale, then reads rows in order until `limit`
 * branches pass the filters. Takes the org, the filters, the cursor and limit, and `now`.
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
  await ensureRows(store, org, filters.year)
  await judgeStale(store, org._id, filters.year, now, rulesOf)
  const q = queryOf(org._id, filters)
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
      const judged = rowsOf(doc, await rulesOf(doc), now, filters.kinds)
      if (q.keep && !q.keep(doc, judged.statuses)) continue
      rows.push(...judged.rows)
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
  const total = q.keep
    ? await countKept(store, q, filters, now, rulesOf)
    : await store.count('supervision_rows', q.where)
  const orgRules = await rulesFor(store, org)
  return { year: filters.year, columns: columnsOf(orgRules, filters.year, filters.kinds), rows, nextCursor, total }
}

/** How many rows pass checks the store cannot make: read them all (only with such filters). */
async function countKept(
  store: StorePort,
  q: Query,
  filters: MatrixFilters,
  now: number,
  rulesOf: RulesOf,
): Promise<number> {
  let n = 0
  let cursor: string | null = null
  do {
    const page: { items: Stored<SupervisionRowDoc>[]; nextCursor: string | null } = await store.query(
      'supervision_rows',
      { where: q.where, orderBy: q.orderBy, limit: MAX_PAGE, cursor },
    )
    for (const doc of page.items) {
      if (q.keep!(doc, rowsOf(doc, await rulesOf(doc), now, filters.kinds).statuses)) n += 1
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

export const supervisionBranch = implement(supervisionBranchDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const rules = await rulesFor(store, branch)
  await ensureRows(store, branch, input.year)
  const doc = (await store.get('supervision_rows', rowId(branch._id, input.year)))!
  return {
    year: input.year,
    columns: columnsOf(rules, input.year),
    rows: rowsOf(doc, rules, ctx.now).rows,
    escalations: await escalationsOf(store, branch._id),
  }
})
