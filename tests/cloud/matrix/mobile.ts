/** Matrix rows of the actions in src/domain/api/catalog-mobile.ts. */
import type { MOBILE_ACTIONS } from '../../../src/domain/api/catalog-mobile'
import { FIXED_NOW } from '../api-fixture'
import {
  COMMITTEE,
  branchEditors,
  committeeOrSupervisor,
  everyone,
  withinReach,
  type MatrixRows,
  type Rule,
} from './table'

/** The branch committee, in its own branch (its groups included); the 党委 not. */
const branchCommittee: Rule = (role, cell) => COMMITTEE.includes(role) && cell !== 'other'
/** Members of the meeting's branch, whatever their role; the 党委 not. */
const branchMembers: Rule = (role, cell) => role !== 'supervisor' && cell !== 'other'
/** The 党委 for itself and below it. */
const supervisorOnly: Rule = (role, cell) => role === 'supervisor' && cell !== 'other'

/** Every org a cell can point at gets a report whose branch is that org, for reportMarkRead's target. */
const REPORT_ORGS = ['org_b1', 'org_b1_g1', 'org_b2', 'org_cmte', 'org_x1']
const reportId = (org: string) => `mx_report_${org}`

export const MOBILE_ROWS: MatrixRows<keyof typeof MOBILE_ACTIONS> = {
  expected: {
    'mobile.getMine': everyone,
    'mobile.checkIn': everyone,
    'mobile.reportSubmit': everyone,
    'mobile.reportGet': everyone,
    'mobile.listBranch': committeeOrSupervisor,
    'mobile.get': committeeOrSupervisor,
    'mobile.updateProfile': branchEditors,
    'mobile.recordContact': branchCommittee,
    'mobile.reportMarkRead': branchCommittee,
    'mobile.rules': withinReach,
    'mobile.setCadence': branchEditors,
    'mobile.setThresholds': supervisorOnly,
    'mobile.recordSearch': branchCommittee,
    'mobile.proposeStop': branchEditors,
    'mobile.stopProposals': committeeOrSupervisor,
    // Let through to the handler, which finds no open proposal (and refuses a branch answering).
    'mobile.answerStopProposal': committeeOrSupervisor,
    'makeup.get': withinReach,
    'makeup.submit': branchMembers,
    'makeup.accept': branchEditors,
  },
  samples: {
    'mobile.getMine': () => ({}),
    // The matrix's people are not 流动党员: an allowed check-in is refused by the handler and writes nothing.
    'mobile.checkIn': (t) => ({ id: `mx-ci-${t.seq}`, city: '深圳', note: '矩阵测试', deviceTime: FIXED_NOW }),
    'mobile.reportSubmit': (t) => ({
      id: `mx-rp-${t.seq}`,
      year: 2026,
      kind: 'thought',
      title: '矩阵测试',
      body: '矩阵测试汇报内容',
    }),
    'mobile.reportGet': (t) => ({ reportId: reportId(t.org) }),
    'mobile.listBranch': (t) => ({ branchId: t.org }),
    'mobile.get': (t) => ({ memberId: t.memberId }),
    'mobile.updateProfile': (t) => ({
      memberId: t.memberId,
      version: null,
      since: '2026-01-01',
      city: '深圳',
      reason: 'work',
      contact: '13800000000',
    }),
    'mobile.recordContact': (t) => ({ memberId: t.memberId, note: '矩阵测试电话联系' }),
    'mobile.reportMarkRead': (t) => ({ reportId: reportId(t.org) }),
    'mobile.rules': (t) => ({ branchId: t.org }),
    'mobile.setCadence': (t) => ({ branchId: t.org, cadence: 'month' }),
    'mobile.setThresholds': (t) => ({ orgId: t.org, needsContactDays: 30, warningDays: 90, lostRiskMonths: 6 }),
    // The matrix's people have no 流动 registry entry: an allowed call is refused by the handler and writes nothing.
    'mobile.recordSearch': (t) => ({
      memberId: t.memberId,
      date: '2026-11-01',
      method: 'phone',
      result: '矩阵测试：电话未接通',
      found: false,
    }),
    'mobile.proposeStop': (t) => ({ memberId: t.memberId, reason: '矩阵测试提请说明' }),
    'mobile.stopProposals': (t) => ({ orgId: t.org }),
    'mobile.answerStopProposal': (t) => ({ memberId: t.memberId, agree: false, reason: '矩阵测试理由' }),
    'makeup.get': (t) => ({ meetingId: t.meetingId }),
    'makeup.submit': (t) => ({ meetingId: t.meetingId, note: '矩阵测试补学心得：阅读了会议记录。' }),
    'makeup.accept': (t) => ({ meetingId: t.meetingId, memberId: t.memberId }),
  },
  prepare: async (api) => {
    for (const org of REPORT_ORGS) {
      await api.ports.store.insert('reports', {
        _id: reportId(org),
        memberId: 'm_b1_10',
        memberName: '吴俊杰',
        branchId: org,
        year: 2026,
        kind: 'thought',
        title: '矩阵测试',
        body: '矩阵测试',
        submittedAt: FIXED_NOW,
        readAt: null,
        readBy: null,
        readByName: null,
        reply: null,
      })
    }
  },
}
