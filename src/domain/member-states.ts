/**
 * Member states that change what a member counts for (issue 16 §3): the 预备期 and its extension,
 * 留党察看, and an approved exclusion from 应到. Rule values are data here, each with its source;
 * the functions are pure (Beijing dates `YYYY-MM-DD` in, no clock) and say in Chinese what is wrong.
 * The states themselves live on the member (org.ts: `partyProbation`, `exclusion`,
 * `probationExtendedTo`); org.ts judges voting rights and 应到 from them.
 */
import type { MemberStatesView } from './api/views'
import {
  type ConfirmationPending,
  excludedFromExpected,
  underPartyProbation,
  type ExpectedExclusion,
  type Member,
  type PartyProbation,
} from './org'

/** The rule values of the member states, each from its source. */
export const MEMBER_STATE_RULES = {
  /** 党章 第七条: 预备党员的预备期为一年. */
  probationYears: 1,
  /** 党章 第七条: 需要继续考察和教育的，可以延长预备期，但不能超过一年. */
  maxExtensionYears: 1,
  /** The secretary is reminded this many months before 转正 is due, and again on the day. */
  remindMonthsBefore: 1,
  /** 党章 第四十条: 留党察看最长不超过两年. */
  partyProbationMaxYears: 2,
} as const

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * `date` moved by whole months (negative for earlier), the day kept or clamped to the month's last day
 * (2024-02-29 + 12 months is 2025-02-28). Takes and returns Beijing `YYYY-MM-DD`; throws on another shape.
 */
