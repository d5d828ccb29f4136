/**
 * Every notice the server sends, built from structured fields: the in-app 消息 (title and body, whole,
 * never cut), the page it opens, and the subscribe message's keyword values, each made to WeChat's
 * rule for its keyword kind by subscribe-keywords.ts (Beijing time; free text cut with `…` only in a
 * `thing`; a `phrase` always from its declared vocabulary). The topics, templates and keywords are
 * declared in subscribe-messages.ts; the compiler holds this file to them (every topic built, every
 * keyword given a value of its kind, every phrase one of its words).
 */
import type { LeaveCategory } from './api/views-attendance'
import { LEAVE_CATEGORY_LABELS } from './attendance'
import { formatDate, formatSpan, formatTime, beijing, fromBeijing } from './beijing-time'
import { DEFAULT_MINUTES_DUE_MS, minutesDueText } from './deadline-rules'
import { LAPSE_CAUSE_LABELS, lapseReason, type LapseCause } from './lapse'
import { kindLabel, type MeetingKind } from './meeting-kinds'
import {
  CADENCE_LABELS,
  CONTACT_STATE_LABELS,
  REPORT_KIND_LABELS,
  type CheckinCadence,
  type ContactState,
  type ReportKind,
} from './mobile'
import {
  fitName,
  fitText,
  formatKeywordDate,
  formatKeywordNumber,
  formatKeywordTime,
  keywordProblem,
  type KeywordType,
} from './subscribe-keywords'
import {
  MESSAGE_TEMPLATES,
  NOTICE_TOPICS,
  type KeywordDecl,
  type SubscribeTopic,
  type TemplateKey,
} from './subscribe-messages'
import { pagePath } from './pages'

/** Noon of a Beijing `YYYY-MM-DD` (epoch ms), for a keyword that takes a date. */
const fromBeijingDate = (date: string) => fromBeijing(date, '12:00')

/** A meeting as every meeting notice names it. */
export interface MeetingFields {
  meetingId: string
  title: string
  kind: MeetingKind
  /** Epoch ms. */
  startAt: number
  /** Epoch ms. */
  endAt: number
  place: string
}

/** The structured values each topic's notice is made from (kept with the notice as its `data`). */
export interface NoticeFieldsByTopic {
  'meeting.scheduled': MeetingFields
  'meeting.edited': MeetingFields
  'meeting.rescheduled': MeetingFields
  'meeting.cancelled': MeetingFields & { reason: string }
  'meeting.guest': MeetingFields
  /** `remindedAt`: when the reminder is made (epoch ms), so it can say 今天 or 明天. */
  'meeting.reminder': MeetingFields & { remindedAt: number }
  'leave.requested': MeetingFields & { applicant: string; category: LeaveCategory; note: string }
  'leave.decided': MeetingFields & { applicant: string; approved: boolean; note: string | null }
  /** `dueMs`: the minutes deadline in force (ms after the end); absent on notices kept before issue 16. */
  'minutes.overdue': MeetingFields & { dueMs?: number }
  'minutes.final': MeetingFields
  'quota.atRisk': {
    branchId: string
    kind: MeetingKind
    /** The rule's label, e.g. 支部党员大会. */
    kindLabel: string
    periodKey: string
    /** e.g. 2026年第四季度. */
    periodLabel: string
    /** First instant after the period (epoch ms). */
    periodEnd: number
    /** The 党小组 owing it, or null for the branch. */
    ownerName: string | null
    reason: string
    /** The calendar month the notice opens, `YYYY-MM`. */
    month: string
  }
  'supervision.escalation': {
    /** The 党委 told. */
    orgId: string
    /** The Beijing day of the notice, `YYYY-MM-DD`. */
    date: string
    /** New causes today. */
    count: number
    /** One line per cause, most urgent first (at most 10). */
    lines: string[]
  }
  'lapse.warning': {
    memberId: string
    name: string
    /** 组织生活 or 党费 (src/domain/lapse.ts). */
    cause: LapseCause
    /** Consecutive months, and the first of them (`YYYY-MM`). */
    months: number
    since: string
    /** The threshold reached: 3 or 6. */
    threshold: number
    /** The Beijing day the threshold was reached, `YYYY-MM-DD`. */
    date: string
  }
  'member.probationDue': {
    memberId: string
    name: string
    /** Beijing date the 预备期 ends (extended end when extended). */
    dueOn: string
    /** Whether the 预备期 was extended (延长预备期). */
    extended: boolean
    /** A month before, or the day itself. */
    reminder: 'month_before' | 'due_day'
  }
  'plan.published': {
    planId: string
    branchId: string
    branchName: string
    year: number
    total: number
    mine: number
    firstTitle: string
    firstStartAt: number
  }
  'mobile.checkinDue': {
    /** e.g. 2026年11月. */
    periodLabel: string
    cadence: CheckinCadence
    /** First instant after the day it is due by (epoch ms). */
    dueBy: number
  }
  'mobile.contactState': {
    memberId: string
    name: string
    city: string
    state: Exclude<ContactState, 'normal'>
    lastContactAt: number
    days: number
  }
  'mobile.transferDue': { memberId: string; name: string; city: string; since: string }
  'makeup.submitted': {
    meetingId: string
    meetingTitle: string
    memberId: string
    memberName: string
    submittedAt: number
  }
  'makeup.accepted': { meetingId: string; meetingTitle: string; acceptedBy: string }
  'report.submitted': {
    reportId: string
    memberId: string
    memberName: string
    kind: ReportKind
    title: string
    submittedAt: number
  }
  'report.replied': { reportId: string; kind: ReportKind; title: string; repliedBy: string; reply: string }
}
export type NoticeFields<T extends SubscribeTopic> = NoticeFieldsByTopic[T]

