/** Matrix rows of the actions in src/domain/api/catalog-dues.ts. */
import type { DUES_ACTIONS } from '../../../src/domain/api/catalog-dues'
import { FIXED_NOW } from '../api-fixture'
import { everyone, type MatrixRows, type Rule } from './table'

/** The branch's 书记 and 组织委员, in their own branch; nobody else, the 党委 included. */
const keepers: Rule = (role, cell) => (role === 'secretary' || role === 'organizer') && cell !== 'other'
/** The keepers, and the 党委's staff opening one member's record within their subtree. */
const keepersOrCommittee: Rule = (role, cell) => (keepers(role, cell) || role === 'supervisor') && cell !== 'other'
/** The 党委's staff within their subtree. */
const committee: Rule = (role, cell) => role === 'supervisor' && cell !== 'other'

/** Every org a cell can point at gets an entry whose branch is that org, for dues.correct's target. */
const ENTRY_ORGS = ['org_b1', 'org_b1_g1', 'org_b2', 'org_cmte', 'org_x1']
const entryId = (org: string) => `mx_dues_${org}`

export const DUES_ROWS: MatrixRows<keyof typeof DUES_ACTIONS> = {
  expected: {
    'dues.preview': everyone,
    'dues.mine': everyone,
    'dues.member': keepersOrCommittee,
    'dues.branch': keepers,
    'dues.exportLedger': keepers,
    'dues.rollup': committee,
    'dues.setBase': keepers,
    'dues.recordPayment': keepers,
    'dues.recordExemption': keepers,
    'dues.correct': keepers,
    'dues.recordHandover': keepers,
    'dues.setRules': committee,
  },
  samples: {
    'dues.preview': () => ({ category: 'employed', baseFen: 300001 }),
    'dues.mine': () => ({ year: 2026 }),
    'dues.member': (t) => ({ memberId: t.memberId, year: 2026 }),
    'dues.branch': (t) => ({ branchId: t.org, year: 2026 }),
    'dues.exportLedger': (t) => ({ branchId: t.org, year: 2026 }),
    'dues.rollup': (t) => ({ orgId: t.org, year: 2026 }),
    'dues.setBase': (t) => ({ memberId: t.memberId, year: 2026, category: 'retired', baseFen: 450000 }),
    'dues.recordPayment': (t) => ({
      memberId: t.memberId,
      months: ['2026-11'],
      amountFen: 2250,
      method: 'cash',
      receiptNo: `MX-${t.seq}`,
      paidOn: '2026-11-20',
    }),
    'dues.recordExemption': (t) => ({
      memberId: t.memberId,
      months: ['2026-10'],
      monthlyFen: 0,
      approvedBy: '示范区机关党委',
      approvedOn: '2026-11-01',
      reason: '矩阵测试：生活困难',
    }),
    'dues.correct': (t) => ({
      entryId: entryId(t.org),
      months: ['2026-11'],
      amountFen: 3000,
      paidOn: '2026-11-20',
      reason: '矩阵测试：金额录错',
    }),
    'dues.recordHandover': (t) => ({
      branchId: t.org,
      year: 2026,
      amountFen: 10000,
      handedOn: '2026-11-20',
      receiptNo: `UP-${t.seq}`,
    }),
    'dues.setRules': (t) => ({ orgId: t.org, farmerFen: 50 }),
  },
  prepare: async (api) => {
    for (const org of ENTRY_ORGS) {
      await api.ports.store.insert('dues_entries', {
        _id: entryId(org),
        memberId: 'm_b1_11',
        branchId: org,
        kind: 'payment',
        months: ['2026-11'],
        firstMonth: '2026-11',
        lastMonth: '2026-11',
        amountFen: 2000,
        method: 'cash',
        receiptNo: 'MX',
        paidOn: '2026-11-01',
        approval: null,
        correctsId: null,
        correctionReason: null,
        note: '',
        recordedAt: FIXED_NOW,
        recordedBy: 'm_b1_03',
        recordedByName: '矩阵',
      })
    }
  },
}
