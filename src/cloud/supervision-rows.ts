/**
 * Keeps the 党委's year matrix (`supervision_rows`, one document per branch and year; rules in
 * src/domain/supervision.ts) in step with meetings and 阅签, inside the same transactions as those
 * writes, and judges the rows: the matrix reads these documents only, never meetings.
 *
 * A write marks its row for judging (`nextChangeAt: 0`) instead of judging it, since a write has no
 * business knowing the time of reading; `judgeStale` judges the marked rows (and those whose deadline
 * passed) before the matrix is read, and the daily job judges every row of the year.
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
  judgeRow,
  nameGrams,
  statusKeys,
  yearOf,
  type MeetingTally,
  type RowState,
} from '../domain/supervision'

/** `nextChangeAt` of a row no deadline will change again (a past year). */
export const NEVER = Number.MAX_SAFE_INTEGER
const MAX_GROUPS = 200
/** Rows judged per read before answering; the rest wait for the next read or the daily job. */
const MAX_JUDGED_PER_READ = 5000

export function rowId(branchId: string, year: number): string {
  return `${branchId}.${year}`
}

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

/** A new row document for a branch and year: no meetings yet, to be judged at the next read. */
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
    name: branch.name,
    path: [...branch.path],
    parentName: parent?.name ?? '',
    groups: groups.map((g) => ({ id: g._id, name: g.name })),
    nameGrams: nameGrams(branch.name),
    mobileAtRisk: 0,
    cells: [],
    sums: [],
    flags: [],
    risk: 0,
    statusKeys: [],
    nextChangeAt: 0,
    judgedAt: 0,
  }
}

function stateOf(doc: RowState): RowState {
  return { cells: doc.cells, sums: doc.sums, flags: doc.flags }
}

/**
 * Applies one meeting's change (null = absent) to its branch's row of each year it was or is in,
 * within `tx`. A 党小组 it names is added to the row's groups if missing.
 */
export async function updateSupervisionRows(
  tx: StoreTx,
  rules: readonly EffectiveKindRule[],
  sample: Pick<MeetingDoc, 'branchId' | 'groupId'>,
  was: MeetingTally | null,
  is: MeetingTally | null,
): Promise<void> {
  const years = [...new Set([was, is].filter((m): m is MeetingTally => !!m).map((m) => yearOf(m.startAt)))]
  for (const year of years) {
    const id = rowId(sample.branchId, year)
    const existing = await tx.get('supervision_rows', id)
    const state = existing ? stateOf(existing) : { cells: [], sums: [], flags: [] }
    const next = applyMeetingToRow(state, was, is, rules, year)
    let groups = existing?.groups ?? []
    if (sample.groupId && !groups.some((g) => g.id === sample.groupId)) {
      const group = await tx.get('orgs', sample.groupId)
      if (group) groups = [...groups, { id: group._id, name: group.name }]
    }
    if (existing) {
      if (JSON.stringify(next) === JSON.stringify(state) && groups === existing.groups) continue
      await tx.update('supervision_rows', id, { ...next, groups, nextChangeAt: 0 }, existing._version)
    } else {
      const branch = await tx.get('orgs', sample.branchId)
      if (!branch) continue
      const parent = branch.parentId ? await tx.get('orgs', branch.parentId) : null
      await tx.insert('supervision_rows', { ...newRow(branch, parent, [], year), ...next, groups })
    }
  }
}

/**
 * Adds one 阅签 of a meeting's final minutes to its row, within `tx` (the caller inserts the read
 * once). Takes the meeting and its owner (compliance-counters' `ownerOf`).
 */
export async function addReadToRow(
  tx: StoreTx,
  meeting: Pick<MeetingDoc, 'branchId' | 'startAt'>,
  owner: string,
): Promise<void> {
  const id = rowId(meeting.branchId, yearOf(meeting.startAt))
  const existing = await tx.get('supervision_rows', id)
  if (!existing) return
  const next = addRead(stateOf(existing), owner)
  await tx.update('supervision_rows', id, { sums: next.sums, nextChangeAt: 0 }, existing._version)
}

/** The rules in force for a branch (the caller caches them per org path). */
export type RulesOf = (branch: Pick<Org, 'path'>) => Promise<EffectiveKindRule[]>