type TemplateOf<T extends SubscribeTopic> = (typeof NOTICE_TOPICS)[T]['template']
type KeywordOf<K extends TemplateKey> = (typeof MESSAGE_TEMPLATES)[K]['keywords'][number]
/** What a keyword is given before formatting: a vocabulary word, epoch ms for a time or date, a count, or text. */
type RawValue<K> = K extends { vocabulary: readonly (infer V)[] }
  ? V
  : K extends { type: 'time' | 'date' | 'number' }
    ? number
    : string
/** The raw value of each keyword of a template, by field. */
export type KeywordValues<K extends TemplateKey> = { [D in KeywordOf<K> as D['field']]: RawValue<D> }

interface NoticeDecl<T extends SubscribeTopic> {
  title(f: NoticeFields<T>): string
  body(f: NoticeFields<T>): string
  /** The query of the page it opens, without `?`. */
  query(f: NoticeFields<T>): string
  values(f: NoticeFields<T>): KeywordValues<TemplateOf<T>>
}

const meetingQuery = (f: { meetingId: string }) => `id=${f.meetingId}`
const meetingLine = (f: MeetingFields) => `${kindLabel(f.kind)}，${formatSpan(f.startAt, f.endAt)}，${f.place}`
const meetingValues = <S extends string>(f: MeetingFields, status: S) => ({
  title: f.title,
  startAt: f.startAt,
  place: f.place,
  status,
})

const CONTACT_PHRASES = { needs_contact: '需联系', warning: '预警', lost_risk: '失联风险' } as const

