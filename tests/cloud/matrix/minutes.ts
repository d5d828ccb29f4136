/** Matrix rows of the actions in src/domain/api/catalog-minutes.ts. */
import type { MINUTES_ACTIONS } from '../../../src/domain/api/catalog-minutes'
import { branchEditors, COMMITTEE, withinReach, type MatrixRows, type Rule } from './table'

/** The branch committee (支委) in its own branch: writes drafts and adds photos; the 党委 not. */
const branchCommittee: Rule = (role, cell) => COMMITTEE.includes(role) && cell !== 'other'
/** Any member of the branch (阅签 is theirs); the 党委 reads but does not confirm. */
const branchMembers: Rule = (role, cell) => role !== 'supervisor' && cell !== 'other'

const content = {
  chair: '张建国',
  recorder: '李记录',
  place: '党员活动室',
  items: [{ topic: '学习', speeches: '大家发言', decision: '', vote: null }],
  absenceNotes: [],
  notes: '',
}

export const MINUTES_ROWS: MatrixRows<keyof typeof MINUTES_ACTIONS> = {
  expected: {
    'minutes.get': withinReach,
    'minutes.saveDraft': branchCommittee,
    'minutes.addPhoto': branchCommittee,
    'minutes.photo': withinReach,
    'minutes.finalize': branchEditors,
    'minutes.amend': branchEditors,
    'minutes.confirmRead': branchMembers,
    'minutes.verify': withinReach,
    'minutes.export': withinReach,
    'minutes.book': withinReach,
    'minutes.exportBook': withinReach,
    // The 会议通知 and 签到表 are printed by the meeting's organizers (书记, 副书记, 组织委员).
    'minutes.exportNotice': branchEditors,
    'minutes.exportSignSheet': branchEditors,
  },
  // Allowed calls meet a meeting whose minutes were kept on paper, and are refused by the handler.
  samples: {
    'minutes.get': (t) => ({ meetingId: t.meetingId }),
    'minutes.saveDraft': (t) => ({ meetingId: t.meetingId, version: 0, content }),
    'minutes.addPhoto': (t) => ({ meetingId: t.meetingId, fileId: `local:uploads/minutes/${t.meetingId}/matrix.png` }),
    'minutes.photo': (t) => ({ meetingId: t.meetingId, photoId: 'no-such-photo' }),
    'minutes.finalize': (t) => ({ meetingId: t.meetingId, version: 1 }),
    'minutes.amend': (t) => ({
      meetingId: t.meetingId,
      reason: '矩阵测试',
      changes: [{ field: 'chair', text: '某某' }],
    }),
    'minutes.confirmRead': (t) => ({ meetingId: t.meetingId }),
    'minutes.verify': (t) => ({ branchId: t.org }),
    'minutes.export': (t) => ({ meetingId: t.meetingId }),
    'minutes.book': (t) => ({ branchId: t.org, year: 2026, limit: 2 }),
    'minutes.exportBook': (t) => ({ branchId: t.org, year: 2026 }),
    'minutes.exportNotice': (t) => ({ meetingId: t.meetingId }),
    'minutes.exportSignSheet': (t) => ({ meetingId: t.meetingId }),
  },
}
