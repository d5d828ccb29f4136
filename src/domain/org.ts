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
  /** 留党察看 (党章 第四十条), null or absent when none was decided. See member-states.ts. */
  partyProbation?: PartyProbation | null
  /** An approved exclusion from 应到 (DESIGN.md §2), null or absent when none. See member-states.ts. */
  exclusion?: ExpectedExclusion | null
  /** 延长预备期: the new end of the 预备期 (Beijing date); null or absent when not extended. */
  probationExtendedTo?: string | null
  /**
   * A 转正 the 支部大会 passed (written when its minutes are finalized), waiting for the 上级党委's
   * 审批; null or absent when none. See member-states.ts.
   */
  confirmationPending?: ConfirmationPending | null
}

/**
 * A 支部大会 decision on a 预备党员 — 转正, or 延长预备期 — pending the 上级党委's approval (发展党员工作细则
 * 第五章). `decision` absent reads as 转正.
 */
export interface ConfirmationPending {
  decision?: 'confirm' | 'extend'
  meetingId: string
  meetingTitle: string
  /** The meeting's Beijing date. */
  passedOn: string
}

/**
 * 留党察看 (党章 第四十条: at most two years; the member has no vote, no right to elect or be
 * elected while it runs). `from`/`to` are Beijing dates of the decided period; `decidedBy` names the
 * body that decided it (e.g. 示范区机关党委); `liftedOn` is the date rights were restored (恢复党员权利),
 * null while it runs — the period's end alone does not restore them, a decision does.
 */
export interface PartyProbation {
  from: string
  to: string
  decidedBy: string
  liftedOn: string | null
}

/** Why a member may be left out of 应到 with approval (DESIGN.md §2). */
export const EXCLUSION_REASONS = ['long_sick_leave', 'away_untransferred', 'cannot_express_will', 'other'] as const
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number]
export const EXCLUSION_REASON_LABELS: Record<ExclusionReason, string> = {
  long_sick_leave: '长期病休',
  away_untransferred: '外出半年以上应转未转',
  cannot_express_will: '丧失行为能力、不能表达意志',
  other: '其他经批准的情形',
}

/**
 * An approved exclusion from 应到: the member is not counted among those expected (nor in a vote's
 * quorum) from `from` to `to` (Beijing dates, inclusive; `to` null = until lifted). `approvedBy` names
 * who approved it (a person or body, as written on the approval) and `approvedOn` when.
 */
export interface ExpectedExclusion {
  reason: ExclusionReason
  /** What the approval says, e.g. 住院治疗，经党委同意. */
  note: string
  approvedBy: string
  approvedOn: string
  from: string
  to: string | null
}

/** Whether a 留党察看 runs on Beijing date `on`; without a date, whether it has not been lifted. */
export function underPartyProbation(member: Pick<Member, 'partyProbation'>, on?: string): boolean {
  const p = member.partyProbation
  if (!p) return false
  if (on === undefined) return p.liftedOn === null
  return p.from <= on && (p.liftedOn === null || on < p.liftedOn)
}

/** Whether an approved exclusion leaves the member out of 应到 on Beijing date `on`. */
export function excludedFromExpected(member: Pick<Member, 'exclusion'>, on: string): boolean {
  const e = member.exclusion
  if (!e) return false
  return e.from <= on && (e.to === null || on <= e.to)
}

export function isCommitteeMember(roles: readonly Role[]): boolean {
  return roles.some((r) => COMMITTEE_ROLES.includes(r))
}

/**
 * 预备党员 have no vote (党章 第七条); neither do members under 留党察看 (第四十条) nor members no
 * longer active in the branch. `on` (a Beijing date) judges 留党察看 on that day; without it, one that
 * has not been lifted counts.
 */
export function hasVotingRights(
  member: Pick<Member, 'category' | 'status'> & Partial<Pick<Member, 'partyProbation'>>,
  on?: string,
): boolean {
  return (
    member.category === 'full' &&
    (member.status === 'normal' || member.status === 'mobile') &&
    !underPartyProbation(member, on)
  )
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

/** What a member history entry is about. */
export type MemberChangeField =
  | 'name'
  | 'status'
  | 'roles'
  | 'category'
  | 'groupId'
  | 'confirmedAt'
  | 'binding'
  | 'partyProbation'
  | 'exclusion'
  | 'probationExtendedTo'
  | 'confirmationPending'

/** A change to a member's status, roles, category or group, kept with who made it and when. */
export interface MemberChange {
  memberId: string
  orgId: string
  field: MemberChangeField
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