const NOTICES: { [T in SubscribeTopic]: NoticeDecl<T> } = {
  'meeting.scheduled': {
    title: (f) => `会议通知：${f.title}`,
    body: meetingLine,
    query: meetingQuery,
    values: (f) => meetingValues(f, '已安排'),
  },
  'meeting.edited': {
    title: (f) => `会议内容有调整：${f.title}`,
    body: meetingLine,
    query: meetingQuery,
    values: (f) => meetingValues(f, '有调整'),
  },
  'meeting.rescheduled': {
    title: (f) => `会议改期：${f.title}`,
    body: meetingLine,
    query: meetingQuery,
    values: (f) => meetingValues(f, '已改期'),
  },
  'meeting.cancelled': {
    title: (f) => `会议已取消：${f.title}`,
    body: (f) => `${kindLabel(f.kind)}「${f.title}」已取消。原因：${f.reason}`,
    query: meetingQuery,
    values: (f) => meetingValues(f, '已取消'),
  },
  'meeting.guest': {
    title: (f) => `列席邀请：${f.title}`,
    body: (f) => `${formatSpan(f.startAt, f.endAt)}，${f.place}`,
    query: (f) => `meetingId=${f.meetingId}`,
    values: (f) => meetingValues(f, '请列席'),
  },
  'meeting.reminder': {
    title: (f) => `${dayWord(f.startAt, f.remindedAt)}开会：${f.title}`,
    body: (f) =>
      `${kindLabel(f.kind)}，${dayWord(f.startAt, f.remindedAt)} ${formatTime(f.startAt)}（${formatDate(f.startAt)}），${f.place}；不能参加请提前请假`,
    query: meetingQuery,
    values: (f) => ({ title: f.title, startAt: f.startAt, place: f.place, tip: '不能参加请提前在小程序中请假' }),
  },
  'leave.requested': {
    title: (f) => `请假申请：${f.applicant}`,
    body: (f) => `${f.title}（${formatSpan(f.startAt, f.endAt)}），${LEAVE_CATEGORY_LABELS[f.category]}：${f.note}`,
    query: (f) => `meetingId=${f.meetingId}`,
    values: (f) => ({
      applicant: f.applicant,
      title: f.title,
      startAt: f.startAt,
      status: '待审批',
      remark: `${LEAVE_CATEGORY_LABELS[f.category]}：${f.note}`,
    }),
  },
  'leave.decided': {
    title: (f) => `${f.approved ? '请假已批准' : '请假未批准'}：${f.title}`,
    body: (f) => (f.approved ? '已准假，本次会议记为请假。' : `未批准${f.note ? `：${f.note}` : ''}。请按时参加会议。`),
    query: (f) => `meetingId=${f.meetingId}`,
    values: (f) => ({
      applicant: f.applicant,
      title: f.title,
      startAt: f.startAt,
      status: f.approved ? '已批准' : '未批准',
      remark: f.approved ? '本次会议记为请假' : f.note ? `${f.note}；请按时参加会议` : '请按时参加会议',
    }),
  },
  'minutes.overdue': {
    title: (f) => `会议记录未定稿：${f.title}`,
    body: (f) =>
      `${formatDate(f.endAt)} 的${kindLabel(f.kind)}已结束 ${minutesDueText(f.dueMs ?? DEFAULT_MINUTES_DUE_MS)}，出席登记和会议记录定稿后才计入完成情况，请尽快补齐`,
    query: meetingQuery,
    values: (f) => ({ title: f.title, date: f.startAt, status: '待定稿', tip: '请尽快确认考勤并定稿会议记录' }),
  },
  'minutes.final': {
    title: (f) => `会议记录已定稿：${f.title}`,
    body: (f) => `${kindLabel(f.kind)}的会议记录已定稿，请阅读后阅签。`,
    query: meetingQuery,
    values: (f) => ({ title: f.title, date: f.startAt, status: '已定稿', tip: '请阅读会议记录后阅签' }),
  },
  'quota.atRisk': {
    title: (f) => `${f.periodLabel}${f.kindLabel}${f.ownerName ? `（${f.ownerName}）` : ''}尚未完成`,
    body: (f) => f.reason,
    query: (f) => `branchId=${f.branchId}&month=${f.month}`,
    values: (f) => ({
      task: `${f.periodLabel}${f.ownerName ?? ''}${f.kindLabel}`,
      deadline: f.periodEnd - 1,
      tip: f.reason,
    }),
  },
  'supervision.escalation': {
    title: (f) => `督办提醒：${f.count} 项组织生活需关注`,
    body: (f) =>
      `${f.lines.join('\n')}${f.count > f.lines.length ? `\n另有 ${f.count - f.lines.length} 项，请在组织生活监督中查看。` : ''}`,
    query: (f) => `year=${f.date.slice(0, 4)}`,
    values: (f) => ({
      task: `${f.count}项组织生活督办`,
      deadline: fromBeijingDate(f.date),
      tip: f.lines[0] ?? '请在组织生活监督中查看',
    }),
  },
  'lapse.warning': {
    title: (f) =>
      `${f.threshold >= 6 ? '党章第九条提醒' : '组织生活提醒'}：${f.name}连续${f.months}个月未${LAPSE_CAUSE_LABELS[f.cause]}`,
    body: (f) => lapseReason(f.name, f.cause, f),
    query: (f) => `memberId=${f.memberId}`,
    values: (f) => ({
      task: `${f.name}连续${f.months}个月未${LAPSE_CAUSE_LABELS[f.cause]}`,
      deadline: fromBeijingDate(f.date),
      tip: f.threshold >= 6 ? '已满六个月，请核实原因、按规定处置' : '请及时谈心谈话、了解原因',
    }),
  },
  'member.probationDue': {
    title: (f) => (f.reminder === 'due_day' ? `预备期今天期满：${f.name}` : `预备期将满：${f.name}`),
    body: (f) =>
      `${f.name}的${f.extended ? '延长' : ''}预备期 ${f.dueOn} 期满。${
        f.reminder === 'due_day' ? '已到期，' : '还有一个月，'
      }请及时召开支部党员大会讨论其转正（党章第七条），并报上级党组织审批。`,
    query: (f) => `id=${f.memberId}`,
    values: (f) => ({
      task: `${f.name}预备期满，讨论转正`,
      deadline: fromBeijingDate(f.dueOn),
      tip: f.reminder === 'due_day' ? '今天期满，请召开支部党员大会讨论转正' : '一个月后期满，请准备支部党员大会',
    }),
  },
  'plan.published': {
    title: (f) => `${f.year}年组织生活计划已发布`,
    body: (f) =>
      `${f.branchName}安排了 ${f.total} 次会议，你应参加 ${f.mine} 次；第一次：${formatDate(f.firstStartAt)} ${f.firstTitle}`,
    query: (f) => `branchId=${f.branchId}&month=${formatDate(f.firstStartAt).slice(0, 7)}`,
    values: (f) => ({ plan: `${f.year}年组织生活计划`, count: f.mine, first: f.firstTitle, firstAt: f.firstStartAt }),
  },
  'mobile.checkinDue': {
    title: () => '流动党员报到提醒',
    body: (f) =>
      `${f.periodLabel}的报到（${CADENCE_LABELS[f.cadence]}）还没有完成，请在 ${formatDate(f.dueBy - 1)} 前报到。`,
    query: () => '',
    values: (f) => ({ task: `${f.periodLabel}的报到`, deadline: f.dueBy - 1, status: '请报到' }),
  },
  'mobile.contactState': {
    title: (f) => `流动党员${CONTACT_STATE_LABELS[f.state]}：${f.name}`,
    body: (f) => `${f.name}（${f.city}）已 ${f.days} 天没有联系，最近联系 ${formatDate(f.lastContactAt)}，请尽快联系。`,
    query: (f) => `id=${f.memberId}`,
    values: (f) => ({ name: f.name, state: CONTACT_PHRASES[f.state], detail: `${f.days}天未联系，在${f.city}` }),
  },
  'mobile.transferDue': {
    title: (f) => `建议转接组织关系：${f.name}`,
    body: (f) => `${f.name}自 ${f.since} 起在${f.city}已满六个月，请按规定办理组织关系转接。`,
    query: (f) => `id=${f.memberId}`,
    values: (f) => ({ name: f.name, state: '需转接', detail: `自${f.since}起在${f.city}满六个月` }),
  },
  'makeup.submitted': {
    title: (f) => `补学待确认：${f.memberName}`,
    body: (f) => `${f.memberName} 提交了「${f.meetingTitle}」的补学心得，请阅后确认。`,
    query: (f) => `meetingId=${f.meetingId}`,
    values: (f) => ({
      submitter: f.memberName,
      item: `补学：${f.meetingTitle}`,
      submittedAt: f.submittedAt,
      status: '待确认',
    }),
  },
  'makeup.accepted': {
    title: () => '补学已确认',
    body: (f) => `你对「${f.meetingTitle}」的补学已由${f.acceptedBy}确认。`,
    query: (f) => `meetingId=${f.meetingId}`,
    values: (f) => ({
      item: `补学：${f.meetingTitle}`,
      handler: f.acceptedBy,
      status: '已确认',
      remark: '补学心得已由支部确认',
    }),
  },
  'report.submitted': {
    title: (f) => `${REPORT_KIND_LABELS[f.kind]}待阅：${f.memberName}`,
    body: (f) => `${f.memberName} 提交了「${f.title}」，请阅知。`,
    query: (f) => `id=${f.memberId}`,
    values: (f) => ({
      submitter: f.memberName,
      item: `${REPORT_KIND_LABELS[f.kind]}：${f.title}`,
      submittedAt: f.submittedAt,
      status: '待阅',
    }),
  },
  'report.replied': {
    title: (f) => `支部回复了你的${REPORT_KIND_LABELS[f.kind]}`,
    body: (f) => `${f.repliedBy}：${f.reply}`,
    query: (f) => `id=${f.reportId}`,
    values: (f) => ({
      item: `${REPORT_KIND_LABELS[f.kind]}：${f.title}`,
      handler: f.repliedBy,
      status: '已回复',
      remark: f.reply,
    }),
  },
}

