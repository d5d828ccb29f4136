/**
 * 谈心谈话 per pair (issue 16 §4): each talk recorded with its pair, date and a brief note, and the
 * branch's yearly duty per pair (《中国共产党支部工作条例（试行）》 第五章; src/domain/heart-talks.ts).
 */
import { z } from 'zod'
import { BRANCH_ROLES, ROLES } from '../org'
import { catalogOf, defineAction, onOrgInput, shape, targetIsBranch } from './define'
import { dateField, idField, textField } from './fields'
import type { HeartTalkDutyView, HeartTalkView } from './views-heart-talks'

export const heartTalkRecord = defineAction({
  name: 'heartTalk.record',
  summary:
    '登记一次谈心谈话：谈话双方、日期和简要内容（内容仅谈话双方和支部书记可见）；党员登记自己参与的谈话，书记、副书记、组织委员可为任意两人登记',
  input: () =>
    z
      .object({
        branchId: idField('支部编号').optional(),
        memberIds: z
          .array(idField('谈话人'), { error: '请选择谈话双方' })
          .length(2, { error: '谈心谈话是两个人之间的谈话，请选择两位党员' })
          .refine((ids) => ids[0] !== ids[1], { error: '谈话双方不能是同一个人，请重新选择' }),
        date: dateField,
        note: textField('简要内容', 200),
      })
      .strict(),
  output: shape<HeartTalkView>(),
  write: true,
  access: onOrgInput(BRANCH_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
  preconditions: [targetIsBranch('谈心谈话登记在党支部，请在支部中登记。')],
})

export const heartTalkDuty = defineAction({
  name: 'heartTalk.duty',
  summary: '本支部一年的谈心谈话：委员之间、委员与党员每对每年一般不少于 1 次，已谈 / 应谈对数和尚未谈话的对',
  input: () =>
    z
      .object({
        branchId: idField('支部编号').optional(),
        year: z.number({ error: '请选择年份' }).int().min(2000, { error: '年份不对' }).max(2100, { error: '年份不对' }),
      })
      .strict(),
  output: shape<HeartTalkDutyView>(),
  write: false,
  access: onOrgInput(ROLES, 'subtree'),
  errors: ['NOT_FOUND'],
  preconditions: [targetIsBranch('谈心谈话按支部统计，请选择一个党支部。')],
})

export const HEART_TALK_ACTIONS = catalogOf(heartTalkRecord, heartTalkDuty)
