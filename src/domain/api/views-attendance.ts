/**
 * What the attendance actions (catalog-attendance.ts) return. The board is also read by minutes
 * (出席/请假/缺席/列席 filled from it) and by mobile members' pages, through
 * `readAttendanceBoard` in src/cloud/attendance-board.ts.
 */
import type { QuorumResult } from '../quorum'

export type SignInVia = 'qr' | 'printed_code' | 'offline' | 'manual' | 'remote'
export type LeaveCategory = 'work' | 'sick' | 'personal' | 'other'
export type LeaveStatus = 'pending' | 'approved' | 'declined'

/** One person's line on the board. */
export type AttendanceState = 'present' | 'remote' | 'remote_pending' | 'leave' | 'leave_pending' | 'absent'

export interface AttendancePerson {
  memberId: string
  name: string
  state: AttendanceState
  late: boolean
  via: SignInVia | null
  /** 列席: invited, not a participant; never counted in 应到 or quorum. */
  guest: boolean
  /** Has a vote here (正式党员 of this branch; not 预备党员, not a visiting 流动党员). */
  votingRights: boolean
  /** Sent from the outbox after the fact: 离线补传. */
  offline: boolean
  /** 代为登记: marked by hand, with why and by whom. */
  manualReason: string | null
  recordedBy: string | null
  /** Server time of the first valid sign-in (device time for an offline scan, checked). */
  signedAt: number | null
  leave: { category: LeaveCategory; note: string; status: LeaveStatus } | null
}

export interface AttendanceBoard {
  meetingId: string
  /** 应到: participants (guests excluded). */
  expected: number
  /** 实到 = inPerson + remote. */
  present: number
  inPerson: number
  remote: number
  onLeave: number
  absent: number
  late: number
  /** Null for kinds without quorum. */
  quorum: QuorumResult | null
  /** When the secretary confirmed attendance (the meeting counts as held from then); null before. */
  recordedAt: number | null
  people: AttendancePerson[]
}
