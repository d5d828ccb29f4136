/** Matrix rows of the actions in src/domain/api/catalog-supervision.ts. */
import type { SUPERVISION_ACTIONS } from '../../../src/domain/api/catalog-supervision'
import type { MatrixRows, Rule } from './table'

/** The 党委's staff within its subtree; every branch role is refused, and so is another 党委. */
const committeeStaff: Rule = (role, cell) => role === 'supervisor' && cell !== 'other'

export const SUPERVISION_ROWS: MatrixRows<keyof typeof SUPERVISION_ACTIONS> = {
  expected: {
    'supervision.matrix': committeeStaff,
    'supervision.branch': committeeStaff,
    'supervision.exportMatrix': committeeStaff,
    'supervision.exportPacket': committeeStaff,
  },
  samples: {
    'supervision.matrix': (t) => ({ orgId: t.org, year: 2026, limit: 5 }),
    'supervision.branch': (t) => ({ branchId: t.org, year: 2026 }),
    'supervision.exportMatrix': (t) => ({ orgId: t.org, year: 2026, search: '第一' }),
    'supervision.exportPacket': (t) => ({ branchId: t.org, year: 2026 }),
  },
}