export function addMonths(date: string, months: number): string {
  const m = DATE.exec(date)
  if (!m) throw new Error(`not a date: ${date}`)
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months
  const year = Math.floor(total / 12)
  const month0 = total - year * 12
  const last = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate()
  const day = Math.min(Number(m[3]), last)
  return `${String(year).padStart(4, '0')}-${String(month0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The 预备期's regular end: one year after admission (`joinedAt`, the day the 支部大会 admitted them). */
export function regularProbationEnd(joinedAt: string): string {
  return addMonths(joinedAt, 12 * MEMBER_STATE_RULES.probationYears)
}

/** The latest date a 预备期 admitted on `joinedAt` may be extended to. */
export function latestExtension(joinedAt: string): string {
  return addMonths(regularProbationEnd(joinedAt), 12 * MEMBER_STATE_RULES.maxExtensionYears)
}

/**
 * The day a 预备党员's 预备期 ends (预备期满, 党章 第七条): one year after admission, or the extended end
 * when extended. Null for a 正式党员. Takes the member's category, `joinedAt` and extension; returns `YYYY-MM-DD`.
 */
export function probationEndsOn(
  member: Pick<Member, 'category' | 'joinedAt'> & Partial<Pick<Member, 'probationExtendedTo'>>,
): string | null {
  if (member.category !== 'probationary') return null
  return member.probationExtendedTo ?? regularProbationEnd(member.joinedAt)
}

/**
 * The day 转正 is due for a 预备党员 (the extended end when extended), or null for a 正式党员 or a
 * member no longer active (they are not reminded about).
 */
export function probationDueOn(
  member: Pick<Member, 'category' | 'status' | 'joinedAt'> & Partial<Pick<Member, 'probationExtendedTo'>>,
): string | null {
  if (member.status !== 'normal' && member.status !== 'mobile') return null
  return probationEndsOn(member)
}

export type ProbationReminder = 'month_before' | 'due_day'

/**
 * Which 转正 reminders are owed on Beijing date `today` for a 预备期 ending `dueOn`: `month_before` from
 * one month before until the day, `due_day` from the day on (a missed daily run still tells later; the
 * notice ids keep each one to a single send). Empty before the month starts.
 */
export function probationRemindersOwed(dueOn: string, today: string): ProbationReminder[] {
  if (today >= dueOn) return ['due_day']
  if (today >= addMonths(dueOn, -MEMBER_STATE_RULES.remindMonthsBefore)) return ['month_before']
  return []
}

/**
 * Why 延长预备期 to `until` is refused for this member, in Chinese saying what to do; null when allowed.
 * Only a 预备党员 can have it extended, to a date after the regular end and at most a year beyond it.
 */
export function extensionProblem(member: Pick<Member, 'category' | 'joinedAt' | 'name'>, until: string): string | null {
  if (member.category !== 'probationary') return `${member.name}不是预备党员，不能延长预备期`
  const regular = regularProbationEnd(member.joinedAt)
  if (until <= regular) {
    return `延长后的预备期应晚于原定的 ${regular}（入党一年），请选择之后的日期`
  }
  const latest = latestExtension(member.joinedAt)
  if (until > latest) {
    return `延长预备期不能超过一年（党章第七条），最晚到 ${latest}，请重新选择日期`
  }
  return null
}

/** Why a 留党察看 from `from` to `to` is refused, in Chinese; null when allowed (at most two years). */
export function partyProbationProblem(from: string, to: string): string | null {
  if (to <= from) return '留党察看的结束日期应晚于开始日期，请重新选择'
  const latest = addMonths(from, 12 * MEMBER_STATE_RULES.partyProbationMaxYears)
  if (to > latest) return `留党察看最长两年（党章第四十条），从 ${from} 起最晚到 ${latest}，请重新选择结束日期`
  return null
}

/** Why an exclusion from 应到 over `from`..`to` is refused, in Chinese; null when allowed. */
export function exclusionProblem(e: { from: string; to: string | null; approvedOn: string }): string | null {
  if (e.to !== null && e.to < e.from) return '不计入应到的结束日期不能早于开始日期，请重新选择'
  if (e.approvedOn > e.from) return '批准日期应不晚于开始日期：不计入应到须先经批准，请核对日期'
  return null
}

/** The member's states as shown on their page, judged on Beijing date `today`. */
export function memberStatesView(
  m: Pick<
    Member,
    'category' | 'status' | 'joinedAt' | 'partyProbation' | 'exclusion' | 'probationExtendedTo' | 'confirmationPending'
  >,
  today: string,
): MemberStatesView {
  return {
    partyProbation: m.partyProbation ?? null,
    partyProbationRunning: underPartyProbation(m, today),
    exclusion: m.exclusion ?? null,
    excludedToday: excludedFromExpected(m, today),
    probationDueOn: probationDueOn(m),
    probationExtendedTo: m.probationExtendedTo ?? null,
    latestExtension: m.category === 'probationary' ? latestExtension(m.joinedAt) : null,
    confirmationPending: m.category === 'probationary' ? (m.confirmationPending ?? null) : null,
  }
}

/**
 * Why recording the 上级党委's approval of 转正 on `approvedOn` is refused, in Chinese saying what to do;
 * null when allowed: the member must be a 预备党员 whose 转正 the 支部大会 passed, approved on or after
 * that meeting. (《中国共产党发展党员工作细则》第五章: the 支部大会's 转正 resolution goes to the 上级党委 for 审批.)
 */
export function confirmationApprovalProblem(
  member: Pick<Member, 'category' | 'name'> & Partial<Pick<Member, 'confirmationPending'>>,
  approvedOn: string,
): string | null {
  if (member.category !== 'probationary') return `${member.name}已是正式党员，无需再登记转正审批`
  const p = member.confirmationPending
  if (!p) {
    return `${member.name}还没有经支部党员大会通过转正；请先召开支部党员大会表决转正，会议记录定稿后再登记党委审批`
  }
  if (approvedOn < p.passedOn) return `党委审批日期不能早于支部大会通过${pendingLabel(p)}的 ${p.passedOn}，请核对日期`
  return null
}

/** 转正 or 延长预备期, as the pending decision is about. */
function pendingLabel(p: ConfirmationPending): string {
  return p.decision === 'extend' ? '延长预备期' : '转正'
}

/** The pending decision as the member page reads it: `支部大会已通过转正（2027-07-05，…）→ 待上级党委审批`. */
export function confirmationPendingText(p: ConfirmationPending): string {
  return `支部大会已通过${pendingLabel(p)}（${p.passedOn}，${p.meetingTitle}）→ 待上级党委审批`
}

/** How a state's value reads in the member's history, in Chinese ('无' for none). */
export function stateValueText(
  field: 'partyProbation' | 'exclusion' | 'probationExtendedTo' | 'confirmationPending',
  v: unknown,
  reasonLabels: Record<string, string>,
): string {
  if (v === null || v === undefined || v === '') return '无'
  if (field === 'confirmationPending') return confirmationPendingText(v as ConfirmationPending)
  if (field === 'probationExtendedTo') return `预备期延长至 ${String(v)}`
  if (field === 'partyProbation') {
    const p = v as Partial<PartyProbation>
    const lifted = p.liftedOn ? `，${p.liftedOn} 恢复党员权利` : ''
    return `留党察看 ${p.from} 至 ${p.to}（${p.decidedBy ?? ''}决定）${lifted}`
  }
  const e = v as Partial<ExpectedExclusion>
  const reason = (e.reason && reasonLabels[e.reason]) ?? '经批准'
  return `${reason}，${e.from} 起${e.to ? `至 ${e.to}` : ''}不计入应到（${e.approvedBy ?? ''} ${e.approvedOn ?? ''} 批准）`
}
