/**
 * Actions of issue 4 — 计划与提醒: rule overrides, the annual plan, the month calendar and the in-app
 * 消息 list. Declared with `defineAction` exactly like catalog.ts and merged into ACTIONS there;
 * views are in views-planning.ts.
 */
import { z } from 'zod'
import { dayRuleSchema } from '../annual-plan'
import { atRiskDaysSchema, minutesDueDaysSchema, ruleOverrideSchema } from '../kind-rules'
import { MEETING_KINDS } from '../meeting-kinds'
import { MEETING_ORGANIZER_ROLES, ROLES } from '../org'
import { catalogOf, defineAction, onMeetingRecord, onOrgInput, shape, targetIsBranch } from './define'
import { checkMeetingSlot, cursorField, dateField, idField, limitField, textField, timeField } from './fields'
import { REQUEST_LIMIT_BYTES, withinBytes } from './request-size'
import type {
  CalendarView,
  MarkReadResult,
  MessagePage,
  NotReachedView,
  NoPlanView,
  PlanView,
  PublishResult,
  RulesChangeResult,
  RulesView,
  UnreadCountView,
} from './views-planning'
import type { DocxFile } from './views-minutes'

/** Plans are made by 党支部. */
const PLAN_BY_BRANCH = targetIsBranch('年度计划按党支部制定，请先选择一个党支部。', '请选择党支部')

const ANY_ROLE = ROLES

export const rulesGet = defineAction({
  name: 'rules.get',
  summary: '组织生活规则：各类会议的周期和次数，以及每项规定来自国家规定还是哪一级党委',
  input: () => z.object({ orgId: idField('组织编号').optional() }).strict(),
  output: shape<RulesView>(),
  write: false,
  access: onOrgInput(ANY_ROLE, 'subtree', 'orgId'),
  errors: ['NOT_FOUND'],
})

