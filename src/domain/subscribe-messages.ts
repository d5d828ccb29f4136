/**
 * The subscribe-message contract (订阅消息), declared once and read by the server (which template and
 * keywords each notice is sent with), the client (which templates to ask consent for, at which tap),
 * docs/deploy.md (what to create in 微信公众平台) and the tests.
 *
 * - A **template** is what is created in 微信公众平台 › 订阅消息 and what a person agrees to: its
 *   keywords, each with WeChat's keyword kind (rules in subscribe-keywords.ts).
 * - A **topic** is one kind of notice the server sends (`meeting.scheduled`, `leave.decided`, …): the
 *   template it is sent with, who receives it and the page it opens. Several topics may share a
 *   template (会议通知 says 已安排, 有调整, 已改期, 已取消 or 请列席 in its status keyword), so one consent
 *   covers them. How each topic's values are made from its fields is in notices.ts.
 * - A **consent tap** is a tap where the app asks for templates (`wx.requestSubscribeMessage` works only
 *   in a tap's handler and shows at most 3 templates), with the recipients who make that tap.
 *
 * Only data and types here, no imports at run time: the client bundles this file.
 */
import type { KeywordType } from './subscribe-keywords'
import type { PageName } from './pages'

export interface KeywordDecl {
  /** The value's name in notices.ts; the SUBSCRIBE_TEMPLATES `fields` map WeChat's keyword ids to it. */
  field: string
  /** The keyword's name to choose in 微信公众平台 (e.g. 会议名称). */
  label: string
  type: KeywordType
  /** For a `phrase`: every value it may take (each at most 5 Han characters). */
  vocabulary?: readonly string[]
}

export interface TemplateDecl {
  /** The template's title to choose in 微信公众平台 (e.g. 会议通知). */
  title: string
  /** In this order; without a `fields` map their WeChat ids are `<type><position>` (thing1, time2, …). */
  keywords: readonly KeywordDecl[]
}

/** Every template the app sends, by the key SUBSCRIBE_TEMPLATES and SUBSCRIBE_TEMPLATE_IDS use. */
export const MESSAGE_TEMPLATES = {
  'meeting.notice': {
    title: '会议通知',
    keywords: [
      { field: 'title', label: '会议名称', type: 'thing' },
      { field: 'startAt', label: '会议时间', type: 'time' },
      { field: 'place', label: '会议地点', type: 'thing' },
      {
        field: 'status',
        label: '会议状态',
        type: 'phrase',
        vocabulary: ['已安排', '有调整', '已改期', '已取消', '请列席'],
      },
    ],
  },
  'meeting.reminder': {
    title: '会议提醒',
    keywords: [
      { field: 'title', label: '会议名称', type: 'thing' },
      { field: 'startAt', label: '开始时间', type: 'time' },
      { field: 'place', label: '会议地点', type: 'thing' },
      { field: 'tip', label: '温馨提示', type: 'thing' },
    ],
  },
  'leave.notice': {
    title: '请假审批通知',
    keywords: [
      { field: 'applicant', label: '申请人', type: 'name' },
      { field: 'title', label: '会议名称', type: 'thing' },
      { field: 'startAt', label: '会议时间', type: 'time' },
      { field: 'status', label: '审批状态', type: 'phrase', vocabulary: ['待审批', '已批准', '未批准'] },
      { field: 'remark', label: '备注', type: 'thing' },
    ],
  },
  'minutes.notice': {
    title: '会议记录提醒',
    keywords: [
      { field: 'title', label: '会议名称', type: 'thing' },
      { field: 'date', label: '会议日期', type: 'date' },
      { field: 'status', label: '记录状态', type: 'phrase', vocabulary: ['待定稿', '已定稿'] },
      { field: 'tip', label: '温馨提示', type: 'thing' },
    ],
  },
  'quota.atRisk': {
    title: '工作到期提醒',
    keywords: [
      { field: 'task', label: '工作事项', type: 'thing' },
      { field: 'deadline', label: '截止日期', type: 'date' },
      { field: 'tip', label: '提醒内容', type: 'thing' },
    ],
  },
  'plan.published': {
    title: '计划发布通知',
    keywords: [
      { field: 'plan', label: '计划名称', type: 'thing' },
      { field: 'count', label: '应参加次数', type: 'number' },
      { field: 'first', label: '首次会议', type: 'thing' },
      { field: 'firstAt', label: '首次时间', type: 'time' },
    ],
  },
  'mobile.checkinDue': {
    title: '报到提醒',
    keywords: [
      { field: 'task', label: '报到事项', type: 'thing' },
      { field: 'deadline', label: '截止日期', type: 'date' },
      { field: 'status', label: '状态', type: 'phrase', vocabulary: ['请报到'] },
    ],
  },
  'mobile.alert': {
    title: '流动党员提醒',
    keywords: [
      { field: 'name', label: '党员姓名', type: 'name' },
      { field: 'state', label: '情况', type: 'phrase', vocabulary: ['需联系', '预警', '失联风险', '需转接'] },
      { field: 'detail', label: '说明', type: 'thing' },
    ],
  },
  'review.pending': {
    title: '待办审阅提醒',
    keywords: [
      { field: 'submitter', label: '提交人', type: 'name' },
      { field: 'item', label: '事项', type: 'thing' },
      { field: 'submittedAt', label: '提交时间', type: 'time' },
      { field: 'status', label: '状态', type: 'phrase', vocabulary: ['待确认', '待阅'] },
    ],
  },
  'review.done': {
    title: '处理结果通知',
    keywords: [
      { field: 'item', label: '事项', type: 'thing' },
      { field: 'handler', label: '处理人', type: 'name' },
      { field: 'status', label: '结果', type: 'phrase', vocabulary: ['已确认', '已回复'] },
      { field: 'remark', label: '说明', type: 'thing' },
    ],
  },
} as const satisfies Record<string, TemplateDecl>

