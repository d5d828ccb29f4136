/** Matrix rows of the actions in src/domain/api/catalog-orglife.ts. */
import type { ORGLIFE_ACTIONS } from '../../../src/domain/api/catalog-orglife'
import { EDITORS, everyone, type MatrixRows, type Rule } from './table'

/** The branch's 书记, 副书记 and 组织委员 for its members, and the 党委's staff below it; nobody else. */
const organizersOrSupervisor: Rule = (role, cell) =>
  (EDITORS.includes(role) || role === 'supervisor') && cell !== 'other'

/** The 党委's staff for itself and below it. */
const supervisorOnly: Rule = (role, cell) => role === 'supervisor' && cell !== 'other'

export const ORGLIFE_ROWS: MatrixRows<keyof typeof ORGLIFE_ACTIONS> = {
  expected: {
    'orgLife.mine': everyone,
    'orgLife.member': organizersOrSupervisor,
    'orgLife.setStudyRules': supervisorOnly,
  },
  samples: {
    'orgLife.mine': () => ({ year: 2026 }),
    'orgLife.member': (t) => ({ memberId: t.memberId, year: 2026 }),
    'orgLife.setStudyRules': (t) => ({ orgId: t.org, hoursByKind: { party_lecture: 3 } }),
  },
}
