/**
 * 会议记录 (issue 6): what minutes hold (DESIGN.md §2), the template each kind of meeting starts
 * from, the vote rule, the 补录 (late entry) flag and the canonical form the hash chain is built on.
 * Pure: no I/O, no clock; times are passed in.
 */
import { DEFAULT_MINUTES_DUE_MS, MINUTES_DUE_MS_RANGE, minutesDueFrom, minutesDueText } from './deadline-rules'
import { kindRule, type MeetingKind, type MeetingKindRule } from './meeting-kinds'
import { moreThanHalf, votePasses, type QuorumResult } from './quorum'
import type { PhotoSource } from './photo-source'
import { decisionKindsFor, DEFAULT_DECISION_RULES, type DecisionKindRule } from './decision-kinds'
import { motionProblems, tallyOf, type DecisionTally, type Motion, type RollLine, type SubjectFacts } from './decisions'

/** 赞成 / 反对 / 弃权 on one item, for kinds that vote. */
export interface VoteCount {
  for: number
  against: number
  abstain: number
}

/** One agenda item: what was discussed, who said what (dissent included), what was decided. */
export interface MinutesItem {
  topic: string
  speeches: string
  decision: string
  /**
   * An untyped vote: how minutes recorded votes before typed decisions (issue 16). Kept so older
   * records read and verify as they were; at a kind that takes typed decisions, new votes go in `motion`.
   */
  vote: VoteCount | null
  /** A typed decision (接收、转正、选举 …) with its rule; absent on minutes written before issue 16. */
  motion?: Motion | null
}

/** What the recorder writes. Attendance is never typed: it comes from the attendance board. */
export interface MinutesContent {
  /** 主持人 and 记录人, by name as they sign. */
  chair: string
  recorder: string
  place: string
  items: MinutesItem[]
  /** Why someone was absent, when the attendance board has no leave note for them. */
  absenceNotes: { memberId: string; reason: string }[]
  /** 其他事项. */
  notes: string
}

/** One person in the attendance part of the minutes. */
export interface MinutesPerson {
  memberId: string
  name: string
  /** 请假 / 缺席 reason, 远程 or 迟到 where it applies. */
  note: string
}

/** 应到 / 实到 / 出席 / 请假 / 缺席 / 列席, as the attendance board had it (frozen at finalize). */
export interface MinutesAttendance {
  expected: number
  present: number
  /** 有表决权 present: what a vote is counted against. */
  votingEntitled: number
  votingPresent: number
  attended: MinutesPerson[]
  onLeave: MinutesPerson[]
  absent: MinutesPerson[]
  guests: MinutesPerson[]
  quorum: QuorumResult | null
  recordedAt: number | null
  /**
   * Each participant with their vote and how they attended, where the kind has quorum (issue 16);
   * absent on minutes finalized before it.
   */
  roll?: RollLine[]
  /** Each typed decision as counted at finalize, person by person (issue 16); absent before it. */
  decisions?: DecisionTally[]
  /**
   * 补登 (issue 18 §4): member ids whose attendance was 代为登记 later than the branch's rule allows
   * after the end (`AttendanceRules.manualBelatedAfterMs`); the minutes carry the flag like 补录.
   * Absent when there is none, and on minutes finalized before it.
   */
  belated?: string[]
}

/** Everything the chain locks: the meeting as it was, the written minutes, attendance and photos. */
export interface LockedMinutes {
  meetingId: string
  branchId: string
  kind: MeetingKind
  title: string
  startAt: number
  endAt: number
  content: MinutesContent
  attendance: MinutesAttendance
  /** `source` (camera or album, issue 18) is locked too; absent on minutes finalized before it. */
  photos: { id: string; sha256: string; receivedAt: number; source?: PhotoSource | null }[]
  finalizedAt: number
  finalizedBy: string
  late: boolean
}

/** Where the WeChat client uploads a photo before handing its file id to `minutes.addPhoto`. */
export const photoUploadDir = (meetingId: string) => `uploads/minutes/${meetingId}/`