/** 今天 or 明天 (or the Beijing date) of `at`, seen from `from`. */
function dayWord(at: number, from: number): string {
  const days = beijing(at).startOf('day').diff(beijing(from).startOf('day'), 'day')
  return days === 0 ? '今天' : days === 1 ? '明天' : formatDate(at)
}

/** One notice, ready to keep and to send. */
export interface BuiltNotice {
  topic: SubscribeTopic
  template: TemplateKey
  /** The in-app 消息, whole. */
  title: string
  body: string
  /** Mini-program page without a leading slash, e.g. `packages/meeting/pages/detail/index?id=mtg_1`. */
  page: string
  /** Each keyword's value by field, already within WeChat's rule for its kind. */
  values: Record<string, string>
  /** The meeting it is about, if any (for counting who a meeting's notices did not reach). */
  meetingId: string | null
}

/** A raw keyword value as WeChat's rule for its kind wants it. */
function formatKeyword(decl: KeywordDecl, raw: unknown): string {
  const type: KeywordType = decl.type
  switch (type) {
    case 'thing':
    case 'short_thing':
      return fitText(type, String(raw))
    case 'name':
      return fitName(String(raw))
    case 'time':
      return formatKeywordTime(raw as number)
    case 'date':
      return formatKeywordDate(raw as number)
    case 'number':
      return formatKeywordNumber(raw as number)
    default:
      // phrase (a vocabulary word) and kinds no template uses yet: sent as given, checked by the notifier.
      return String(raw)
  }
}

