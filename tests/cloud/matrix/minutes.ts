/** Matrix rows of the actions in src/domain/api/catalog-minutes.ts. */
import type { MINUTES_ACTIONS } from '../../../src/domain/api/catalog-minutes'
import type { MatrixRows } from './table'

export const MINUTES_ROWS: MatrixRows<keyof typeof MINUTES_ACTIONS> = {
  expected: {},
  samples: {},
}