/** Minutes rules that a supervising committee may set (as data, in its rule set). */
export interface MinutesRules {
  /**
   * Minutes finalized more than this long after the meeting ended are flagged 补录: the one minutes
   * deadline of `deadline-rules.ts` (`minutesDueFrom`), the same value compliance calls 逾期 by.
   */
  lateAfterMs: number
}

export const DEFAULT_MINUTES_RULES: MinutesRules = { lateAfterMs: DEFAULT_MINUTES_DUE_MS }

/** Bounds on a committee's setting: from one day to a month. */
export const LATE_AFTER_RANGE_MS = MINUTES_DUE_MS_RANGE

/**
 * The rules in force for a branch: the default, then each committee's `minutesLateAfterMs` along the
 * org path (root first, nearest last), by `minutesDueFrom`. An out-of-range value is skipped, never trusted.
 */
export function minutesRulesFrom(setsAlongPath: readonly { minutesLateAfterMs?: unknown }[]): MinutesRules {
  return { lateAfterMs: minutesDueFrom(setsAlongPath).ms }
}

/** 补录: finalized more than `lateAfterMs` after the meeting ended (exactly at the limit is on time). */
export function isLateEntry(meetingEndAt: number, finalizedAt: number, rules: MinutesRules): boolean {
  return finalizedAt - meetingEndAt > rules.lateAfterMs
}

export function lateAfterDays(rules: MinutesRules): string {
  return minutesDueText(rules.lateAfterMs)
}

/** Extra items a kind's minutes always carry, after the meeting's own agenda. */
const KIND_ITEMS: Partial<Record<MeetingKind, string[]>> = {
  life_meeting: ['支部班子对照检查', '党员个人对照检查，开展批评和自我批评', '整改措施'],
  member_review: ['党员个人自评', '党员互评', '民主测评结果'],
  party_lecture: ['授课人、授课题目与主要内容'],
  heart_talk: ['谈话主要内容', '意见建议与改进措施'],
  committee_meeting: ['研究决定事项'],
}

/** Labels of the 发言 box, per kind (a 党课 has a lecture, a 谈心谈话 a conversation). */
export function speechLabel(kind: MeetingKind): string {
  if (kind === 'party_lecture') return '授课与交流'
  if (kind === 'heart_talk') return '谈话内容'
  return '发言情况（含不同意见）'
}

/** The draft a meeting's minutes start from: the agenda of the meeting, the kind's own items. */
export function minutesTemplate(meeting: {
  kind: MeetingKind
  agenda: readonly string[]
  place: string
  chair?: string
  recorder?: string
}): MinutesContent {
  const topics = [...meeting.agenda, ...(KIND_ITEMS[meeting.kind] ?? []).filter((t) => !meeting.agenda.includes(t))]
  return {
    chair: meeting.chair ?? '',
    recorder: meeting.recorder ?? '',
    place: meeting.place,
    items: topics.map((topic) => ({ topic, speeches: '', decision: '', vote: null })),
    absenceNotes: [],
    notes: '',
  }
}

export interface VoteOutcome {
  counted: number
  /** How many 赞成 the motion needs: more than half of those entitled to vote. */
  needed: number
  passes: boolean
  /** Why the count cannot stand, in Chinese, or null. */
  problem: string | null
}

/**
 * The pass rule of DESIGN.md §2: a vote needs quorum, and passes with more than half of those
 * entitled to vote (not of those present). Counts above the voting members present are impossible.
 */
