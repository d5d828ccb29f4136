/**
 * Actions of issue 7 — 流动党员: registry, check-ins, reports, 补学. Declared with `defineAction` exactly like catalog.ts and
 * merged into ACTIONS there; views go in views-mobile.ts.
 */
import { z } from 'zod'
import {
  CHECKIN_CADENCES,
  LOST_CONTACT_MONTHS,
  LOST_RISK_MONTHS_RANGE,
  MOBILE_REASONS,
  REPORT_KINDS,
  SEARCH_METHODS,
  thresholdProblems,
} from '../mobile'
import { COMMITTEE_ROLES, MEETING_ORGANIZER_ROLES, ROLES, ROSTER_EDITOR_ROLES, type Role } from '../org'
import { catalogOf, defineAction, onMeetingRecord, onMemberRecord, onOrgInput, shape, targetIsBranch } from './define'
import { fileIdField, idField, textField } from './fields'
import type {
  CheckinView,
  MakeupPageView,
  MakeupView,
  MobileBranchView,
  MobileHomeView,
  MobileMemberView,
  MobileProfileView,
  MobileRulesView,
  ReportView,
  SearchRecordView,
  StopProposalPage,
  StopProposalView,
} from './views-mobile'

const SELF = { kind: 'member', roles: ROLES, scope: 'self', target: { from: 'actor' } } as const
const COMMITTEE_OR_SUPERVISOR: readonly Role[] = [...COMMITTEE_ROLES, 'supervisor']

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .default('')
const dateText = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 年-月-日，如 2026-05-01` })

/** The fields of the registry a roster editor keeps. Shared with the profile form. */
export const mobileProfileFields = {
  since: dateText('外出时间'),
  city: textField('外出所在地（城市）', 30),
  reason: z.enum(MOBILE_REASONS, { error: '请选择外出原因：务工、经商、求学或其他' }),
  contact: textField('联系方式', 40),
  certificateNo: optionalText('流动党员活动证号', 30),
  hostBranch: optionalText('流入地党组织', 60),
  expectedReturn: dateText('预计返回时间').nullish(),
}

/** A check-in as the device makes it; also what the outbox keeps while offline. */
export const checkinInput = z
  .object({
    /** Made by the device, so a replay from the outbox lands on the same record. */
    id: idField('报到编号'),
    city: textField('所在城市', 30),
    note: textField('近期学习和工作情况', 300),
    deviceTime: z.number({ error: '缺少报到时间，请重新报到' }).int().min(0, { error: '报到时间不对，请重新报到' }),
    /**
     * An optional photo (JPEG or PNG, up to 1 MB), uploaded first under `checkinPhotoUpload(id)`
     * (src/domain/uploads.ts): the file id storage gave it.
     */
    photoFileId: fileIdField('报到照片').nullish(),
  })
  .strict()

export const reportInput = z
  .object({
    id: idField('汇报编号'),
    year: z
      .number({ error: '请选择汇报年度' })
      .int()
      .min(2000, { error: '汇报年度不对' })
      .max(2100, { error: '汇报年度不对' }),
    kind: z.enum(REPORT_KINDS, { error: '请选择汇报类型：思想汇报、工作汇报或其他汇报' }),
    title: textField('汇报标题', 40),
    body: textField('汇报内容', 5000),
  })
  .strict()

export const makeupNoteField = textField('补学心得', 2000).refine((s) => s.length >= 10, {
  error: '补学心得请至少写 10 个字：学了哪些内容、有什么体会',
})

export const mobileGetMine = defineAction({
  name: 'mobile.getMine',
  summary: '我的流动党员页：下次报到截止日期、报到记录、我的汇报、本年度思想汇报完成情况、缺席待补学的会议',
  input: () => z.object({}).strict(),
  output: shape<MobileHomeView>(),
  write: false,
  access: SELF,
  errors: [],
})

export const mobileCheckIn = defineAction({
  name: 'mobile.checkIn',
  summary: '流动党员报到：所在城市、近期学习工作情况，可附照片；可离线填写稍后同步，同一报到编号只记一次',
  input: () => checkinInput,
  output: shape<CheckinView>(),
  write: true,
  access: SELF,
  errors: ['VALIDATION_FAILED', 'CONFLICT'],
})

export const mobileReportSubmit = defineAction({
  name: 'mobile.reportSubmit',
  summary: '提交思想汇报或支部要求的其他汇报；同一汇报编号只记一次',
  input: () => reportInput,
  output: shape<ReportView>(),
  write: true,
  access: SELF,
  errors: ['VALIDATION_FAILED', 'CONFLICT'],
})

export const mobileReportGet = defineAction({
  name: 'mobile.reportGet',
  summary: '查看我提交的一份汇报及支部的回复',
  input: () => z.object({ reportId: idField('汇报编号') }).strict(),
  output: shape<ReportView>(),
  write: false,
  access: SELF,
  errors: ['NOT_FOUND'],
})

export const mobileListBranch = defineAction({
  name: 'mobile.listBranch',
  summary:
    '支部流动党员名单：按失联风险排序，显示最近联系时间、联系状态（正常、需联系、预警、失联风险）和是否需转接组织关系',
  input: () => z.object({ branchId: idField('支部编号').optional() }).strict(),
  output: shape<MobileBranchView>(),
  write: false,
  access: onOrgInput(COMMITTEE_OR_SUPERVISOR, 'subtree'),
  errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  preconditions: [
    targetIsBranch(
      '流动党员名单按党支部查看，请选择一个党支部。请修改后再提交。',
      '流动党员名单按党支部查看，请选择一个党支部',
    ),
  ],
})

export const mobileGet = defineAction({
  name: 'mobile.get',
  summary: '一位流动党员的登记信息，以及报到、汇报、补学、联系记录的时间线（支委和党委）',
  input: () => z.object({ memberId: idField('党员编号') }).strict(),
  output: shape<MobileMemberView>(),
  write: false,
  access: onMemberRecord(COMMITTEE_OR_SUPERVISOR, 'subtree'),
  errors: ['NOT_FOUND'],
})

export const mobileUpdateProfile = defineAction({
  name: 'mobile.updateProfile',
  summary: '登记或修改流动党员信息：外出时间、所在地、原因、联系方式、活动证号、流入地党组织、预计返回时间',
  input: () =>
    z
      .object({
        memberId: idField('党员编号'),
        /** The version the editor saw; null when registering for the first time. */
        version: z.number({ error: '缺少记录版本，请刷新后再改' }).int().min(1).nullable(),
        ...mobileProfileFields,
      })
      .strict(),
  output: shape<MobileProfileView>(),
  write: true,
  access: onMemberRecord(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const mobileRecordContact = defineAction({
  name: 'mobile.recordContact',
  summary: '记录支部与流动党员的一次联系（电话、视频、走访等），更新最近联系时间',
  input: () => z.object({ memberId: idField('党员编号'), note: textField('联系情况', 200) }).strict(),
  output: shape<MobileProfileView>(),
  write: true,
  access: onMemberRecord(COMMITTEE_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

export const mobileReportMarkRead = defineAction({
  name: 'mobile.reportMarkRead',
  summary: '支委阅知一份汇报，可附回复；回复通知汇报人',
  input: () =>
    z
      .object({
        reportId: idField('汇报编号'),
        reply: z.string().trim().max(500, { error: '回复不能超过 500 个字' }).nullish(),
      })
      .strict(),
  output: shape<ReportView>(),
  write: true,
  access: {
    kind: 'member',
    roles: COMMITTEE_ROLES,
    scope: 'branch',
    target: { from: 'record', field: 'reportId', collection: 'reports', orgField: 'branchId' },
  },
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

export const mobileRules = defineAction({
  name: 'mobile.rules',
  summary: `流动党员规则：报到周期（支部设定，默认每年一次）和联系状态的期限（党委设定，默认 30 天需联系、90 天预警、满 ${LOST_CONTACT_MONTHS} 个月失联风险）`,
  input: () => z.object({ branchId: idField('组织编号').optional() }).strict(),
  output: shape<MobileRulesView>(),
  write: false,
  access: onOrgInput(ROLES, 'subtree'),
  errors: ['NOT_FOUND'],
})

export const mobileSetCadence = defineAction({
  name: 'mobile.setCadence',
  summary: '设定本支部流动党员的报到周期：每月、每季度、每半年或每年一次（默认每年一次）',
  input: () =>
    z
      .object({
        branchId: idField('支部编号').optional(),
        cadence: z.enum(CHECKIN_CADENCES, { error: '报到周期只能是每月、每季度、每半年或每年' }),
      })
      .strict(),
  output: shape<MobileRulesView>(),
  write: true,
  access: onOrgInput(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED'],
  preconditions: [
    targetIsBranch(
      '报到周期由党支部设定，请选择一个党支部。请修改后再提交。',
      '报到周期由党支部设定，请选择一个党支部',
    ),
  ],
})

const daysField = (label: string) =>
  z
    .number({ error: `请填写${label}天数` })
    .int({ error: `${label}天数请填写整数` })
    .min(7, { error: `${label}天数至少 7 天` })
    .max(366, { error: `${label}天数最多 366 天` })

export const mobileSetThresholds = defineAction({
  name: 'mobile.setThresholds',
  summary: `党委设定所辖支部流动党员联系状态的期限：超过几天为需联系、预警，满几个月（按日历月，最多 ${LOST_RISK_MONTHS_RANGE.max} 个月）为失联风险`,
  input: () =>
    z
      .object({
        orgId: idField('组织编号').optional(),
        needsContactDays: daysField('需联系'),
        warningDays: daysField('预警'),
        lostRiskMonths: z
          .number({ error: '请填写失联风险的月数' })
          .int({ error: '失联风险的月数请填写整数' })
          .min(LOST_RISK_MONTHS_RANGE.min, { error: `失联风险至少 ${LOST_RISK_MONTHS_RANGE.min} 个月` })
          .max(LOST_RISK_MONTHS_RANGE.max, {
            error: `失联风险最多 ${LOST_RISK_MONTHS_RANGE.max} 个月：满 ${LOST_CONTACT_MONTHS} 个月未联系即按失联党员处理`,
          }),
      })
      .strict()
      .superRefine((v, ctx) => {
        for (const p of thresholdProblems(v)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message })
      }),
  output: shape<MobileRulesView>(),
  write: true,
  access: onOrgInput(['supervisor'], 'subtree', 'orgId'),
  errors: ['VALIDATION_FAILED'],
})

export const mobileRecordSearch = defineAction({
  name: 'mobile.recordSearch',
  summary:
    '记录一次查找失联流动党员的情况：哪天、用什么方式（电话、走访、联系亲属或流入地党组织等）、结果；找到则更新最近联系时间',
  input: () =>
    z
      .object({
        memberId: idField('党员编号'),
        date: dateText('查找日期'),
        method: z.enum(SEARCH_METHODS, {
          error: '请选择查找方式：电话、短信或微信、上门走访、联系亲属、联系流入地党组织或其他方式',
        }),
        result: textField('查找结果', 300),
        found: z.boolean({ error: '请选择是否取得联系' }),
      })
      .strict(),
  output: shape<SearchRecordView>(),
  write: true,
  access: onMemberRecord(COMMITTEE_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

export const mobileProposeStop = defineAction({
  name: 'mobile.proposeStop',
  summary: `与党组织失去联系满 ${LOST_CONTACT_MONTHS} 个月、查找仍未取得联系的党员，支部向党委提请停止党籍：只作记录并告知党委，由党组织按规定决定，程序不会自动停止党籍`,
  input: () =>
    z
      .object({
        memberId: idField('党员编号'),
        reason: textField('提请说明（失联经过和查找情况）', 500),
      })
      .strict(),
  output: shape<StopProposalView>(),
  write: true,
  access: onMemberRecord(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'],
})

export const mobileStopProposals = defineAction({
  name: 'mobile.stopProposals',
  summary: '党委查看所辖支部提请停止党籍的失联党员：提请时间、失联以来的查找记录、提请说明',
  input: () => z.object({ orgId: idField('组织编号').optional() }).strict(),
  output: shape<StopProposalPage>(),
  write: false,
  access: onOrgInput(COMMITTEE_OR_SUPERVISOR, 'subtree', 'orgId'),
  errors: ['NOT_FOUND'],
})

export const mobileAnswerStopProposal = defineAction({
  name: 'mobile.answerStopProposal',
  summary:
    '党委答复支部提请停止党籍：同意（填党委决定日期和文号）或不同意（说明理由）；只作记录并告知支部，党员状态仍由名册修改，程序不会自动停止党籍',
  input: () =>
    z
      .object({
        memberId: idField('党员编号'),
        agree: z.boolean({ error: '请选择同意或不同意' }),
        decidedOn: dateText('党委决定日期').optional(),
        docNo: textField('决定文号', 60).optional(),
        reason: textField('不同意的理由', 500).optional(),
      })
      .strict(),
  output: shape<StopProposalView>(),
  write: true,
  access: onMemberRecord(COMMITTEE_OR_SUPERVISOR, 'subtree'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

export const makeupGet = defineAction({
  name: 'makeup.get',
  summary: '一次会议的补学：我能否补学、我的补学心得；支部组织者还看到全部补学',
  input: () => z.object({ meetingId: idField('会议编号') }).strict(),
  output: shape<MakeupPageView>(),
  write: false,
  access: onMeetingRecord(ROLES, 'subtree'),
  errors: ['NOT_FOUND'],
})

export const makeupSubmit = defineAction({
  name: 'makeup.submit',
  summary: '缺席会议的党员在会议记录定稿后阅读记录并提交补学心得；补学单独记录，不算出席',
  input: () => z.object({ meetingId: idField('会议编号'), note: makeupNoteField }).strict(),
  output: shape<MakeupView>(),
  write: true,
  access: onMeetingRecord(ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const makeupAccept = defineAction({
  name: 'makeup.accept',
  summary: '支部组织者确认一份补学（只记为补学，不改变出席和完成情况）',
  input: () => z.object({ meetingId: idField('会议编号'), memberId: idField('党员编号') }).strict(),
  output: shape<MakeupView>(),
  write: true,
  access: onMeetingRecord(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['NOT_FOUND', 'CONFLICT'],
})

export const MOBILE_ACTIONS = catalogOf(
  mobileGetMine,
  mobileCheckIn,
  mobileReportSubmit,
  mobileReportGet,
  mobileListBranch,
  mobileGet,
  mobileUpdateProfile,
  mobileRecordContact,
  mobileReportMarkRead,
  mobileRules,
  mobileSetCadence,
  mobileSetThresholds,
  mobileRecordSearch,
  mobileProposeStop,
  mobileStopProposals,
  mobileAnswerStopProposal,
  makeupGet,
  makeupSubmit,
  makeupAccept,
)
