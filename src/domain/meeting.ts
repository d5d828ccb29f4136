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