export function voteOutcome(
  vote: VoteCount,
  attendance: Pick<MinutesAttendance, 'votingEntitled' | 'votingPresent' | 'quorum'>,
): VoteOutcome {
  const counted = vote.for + vote.against + vote.abstain
  const needed = moreThanHalf(attendance.votingEntitled)
  let problem: string | null = null
  if (counted > attendance.votingPresent) {
    problem = `赞成、反对、弃权合计 ${counted} 票，超过了到会有表决权的 ${attendance.votingPresent} 人，请核对票数`
  } else if (attendance.quorum && attendance.quorum.applies && !attendance.quorum.met) {
    problem = `到会人数未过半数（应 ${attendance.quorum.needed} 人，实 ${attendance.quorum.presentCounting} 人），不能表决`
  }
  return { counted, needed, passes: problem === null && votePasses(vote.for, attendance.votingEntitled), problem }
}

/**
 * What a missed quorum means for a meeting of `kind`, appended to the quorum line of the minutes
 * (issue 16): a 支委会 is not held (支部工作条例 第十二条); a 党员大会 is held and recorded, with no vote
 * (第十一条). Without the kind, only that no vote can be taken.
 */
export function missedQuorumText(kind: MeetingKind | undefined): string {
  if (kind && kindRule(kind).quorumToHold) return '：委员未过半数到会，本次会议不能计为已召开'
  return '：会议照常记录，但不能表决'
}

/** Whether the kind records 赞成/反对/弃权. */
export function kindVotes(kind: MeetingKind, rules?: readonly MeetingKindRule[]): boolean {
  return kindRule(kind, rules).votes
}

/** Problems that stop minutes from being finalized; empty when they are complete. */
export function finalizeProblems(
  content: MinutesContent,
  attendance: Pick<MinutesAttendance, 'votingEntitled' | 'votingPresent' | 'quorum' | 'roll'>,
  decisions?: DecisionContext,
): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = []
  if (!content.chair.trim()) out.push({ field: 'chair', message: '请填写主持人' })
  if (!content.recorder.trim()) out.push({ field: 'recorder', message: '请填写记录人' })
  if (!content.place.trim()) out.push({ field: 'place', message: '请填写会议地点' })
  if (content.items.length === 0) out.push({ field: 'items', message: '请至少记录一项议程' })
  content.items.forEach((item, i) => {
    if (!item.topic.trim()) out.push({ field: `items.${i}.topic`, message: `第 ${i + 1} 项议程没有填写内容` })
    if (!item.speeches.trim() && !item.decision.trim()) {
      out.push({ field: `items.${i}.speeches`, message: `第 ${i + 1} 项议程还没有记录发言或决议` })
    }
    if (item.motion && decisions) {
      const subjectId = item.motion.subject?.memberId
      const subject = subjectId ? (decisions.subjects.get(subjectId) ?? null) : null
      for (const message of motionProblems(
        item.motion,
        i,
        attendance.roll ?? [],
        decisions.meeting,
        subject,
        decisions.rules,
      )) {
        out.push({ field: `items.${i}.motion`, message })
      }
    } else if (item.vote && decisions && decisionKindsFor(decisions.meeting.kind, decisions.rules).length > 0) {
      out.push({
        field: `items.${i}.vote`,
        message: `第 ${i + 1} 项的表决还没有选择类型（接收预备党员、转正、选举、一般决议等）：各类表决的到会和通过规则不同，请选择类型后再定稿`,
      })
    } else if (item.vote) {
      const outcome = voteOutcome(item.vote, attendance)
      if (outcome.problem) out.push({ field: `items.${i}.vote`, message: `第 ${i + 1} 项：${outcome.problem}` })
    }
  })
  return out
}

/** What checking typed decisions needs besides the minutes: the meeting's kind, the subjects' roster facts, the rules. */
export interface DecisionContext {
  /** The meeting's kind and its Beijing date (`YYYY-MM-DD`, for 预备期满). */
  meeting: { kind: MeetingKind; kindLabel: string; quorum: MeetingKindRule['quorum']; date: string }
  /** Roster facts of each member a motion names (member id → facts); missing = not on the roster. */
  subjects: ReadonlyMap<string, SubjectFacts>
  rules?: readonly DecisionKindRule[]
}

/**
 * Each item's typed decision counted against the roll (null for items without one), for the view
 * and to lock at finalize. `quorum` is the meeting kind's quorum rule (who is entitled).
 */
