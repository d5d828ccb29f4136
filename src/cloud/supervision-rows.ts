/**
 * Keeps the 党委's year matrix in step with meetings and 阅签 (rules in src/domain/supervision.ts),
 * in two documents per branch and year:
 * - `supervision_state`: per-cell counters, per-owner sums and flags, updated inside the same
 *   transactions as the meeting and 阅签 writes;
 * - `supervision_rows`: the branch's row judged from that state and packed small, which is all a
 *   matrix page reads, so a page costs the same whatever the number of meetings.
 * A write marks the row for judging (`nextChangeAt: 0`) rather than judging it, since judging needs
 * the time of reading; `judgeStale` judges the marked rows, and those a deadline changed, before the
 * matrix is read, and the daily job judges every row of the year.
 */
import type { MeetingDoc } from './collections'
import type { SupervisionRowDoc } from './documents'
import { eq, StoreConflict, type Filter, type Stored, type StorePort, type StoreTx } from './ports/store'
import type { MeetingFacts } from '../domain/compliance'
import type { EffectiveKindRule } from '../domain/kind-rules'
import type { Org } from '../domain/org'
import {
  addRead,
  applyMeetingToRow,
  compactOwner,
  judgeRow,
  layoutOf,
  nameGrams,
  statusKey,
  yearOf,
  type MeetingTally,
  type RowState,
} from '../domain/supervision'

/** `nextChangeAt` of a row no deadline will change again (a past year). */
export const NEVER = Number.MAX_SAFE_INTEGER
const MAX_GROUPS = 100
/** Rows judged per read before answering; the rest wait for the next read or the daily job. */
const MAX_JUDGED_PER_READ = 5000

export function rowId(branchId: string, year: number): string {
  return `${branchId}.${year}`
}

const RANK_TOP = 9_999_999

/** The text that orders rows by risk, highest first, then by branch id (see SupervisionRowDoc). */
export function riskRank(risk: number, branchId: string): string {
  return `${String(RANK_TOP - Math.min(Math.max(0, Math.round(risk)), RANK_TOP)).padStart(7, '0')}:${branchId}`
}

/** The scope of a row: its tree's top 党委 and its year (see SupervisionRowDoc). */
export function scopeOf(topId: string, year: number): string {
  return `${topId}:${year}`
}

function scopeFields(topId: string, year: number): Pick<SupervisionRowDoc, 'scope' | 'scopeByName' | 'scopeDue'> {
  const scope = scopeOf(topId, year)
  return { scope, scopeByName: scope, scopeDue: scope }
}

/**
 * The filters that pick the rows of `year` below `org`: the scope's index range, narrowed to the
 * subtree when `org` is not the top of its tree. `field` is the scope field of the index to read.
 */
export function inTree(
  org: Pick<Org, 'path'> & { _id: string },
  year: number,
  field: 'scope' | 'scopeByName' | 'scopeDue' = 'scope',
): Filter[] {
  const where: Filter[] = [eq(field, scopeOf(org.path[0], year))]
  if (org.path[0] !== org._id) where.push({ field: 'path', op: 'contains', value: org._id })
  return where
}

/** The rules in force for a branch (callers cache them per org path). */
export type RulesOf = (branch: Pick<Org, 'path'>) => Promise<EffectiveKindRule[]>

/**
 * A stored meeting as the row sees it. Takes the meeting, its compliance facts and its owner (the
 * branch, or the 党小组 of a 党小组会), both as compliance-counters.ts makes them.
 */
export function tallyOf(m: MeetingDoc, facts: MeetingFacts, owner: string): MeetingTally {
  return {
    ...facts,
    owner,
    minutesLate: m.minutesLate === true,
    participants: m.participantIds.length,
    attendance: m.attendanceSummary ?? null,
  }
}

