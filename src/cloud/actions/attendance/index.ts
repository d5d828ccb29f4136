/** Handlers of the actions declared in src/domain/api/catalog-attendance.ts. */
import type { ATTENDANCE_ACTIONS } from '../../../domain/api/catalog-attendance'
import type { HandlersOf } from '../handler'
import { attendanceBoard, attendanceConfirm } from './board'
import { leaveDecide, leaveListMine, leaveRequest } from './leave'
import {
  attendanceConfigure,
  attendanceInviteGuests,
  attendanceOpenCode,
  attendancePrintedCode,
  attendanceSettings,
} from './settings'
import {
  attendanceMarkManual,
  attendanceMine,
  attendanceRemoteConfirm,
  attendanceRemoteRequest,
  attendanceSignIn,
  attendanceSignInPrinted,
} from './signin'

export const ATTENDANCE_HANDLERS = {
  'attendance.configure': attendanceConfigure,
  'attendance.settings': attendanceSettings,
  'attendance.openCode': attendanceOpenCode,
  'attendance.printedCode': attendancePrintedCode,
  'attendance.signIn': attendanceSignIn,
  'attendance.signInPrinted': attendanceSignInPrinted,
  'attendance.mine': attendanceMine,
  'attendance.markManual': attendanceMarkManual,
  'attendance.remoteRequest': attendanceRemoteRequest,
  'attendance.remoteConfirm': attendanceRemoteConfirm,
  'attendance.board': attendanceBoard,
  'attendance.confirm': attendanceConfirm,
  'attendance.inviteGuests': attendanceInviteGuests,
  'leave.request': leaveRequest,
  'leave.decide': leaveDecide,
  'leave.listMine': leaveListMine,
} satisfies HandlersOf<typeof ATTENDANCE_ACTIONS>
