/**
 * Counting a typed decision (表决事项, issue 16): who is entitled, who counts as present for this
 * kind, whose written opinion counts, whether the vote had quorum and whether it passed — and, for
 * each person, how they were counted, so the locked minutes, the view and the .docx can say it.
 * The rules are data (decision-kinds.ts). Pure: no I/O.
 */
import {
  decisionRule,
  moreThanFourFifths,
  type DecisionKind,
  type DecisionKindRule,
  DEFAULT_DECISION_RULES,
} from './decision-kinds'
import type { MeetingKind, QuorumRule } from './meeting-kinds'
import { moreThanHalf } from './quorum'

/** 赞成 / 反对 / 弃权. */
export type VoteChoice = 'for' | 'against' | 'abstain'

export const VOTE_CHOICE_LABELS: Record<VoteChoice, string> = { for: '赞成', against: '反对', abstain: '弃权' }

/** A written opinion handed in before the meeting by an entitled member who could not attend. */
export interface WrittenOpinion {
  memberId: string
  choice: VoteChoice
}

/** One candidate of an election and the 赞成票 they received. */
export interface Candidate {
  memberId: string | null
  name: string
  votes: number
}

/** A typed decision on one agenda item (stored in the minutes content as `motion`). */
export interface Motion {
  kind: DecisionKind
  /** Who it is about: a roster member, or (接收) an applicant by name; null for 一般决议 and 选举. */
  subject: { memberId: string | null; name: string } | null
  /** Votes cast at the meeting (not for elections). */
  votes: { for: number; against: number; abstain: number } | null
  writtenOpinions: WrittenOpinion[]
  /** 选举: ballots returned and each candidate's 赞成票; null for other kinds. */
  election: { ballots: number; candidates: Candidate[] } | null
}

/** How a participant attended, for counting a decision. */
export type Presence = 'in_person' | 'remote' | 'absent'

/** One participant as a decision counts them (frozen in the locked attendance as `roll`). */
export interface RollLine {
  memberId: string
  name: string
  /** Has a vote at this meeting (正式党员 of the branch in good standing; at a 支委会, a 委员). */
  votingRights: boolean
  presence: Presence
}

/** How one person was counted for one decision. */
export type CountedAs =
  'in_person' | 'remote_counted' | 'remote_not_counted' | 'written_opinion' | 'absent' | 'not_entitled'

export const COUNTED_AS_LABELS: Record<CountedAs, string> = {
  in_person: '现场到会，计入',
  remote_counted: '远程参会，计入',
  remote_not_counted: '远程参会，本项表决不计入到会人数和票数',
  written_opinion: '会前提交书面意见，计入票数（不计入到会人数）',
  absent: '未到会，未计入',
  not_entitled: '无表决权，不计入',
}

export interface PersonCount {
  memberId: string
  name: string
  countedAs: CountedAs
  /** The written opinion's choice, where one counted. */
  choice: VoteChoice | null
}

/** The count of one decision: quorum, votes, outcome and how each person was counted. */
export interface DecisionTally {
  item: number
  kind: DecisionKind
  label: string
  subjectName: string | null
  entitled: number
  /** Entitled and counted as present (in person, or remote where the kind allows). */
  present: number
  quorumNeeded: number
  quorumMet: boolean
  /** Votes cast at the meeting plus counted written opinions (zero for elections). */
  for: number
  against: number
  abstain: number
  written: number
  /** 赞成 needed to pass (通过), or, for an election, to be elected (当选). */
  passNeeded: number
  passes: boolean
  /** 选举: each candidate and whether they were elected. */
  elected: { name: string; votes: number; elected: boolean }[] | null
  people: PersonCount[]
  source: string
}

/** The roll from board people (guests excluded): presence from their attendance state. */
export function rollOf(
  people: readonly { memberId: string; name: string; votingRights: boolean; state: string; guest: boolean }[],
): RollLine[] {
  return people
    .filter((p) => !p.guest)
    .map((p) => ({
      memberId: p.memberId,
      name: p.name,
      votingRights: p.votingRights,
      presence: p.state === 'present' ? 'in_person' : p.state === 'remote' ? 'remote' : 'absent',
    }))
}

/** Whether a roll line is entitled to vote at a meeting whose quorum rule is `quorum`. */
function entitledAt(quorum: QuorumRule, line: RollLine): boolean {
  // At a 支委会 the participants are its 委员; elsewhere the 有表决权的党员.
  return quorum === 'committee_majority' ? true : line.votingRights
}

/**
 * The count of `motion` (item index `item`) against the frozen roll: each entitled person counts as
 * present in person, or remote where the kind allows; written opinions count (in the votes only,
 * never toward quorum) where the kind allows and from entitled people not counted as present.
 * Pass: 赞成 (meeting + written) more than half of those entitled; 当选: a candidate's votes more than
 * half of those entitled who are present. Nothing passes without quorum.
 */
