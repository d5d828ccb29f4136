/**
 * Every action the server offers, declared once. The router validates and authorizes from these
 * declarations; the client's `call()` takes its types from them; docs/api.md is generated from them.
 */
import { z } from 'zod'
import { MEETING_KINDS } from '../meeting-kinds'
import {
  BRANCH_ROLES,
  COMMITTEE_ROLES,
  MEETING_ORGANIZER_ROLES,
  MEMBER_CATEGORIES,
  MEMBER_STATUSES,
  ROLES,
  ROSTER_EDITOR_ROLES,
} from '../org'
import { defineAction, onMeetingRecord, onMemberRecord, onOrgInput, shape } from './define'
import {
  checkMeetingSlot,
  cursorField,
  dateField,
  fileIdField,
  idField,
  limitField,
  textField,
  timeField,
} from './fields'
import { ATTENDANCE_ACTIONS } from './catalog-attendance'
import { MINUTES_ACTIONS } from './catalog-minutes'
import { MOBILE_ACTIONS } from './catalog-mobile'
import { PLANNING_ACTIONS } from './catalog-planning'
import type {
  BranchCompliance,
  CsvFile,
  DemoAccount,
  ImportPreview,
  ImportResult,
  InvitationPreview,
  InvitationView,
  MemberDetail,
  MemberRow,
  OrgNode,
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
  input: () => z.object({}).strict(),
  output: shape<HealthView>(),
  write: false,
  access: { kind: 'public' },
  errors: [],
})

export const sessionDevAccounts = defineAction({
  name: 'session.devAccounts',
  summary: '列出演示数据中的账号（仅本地开发环境）',
  input: () => z.object({}).strict(),
  output: shape<DemoAccount[]>(),
  write: false,
  access: { kind: 'public' },
  errors: ['NOT_AVAILABLE'],
  embeddedOnly: true,
})

export const sessionDevLogin = defineAction({
  name: 'session.devLogin',
  summary: '以演示账号登录，取得签名的会话令牌（仅本地开发环境，代替微信身份）',
  input: () => z.object({ memberId: idField('党员编号') }).strict(),
  output: shape<SessionGrant>(),
  write: false,
  access: { kind: 'public' },
  errors: ['NOT_AVAILABLE', 'NOT_FOUND'],
  embeddedOnly: true,
})