/** A new, not yet judged row for a branch and year. */
export function newRow(
  branch: Stored<Org>,
  parent: Pick<Org, 'name'> | null,
  groups: readonly Pick<Stored<Org>, '_id' | 'name'>[],
  year: number,
): SupervisionRowDoc & { _id: string } {
  return {
    _id: rowId(branch._id, year),
    branchId: branch._id,
    year,
    ...scopeFields(branch.path[0], year),
    name: branch.name,
    path: [...branch.path],
    parentName: parent?.name ?? '',
    groups: groups.map((g) => ({ id: g._id, name: g.name })),
    nameGrams: nameGrams(branch.name),
    mobileAtRisk: 0,
    layout: '',
    owners: [],
    risk: 0,
    riskRank: riskRank(0, branch._id),
    statusSet: '',
    nextChangeAt: 0,
    judgedAt: 0,
  }
}

const EMPTY_STATE: RowState = { cells: [], sums: [], flags: [] }

function stateOf(doc: RowState | null): RowState {
  return doc ? { cells: doc.cells, sums: doc.sums, flags: doc.flags } : EMPTY_STATE
}

/** Marks a branch's row for judging within `tx`, creating it (and adding a 党小组 it lacks) when needed. */
async function markRow(tx: StoreTx, branchId: string, year: number, groupId: string | null): Promise<void> {
  const id = rowId(branchId, year)
  const row = await tx.get('supervision_rows', id)
  const group = groupId && !row?.groups.some((g) => g.id === groupId) ? await tx.get('orgs', groupId) : null
  if (row) {
    if (row.nextChangeAt === 0 && !group) return
    const groups = group ? [...row.groups, { id: group._id, name: group.name }] : row.groups
    await tx.update('supervision_rows', id, { nextChangeAt: 0, groups }, row._version)
    return
  }
  const branch = await tx.get('orgs', branchId)
  if (!branch) return
  const parent = branch.parentId ? await tx.get('orgs', branch.parentId) : null
  await tx.insert('supervision_rows', newRow(branch, parent, group ? [group] : [], year))
}

/**
 * Applies one meeting's change (null = absent) to its branch's state of each year it was or is in,
 * and marks those rows for judging, within `tx`. Takes the rules in force, the meeting (for its
 * branch and 党小组) and the meeting before and after as `tallyOf` makes them.
 */
export async function updateSupervisionRows(
  tx: StoreTx,
  rules: readonly EffectiveKindRule[],
  sample: Pick<MeetingDoc, 'branchId' | 'groupId'>,
  was: MeetingTally | null,
  is: MeetingTally | null,
): Promise<void> {
  const years = new Set([was, is].filter((m): m is MeetingTally => !!m).map((m) => yearOf(m.startAt)))
  for (const year of years) {
    const id = rowId(sample.branchId, year)
    const existing = await tx.get('supervision_state', id)
    const next = applyMeetingToRow(stateOf(existing), was, is, rules, year)
    if (existing) await tx.update('supervision_state', id, next, existing._version)
    else await tx.insert('supervision_state', { _id: id, branchId: sample.branchId, year, ...next })
    await markRow(tx, sample.branchId, year, sample.groupId)
  }
}

/**
 * Adds one 阅签 of a meeting's final minutes to its state and marks the row, within `tx` (the caller
 * inserts the read once). Takes the meeting and its owner (compliance-counters' `ownerOf`).
 */
export async function addReadToRow(
  tx: StoreTx,
  meeting: Pick<MeetingDoc, 'branchId' | 'startAt'>,
  owner: string,
): Promise<void> {
  const year = yearOf(meeting.startAt)
  const id = rowId(meeting.branchId, year)
  const existing = await tx.get('supervision_state', id)
  if (!existing) return
  await tx.update('supervision_state', id, { sums: addRead(stateOf(existing), owner).sums }, existing._version)
  await markRow(tx, meeting.branchId, year, null)
}