export function tallyOf(
  motion: Motion,
  item: number,
  roll: readonly RollLine[],
  meetingQuorum: QuorumRule,
  rules: readonly DecisionKindRule[] = DEFAULT_DECISION_RULES,
): DecisionTally {
  const rule = decisionRule(motion.kind, rules)
  const written = new Map(motion.writtenOpinions.map((w) => [w.memberId, w.choice]))
  const people: PersonCount[] = roll.map((line) => {
    const base = { memberId: line.memberId, name: line.name, choice: null }
    if (!entitledAt(meetingQuorum, line)) return { ...base, countedAs: 'not_entitled' }
    if (line.presence === 'in_person') return { ...base, countedAs: 'in_person' }
    if (line.presence === 'remote' && rule.remoteCounts) return { ...base, countedAs: 'remote_counted' }
    const choice = written.get(line.memberId)
    if (choice && rule.writtenOpinionsCount) return { ...base, countedAs: 'written_opinion', choice }
    return { ...base, countedAs: line.presence === 'remote' ? 'remote_not_counted' : 'absent' }
  })
  const entitled = people.filter((p) => p.countedAs !== 'not_entitled').length
  const present = people.filter((p) => p.countedAs === 'in_person' || p.countedAs === 'remote_counted').length
  const quorumNeeded = rule.quorum === 'four_fifths' ? moreThanFourFifths(entitled) : moreThanHalf(entitled)
  const quorumMet = entitled > 0 && present >= quorumNeeded
  const writtenCounted = people.filter((p) => p.countedAs === 'written_opinion')
  const byChoice = (c: VoteChoice) => writtenCounted.filter((p) => p.choice === c).length
  const cast = motion.votes ?? { for: 0, against: 0, abstain: 0 }
  const isElection = rule.pass === 'majority_of_present'
  const passNeeded = isElection ? moreThanHalf(present) : moreThanHalf(entitled)
  const elected = isElection
    ? (motion.election?.candidates ?? []).map((c) => ({
        name: c.name,
        votes: c.votes,
        elected: quorumMet && c.votes >= passNeeded,
      }))
    : null
  const forVotes = isElection ? 0 : cast.for + byChoice('for')
  return {
    item,
    kind: motion.kind,
    label: rule.label,
    subjectName: motion.subject?.name ?? null,
    entitled,
    present,
    quorumNeeded,
    quorumMet,
    for: forVotes,
    against: isElection ? 0 : cast.against + byChoice('against'),
    abstain: isElection ? 0 : cast.abstain + byChoice('abstain'),
    written: writtenCounted.length,
    passNeeded,
    passes: quorumMet && (elected ? elected.some((c) => c.elected) : forVotes >= passNeeded),
    elected,
    people,
    source: rule.source,
  }
}

/** The member a subject names, as the roster has it (null when not on it). */
export interface SubjectFacts {
  category: 'full' | 'probationary'
  name: string
  /** A 预备党员's 预备期满 date (`YYYY-MM-DD`, the extension included; member-states.ts `probationEndsOn`); null for a 正式党员. */
  probationEndsOn: string | null
}

/**
 * Why the decision on item `item` (0-based) cannot be recorded as it stands, in Chinese with what to
 * do, or an empty list. `subject` is the roster's record of `motion.subject.memberId` (null when it
 * names no one or no one on the roster). `meeting.date` is the meeting's Beijing date (`YYYY-MM-DD`):
 * 转正 before the subject's 预备期满 is refused. Failing to pass is not a problem; voting without quorum is.
 */
