/**
 * 三会一课 and the other kinds of organizational life, as data (DESIGN.md §2).
 * Frequencies are defaults; a supervising committee may override them for its subtree.
 */
import type { Period } from './periods'

// Re-exported so code that took `Period` from here keeps compiling; periods.ts owns the type.
export type { Period }

export const MEETING_KINDS = [
  'branch_congress',
  'committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'life_meeting',
  'member_review',
  'heart_talk',
] as const
export type MeetingKind = (typeof MEETING_KINDS)[number]

/** Who is expected: every member, the committee, one 党小组, or two people. */
export type Audience = 'all' | 'committee' | 'group' | 'pair'
/** How quorum is computed, where it applies. */
export type QuorumRule = 'none' | 'voting_members_majority' | 'committee_majority'

export interface MeetingKindRule {
  kind: MeetingKind
  label: string
  period: Period
  requiredCount: number
  audience: Audience
  quorum: QuorumRule
  /**
   * Whether the meeting counts as held only with quorum. A 支部委员会会议 needs more than half of its
   * members present to be held at all (《中国共产党支部工作条例（试行）》第十二条); for a 支部党员大会 quorum
   * gates the vote, not the meeting (第十一条: 表决必须有半数以上有表决权的党员到会方可进行), so one without
   * quorum still counts as held, with no vote. False where quorum does not apply.
   */
  quorumToHold: boolean
  /** Whether the kind can take votes (so its minutes record 赞成/反对/弃权). */
  votes: boolean
  frequencyText: string
}

export const DEFAULT_KIND_RULES: readonly MeetingKindRule[] = [
  {
    kind: 'branch_congress',
    label: '支部党员大会',
    period: 'quarter',
    requiredCount: 1,
    audience: 'all',
    quorum: 'voting_members_majority',
    quorumToHold: false,
    votes: true,
    frequencyText: '一般每季度 1 次',
  },
  {
    kind: 'committee_meeting',
    label: '支部委员会',
    period: 'month',
    requiredCount: 1,
    audience: 'committee',
    quorum: 'committee_majority',
    quorumToHold: true,
    votes: true,
    frequencyText: '一般每月 1 次',
  },
  {
    kind: 'group_meeting',
    label: '党小组会',
    period: 'month',
    requiredCount: 1,
    audience: 'group',
    quorum: 'none',
    quorumToHold: false,
    votes: false,
    frequencyText: '一般每月 1 次',
  },
  {
    kind: 'party_lecture',
    label: '党课',
    period: 'quarter',
    requiredCount: 1,
    audience: 'all',
    quorum: 'none',
    quorumToHold: false,
    votes: false,
    frequencyText: '每季度 1 次（由党委确定）',
  },
  {
    kind: 'theme_day',
    label: '主题党日',
    period: 'month',
    requiredCount: 1,
    audience: 'all',
    quorum: 'none',
    quorumToHold: false,
    votes: false,
    frequencyText: '每月相对固定 1 天',
  },
  {
    kind: 'life_meeting',
    label: '组织生活会',
    period: 'year',
    requiredCount: 1,
    audience: 'all',
    quorum: 'none',
    quorumToHold: false,
    votes: false,
    frequencyText: '每年至少 1 次',
  },
  {
    kind: 'member_review',
    label: '民主评议党员',
    period: 'year',
    requiredCount: 1,
    audience: 'all',
    quorum: 'none',
    quorumToHold: false,
    votes: true,
    frequencyText: '一般每年 1 次',
  },
  {
    kind: 'heart_talk',
    label: '谈心谈话',
    period: 'year',
    requiredCount: 1,
    audience: 'pair',
    quorum: 'none',
    quorumToHold: false,
    votes: false,
    frequencyText: '每年一般不少于 1 次',
  },
]

export function kindRule(kind: MeetingKind, rules: readonly MeetingKindRule[] = DEFAULT_KIND_RULES): MeetingKindRule {
  const rule = rules.find((r) => r.kind === kind)
  if (!rule) throw new Error(`no rule for meeting kind ${kind}`)
  return rule
}

export function kindLabel(kind: MeetingKind): string {
  return kindRule(kind).label
}
