/**
 * Actions of issue 15 — 我的组织生活: each meeting a member was owed in a year and how they took part,
 * study hours against the yearly requirement, and their 党章 第九条 state. Derived, nothing typed.
 * Privacy: the member reads their own (`orgLife.mine`); the branch's organizers (书记、副书记、组织委员)
 * and the 党委's staff read any member's below them (`orgLife.member`). Merged into ACTIONS in catalog.ts.
 */
import { z } from 'zod'
import { MEETING_KINDS } from '../meeting-kinds'
import { MEETING_ORGANIZER_ROLES, ROLES } from '../org'
import { catalogOf, defineAction, onMemberRecord, onOrgInput, shape } from './define'
import { idField } from './fields'
import type { OrgLifeView, StudyRulesView } from './views-orglife'

const SELF = { kind: 'member', roles: ROLES, scope: 'self', target: { from: 'actor' } } as const

const yearField = z
  .number({ error: '请选择年份' })
  .int({ error: '年份应为整数，如 2026' })
  .min(2020, { error: '年份不能早于 2020 年' })
  .max(2100, { error: '年份不能晚于 2100 年' })

export const orgLifeMine = defineAction({
  name: 'orgLife.mine',
  summary:
    '我的组织生活：一年中我应参加的每次会议及出席情况（出席、远程、迟到、请假、缺席、补学），学时与年度要求（党员 32、支委 56），连续未参加组织生活的提醒',
  input: () => z.object({ year: yearField }).strict(),
  output: shape<OrgLifeView>(),
  write: false,
  access: SELF,
  errors: [],
})

export const orgLifeMember = defineAction({
  name: 'orgLife.member',
  summary: '一位党员的组织生活（同“我的组织生活”）：支部书记、副书记、组织委员和上级党委组织员可查看',
  input: () => z.object({ memberId: idField('党员编号'), year: yearField }).strict(),
  output: shape<OrgLifeView>(),
  write: false,
  access: onMemberRecord([...MEETING_ORGANIZER_ROLES, 'supervisor'], 'subtree'),
  errors: ['NOT_FOUND'],
})

const yearlyHours = (label: string) =>
  z
    .number({ error: `${label}请填写数字` })
    .int({ error: `${label}请填写整数` })
    .min(1, { error: `${label}至少 1 学时` })
    .max(400, { error: `${label}最多 400 学时，请检查` })

const meetingHours = z
  .number({ error: '学时请填写数字' })
  .min(0, { error: '学时不能为负数' })
  .max(24, { error: '一次会议最多计 24 学时，请检查' })
  .multipleOf(0.5, { error: '学时按半学时计，如 1.5' })

export const orgLifeSetStudyRules = defineAction({
  name: 'orgLife.setStudyRules',
  summary:
    '党委为所辖支部设置学时规则：党员和支委每年应达到的学时、每类会议计几个学时、补学是否计学时；未设置的沿用上级或默认值（党员 32、支委 56）',
  input: () =>
    z
      .object({
        orgId: idField('组织编号'),
        memberHours: yearlyHours('党员年度学时').optional(),
        committeeHours: yearlyHours('支委年度学时').optional(),
        hoursByKind: z
          .partialRecord(z.enum(MEETING_KINDS, { error: '会议类型不对，请重新选择' }), meetingHours)
          .optional(),
        makeupEarnsHours: z.boolean({ error: '补学是否计学时，请选择是或否' }).optional(),
      })
      .strict(),
  output: shape<StudyRulesView>(),
  write: true,
  access: onOrgInput(['supervisor'], 'subtree', 'orgId'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

export const ORGLIFE_ACTIONS = catalogOf(orgLifeMine, orgLifeMember, orgLifeSetStudyRules)
