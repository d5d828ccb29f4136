/** Matrix rows of the actions in src/domain/api/catalog-mobile.ts. */
import type { MOBILE_ACTIONS } from '../../../src/domain/api/catalog-mobile'
import type { MatrixRows } from './table'

export const MOBILE_ROWS: MatrixRows<keyof typeof MOBILE_ACTIONS> = {
  expected: {},
  samples: {},
}