/** The snapshot fields of a row judged at `now`. */
export function snapshotOf(
  doc: SupervisionRowDoc,
  rules: readonly EffectiveKindRule[],
  now: number,
): Pick<SupervisionRowDoc, 'risk' | 'statusKeys' | 'nextChangeAt' | 'judgedAt'> {
  const judged = judgeRow(
    doc,
    doc.groups.map((g) => g.id),
    doc.branchId,
    rules,
    doc.year,
    now,
    doc.mobileAtRisk,
  )
  return {
    risk: judged.risk,
    statusKeys: statusKeys(judged.statuses),
    nextChangeAt: judged.nextChangeAt ?? NEVER,
    judgedAt: now,
  }
}

/**
 * Judges the rows of `year` below `orgId` that a write marked or a deadline changed (nextChangeAt ≤
 * now), so the filters and the risk order see the present. A row changed meanwhile is left marked for
 * the next read. Resolves to the number judged.
 */
export async function judgeStale(
  store: StorePort,
  orgId: string,
  year: number,
  now: number,
  rulesOf: RulesOf,
): Promise<number> {
  let judged = 0
  const where: Filter[] = [
    eq('year', year),
    { field: 'nextChangeAt', op: 'lte', value: now },
    { field: 'path', op: 'contains', value: orgId },
  ]
  while (judged < MAX_JUDGED_PER_READ) {
    const page = await store.query('supervision_rows', {
      where,
      orderBy: { field: 'nextChangeAt', direction: 'asc' },
      limit: 100,
    })
    let progressed = 0
    for (const doc of page.items) {
      try {
        await store.update('supervision_rows', doc._id, snapshotOf(doc, await rulesOf(doc), now), doc._version)
        progressed += 1
      } catch (err) {
        if (!(err instanceof StoreConflict)) throw err
      }
    }
    judged += progressed
    if (!page.nextCursor || progressed === 0) break
  }
  return judged
}

/**
 * Makes sure every branch below `org` has its row for `year` (a branch with no meeting that year has
 * none until now), comparing two counts first so the usual read costs nothing more.
 */
export async function ensureRows(store: StorePort, org: Stored<Org>, year: number): Promise<void> {
  const inTree = { field: 'path', op: 'contains', value: org._id } as const
  const branches = org.kind === 'branch' ? 1 : await store.count('orgs', [inTree, eq('kind', 'branch')])
  const rows = await store.count('supervision_rows', [inTree, eq('year', year)])
  if (rows >= branches) return
  let cursor: string | null = null
  do {
    const page: { items: Stored<Org>[]; nextCursor: string | null } =
      org.kind === 'branch'
        ? { items: [org], nextCursor: null }
        : await store.query('orgs', {
            where: [inTree, eq('kind', 'branch')],
            orderBy: { field: 'name', direction: 'asc' },
            limit: 100,
            cursor,
          })
    cursor = page.nextCursor
    const ids = page.items.map((b) => rowId(b._id, year))
    const have = await store.query('supervision_rows', { where: [{ field: '_id', op: 'in', value: ids }], limit: 100 })
    const present = new Set(have.items.map((r) => r._id))
    for (const branch of page.items) {
      if (present.has(rowId(branch._id, year))) continue
      await insertRow(store, branch, year)
    }
  } while (cursor)
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
    limit: 100,
  })
  return page.items.slice(0, MAX_GROUPS)
}

/**
 * Brings a row's names, 党小组 and 流动党员 count up to date and judges it (the daily job, for each
 * branch's current year). Creates the row when missing. Takes the 流动党员 at risk, counted by the caller.
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
    let doc = await store.get('supervision_rows', id)
    if (!doc) {
      await insertRow(store, branch, year)
      doc = (await store.get('supervision_rows', id))!
    }
    const [parent, groups] = await Promise.all([
      branch.parentId ? store.get('orgs', branch.parentId) : Promise.resolve(null),
      groupsOf(store, branch._id),
    ])
    // Groups that held meetings stay, even if since dissolved: their cells are on record.
    const known = new Map(doc.groups.map((g) => [g.id, g.name]))
    for (const g of groups) known.set(g._id, g.name)
    const fresh: SupervisionRowDoc = {
      ...doc,
      name: branch.name,
      path: [...branch.path],
      parentName: parent?.name ?? '',
      nameGrams: nameGrams(branch.name),
      groups: [...known].map(([gid, name]) => ({ id: gid, name })),
      mobileAtRisk,
    }
    const patch = { ...fresh, ...snapshotOf(fresh, rules, now) }
    const { _id: _i, _version: _v, ...body } = patch as typeof patch & { _id: string; _version: number }
    try {
      return await store.update('supervision_rows', id, body, doc._version)
    } catch (err) {
      if (!(err instanceof StoreConflict)) throw err
    }
  }
  throw new Error(`supervision row ${id} kept changing`)
}
