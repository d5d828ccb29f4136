/** Matrix rows of the actions in src/domain/api/catalog-attendance.ts. */
import type { ATTENDANCE_ACTIONS } from '../../../src/domain/api/catalog-attendance'
import type { MatrixRows } from './table'

export const ATTENDANCE_ROWS: MatrixRows<keyof typeof ATTENDANCE_ACTIONS> = {
  expected: {},
  samples: {},
}
