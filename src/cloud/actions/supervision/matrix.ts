/** The 党委's year matrix and one branch's supervision view (work in progress: empty answers). */
import { implement } from '../handler'
import {
  supervisionBranch as supervisionBranchDecl,
  supervisionMatrix as supervisionMatrixDecl,
} from '../../../domain/api/catalog-supervision'

export const supervisionMatrix = implement(supervisionMatrixDecl, async (_ctx, input) => ({
  year: input.year,
  columns: [],
  rows: [],
  nextCursor: null,
  total: 0,
}))

export const supervisionBranch = implement(supervisionBranchDecl, async (_ctx, input) => ({
  year: input.year,
  columns: [],
  rows: [],
  escalations: [],
}))
