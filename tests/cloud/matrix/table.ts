/**
 * The vocabulary of the authorization matrix (tests/cloud/authorization-matrix.test.ts): cells,
 * what a cell's call points at, and the hand-written decision rules. Each area's rows live in
 * tests/cloud/matrix/<area>.ts and are merged by the test.
 */
import type { Role } from '../../../src/domain/org'
import type { TestApi } from '../api-fixture'

export type Cell = 'own' | 'other' | 'subtree'
export const CELLS: readonly Cell[] = ['own', 'other', 'subtree']

/** What a cell's call points at. */
export interface Target {
  org: string
  memberId: string
  meetingId: string
  /** The target member's current version, for roster.update. */
  version: number
  /** A number that differs on every call, for phones and names. */
  seq: number
}

// ---- the expected decisions, by hand ----

export type Rule = (role: Role, cell: Cell) => boolean
export const EDITORS: readonly Role[] = ['secretary', 'deputy_secretary', 'organizer']
export const COMMITTEE: readonly Role[] = [...EDITORS, 'propaganda', 'discipline', 'committee']

/** Public or identified actions, and actions on one's own record: everyone, whatever the target. */
export const everyone: Rule = () => true
/** Any member or the 党委 within their own org and below it; never another branch. */
export const withinReach: Rule = (_role, cell) => cell !== 'other'
/** The branch's 书记, 副书记 and 组织委员, in their own branch (its groups included); the 党委 not. */
export const branchEditors: Rule = (role, cell) => EDITORS.includes(role) && cell !== 'other'
/** The branch committee in its branch, and the 党委 below it. */
export const committeeOrSupervisor: Rule = (role, cell) =>
  (COMMITTEE.includes(role) || role === 'supervisor') && cell !== 'other'

/** One area's rows: the expected decision and a valid sample input for each of its actions. */
export interface MatrixRows<Name extends string> {
  expected: Record<Name, Rule>
  samples: Record<Name, (t: Target) => Record<string, unknown>>
  /** Optional records the samples point at, made once before the matrix runs (the demo is seeded). */
  prepare?: (api: TestApi) => Promise<void>
}
