/** Meetings (schedule, list, read, change), the org tree and the compliance summary. */
import { z } from 'zod'
import { MEETING_KINDS } from '../meeting-kinds'
import { MEETING_ORGANIZER_ROLES, ROLES } from '../org'
import { catalogOf, defineAction, onMeetingRecord, onOrgInput, shape, targetIsBranch } from './define'
import { checkMeetingSlot, cursorField, dateField, idField, limitField, textField, timeField } from './fields'
import type { BranchCompliance, MeetingDetail, MeetingSummary, OrgNode, OrgRef, Page } from './views'

const ANY_ROLE = ROLES

const scheduleInput = z
  .object({
    branchId: idField('支部编号').optional(),
    kind: z.enum(MEETING_KINDS, { error: '请选择会议类型' }),
    title: textField('会议主题', 60),
    date: dateField,
    startTime: timeField('开始时间'),
    endTime: timeField('结束时间'),
    place: textField('会议地点', 60),
    agenda: z
      .array(textField('议程内容', 200), { error: '请填写会议议程' })
      .min(1, { error: '请至少填写一项议程' })
      .max(20, { error: '议程最多 20 项' }),
    groupId: idField('党小组').nullish(),
    pairIds: z.array(idField('谈话对象')).max(2, { error: '谈心谈话请选择两位谈话人' }).nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    checkMeetingSlot(v, ctx)
    if (v.kind === 'heart_talk' && (v.pairIds?.length ?? 0) !== 2) {
      ctx.addIssue({ code: 'custom', path: ['pairIds'], message: '谈心谈话请选择两位谈话人' })
    }
  })

export const meetingSchedule = defineAction({
  name: 'meeting.schedule',
  summary: '安排一次会议（类型、主题、时间、地点、议程），参会人员按会议类型自动确定',
  input: () => scheduleInput,
  output: shape<MeetingDetail>(),
  write: true,
  access: onOrgInput(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  preconditions: [targetIsBranch('会议只能由党支部安排。请修改后再提交。', '会议只能由党支部安排')],
})

const listInput = z
  .object({
    when: z.enum(['upcoming', 'past'], { error: '请选择“待召开”或“已结束”' }),
    cursor: cursorField,
    limit: limitField,
  })
  .strict()

export const meetingListMine = defineAction({
  name: 'meeting.listMine',
  summary: '我的会议：我应参加的会议，待召开的按时间先后，已结束的由近及远',
  input: () => listInput,
  output: shape<Page<MeetingSummary>>(),
  write: false,
  access: { kind: 'member', roles: ANY_ROLE, scope: 'self', target: { from: 'actor' } },
  errors: [],
})

export const meetingListBranch = defineAction({
  name: 'meeting.listBranch',
  summary: '支部的全部会议（本支部党员可看本支部，党委可看所辖支部）',
  input: () => listInput.extend({ branchId: idField('支部编号').optional() }).strict(),
  output: shape<Page<MeetingSummary>>(),
  write: false,
  access: onOrgInput(ANY_ROLE, 'subtree'),
  errors: ['NOT_FOUND'],
})

export const meetingGet = defineAction({
  name: 'meeting.get',
  summary: '会议详情：时间、地点、议程与应参会人员',
  input: () => z.object({ meetingId: idField('会议编号') }).strict(),
  output: shape<MeetingDetail>(),
  write: false,
  access: onMeetingRecord(ANY_ROLE, 'subtree'),
  errors: ['NOT_FOUND'],
})

const versionField = z.number({ error: '缺少记录版本，请刷新后再改' }).int().min(1)
const reasonField = (label: string) => textField(label, 100)

export const meetingEdit = defineAction({
  name: 'meeting.edit',
  summary: '修改尚未开始的会议的主题、地点和议程；修改记入会议的变更记录并通知参会人员',
  input: () =>
    z
      .object({
        meetingId: idField('会议编号'),
        version: versionField,
        title: textField('会议主题', 60),
        place: textField('会议地点', 60),
        agenda: z
          .array(textField('议程内容', 200), { error: '请填写会议议程' })
          .min(1, { error: '请至少填写一项议程' })
          .max(20, { error: '议程最多 20 项' }),
        reason: z.string().trim().max(100, { error: '修改原因不能超过 100 个字' }).nullish(),
      })
      .strict(),
  output: shape<MeetingDetail>(),
  write: true,
  access: onMeetingRecord(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const meetingReschedule = defineAction({
  name: 'meeting.reschedule',
  summary: '会议改期（须写明原因）：只能改到将来的时间，且会议尚未开始；通知全体参会人员',
  input: () =>
    z
      .object({
        meetingId: idField('会议编号'),
        version: versionField,
        date: dateField,
        startTime: timeField('开始时间'),
        endTime: timeField('结束时间'),
        reason: reasonField('改期原因'),
      })
      .strict()
      .superRefine((v, ctx) => {
        if (v.endTime <= v.startTime) {
          ctx.addIssue({ code: 'custom', path: ['endTime'], message: '结束时间必须晚于开始时间' })
        }
      }),
  output: shape<MeetingDetail>(),
  write: true,
  access: onMeetingRecord(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const meetingCancel = defineAction({
  name: 'meeting.cancel',
  summary: '取消尚未结束的会议（须写明原因）；取消的会议保留在记录中并通知参会人员',
  input: () =>
    z.object({ meetingId: idField('会议编号'), version: versionField, reason: reasonField('取消原因') }).strict(),
  output: shape<MeetingDetail>(),
  write: true,
  access: onMeetingRecord(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const orgListGroups = defineAction({
  name: 'org.listGroups',
  summary: '支部下设的党小组（安排党小组会时选择）',
  input: () => z.object({ branchId: idField('支部编号').optional() }).strict(),
  output: shape<OrgRef[]>(),
  write: false,
  access: onOrgInput(ANY_ROLE, 'subtree'),
  errors: ['NOT_FOUND'],
})

export const orgSubtree = defineAction({
  name: 'org.subtree',
  summary: '组织架构：所在组织及其下级（党委看到所辖全部党总支、支部和党小组，支部看到本支部及党小组）',
  input: () => z.object({ orgId: idField('组织编号').optional() }).strict(),
  output: shape<OrgNode[]>(),
  write: false,
  access: onOrgInput(ANY_ROLE, 'subtree', 'orgId'),
  errors: ['NOT_FOUND'],
})

export const complianceSummary = defineAction({
  name: 'compliance.summary',
  summary:
    '组织生活完成情况：所辖每个支部（党小组会按党小组）各类会议在当前周期的状态——已完成、进行中、待召开、逾期、未完成；按支部分页',
  input: () =>
    z
      .object({
        orgId: idField('组织编号').optional(),
        /** A Beijing date inside the periods to show; today when absent. */
        date: dateField.optional(),
        cursor: cursorField,
        limit: limitField,
      })
      .strict(),
  output: shape<Page<BranchCompliance>>(),
  write: false,
  access: onOrgInput(ANY_ROLE, 'subtree', 'orgId'),
  errors: ['NOT_FOUND'],
})

export const MEETING_ACTIONS = catalogOf(
  meetingSchedule,
  meetingListMine,
  meetingListBranch,
  meetingGet,
  meetingEdit,
  meetingReschedule,
  meetingCancel,
  orgListGroups,
  orgSubtree,
  complianceSummary,
)
