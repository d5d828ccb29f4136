/**
 * Matrix rows of the actions in src/domain/api/catalog-member-states.ts and catalog-heart-talks.ts
 * (issue 16 §3–4).
 */
import type { HEART_TALK_ACTIONS } from '../../../src/domain/api/catalog-heart-talks'
import type { MEMBER_STATE_ACTIONS } from '../../../src/domain/api/catalog-member-states'
import { EDITORS, branchEditors, withinReach, type MatrixRows, type Rule } from './table'

/**
 * heartTalk.record: any branch member may call it for their branch; the sample names two other members,
 * which only the branch's organizers may record (the handler refuses anyone else with FORBIDDEN). A 党小组
 * target is let through and then refused as not a branch (VALIDATION_FAILED), so it reads as allowed.
 */
const recordsTalk: Rule = (role, cell) =>
  role !== 'supervisor' && (cell === 'subtree' || (cell === 'own' && EDITORS.includes(role)))

export const MEMBER_STATE_ROWS: MatrixRows<keyof typeof MEMBER_STATE_ACTIONS | keyof typeof HEART_TALK_ACTIONS> = {
  expected: {
    'memberState.setPartyProbation': branchEditors,
    'memberState.setExclusion': branchEditors,
    'memberState.extendProbation': branchEditors,
    'memberState.approveConfirmation': branchEditors,
    'heartTalk.record': recordsTalk,
    'heartTalk.duty': withinReach,
  },
  samples: {
    'memberState.setPartyProbation': (t) => ({
      memberId: t.memberId,
      version: t.version,
      reason: '矩阵测试',
      partyProbation: null,
    }),
    'memberState.setExclusion': (t) => ({
      memberId: t.memberId,
      version: t.version,
      reason: '矩阵测试',
      exclusion: null,
    }),
    // The matrix's targets are 正式党员: an allowed call is refused by the rule and changes nothing.
    'memberState.extendProbation': (t) => ({
      memberId: t.memberId,
      version: t.version,
      reason: '矩阵测试',
      until: '2027-01-01',
    }),
    // No 转正 is pending for the matrix's targets: an allowed call is refused by the rule and changes nothing.
    'memberState.approveConfirmation': (t) => ({
      memberId: t.memberId,
      version: t.version,
      reason: '矩阵测试',
      approvedOn: '2027-07-10',
      approvedBy: '示范区机关党委',
    }),
    'heartTalk.record': (t) => ({
      branchId: t.org,
      memberIds: ['m_b1_11', 'm_b1_12'],
      date: '2026-11-20',
      note: '矩阵测试',
    }),
    'heartTalk.duty': (t) => ({ branchId: t.org, year: 2026 }),
  },
}
