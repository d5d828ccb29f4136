/** Matrix rows of the actions in src/domain/api/catalog-attendance.ts. */
import type { ATTENDANCE_ACTIONS } from '../../../src/domain/api/catalog-attendance'
import { branchEditors, everyone, withinReach, type MatrixRows, type Rule } from './table'

/** The 党委 (its staff) on meetings within its reach. */
const supervisorInReach: Rule = (role, cell) => role === 'supervisor' && cell !== 'other'

export const ATTENDANCE_ROWS: MatrixRows<keyof typeof ATTENDANCE_ACTIONS> = {
  expected: {
    'attendance.configure': branchEditors,
    'attendance.settings': branchEditors,
    'attendance.openCode': branchEditors,
    'attendance.printedCode': branchEditors,
    // Anyone may try to sign in, see their own state or ask for leave: the handler then checks that
    // they are on the meeting's list (participant or 列席), which the matrix actors are not.
    'attendance.signIn': everyone,
    'attendance.signInPrinted': everyone,
    'attendance.mine': everyone,
    'attendance.markManual': branchEditors,
    'attendance.remoteRequest': everyone,
    'attendance.remoteConfirm': branchEditors,
    'attendance.offlineConfirm': branchEditors,
    'attendance.board': withinReach,
    'attendance.confirm': branchEditors,
    'attendance.inviteGuests': branchEditors,
    // The invited member answers for themself; the handler then finds no invitation for the matrix actors.
    'attendance.answerGuestInvite': everyone,
    // Anyone reads their own invitation's state; the matrix actors have none (state `none`).
    'attendance.myGuestInvite': everyone,
    'attendance.approveGuest': supervisorInReach,
    'attendance.pendingGuests': supervisorInReach,
    'attendance.guestCandidates': branchEditors,
    'leave.request': everyone,
    'leave.decide': branchEditors,
    'leave.listMine': everyone,
  },
  // The cells' meetings are past ones: most allowed writes are refused by the handler (too late).
  samples: {
    'attendance.configure': (t) => ({
      meetingId: t.meetingId,
      opensBefore: 30,
      lateAfter: 5,
      place: null,
      allowRemote: false,
    }),
    'attendance.settings': (t) => ({ meetingId: t.meetingId }),
    'attendance.openCode': (t) => ({ meetingId: t.meetingId }),
    'attendance.printedCode': (t) => ({ meetingId: t.meetingId }),
    'attendance.signIn': (t) => ({ meetingId: t.meetingId, token: `S1.${t.meetingId}.1.00` }),
    'attendance.signInPrinted': () => ({ scene: 's=0000000000000000' }),
    'attendance.mine': (t) => ({ meetingId: t.meetingId }),
    'attendance.markManual': (t) => ({ meetingId: t.meetingId, memberId: t.memberId, reason: '矩阵测试' }),
    'attendance.remoteRequest': (t) => ({ meetingId: t.meetingId }),
    'attendance.remoteConfirm': (t) => ({ meetingId: t.meetingId, memberId: t.memberId }),
    'attendance.offlineConfirm': (t) => ({ meetingId: t.meetingId, memberIds: [t.memberId] }),
    'attendance.board': (t) => ({ meetingId: t.meetingId }),
    'attendance.confirm': (t) => ({ meetingId: t.meetingId }),
    'attendance.inviteGuests': (t) => ({ meetingId: t.meetingId, memberIds: [t.memberId] }),
    'attendance.answerGuestInvite': (t) => ({ meetingId: t.meetingId, accept: true }),
    'attendance.myGuestInvite': (t) => ({ meetingId: t.meetingId }),
    'attendance.approveGuest': (t) => ({ meetingId: t.meetingId, memberId: t.memberId }),
    'attendance.pendingGuests': (t) => ({ orgId: t.org }),
    'attendance.guestCandidates': (t) => ({ meetingId: t.meetingId, search: '矩阵' }),
    'leave.request': (t) => ({ meetingId: t.meetingId, category: 'work', note: '矩阵测试' }),
    'leave.decide': (t) => ({ meetingId: t.meetingId, memberId: t.memberId, approve: true }),
    'leave.listMine': () => ({}),
  },
}