export function decisionTallies(
  content: Pick<MinutesContent, 'items'>,
  roll: readonly RollLine[],
  quorum: MeetingKindRule['quorum'],
  rules: readonly DecisionKindRule[] = DEFAULT_DECISION_RULES,
): (DecisionTally | null)[] {
  return content.items.map((item, i) => (item.motion ? tallyOf(item.motion, i, roll, quorum, rules) : null))
}

/** Fields an amendment may correct, as `chair`, `items.2.decision` and so on. */
export function amendableFields(content: MinutesContent): { field: string; label: string }[] {
  const out = [
    { field: 'chair', label: '主持人' },
    { field: 'recorder', label: '记录人' },
    { field: 'place', label: '会议地点' },
  ]
  content.items.forEach((_item, i) => {
    out.push({ field: `items.${i}.topic`, label: `第 ${i + 1} 项议程` })
    out.push({ field: `items.${i}.speeches`, label: `第 ${i + 1} 项发言` })
    out.push({ field: `items.${i}.decision`, label: `第 ${i + 1} 项决议` })
  })
  out.push({ field: 'notes', label: '其他事项' })
  return out
}

/** The label of an amendable field (e.g. `第 2 项决议`), or the field's path when there is no such field. */
export function amendableFieldLabel(content: MinutesContent, field: string): string {
  return amendableFields(content).find((f) => f.field === field)?.label ?? field
}

/** The text at an amendable field, or undefined when there is no such field. */
export function fieldText(content: MinutesContent, field: string): string | undefined {
  if (field === 'chair' || field === 'recorder' || field === 'place' || field === 'notes') return content[field]
  const m = /^items\.(\d+)\.(topic|speeches|decision)$/.exec(field)
  if (!m) return undefined
  const item = content.items[Number(m[1])]
  return item ? item[m[2] as 'topic' | 'speeches' | 'decision'] : undefined
}

/** The content with corrections applied in order; the original is never changed. */
export function withCorrections(
  content: MinutesContent,
  corrections: readonly { field: string; after: string }[],
): MinutesContent {
  const next: MinutesContent = { ...content, items: content.items.map((i) => ({ ...i })) }
  for (const c of corrections) {
    if (c.field === 'chair' || c.field === 'recorder' || c.field === 'place' || c.field === 'notes') {
      next[c.field] = c.after
      continue
    }
    const m = /^items\.(\d+)\.(topic|speeches|decision)$/.exec(c.field)
    const item = m ? next.items[Number(m[1])] : undefined
    if (m && item) item[m[2] as 'topic' | 'speeches' | 'decision'] = c.after
  }
  return next
}

/**
 * The finalized content as corrected: every amendment's changes applied in amendment order (`seq`,
 * whatever order they are given in), the original unchanged.
 */
export function correctedContent(
  original: MinutesContent,
  amendments: readonly { seq: number; changes: readonly { field: string; after: string }[] }[],
): MinutesContent {
  return withCorrections(
    original,
    [...amendments].sort((a, b) => a.seq - b.seq).flatMap((a) => a.changes),
  )
}

/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped, so the same
 * content always yields the same bytes (and the same hash) wherever it is serialized.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON: non-finite number')
    return JSON.stringify(value ?? null)
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/** What a chain entry links: one finalized record, one amendment or one 阅签. */
export type ChainEntryKind = 'minutes' | 'amendment' | 'read'

/**
 * The entry formats. v1 (issue 6, no `v` field) links finalized minutes and amendments by their
 * content hash; v2 adds 阅签 entries and, for minutes, a seal of what lies outside the minutes
 * document. Entries of both formats live on one chain: v1 entries are verified as before.
 */
export const CHAIN_FORMAT = 2

/** The meeting's own fields as they were at finalize. */
export interface MeetingSnapshot {
  kind: MeetingKind
  title: string
  startAt: number
  endAt: number
  place: string
}