export type TemplateKey = keyof typeof MESSAGE_TEMPLATES
export const TEMPLATE_KEYS = Object.keys(MESSAGE_TEMPLATES) as TemplateKey[]

/**
 * Who receives notices, as the tests enumerate them. A person may be several: a 书记 is also an
 * organizer and a member; a 流动党员 is also a member.
 */
export const RECIPIENTS = {
  member: '党员：参会人员、请假人、补学和汇报的提交人、被邀请列席的人（流动党员也是党员）',
  mobile: '流动党员',
  organizer: '支部书记、副书记、组织委员',
  secretary: '支部书记；支部没有书记时为副书记和组织委员',
  supervisor: '党委组织员（党委的督办提醒）',
} as const
export type Recipient = keyof typeof RECIPIENTS

export interface TopicDecl {
  template: TemplateKey
  /** Who the server sends it to. */
  to: readonly Recipient[]
  /** The page it opens (a page of src/domain/pages.ts; its query is made in notices.ts). */
  opens: PageName
  /** For people: when it is sent. */
  when: string
}

/** Every notice the server sends. `template:` in src/cloud is always one of these keys. */
export const NOTICE_TOPICS = {
  'meeting.scheduled': {
    template: 'meeting.notice',
    to: ['member'],
    opens: 'meetingDetail',
    when: '安排会议后',
  },
  'meeting.edited': {
    template: 'meeting.notice',
    to: ['member'],
    opens: 'meetingDetail',
    when: '会议主题、地点或议程调整后',
  },
  'meeting.rescheduled': { template: 'meeting.notice', to: ['member'], opens: 'meetingDetail', when: '会议改期后' },
  'meeting.cancelled': { template: 'meeting.notice', to: ['member'], opens: 'meetingDetail', when: '会议取消后' },
  'meeting.guest': { template: 'meeting.notice', to: ['member'], opens: 'signIn', when: '被邀请列席会议时' },
  'meeting.reminder': {
    template: 'meeting.reminder',
    to: ['member'],
    opens: 'meetingDetail',
    when: '会前 24 小时内（每日定时）',
  },
  'leave.requested': { template: 'leave.notice', to: ['organizer'], opens: 'attendanceBoard', when: '党员提交请假后' },
  'leave.decided': { template: 'leave.notice', to: ['member'], opens: 'leave', when: '请假被批准或未批准时' },
  'minutes.overdue': {
    template: 'minutes.notice',
    to: ['secretary'],
    opens: 'meetingDetail',
    when: '会后 3 天记录仍未定稿（每日定时）',
  },
  'minutes.final': {
    template: 'minutes.notice',
    to: ['member'],
    opens: 'minutesView',
    when: '会议记录定稿后（请阅签）',
  },
  'quota.atRisk': {
    template: 'quota.atRisk',
    to: ['organizer'],
    opens: 'calendar',
    when: '周期将结束仍未完成（每日定时）',
  },
  'supervision.escalation': {
    template: 'quota.atRisk',
    to: ['supervisor'],
    opens: 'supervision',
    when: '所辖支部久未开展组织生活或有逾期事项（每日定时，每个事由只报告一次）',
  },
  'lapse.warning': {
    template: 'quota.atRisk',
    to: ['secretary', 'supervisor'],
    opens: 'orgLife',
    when: '党员连续 3 个月、6 个月未参加组织生活或未交纳党费（每日定时，每人每个阶段只提醒一次；满 6 个月时也告知党委）',
  },
  'member.probationDue': {
    template: 'quota.atRisk',
    to: ['secretary'],
    opens: 'memberDetail',
    when: '预备党员预备期满前一个月和期满当天（每日定时）',
  },
  'plan.published': { template: 'plan.published', to: ['member'], opens: 'calendar', when: '年度计划发布后' },
  'mobile.checkinDue': {
    template: 'mobile.checkinDue',
    to: ['mobile'],
    opens: 'mobileCheckin',
    when: '报到周期最后一周仍未报到（每日定时）',
  },
  'mobile.contactState': {
    template: 'mobile.alert',
    to: ['secretary'],
    opens: 'mobileMember',
    when: '流动党员久未联系（每日定时）',
  },
  'mobile.transferDue': {
    template: 'mobile.alert',
    to: ['secretary'],
    opens: 'mobileMember',
    when: '流动党员外出满六个月（每日定时）',
  },
  'makeup.submitted': { template: 'review.pending', to: ['organizer'], opens: 'makeup', when: '党员提交补学心得后' },
  'report.submitted': { template: 'review.pending', to: ['organizer'], opens: 'mobileMember', when: '党员提交汇报后' },
  'makeup.accepted': { template: 'review.done', to: ['member'], opens: 'makeup', when: '补学被确认后' },
  'report.replied': { template: 'review.done', to: ['member'], opens: 'mobileReport', when: '支部回复汇报后' },
} as const satisfies Record<string, TopicDecl>

