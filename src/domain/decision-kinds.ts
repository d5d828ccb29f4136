/**
 * Typed decisions (表决事项) in minutes (issue 16), each kind with its rule as data: at which meetings
 * it may be taken, whether remote presence counts, whether absent members' written opinions count,
 * its quorum and its pass rule. Who may vote is the same for every kind: 正式党员 with voting rights
 * (`hasVotingRights` in org.ts: no 预备党员, no one under 留党察看, no visiting 流动党员) — or, at a
 * 支部委员会会议, its members.
 *
 * Sources:
 * - 《中国共产党支部工作条例（试行）》(2018) 第十一条: a 党员大会 vote needs more than half of the members
 *   with voting rights present, and passes with more than half of those entitled (应到会有表决权的党员);
 *   第十二条: a 支部委员会会议 needs more than half of its members present to be held at all.
 * - 《中国共产党发展党员工作细则》(2014) 第二十四条: 接收预备党员 — more than half of those entitled present;
 *   赞成 more than half of the 正式党员 entitled; written opinions handed in before the meeting by
 *   entitled members who cannot attend are counted in the votes. The same 支部大会 procedure is used
 *   for 转正, 延长预备期 and 取消预备党员资格 (细则 第五章, 预备党员的转正).
 * - 《中国共产党基层组织选举工作条例》(2020) 第五条 (who votes); the election is valid when more than
 *   4/5 of those entitled to vote are present; a candidate is elected with 赞成票 from more than half of
 *   those entitled present (实到会有选举权的人数); votes cannot be cast by proxy or in writing.
 * - 《中国共产党章程》第四十条: a member's 处分 is decided by the 支部大会.
 * - 《中国共产党章程》第七条: 预备期为一年, from the day the 支部大会 admitted them; the 支部 discusses
 *   转正 when it has ended (预备期满), or at the end of an extension.
 * Remote presence (video) does not count for 接收, 转正 and 选举 unless the 党委 decides otherwise
 * (DESIGN.md §2): `decisionRulesFrom` applies the 党委's `decisionRemoteCounts` along the org path.
 */
import type { MeetingKind } from './meeting-kinds'

export const DECISION_KINDS = [
  'admit',
  'confirm',
  'extend_probation',
  'cancel_probation',
  'election',
  'discipline',
  'general',
] as const
export type DecisionKind = (typeof DECISION_KINDS)[number]

/** How many must be present for the vote: more than half, or (elections) more than 4/5, of those entitled. */
export type DecisionQuorum = 'majority' | 'four_fifths'
/** 通过: more than half of those entitled; 当选: more than half of those entitled who are present. */
export type DecisionPass = 'majority_of_entitled' | 'majority_of_present'
/**
 * Who the decision is about: an applicant (named, may not be on the roster yet), a 预备党员 on the
 * roster, any member on the roster, candidates (elections), or no one.
 */
export type DecisionSubject = 'applicant' | 'probationary' | 'member' | 'candidates' | 'none'

export interface DecisionKindRule {
  kind: DecisionKind
  label: string
  /** The meeting kinds that may take this decision. */
  meetingKinds: readonly MeetingKind[]
  subject: DecisionSubject
  /** Whether a member attending remotely (confirmed) counts toward quorum and may vote. */
  remoteCounts: boolean
  /** Whether written opinions of entitled members not at the meeting are counted in the votes. */
  writtenOpinionsCount: boolean
  quorum: DecisionQuorum
  pass: DecisionPass
  /** The rule's source, as a person reads it in a refusal. */
  source: string
  /**
   * Whether the subject's 预备期 must have ended by the meeting date (转正: 党章 第七条 — 预备期满 one year
   * after admission, or at the end of an extension; the 支部 discusses 转正 only then).
   */
  probationMustHaveEnded: boolean
}

const CONGRESS: readonly MeetingKind[] = ['branch_congress']