/** One stored record (an attendance or leave document) reduced to its SHA-256, to notice a later change. */
export interface RecordDigest {
  id: string
  memberId: string
  sha256: string
}

/** The parts of the locked minutes, hashed one by one so a change can be named. */
export const LOCKED_PART_NAMES = ['meeting', 'content', 'attendance', 'photos', 'finalize'] as const
export type LockedPartName = (typeof LOCKED_PART_NAMES)[number]

export const LOCKED_PART_LABELS: Record<LockedPartName, string> = {
  meeting: '会议类型、名称或时间',
  content: '记录正文（主持人、记录人、地点、议程、发言、决议）',
  attendance: '定稿时锁定的出席名单',
  photos: '照片清单',
  finalize: '定稿时间、定稿人或补录标记',
}

/** `locked` split into its parts (each hashed on its own in a v2 seal). */
export function lockedParts(locked: LockedMinutes): Record<LockedPartName, unknown> {
  return {
    meeting: {
      meetingId: locked.meetingId,
      branchId: locked.branchId,
      kind: locked.kind,
      title: locked.title,
      startAt: locked.startAt,
      endAt: locked.endAt,
    },
    content: locked.content,
    attendance: locked.attendance,
    photos: locked.photos,
    finalize: { finalizedAt: locked.finalizedAt, finalizedBy: locked.finalizedBy, late: locked.late },
  }
}

/**
 * What a v2 minutes entry seals besides the minutes document's own hash: the meeting document's
 * fields, each attendance and leave record of the meeting, and the hash of each locked part.
 * It lives in the entry, so the entry's own hash covers it.
 */
export interface ChainSeal {
  meeting: MeetingSnapshot
  parts: Record<LockedPartName, string>
  attendance: RecordDigest[]
  leaves: RecordDigest[]
}

export interface ChainEntry {
  /** 2 for the current format; absent on v1 entries. */
  v?: 2
  branchId: string
  seq: number
  kind: ChainEntryKind
  /** The meeting id for minutes, the amendment id for an amendment, the read id for a 阅签. */
  refId: string
  meetingId: string
  contentHash: string
  prevHash: string
  hash: string
  at: number
  /** v2 minutes entries only. */
  seal?: ChainSeal | null
}

export const GENESIS_HASH = '0'.repeat(64)

/** The part of a chain entry its own hash covers (everything but the hash); v1 entries as they always were. */
export function linkPayload(e: Omit<ChainEntry, 'hash'>): string {
  const v1 = {
    branchId: e.branchId,
    seq: e.seq,
    kind: e.kind,
    refId: e.refId,
    meetingId: e.meetingId,
    contentHash: e.contentHash,
    prevHash: e.prevHash,
    at: e.at,
  }
  return canonicalJson(e.v === 2 ? { ...v1, v: 2, seal: e.seal ?? null } : v1)
}

/** A branch's chain head as witnessed: the sequence number and hash of its last entry. */
export interface ChainHead {
  branchId: string
  seq: number
  hash: string
  at: number
}

/** How many leading hex digits of a head's hash a printout shows large (64 bits). */
export const HEAD_PREFIX_HEX = 16

/** The head as printed and shown: `第 12 条 · 0123456789abcdef` (the full hash is printed small beside it). */
export function chainHeadLabel(head: Pick<ChainHead, 'seq' | 'hash'>): string {
  return `第 ${head.seq} 条 · ${head.hash.slice(0, HEAD_PREFIX_HEX)}`
}

/** Whether a typed or kept hash (its first 16 to 64 hex digits, any case) names `hash`. */
export function hashMatches(given: string, hash: string): boolean {
  const g = given.trim().toLowerCase()
  return g.length >= HEAD_PREFIX_HEX && hash.startsWith(g)
}

/** `第 7 条` or `第 7–9 条`: a run of sequence numbers as a person reads it. */
export function seqRange(from: number, to: number): string {
  return from === to ? `第 ${from} 条` : `第 ${from}–${to} 条`
}