export type SubscribeTopic = keyof typeof NOTICE_TOPICS
export const SUBSCRIBE_TOPICS = Object.keys(NOTICE_TOPICS) as SubscribeTopic[]

/** WeChat shows at most three templates in one `requestSubscribeMessage`. */
export const MAX_TEMPLATES_PER_REQUEST = 3

export interface ConsentTapDecl {
  /** Which templates are asked for, at most MAX_TEMPLATES_PER_REQUEST. */
  templates: readonly TemplateKey[]
  /** Who makes this tap. */
  by: readonly Recipient[]
  /** Where the tap is, for people (and docs/deploy.md). */
  where: string
}

/**
 * Where consent is asked, each before the notices it covers are needed. Every tap id is wired in a
 * page through `requestSubscribe(tapId)` (src/services/subscribe.ts).
 */
export const CONSENT_TAPS = {
  'meeting.open': {
    templates: ['meeting.reminder', 'meeting.notice', 'leave.notice'],
    by: ['member'],
    where: '会议列表中点开一个尚未开始的会议',
  },
  'meeting.signIn': {
    templates: ['meeting.reminder', 'meeting.notice', 'minutes.notice'],
    by: ['member'],
    where: '会议详情 › 签到',
  },
  'meeting.leave': {
    templates: ['leave.notice', 'meeting.notice', 'meeting.reminder'],
    by: ['member'],
    where: '会议详情 › 请假',
  },
  'meeting.makeup': {
    templates: ['review.done', 'minutes.notice', 'plan.published'],
    by: ['member'],
    where: '会议详情 › 补学',
  },
  'message.open': {
    templates: ['plan.published', 'meeting.notice', 'review.done'],
    by: ['member'],
    where: '消息 › 点开一条消息',
  },
  'mobile.checkIn': {
    templates: ['mobile.checkinDue', 'review.done', 'meeting.reminder'],
    by: ['mobile'],
    where: '流动党员 › 报到 › 提交',
  },
  'meeting.schedule': {
    templates: ['leave.notice', 'quota.atRisk', 'minutes.notice'],
    by: ['organizer', 'secretary'],
    where: '安排会议 › 提交',
  },
  'attendance.board': {
    templates: ['leave.notice', 'review.pending', 'minutes.notice'],
    by: ['organizer', 'secretary'],
    where: '会议详情 › 考勤与请假',
  },
  'leave.decide': {
    templates: ['leave.notice', 'review.pending', 'quota.atRisk'],
    by: ['organizer', 'secretary'],
    where: '考勤 › 准假 / 不准假',
  },
  'supervision.open': {
    templates: ['quota.atRisk', 'minutes.notice', 'review.pending'],
    by: ['supervisor'],
    where: '组织生活监督 › 点开一个支部',
  },
  'mobile.member': {
    templates: ['mobile.alert', 'review.pending', 'minutes.notice'],
    by: ['organizer', 'secretary'],
    where: '流动党员名单 › 点开一位党员',
  },
} as const satisfies Record<string, ConsentTapDecl>

export type ConsentTap = keyof typeof CONSENT_TAPS