export const DEFAULT_DECISION_RULES: readonly DecisionKindRule[] = [
  {
    kind: 'admit',
    label: '接收预备党员',
    meetingKinds: CONGRESS,
    subject: 'applicant',
    remoteCounts: false,
    writtenOpinionsCount: true,
    quorum: 'majority',
    pass: 'majority_of_entitled',
    source: '《中国共产党发展党员工作细则》第二十四条',
    probationMustHaveEnded: false,
  },
  {
    kind: 'confirm',
    label: '预备党员转正',
    meetingKinds: CONGRESS,
    subject: 'probationary',
    remoteCounts: false,
    writtenOpinionsCount: true,
    quorum: 'majority',
    pass: 'majority_of_entitled',
    source: '《中国共产党发展党员工作细则》第二十四条、第五章',
    probationMustHaveEnded: true,
  },
  {
    kind: 'extend_probation',
    label: '延长预备期',
    meetingKinds: CONGRESS,
    subject: 'probationary',
    remoteCounts: false,
    writtenOpinionsCount: true,
    quorum: 'majority',
    pass: 'majority_of_entitled',
    source: '《中国共产党发展党员工作细则》第二十四条、第五章',
    probationMustHaveEnded: false,
  },
  {
    kind: 'cancel_probation',
    label: '取消预备党员资格',
    meetingKinds: CONGRESS,
    subject: 'probationary',
    remoteCounts: false,
    writtenOpinionsCount: true,
    quorum: 'majority',
    pass: 'majority_of_entitled',
    source: '《中国共产党发展党员工作细则》第二十四条、第五章',
    probationMustHaveEnded: false,
  },
  {
    kind: 'election',
    label: '选举',
    meetingKinds: CONGRESS,
    subject: 'candidates',
    remoteCounts: false,
    writtenOpinionsCount: false,
    quorum: 'four_fifths',
    pass: 'majority_of_present',
    source: '《中国共产党基层组织选举工作条例》',
    probationMustHaveEnded: false,
  },
  {
    kind: 'discipline',
    label: '处分 / 组织处置',
    meetingKinds: CONGRESS,
    subject: 'member',
    remoteCounts: true,
    writtenOpinionsCount: false,
    quorum: 'majority',
    pass: 'majority_of_entitled',
    source: '《中国共产党章程》第四十条、《中国共产党支部工作条例（试行）》第十一条',
    probationMustHaveEnded: false,
  },
  {
    kind: 'general',
    label: '一般决议',
    meetingKinds: ['branch_congress', 'committee_meeting'],
    subject: 'none',
    remoteCounts: true,
    writtenOpinionsCount: false,
    quorum: 'majority',
    pass: 'majority_of_entitled',
    source: '《中国共产党支部工作条例（试行）》第十一条、第十二条',
    probationMustHaveEnded: false,
  },
]

/** The rule of a decision kind; throws for a kind that has none (a programming error). */
export function decisionRule(
  kind: DecisionKind,
  rules: readonly DecisionKindRule[] = DEFAULT_DECISION_RULES,
): DecisionKindRule {
  const rule = rules.find((r) => r.kind === kind)
  if (!rule) throw new Error(`no rule for decision kind ${kind}`)
  return rule
}

/** The decision kinds a meeting of `kind` may take, in the order above; empty where it takes none. */
export function decisionKindsFor(
  kind: MeetingKind,
  rules: readonly DecisionKindRule[] = DEFAULT_DECISION_RULES,
): DecisionKindRule[] {
  return rules.filter((r) => r.meetingKinds.includes(kind))
}

/**
 * The decision rules in force for a branch: the defaults, then each 党委's `decisionRemoteCounts`
 * (decision kind → whether remote presence counts) along the org path, root first, nearest last.
 * Values that are not booleans, or name no decision kind, are skipped.
 */
export function decisionRulesFrom(setsAlongPath: readonly { decisionRemoteCounts?: unknown }[]): DecisionKindRule[] {
  const out = DEFAULT_DECISION_RULES.map((r) => ({ ...r }))
  for (const set of setsAlongPath) {
    const v = set.decisionRemoteCounts
    if (!v || typeof v !== 'object') continue
    for (const [kind, counts] of Object.entries(v as Record<string, unknown>)) {
      const rule = out.find((r) => r.kind === kind)
      if (rule && typeof counts === 'boolean') rule.remoteCounts = counts
    }
  }
  return out
}

/** The smallest whole number of people that is more than 4/5 of n (13 → 11, 10 → 9, 5 → 5). */
export function moreThanFourFifths(n: number): number {
  return Math.floor((4 * n) / 5) + 1
}