export const rulesSetOverride = defineAction({
  name: 'rules.setOverride',
  summary:
    '党委为所辖支部设置会议频次（如党课每季度或每半年一次）；替换本级原有设置，周期改变时重新统计所辖支部的完成情况',
  input: () =>
    z
      .object({
        orgId: idField('组织编号'),
        overrides: z
          .array(ruleOverrideSchema.strict(), { error: '请填写要设置的规则' })
          .max(MEETING_KINDS.length, { error: '每类会议只能设置一条规则' })
          .superRefine((list, ctx) => {
            const seen = new Set<string>()
            list.forEach((o, i) => {
              if (seen.has(o.kind)) {
                ctx.addIssue({
                  code: 'custom',
                  path: [i, 'kind'],
                  message: '同一类会议只能设置一条规则，请合并后再保存',
                })
              }
              seen.add(o.kind)
            })
          }),
      })
      .strict(),
  output: shape<RulesChangeResult>(),
  write: true,
  access: onOrgInput(['supervisor'], 'subtree', 'orgId'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

export const rulesSetMinutesDue = defineAction({
  name: 'rules.setMinutesDue',
  summary:
    '党委为所辖支部设置会议记录期限（会后几天内登记出席并定稿）：超过期限首页和监督显示逾期，之后定稿的记录标为补录；填空则沿用上级设置',
  input: () => z.object({ orgId: idField('组织编号'), days: minutesDueDaysSchema }).strict(),
  output: shape<RulesView>(),
  write: true,
  access: onOrgInput(['supervisor'], 'subtree', 'orgId'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

export const rulesSetAtRiskDays = defineAction({
  name: 'rules.setAtRiskDays',
  summary:
    '党委为所辖支部设置"有风险"提醒的提前天数：每月、每季度、每半年、每年的周期结束前几天仍未安排够会议即提示有风险；不填的周期沿用上级或默认（7/15/15/30 天）',
  input: () => z.object({ orgId: idField('组织编号'), atRiskDays: atRiskDaysSchema }).strict(),
  output: shape<RulesView>(),
  write: true,
  access: onOrgInput(['supervisor'], 'subtree', 'orgId'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

/** The branch acted on; absent for the actor's own. */
const branchField = idField('支部编号').optional()

const yearField = z
  .number({ error: '请选择年份' })
  .int({ error: '年份应为整数，如 2027' })
  .min(2020, { error: '年份不能早于 2020 年' })
  .max(2100, { error: '年份不能晚于 2100 年' })

/** Which plan: a branch's year. */
const planKey = { branchId: branchField, year: yearField }

const planTimeField = z
  .object({ startTime: timeField('开始时间'), endTime: timeField('结束时间') })
  .strict()
  .refine((t) => t.endTime > t.startTime, { message: '结束时间必须晚于开始时间', path: ['endTime'] })

export const planGenerate = defineAction({
  name: 'plan.generate',
  summary: '按现行规则一键生成支部年度组织生活计划（草稿），避开法定节假日和调休；草稿可重新生成，已发布的计划不能',
  input: () =>
    z
      .object({
        ...planKey,
        themeDayRule: dayRuleSchema.strict().optional(),
        times: z.partialRecord(z.enum(MEETING_KINDS), planTimeField).optional(),
        place: textField('默认会议地点', 60).optional(),
      })
      .strict(),
  output: shape<PlanView>(),
  write: true,
  access: onOrgInput(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT'],
  preconditions: [PLAN_BY_BRANCH],
})

export const planGet = defineAction({
  name: 'plan.get',
  summary: '查看支部某一年的组织生活计划（草稿或已发布）',
  input: () => z.object(planKey).strict(),
  output: shape<PlanView | NoPlanView>(),
  write: false,
  access: onOrgInput(ANY_ROLE, 'subtree'),
  errors: ['VALIDATION_FAILED'],
  preconditions: [PLAN_BY_BRANCH],
})

/** The formats a published plan is exported in for the notice board. */
export const PLAN_EXPORT_FORMATS = ['xlsx', 'docx'] as const

export const planExport = defineAction({
  name: 'plan.export',
  summary:
    '导出已发布的年度组织生活计划（Excel .xlsx 或 Word .docx），供张贴和存档；按各次会议当前的时间、地点列出，改期和取消的注明',
  input: () =>
    z
      .object({
        ...planKey,
        format: z.enum(PLAN_EXPORT_FORMATS, { error: '请选择导出格式：Excel（xlsx）或 Word（docx）' }),
      })
      .strict(),
  output: shape<DocxFile>(),
  write: false,
  access: onOrgInput(ANY_ROLE, 'subtree'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'],
  preconditions: [PLAN_BY_BRANCH],
})

export const planItemInput = z
  .object({
    /** Absent for an item the secretary adds. */
    id: idField('计划项编号').optional(),
    kind: z.enum(MEETING_KINDS, { error: '请选择会议类型' }),
    date: dateField,
    startTime: timeField('开始时间'),
    endTime: timeField('结束时间'),
    title: textField('会议主题', 60),
    place: textField('会议地点', 60),
    groupId: idField('党小组').nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    checkMeetingSlot(v, ctx)
    if (v.kind === 'heart_talk') {
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message: '谈心谈话按两人安排，不列入年度计划，请在“安排会议”中单独安排',
      })
    }
  })

const versionField = z.number({ error: '缺少计划版本，请刷新后再改' }).int().min(1)

export const planUpdate = defineAction({
  name: 'plan.update',
  summary: '发布前调整计划：改日期、时间、主题、地点，删除或增加会议；每个日期都核对节假日并给出提醒',
  input: () =>
    // 200 items at their longest would weigh some 150 KB; real plans weigh a third of the cap.
    withinBytes(
      z
        .object({
          ...planKey,
          version: versionField,
          items: z
            .array(planItemInput, { error: '请填写计划中的会议' })
            .min(1, { error: '计划中至少要有一次会议' })
            .max(200, { error: '一年的计划最多 200 次会议' }),
        })
        .strict(),
      REQUEST_LIMIT_BYTES - 1_000,
      (chars) =>
        `计划内容太多，一次保存不下（会议主题、地点等合计最多约 ${chars} 个汉字）。请缩短较长的会议主题和地点，或删去不需要的会议后再保存；你的修改仍保留在本机。`,
    ),
  output: shape<PlanView>(),
  write: true,
  access: onOrgInput(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
  preconditions: [PLAN_BY_BRANCH],
})

export const planPublish = defineAction({
  name: 'plan.publish',
  summary: '发布年度计划：按计划安排全部会议（参会人员按会议类型确定）并通知支部党员；重复提交不会重复安排',
  input: () => z.object({ ...planKey, version: versionField }).strict(),
  output: shape<PublishResult>(),
  write: true,
  access: onOrgInput(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
  preconditions: [PLAN_BY_BRANCH],
})

export const meetingCalendar = defineAction({
  name: 'meeting.calendar',
  summary: '月历：每天的会议及其状态，本月与本季度各类会议的完成情况',
  input: () =>
    z
      .object({
        branchId: branchField,
        month: z
          .string({ error: '请选择月份' })
          .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 年-月，如 2026-12' }),
      })
      .strict(),
  output: shape<CalendarView>(),
  write: false,
  access: onOrgInput(ANY_ROLE, 'subtree'),
  errors: ['VALIDATION_FAILED'],
  preconditions: [targetIsBranch('月历按党支部查看，请先选择一个党支部。', '请选择党支部')],
})

const selfAccess = { kind: 'member', roles: ANY_ROLE, scope: 'self', target: { from: 'actor' } } as const

export const messageListMine = defineAction({
  name: 'message.listMine',
  summary: '我的消息：会议通知、提醒等，由新到旧，附未读条数',
  input: () => z.object({ cursor: cursorField, limit: limitField }).strict(),
  output: shape<MessagePage>(),
  write: false,
  access: selfAccess,
  errors: [],
})

export const messageUnreadCount = defineAction({
  name: 'message.unreadCount',
  summary: '我的未读消息条数（首页“消息”入口的角标）',
  input: () => z.object({}).strict(),
  output: shape<UnreadCountView>(),
  write: false,
  access: selfAccess,
  errors: [],
})

export const messageMarkRead = defineAction({
  name: 'message.markRead',
  summary: '把消息标为已读：指定的几条，或全部',
  input: () =>
    z
      .object({
        ids: z
          .array(z.string().min(1).max(200), { error: '请选择要标为已读的消息' })
          .max(100, { error: '一次最多标记 100 条' })
          .optional(),
        all: z.literal(true).optional(),
      })
      .strict()
      .refine((v) => v.all === true || (v.ids?.length ?? 0) > 0, { message: '请选择要标为已读的消息，或选择全部已读' }),
  output: shape<MarkReadResult>(),
  write: true,
  access: selfAccess,
  errors: ['VALIDATION_FAILED'],
})

export const messageNotReachedForMeeting = defineAction({
  name: 'message.notReachedForMeeting',
  summary: '会议的通知和提醒没有通过微信送达的人员及原因（消息仍在其“消息”中），供书记当面或电话告知',
  input: () => z.object({ meetingId: idField('会议编号') }).strict(),
  output: shape<NotReachedView>(),
  write: false,
  access: onMeetingRecord(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['NOT_FOUND'],
})

export const messageNotReachedInBranch = defineAction({
  name: 'message.notReachedInBranch',
  summary: '近 30 天支部发出的通知和提醒（含每日提醒）中，没有通过微信送达的人员及原因',
  input: () => z.object({ branchId: branchField }).strict(),
  output: shape<NotReachedView>(),
  write: false,
  access: onOrgInput(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: [],
})

export const PLANNING_ACTIONS = catalogOf(
  rulesGet,
  rulesSetOverride,
  rulesSetMinutesDue,
  rulesSetAtRiskDays,
  planGenerate,
  planGet,
  planUpdate,
  planPublish,
  planExport,
  meetingCalendar,
  messageListMine,
  messageUnreadCount,
  messageMarkRead,
  messageNotReachedForMeeting,
  messageNotReachedInBranch,
)