export function motionProblems(
  motion: Motion,
  item: number,
  roll: readonly RollLine[],
  meeting: { kind: MeetingKind; kindLabel: string; quorum: QuorumRule; date: string },
  subject: SubjectFacts | null,
  rules: readonly DecisionKindRule[] = DEFAULT_DECISION_RULES,
): string[] {
  const rule = decisionRule(motion.kind, rules)
  const n = `第 ${item + 1} 项（${rule.label}）`
  if (!rule.meetingKinds.includes(meeting.kind)) {
    return [
      `${n}：${meeting.kindLabel}不能作出这项决定（${rule.source}），须由支部党员大会表决；请改为一般决议，或提交党员大会`,
    ]
  }
  const out: string[] = []
  const name = motion.subject?.name.trim() ?? ''
  if (rule.subject === 'applicant' && !name) out.push(`${n}：请填写被接收为预备党员的发展对象姓名`)
  if (rule.subject === 'probationary' || rule.subject === 'member') {
    if (!motion.subject?.memberId) out.push(`${n}：请从党员名册中选择表决涉及的党员`)
    else if (!subject) out.push(`${n}：所选党员不在本支部名册中，请重新选择`)
    else if (rule.subject === 'probationary' && subject.category !== 'probationary') {
      out.push(`${n}：${subject.name}不是预备党员，不能就${rule.label}表决；请重新选择，或改用其他类型`)
    } else if (rule.probationMustHaveEnded && subject.probationEndsOn && meeting.date < subject.probationEndsOn) {
      out.push(
        `${n}：${subject.name}的预备期到 ${subject.probationEndsOn} 才满（《中国共产党章程》第七条：预备期为一年，延长的到延长期满），本次会议 ${meeting.date} 尚未期满，不能表决转正；请删去本项表决，待预备期满后再讨论转正`,
      )
    }
  }
  const t = tallyOf(motion, item, roll, meeting.quorum, rules)
  if (!t.quorumMet) {
    const remote = t.people.filter((p) => p.countedAs === 'remote_not_counted').length
    const why = rule.quorum === 'four_fifths' ? '超过五分之四' : '超过半数'
    out.push(
      `${n}：应到会有表决权的 ${t.entitled} 人，计入到会 ${t.present} 人${remote ? `（远程参会的 ${remote} 人本项不计入）` : ''}，须到会 ${t.quorumNeeded} 人（${why}，${rule.source}），不能表决；请删去本项表决，在决议中写明因到会人数不足未表决，另行召开会议表决`,
    )
  }
  const allowed = new Map(t.people.map((p) => [p.memberId, p]))
  const seen = new Set<string>()
  for (const w of motion.writtenOpinions) {
    const p = allowed.get(w.memberId)
    const who = p?.name ?? '所选党员'
    if (seen.has(w.memberId)) out.push(`${n}：${who}的书面意见记了两次，请删去一份`)
    seen.add(w.memberId)
    if (!rule.writtenOpinionsCount) {
      out.push(`${n}：${rule.label}不计书面意见（${rule.source}），请删去${who}的书面意见`)
    } else if (!p || p.countedAs === 'not_entitled') {
      out.push(`${n}：${who}没有表决权，其书面意见不能计入，请删去`)
    } else if (p.countedAs === 'in_person' || p.countedAs === 'remote_counted') {
      out.push(`${n}：${who}已到会表决，不能再计书面意见，请删去`)
    }
  }
  if (rule.subject === 'candidates') {
    const e = motion.election
    if (!e || e.candidates.length === 0) out.push(`${n}：请填写候选人及各自的得票数`)
    else {
      if (e.ballots > t.present) {
        out.push(`${n}：收回选票 ${e.ballots} 张，多于到会有选举权的 ${t.present} 人，选举无效，请核对或重新选举`)
      }
      e.candidates.forEach((c) => {
        if (!c.name.trim()) out.push(`${n}：有候选人没有填写姓名`)
        if (c.votes > e.ballots)
          out.push(`${n}：${c.name || '候选人'}得票 ${c.votes} 张，多于收回的 ${e.ballots} 张选票，请核对`)
      })
    }
  } else {
    const v = motion.votes
    if (!v) out.push(`${n}：请填写赞成、反对、弃权票数`)
    else {
      const cast = v.for + v.against + v.abstain
      if (cast > t.present) {
        const remote = t.people.filter((p) => p.countedAs === 'remote_not_counted').length
        out.push(
          `${n}：会上赞成、反对、弃权合计 ${cast} 票，多于计入到会有表决权的 ${t.present} 人${remote ? `（远程参会的 ${remote} 人本项不计入，书面意见另计）` : ''}，请核对票数`,
        )
      }
    }
  }
  return out
}

/**
 * How one person was counted, as the minutes print it: `王芳：会前提交书面意见，计入票数（不计入到会人数）`.
 * A written opinion's choice is not printed beside the name (the totals carry it), as a vote at the
 * meeting is not.
 */
export function personCountLine(p: PersonCount): string {
  return `${p.name}：${COUNTED_AS_LABELS[p.countedAs]}`
}

/**
 * A decision's count in one sentence, as the minutes, the view and the .docx print it: quorum,
 * votes (written opinions included) against what was needed, the outcome and the rule's source.
 */
export function tallySummary(t: DecisionTally): string {
  const about = t.subjectName ? `（${t.subjectName}）` : ''
  const quorum = `应到会有表决权 ${t.entitled} 人，计入到会 ${t.present} 人，须到会 ${t.quorumNeeded} 人，${t.quorumMet ? '已达到' : '未达到，不能表决'}`
  if (t.elected) {
    const who = t.elected.map((c) => `${c.name} ${c.votes} 票${c.elected ? '，当选' : '，未当选'}`).join('；')
    return `${t.label}${about}：${quorum}；当选须得赞成票 ${t.passNeeded} 张（超过到会有选举权人数的一半）；${who || '无候选人'}。依据：${t.source}`
  }
  const written = t.written > 0 ? `（含书面意见 ${t.written} 份）` : ''
  const verdict = !t.quorumMet ? '未表决' : t.passes ? '通过' : '未通过'
  return `${t.label}${about}：${quorum}；赞成 ${t.for} 票，反对 ${t.against} 票，弃权 ${t.abstain} 票${written}，通过须赞成 ${t.passNeeded} 票（超过应到会有表决权人数的半数）；${verdict}。依据：${t.source}`
}
