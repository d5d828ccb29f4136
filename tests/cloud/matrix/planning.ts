/** Matrix rows of the actions in src/domain/api/catalog-planning.ts. */
import type { PLANNING_ACTIONS } from '../../../src/domain/api/catalog-planning'
import type { MatrixRows } from './table'

export const PLANNING_ROWS: MatrixRows<keyof typeof PLANNING_ACTIONS> = {
  expected: {},
  samples: {},
}