/** The judged fields of a row at `now`, from its state. */
export function judged(
  row: SupervisionRowDoc,
  state: RowState | null,
  rules: readonly EffectiveKindRule[],
  now: number,
): Pick<SupervisionRowDoc, 'layout' | 'owners' | 'risk' | 'riskRank' | 'statusSet' | 'nextChangeAt' | 'judgedAt'> {
  const j = judgeRow(
    stateOf(state),
    row.groups.map((g) => g.id),
    row.branchId,
    rules,
    row.year,
    now,
    row.mobileAtRisk,
  )
  return {
    layout: layoutOf(rules),
    owners: [
      compactOwner({ id: row.branchId, name: row.name, group: false }, j.branch.cells, j.branch.sums, j.branch.flags),
      ...j.groups.map((g) =>
        compactOwner(
          { id: g.id, name: row.groups.find((x) => x.id === g.id)?.name ?? '', group: true },
          g.cells,
          g.sums,
          g.flags,
        ),
      ),
    ],
    risk: j.risk,
    riskRank: riskRank(j.risk, row.branchId),
    statusSet: statusKey(j.statuses),
    nextChangeAt: j.nextChangeAt ?? NEVER,
    judgedAt: now,
  }
}

/**
 * Marks every row of `year` below `org` for judging (`nextChangeAt: 0`), after a rule that every
 * deadline depends on changed (the minutes deadline, issue 16): the next matrix read or the daily job
 * judges them with the new rule. Takes the org and year; resolves to the number of rows marked.
 * A row changed meanwhile is marked already or judged by its writer, so a conflict is skipped.
 */
