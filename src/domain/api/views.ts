/** What actions return: the shapes the client renders. */
import type { MeetingKind } from '../meeting-kinds'
import type { MeetingPhase, MeetingStatus } from '../meeting'
import type { MemberCategory, MemberStatus, OrgKind, Role } from '../org'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface OrgRef {
  id: string
  name: string
  kind: OrgKind
}

export interface ProfileView {
  bound: true
  member: {
    id: string
    name: string
    gender: 'male' | 'female'
    phoneMasked: string
    category: MemberCategory
    status: MemberStatus
    roles: Role[]
    joinedAt: string
    votingRights: boolean
  }
  org: OrgRef
  group: OrgRef | null
  /** From the root 党委 down to the member's own org. */
  orgPath: OrgRef[]
  /** Whether the member may plan and schedule the branch's meetings. */
  canSchedule: boolean
}

export interface UnboundView {
  bound: false
}

export interface MeetingSummary {
  id: string
  branchId: string
  kind: MeetingKind
  title: string
  startAt: number
  endAt: number
  place: string
  status: MeetingStatus
  phase: MeetingPhase
  participantCount: number
  iAmParticipant: boolean
}

export interface MeetingDetail extends MeetingSummary {
  agenda: string[]
  branchName: string
  group: OrgRef | null
  participants: { id: string; name: string }[]
  createdBy: { id: string; name: string }
  createdAt: number
}

export interface DemoAccount {
  memberId: string
  name: string
  orgId: string
  orgName: string
  roles: Role[]
  category: MemberCategory
}

export interface SessionGrant {
  token: string
  expiresAt: number
}

export interface HealthView {
  ok: true
  store: 'sqlite' | 'cloudbase'
  time: number
}
