/**
 * Organization and membership vocabulary (DESIGN.md §1-2). Pure data and functions only.
 */

export const ORG_KINDS = ['committee', 'general_branch', 'branch', 'group'] as const
export type OrgKind = (typeof ORG_KINDS)[number]

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  group: '党小组',
}

export interface Org {
  id: string
  kind: OrgKind
  name: string
  parentId: string | null
  /** Ancestors from the root down to and including this org. */
  path: string[]
}

/** Roles that make someone a member of the branch committee (支委), most senior first. */
const COMMITTEE_ROLE_LIST = [
  'secretary',
  'deputy_secretary',
  'organizer',
  'propaganda',
  'discipline',
  'committee',
] as const

/** Every role: the committee's, then 党小组长, 党员 and the 党委's 组织员. */
export const ROLES = [...COMMITTEE_ROLE_LIST, 'group_leader', 'member', 'supervisor'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  organizer: '组织委员',
  propaganda: '宣传委员',
  discipline: '纪检委员',
  committee: '支部委员',
  group_leader: '党小组长',
  member: '党员',
  supervisor: '党委组织员',
}

/** Roles that make someone a member of the branch committee (支委). */
export const COMMITTEE_ROLES: readonly Role[] = COMMITTEE_ROLE_LIST

/** Roles that keep the branch's roster: add and edit members, invite and unbind WeChat users. */
export const ROSTER_EDITOR_ROLES: readonly Role[] = ['secretary', 'deputy_secretary', 'organizer']

/** Roles a branch roster may hold (党委组织员 is a committee staff role, not a branch role). */
export type BranchRole = Exclude<Role, 'supervisor'>
export const BRANCH_ROLES = ROLES.filter((r): r is BranchRole => r !== 'supervisor')

/** Roles that may plan and run the branch's meetings. */
export const MEETING_ORGANIZER_ROLES: readonly Role[] = ['secretary', 'deputy_secretary', 'organizer']

export const MEMBER_CATEGORIES = ['full', 'probationary'] as const
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number]
export const MEMBER_CATEGORY_LABELS: Record<MemberCategory, string> = {
  full: '正式党员',
  probationary: '预备党员',
}

export const MEMBER_STATUSES = ['normal', 'mobile', 'lost', 'suspended', 'transferred'] as const
export type MemberStatus = (typeof MEMBER_STATUSES)[number]
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  normal: '正常',
  mobile: '流动',
  lost: '失联',
  suspended: '停止党籍',
  transferred: '已转出',
}

export interface Member {
  id: string
  /** The org the person belongs to: a branch, or the committee for its staff. */
  orgId: string
  groupId: string | null
  name: string
  gender: 'male' | 'female'
  phone: string
  category: MemberCategory
  roles: Role[]
  status: MemberStatus
  joinedAt: string
  confirmedAt: string | null
}

export function isCommitteeMember(roles: readonly Role[]): boolean {
  return roles.some((r) => COMMITTEE_ROLES.includes(r))
}

/** 预备党员 have no vote (党章); neither do members no longer active in the branch. */
export function hasVotingRights(member: Pick<Member, 'category' | 'status'>): boolean {
  return member.category === 'full' && (member.status === 'normal' || member.status === 'mobile')
}

/** Members who are expected at the branch's meetings. */
export function isActiveMember(member: Pick<Member, 'status'>): boolean {
  return member.status === 'normal' || member.status === 'mobile'
}

/** Who organizes a branch's meetings and hears of its requests: its active 书记, 副书记 and 组织委员. */
export function organizersAmong<M extends Pick<Member, 'status' | 'roles'>>(members: readonly M[]): M[] {
  return members.filter((m) => isActiveMember(m) && m.roles.some((r) => MEETING_ORGANIZER_ROLES.includes(r)))
}

/** Who is told of a branch's problems: its active 书记; when it has none, its organizers. */
export function secretariesAmong<M extends Pick<Member, 'status' | 'roles'>>(members: readonly M[]): M[] {
  const secretaries = members.filter((m) => isActiveMember(m) && m.roles.includes('secretary'))
  return secretaries.length > 0 ? secretaries : organizersAmong(members)
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'
}

/** A change to a member's status, roles, category or group, kept with who made it and when. */
export interface MemberChange {
  memberId: string
  orgId: string
  field: 'status' | 'roles' | 'category' | 'groupId' | 'confirmedAt' | 'binding'
  from: unknown
  to: unknown
  reason: string | null
  by: string
  at: number
}

/** Whether someone with these roles, belonging to an org of this kind, keeps that org's roster. */
export function keepsRoster(roles: readonly Role[], orgKind: OrgKind): boolean {
  return orgKind === 'branch' && roles.some((r) => ROSTER_EDITOR_ROLES.includes(r))
}

/**
 * Whether a branch still has someone active who keeps its roster (书记, 副书记 or 组织委员). Only they
 * can edit it, the 党委 included, so a branch without one could never add or fix anyone again.
 */
export function hasRosterKeeper(members: readonly Pick<Member, 'roles' | 'status'>[]): boolean {
  return members.some((m) => isActiveMember(m) && m.roles.some((r) => ROSTER_EDITOR_ROLES.includes(r)))
}