export async function markTreeForJudging(
  store: StorePort,
  org: Pick<Org, 'path'> & { _id: string },
  year: number,
): Promise<number> {
  let marked = 0
  let cursor: string | undefined
  for (;;) {
    const page = await store.query('supervision_rows', {
      where: [...inTree(org, year, 'scopeDue'), { field: 'nextChangeAt', op: 'gt', value: 0 }],
      orderBy: { field: 'nextChangeAt', direction: 'asc' },
      limit: 100,
      cursor,
    })
    for (const row of page.items) {
      try {
        await store.update('supervision_rows', row._id, { nextChangeAt: 0 }, row._version)
        marked += 1
      } catch (err) {
        if (!(err instanceof StoreConflict)) throw err
      }
    }
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  return marked
}

/**
 * Judges the rows of `year` below `orgId` that a write marked or a deadline changed (nextChangeAt ≤
 * now), so the filters and the risk order see the present. A row changed meanwhile stays marked for
 * the next read. Resolves to the number judged.
 */
export async function judgeStale(
  store: StorePort,
  org: Pick<Org, 'path'> & { _id: string },
  year: number,
  now: number,
  rulesOf: RulesOf,
): Promise<number> {
  let done = 0
  const where: Filter[] = [...inTree(org, year, 'scopeDue'), { field: 'nextChangeAt', op: 'lte', value: now }]
  while (done < MAX_JUDGED_PER_READ) {
    const page = await store.query('supervision_rows', {
      where,
      orderBy: { field: 'nextChangeAt', direction: 'asc' },
      limit: 100,
    })
    let progressed = 0
    for (const row of page.items) {
      const state = await store.get('supervision_state', row._id)
      try {
        await store.update('supervision_rows', row._id, judged(row, state, await rulesOf(row), now), row._version)
        progressed += 1
      } catch (err) {
        if (!(err instanceof StoreConflict)) throw err
      }
    }
    done += progressed
    if (!page.nextCursor || progressed === 0) break
  }
  return done
}

/**
 * Per store, when each org's rows of a year were last made complete and how many there were, in
 * this process (a cloud function's life).
 */
const ensured = new WeakMap<StorePort, Map<string, { at: number; rows: number }>>()
/** How long a completeness check is trusted before counting again. */
const ENSURE_EVERY_MS = 10 * 60_000

/**
 * Makes sure every branch below `org` has its row for `year` (a branch with no meeting that year has
 * none until then): compares two counts, at most every ENSURE_EVERY_MS per org and year in a process,
 * and inserts what is missing. Resolves to the number of rows below `org` for `year`, which is also
 * the matrix's total when nothing filters it.
 */
export async function ensureRows(store: StorePort, org: Stored<Org>, year: number, now: number): Promise<number> {
  const key = `${org._id}:${year}`
  if (!ensured.has(store)) ensured.set(store, new Map())
  const seen = ensured.get(store)!
  const last = seen.get(key)
  if (last && now - last.at < ENSURE_EVERY_MS && now >= last.at) return last.rows
  const below = { field: 'path', op: 'contains', value: org._id } as const
  const branches = org.kind === 'branch' ? 1 : await store.count('orgs', [below, eq('kind', 'branch')])
  let rows =
    org.kind === 'branch'
      ? Number((await store.get('supervision_rows', rowId(org._id, year))) !== null)
      : await store.count('supervision_rows', inTree(org, year))
  if (rows < branches) {
    let cursor: string | null = null
    do {
      const page: { items: Stored<Org>[]; nextCursor: string | null } =
        org.kind === 'branch'
          ? { items: [org], nextCursor: null }
          : await store.query('orgs', {
              where: [below, eq('kind', 'branch')],
              orderBy: { field: 'name', direction: 'asc' },
              limit: 100,
              cursor,
            })
      cursor = page.nextCursor
      const ids = page.items.map((b) => rowId(b._id, year))
      const have = await store.query('supervision_rows', {
        where: [{ field: '_id', op: 'in', value: ids }],
        limit: 100,
      })
      const present = new Set(have.items.map((r) => r._id))
      for (const branch of page.items) {
        if (!present.has(rowId(branch._id, year))) await insertRow(store, branch, year)
      }
    } while (cursor)
    rows = branches
  }
  seen.set(key, { at: now, rows })
  return rows
}

async function insertRow(store: StorePort, branch: Stored<Org>, year: number): Promise<void> {
  const [parent, groups] = await Promise.all([
    branch.parentId ? store.get('orgs', branch.parentId) : Promise.resolve(null),
    groupsOf(store, branch._id),
  ])
  try {
    await store.insert('supervision_rows', newRow(branch, parent, groups, year))
  } catch (err) {
    if (!(err instanceof StoreConflict && err.reason === 'duplicate')) throw err
  }
}

async function groupsOf(store: StorePort, branchId: string): Promise<Stored<Org>[]> {
  const page = await store.query('orgs', {
    where: [eq('parentId', branchId), eq('kind', 'group')],
    orderBy: { field: 'name', direction: 'asc' },
    limit: MAX_GROUPS,
  })
  return page.items
}

/**
 * Brings a row's names, 党小组 and 流动党员 count up to date and judges it (the daily job, for each
 * branch's current year); creates the row when missing. Takes the 流动党员 at risk, counted by the
 * caller, the rules in force and `now`; resolves to the row as stored.
 */
export async function refreshRow(
  store: StorePort,
  branch: Stored<Org>,
  year: number,
  mobileAtRisk: number,
  rules: readonly EffectiveKindRule[],
  now: number,
): Promise<Stored<SupervisionRowDoc>> {
  const id = rowId(branch._id, year)
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let row = await store.get('supervision_rows', id)
    if (!row) {
      await insertRow(store, branch, year)
      row = (await store.get('supervision_rows', id))!
    }
    const [parent, groups, state] = await Promise.all([
      branch.parentId ? store.get('orgs', branch.parentId) : Promise.resolve(null),
      groupsOf(store, branch._id),
      store.get('supervision_state', id),
    ])
    // Groups that held meetings stay, even if since dissolved: their cells are on record.
    const known = new Map(row.groups.map((g) => [g.id, g.name]))
    for (const g of groups) known.set(g._id, g.name)
    const { _id: _i, _version: _v, ...body } = row
    const fresh: SupervisionRowDoc = {
      ...body,
      ...scopeFields(branch.path[0], year),
      name: branch.name,
      path: [...branch.path],
      parentName: parent?.name ?? '',
      nameGrams: nameGrams(branch.name),
      groups: [...known].map(([gid, name]) => ({ id: gid, name })),
      mobileAtRisk,
    }
    try {
      return await store.update('supervision_rows', id, { ...fresh, ...judged(fresh, state, rules, now) }, row._version)
    } catch (err) {
      if (!(err instanceof StoreConflict)) throw err
    }
  }
  throw new Error(`supervision row ${id} kept changing`)
}