/**
 * Builds the notice of `topic` from its fields. Pure: the same fields give the same notice. Every
 * keyword of the topic's template gets a value; see subscribe-keywords.ts for each kind's rule.
 */
export function buildNotice<T extends SubscribeTopic>(topic: T, fields: NoticeFields<T>): BuiltNotice {
  const decl = NOTICES[topic] as NoticeDecl<T>
  const template: TemplateKey = NOTICE_TOPICS[topic].template
  const raw = decl.values(fields) as Record<string, unknown>
  const keywords: readonly KeywordDecl[] = MESSAGE_TEMPLATES[template].keywords
  const query = decl.query(fields)
  const f = fields as { meetingId?: unknown }
  return {
    topic,
    template,
    title: decl.title(fields),
    body: decl.body(fields),
    page: `${pagePath(NOTICE_TOPICS[topic].opens)}${query ? `?${query}` : ''}`,
    values: Object.fromEntries(keywords.map((k) => [k.field, formatKeyword(k, raw[k.field])])),
    meetingId: typeof f.meetingId === 'string' ? f.meetingId : null,
  }
}

/**
 * What is wrong with a subscribe message's values for `template`, as English lines for logs and
 * tests; empty when WeChat will accept every keyword. Checks each keyword against its kind's rule
 * (subscribe-keywords.ts) and a `phrase` against its vocabulary; a missing keyword is a problem too.
 */
export function messageProblems(template: TemplateKey, values: Readonly<Record<string, string>>): string[] {
  const keywords: readonly KeywordDecl[] = MESSAGE_TEMPLATES[template].keywords
  return keywords.flatMap((k) => {
    const value = values[k.field]
    if (value === undefined) return [`${template}.${k.field}: missing`]
    const problem = keywordProblem(k.type, value)
    if (problem) return [`${template}.${k.field}: ${problem}`]
    if (k.vocabulary && !k.vocabulary.includes(value)) {
      return [`${template}.${k.field}: ${JSON.stringify(value)} is not one of ${k.vocabulary.join('/')}`]
    }
    return []
  })
}
