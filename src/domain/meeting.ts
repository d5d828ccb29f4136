/**
 * A scheduled meeting and the rules that derive its participants and its phase.
 * Times are epoch milliseconds stamped or checked by the server.
 */
import { isActiveMember, isCommitteeMember, type Member } from './org'
import { kindRule, type MeetingKind } from './meeting-kinds'

export type MeetingStatus = 'scheduled' | 'cancelled'
export type MeetingPhase = 'upcoming' | 'ongoing' | 'ended' | 'cancelled'

export const MEETING_PHASE_LABELS: Record<MeetingPhase, string> = {
  upcoming: '待召开',
  ongoing: '进行中',
  ended: '已结束',
  cancelled: '已取消',
}

export interface Meeting {
  id: string
  branchId: string
  kind: MeetingKind
  title: string
  startAt: number
  endAt: number
  place: string
  agenda: string[]
  /** For a 党小组会, the group that meets. */
  groupId: string | null
  /** Member ids expected to attend, derived from the kind when the meeting is scheduled. */
  participantIds: string[]
  status: MeetingStatus
  /** Set when cancelled: why, by whom and when (server time). */
  cancelReason?: string | null
  cancelledBy?: string | null
  cancelledAt?: number | null
  createdBy: string
  createdAt: number
  updatedAt: number
}

/** Who is expected at a meeting of this kind; `pairIds` only for 谈心谈话. */
export function deriveParticipants(
  kind: MeetingKind,
  branchMembers: readonly Pick<Member, 'id' | 'roles' | 'status' | 'groupId'>[],
  opts: { groupId?: string | null; pairIds?: readonly string[] } = {},
): string[] {
  const active = branchMembers.filter(isActiveMember)
  switch (kindRule(kind).audience) {
    case 'all':
      return active.map((m) => m.id)
    case 'committee':
      return active.filter((m) => isCommitteeMember(m.roles)).map((m) => m.id)
    case 'group':
      return active.filter((m) => opts.groupId != null && m.groupId === opts.groupId).map((m) => m.id)
    case 'pair':
      return active.filter((m) => opts.pairIds?.includes(m.id)).map((m) => m.id)
  }
}

export function meetingPhase(meeting: Pick<Meeting, 'status' | 'startAt' | 'endAt'>, now: number): MeetingPhase {
  if (meeting.status === 'cancelled') return 'cancelled'
  if (now < meeting.startAt) return 'upcoming'
  if (now < meeting.endAt) return 'ongoing'
  return 'ended'
}

/** One change to a scheduled meeting, kept for the record. */
export interface MeetingChange {
  meetingId: string
  branchId: string
  change: 'edited' | 'rescheduled' | 'cancelled'
  /** What changed, in Chinese, one line per field. */
  summary: string[]
  reason: string | null
  by: string
  at: number
}

/** Why a meeting can no longer be changed, or null when it can (changes never rewrite the past). */
export function changeRefusal(
  meeting: Pick<Meeting, 'status' | 'startAt' | 'endAt'>,
  change: MeetingChange['change'],
  now: number,
): string | null {
  if (meeting.status === 'cancelled') return '这次会议已经取消，不能再修改；如需召开，请重新安排一次会议'
  if (change === 'cancelled') {
    return now >= meeting.endAt ? '会议已经结束，不能再取消；是否召开以签到和会议记录为准' : null
  }
  return now >= meeting.startAt ? '会议已经开始，不能再修改时间、主题、地点或议程；会上的变化请写入会议记录' : null
}