export const sessionWhoami = defineAction({
  name: 'session.whoami',
  summary: '我是谁：绑定的党员、所在组织与职务',
  input: () => z.object({}).strict(),
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

export const sessionDevNewUser = defineAction({
  name: 'session.devNewUser',
  summary: '以一个尚未绑定的新微信用户身份进入（仅本地开发环境，用于演示和测试绑定）',
  input: () => z.object({}).strict(),
  output: shape<SessionGrant>(),
  write: false,
  access: { kind: 'public' },
  errors: ['NOT_AVAILABLE'],
  embeddedOnly: true,
})

// ---- 支部成员 (issue 3) ----

const phoneField = z
  .string({ error: '请填写手机号' })
  .trim()
  .regex(/^1\d{10}$/, { error: '手机号应为 11 位数字，以 1 开头' })
const optionalDate = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 年-月-日，如 2020-07-01` })
    .nullish()

/** A member's fields as roster.create takes them; roster.update and the CSV import use the same schemas. */
export const memberFields = {
  name: textField('姓名', 20),
  gender: z.enum(['male', 'female'], { error: '请选择性别' }),
  phone: phoneField,
  category: z.enum(MEMBER_CATEGORIES, { error: '请选择党员类别：正式党员或预备党员' }),
  joinedAt: z
    .string({ error: '请填写入党时间' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '入党时间格式应为 年-月-日，如 2020-07-01' }),
  confirmedAt: optionalDate('转正时间'),
  roles: z
    .array(
      z.enum(BRANCH_ROLES, {
        error: '职务只能从 书记、副书记、组织委员、宣传委员、纪检委员、支部委员、党小组长、党员 中选择',
      }),
    )
    .max(8, { error: '职务最多 8 项' }),
  groupId: idField('党小组').nullish(),
  status: z.enum(MEMBER_STATUSES, { error: '请选择党员状态' }),
}

/** Rules across fields, shared by create, update and import. */
export function memberProblems(m: {
  category?: string
  joinedAt?: string
  confirmedAt?: string | null
}): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = []
  if (m.category === 'probationary' && m.confirmedAt) {
    out.push({ field: 'confirmedAt', message: '预备党员还没有转正时间，请清空转正时间或把类别改为正式党员' })
  }
  if (m.confirmedAt && m.joinedAt && m.confirmedAt < m.joinedAt) {
    out.push({ field: 'confirmedAt', message: '转正时间不能早于入党时间' })
  }
  return out
}

const withMemberRules = <T extends { category?: string; joinedAt?: string; confirmedAt?: string | null }>(
  v: T,
  ctx: z.core.$RefinementCtx<T>,
) => {
  for (const p of memberProblems(v)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message })
}

export const rosterList = defineAction({
  name: 'roster.list',
  summary: '支部成员名单：按姓名或手机号搜索，按类别、党小组、状态筛选（手机号仅支委和党委可见全号）',
  input: () =>
    z
      .object({
        branchId: idField('支部编号').optional(),
        search: z.string().trim().max(20, { error: '搜索内容不能超过 20 个字' }).optional(),
        category: z.enum(MEMBER_CATEGORIES, { error: '党员类别不对' }).optional(),
        groupId: idField('党小组').optional(),
        status: z.enum(MEMBER_STATUSES, { error: '党员状态不对' }).optional(),
        cursor: cursorField,
        limit: limitField,
      })
      .strict(),
  output: shape<Page<MemberRow>>(),
  write: false,
  access: onOrgInput(ANY_ROLE, 'subtree'),
  errors: ['NOT_FOUND'],
})

export const rosterGet = defineAction({
  name: 'roster.get',
  summary: '一位党员的详细信息；支委和党委还能看到状态、职务变动记录',
  input: () => z.object({ memberId: idField('党员编号') }).strict(),
  output: shape<MemberDetail>(),
  write: false,
  access: onMemberRecord(ANY_ROLE, 'subtree'),
  errors: ['NOT_FOUND'],
})

export const rosterCreate = defineAction({
  name: 'roster.create',
  summary: '在本支部新增一名党员',
  input: () =>
    z
      .object({ branchId: idField('支部编号').optional(), ...memberFields })
      .strict()
      .superRefine(withMemberRules),
  output: shape<MemberDetail>(),
  write: true,
  access: onOrgInput(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT'],
})

export const rosterUpdate = defineAction({
  name: 'roster.update',
  summary: '修改党员信息；状态、职务、类别、党小组的变动连同原因、修改人和时间一并记录',
  input: () =>
    z
      .object({
        memberId: idField('党员编号'),
        /** The version the editor saw; a newer one means someone else changed it meanwhile. */
        version: z.number({ error: '缺少记录版本，请刷新后再改' }).int().min(1),
        reason: z.string().trim().max(100, { error: '变动原因不能超过 100 个字' }).nullish(),
        ...z.object(memberFields).partial().shape,
      })
      .strict()
      .superRefine(withMemberRules),
  output: shape<MemberDetail>(),
  write: true,
  access: onMemberRecord(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const inviteCreate = defineAction({
  name: 'invite.create',
  summary: '为一名尚未绑定的党员生成绑定邀请：短码和二维码，7 天内有效，只能使用一次',
  input: () => z.object({ memberId: idField('党员编号') }).strict(),
  output: shape<InvitationView>(),
  write: true,
  access: onMemberRecord(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

const inviteCodeField = z
  .string({ error: '请填写邀请码' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{8}$/, { error: '邀请码是 8 位字母或数字，请核对后重新输入' })

export const invitePreview = defineAction({
  name: 'invite.preview',
  summary: '打开绑定页时查看邀请：哪个支部、邀请的是谁（姓名部分隐藏）',
  input: () => z.object({ code: inviteCodeField }).strict(),
  output: shape<InvitationPreview>(),
  write: false,
  access: { kind: 'identified' },
  errors: ['NOT_FOUND', 'CONFLICT'],
})

export const bindingBind = defineAction({
  name: 'binding.bind',
  summary: '用邀请码把当前微信绑定到党员身份：核对姓名和手机号后四位；一个微信只绑定一名党员',
  input: () =>
    z
      .object({
        code: inviteCodeField,
        name: textField('姓名', 20),
        phoneLast4: z
          .string({ error: '请填写手机号后四位' })
          .trim()
          .regex(/^\d{4}$/, { error: '手机号后四位应为 4 位数字' }),
      })
      .strict(),
  output: shape<ProfileView>(),
  write: true,
  access: { kind: 'identified' },
  errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'],
})

export const bindingUnbind = defineAction({
  name: 'binding.unbind',
  summary: '解除党员与微信的绑定（如更换手机或微信），须写明原因',
  input: () => z.object({ memberId: idField('党员编号'), reason: textField('解除原因', 100) }).strict(),
  output: shape<MemberDetail>(),
  write: true,
  access: onMemberRecord(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['NOT_FOUND', 'CONFLICT'],
})

/** The roster CSV, uploaded first under `rosterFileUpload` (src/domain/uploads.ts); its encoding is read on the server. */
const csvFileField = () => fileIdField('名单文件')

export const rosterImportPreview = defineAction({
  name: 'roster.importPreview',
  summary: '预览导入名单：逐行说明将新增、更新还是不变，以及每个有问题的行、列和改法；不写入任何数据',
  input: () => z.object({ branchId: idField('支部编号').optional(), fileId: csvFileField() }).strict(),
  output: shape<ImportPreview>(),
  write: false,
  access: onOrgInput(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED'],
})

export const rosterImportCommit = defineAction({
  name: 'roster.importCommit',
  summary: '确认导入名单：全部成功或全部不导入，绝不导入一半；有任何问题行时拒绝',
  input: () => z.object({ branchId: idField('支部编号').optional(), fileId: csvFileField() }).strict(),
  output: shape<ImportResult>(),
  write: true,
  access: onOrgInput(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT'],
})

export const rosterExport = defineAction({
  name: 'roster.export',
  summary: '导出支部名单为 CSV（含完整手机号，仅支委和党委可导出），可直接再导入',
  input: () => z.object({ branchId: idField('支部编号').optional() }).strict(),
  output: shape<CsvFile>(),
  write: false,
  access: onOrgInput([...COMMITTEE_ROLES, 'supervisor'], 'subtree'),
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
  [meetingEdit.name]: meetingEdit,
  [meetingReschedule.name]: meetingReschedule,
  [meetingCancel.name]: meetingCancel,
  [orgListGroups.name]: orgListGroups,
  [orgSubtree.name]: orgSubtree,
  [complianceSummary.name]: complianceSummary,
  [sessionDevNewUser.name]: sessionDevNewUser,
  [rosterList.name]: rosterList,
  [rosterGet.name]: rosterGet,
  [rosterCreate.name]: rosterCreate,
  [rosterUpdate.name]: rosterUpdate,
  [inviteCreate.name]: inviteCreate,
  [invitePreview.name]: invitePreview,
  [bindingBind.name]: bindingBind,
  [bindingUnbind.name]: bindingUnbind,
  [rosterImportPreview.name]: rosterImportPreview,
  [rosterImportCommit.name]: rosterImportCommit,
  [rosterExport.name]: rosterExport,
  ...PLANNING_ACTIONS,
  ...ATTENDANCE_ACTIONS,
  ...MINUTES_ACTIONS,
  ...MOBILE_ACTIONS,
} as const

export type Actions = typeof ACTIONS
export type ActionName = keyof Actions
