/**
 * Every action the server offers, declared once. The router validates and authorizes from these
 * declarations; the client's `call()` takes its types from them; docs/api.md is generated from them.
 */
import { z } from 'zod'
import { MEETING_KINDS } from '../meeting-kinds'
import { MEETING_ORGANIZER_ROLES, ROLES } from '../org'
import { defineAction, shape } from './define'
import { cursorField, dateField, idField, limitField, textField, timeField } from './fields'
import type {
  DemoAccount,
  HealthView,
  MeetingDetail,
  MeetingSummary,
  OrgRef,
  Page,
  ProfileView,
  SessionGrant,
  UnboundView,
} from './views'

const ANY_ROLE = ROLES

export const systemHealth = defineAction({
  name: 'system.health',
  summary: '检查服务与数据库是否可用',
  input: z.object({}).strict(),
  output: shape<HealthView>(),
  write: false,
  access: { kind: 'public' },
  errors: [],
})

export const sessionDevAccounts = defineAction({
  name: 'session.devAccounts',
  summary: '列出演示数据中的账号（仅本地开发环境）',
  input: z.object({}).strict(),
  output: shape<DemoAccount[]>(),
  write: false,
  access: { kind: 'public' },
  errors: ['NOT_AVAILABLE'],
  embeddedOnly: true,
})

export const sessionDevLogin = defineAction({
  name: 'session.devLogin',
  summary: '以演示账号登录，取得签名的会话令牌（仅本地开发环境，代替微信身份）',
  input: z.object({ memberId: idField('党员编号') }).strict(),
  output: shape<SessionGrant>(),
  write: false,
  access: { kind: 'public' },
  errors: ['NOT_AVAILABLE', 'NOT_FOUND'],
  embeddedOnly: true,
})

export const sessionWhoami = defineAction({
  name: 'session.whoami',
  summary: '我是谁：绑定的党员、所在组织与职务',
  input: z.object({}).strict(),
  output: shape<ProfileView | UnboundView>(),
  write: false,
  access: { kind: 'identified' },
  errors: [],
})

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
    pairIds: z.array(idField('谈话对象')).nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endTime <= v.startTime) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: '结束时间必须晚于开始时间' })
    }
    if (v.kind === 'group_meeting' && !v.groupId) {
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: '党小组会请选择召开会议的党小组' })
    }
    if (v.kind === 'heart_talk' && (v.pairIds?.length ?? 0) !== 2) {
      ctx.addIssue({ code: 'custom', path: ['pairIds'], message: '谈心谈话请选择两位谈话人' })
    }
  })

export const meetingSchedule = defineAction({
  name: 'meeting.schedule',
  summary: '安排一次会议（类型、主题、时间、地点、议程），参会人员按会议类型自动确定',
  input: scheduleInput,
  output: shape<MeetingDetail>(),
  write: true,
  access: {
    kind: 'member',
    roles: MEETING_ORGANIZER_ROLES,
    scope: 'branch',
    target: { from: 'input-org', field: 'branchId' },
  },
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
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
  input: listInput,
  output: shape<Page<MeetingSummary>>(),
  write: false,
  access: { kind: 'member', roles: ANY_ROLE, scope: 'self', target: { from: 'actor' } },
  errors: [],
})

export const meetingListBranch = defineAction({
  name: 'meeting.listBranch',
  summary: '支部的全部会议（本支部党员可看本支部，党委可看所辖支部）',
  input: listInput.extend({ branchId: idField('支部编号').optional() }).strict(),
  output: shape<Page<MeetingSummary>>(),
  write: false,
  access: {
    kind: 'member',
    roles: ANY_ROLE,
    scope: 'subtree',
    target: { from: 'input-org', field: 'branchId' },
  },
  errors: ['NOT_FOUND'],
})

export const meetingGet = defineAction({
  name: 'meeting.get',
  summary: '会议详情：时间、地点、议程与应参会人员',
  input: z.object({ meetingId: idField('会议编号') }).strict(),
  output: shape<MeetingDetail>(),
  write: false,
  access: {
    kind: 'member',
    roles: ANY_ROLE,
    scope: 'subtree',
    target: { from: 'record', field: 'meetingId', collection: 'meetings', orgField: 'branchId' },
  },
  errors: ['NOT_FOUND'],
})

export const orgListGroups = defineAction({
  name: 'org.listGroups',
  summary: '支部下设的党小组（安排党小组会时选择）',
  input: z.object({ branchId: idField('支部编号').optional() }).strict(),
  output: shape<OrgRef[]>(),
  write: false,
  access: {
    kind: 'member',
    roles: ANY_ROLE,
    scope: 'subtree',
    target: { from: 'input-org', field: 'branchId' },
  },
  errors: ['NOT_FOUND'],
})

export const ACTIONS = {
  [systemHealth.name]: systemHealth,
  [sessionDevAccounts.name]: sessionDevAccounts,
  [sessionDevLogin.name]: sessionDevLogin,
  [sessionWhoami.name]: sessionWhoami,
  [meetingSchedule.name]: meetingSchedule,
  [meetingListMine.name]: meetingListMine,
  [meetingListBranch.name]: meetingListBranch,
  [meetingGet.name]: meetingGet,
  [orgListGroups.name]: orgListGroups,
} as const

export type Actions = typeof ACTIONS
export type ActionName = keyof Actions
