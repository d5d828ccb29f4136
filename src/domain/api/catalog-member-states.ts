/**
 * Member states (issue 16 §3): 留党察看, an approved exclusion from 应到, and 延长预备期. Each is set by
 * the branch's roster keepers, each change kept in the member's history with who, when and why; the
 * rules are in src/domain/member-states.ts.
 */
import { z } from 'zod'
import { EXCLUSION_REASONS, ROSTER_EDITOR_ROLES } from '../org'
import { catalogOf, defineAction, onMemberRecord, shape } from './define'
import { dateField, idField, textField } from './fields'
import type { MemberDetail } from './views'

const common = {
  memberId: idField('党员编号'),
  /** The version the editor saw; a newer one means someone else changed it meanwhile. */
  version: z.number({ error: '缺少记录版本，请刷新后再改' }).int().min(1),
  reason: textField('变动原因', 100),
}

export const memberStateSetPartyProbation = defineAction({
  name: 'memberState.setPartyProbation',
  summary: '记录留党察看（期间无表决权，最长两年）或恢复党员权利；连同原因、修改人和时间记入变动记录',
  input: () =>
    z
      .object({
        ...common,
        partyProbation: z
          .object({
            from: dateField,
            to: dateField,
            decidedBy: textField('作出决定的党组织', 40),
            liftedOn: dateField.nullable(),
          })
          .strict()
          .nullable(),
      })
      .strict(),
  output: shape<MemberDetail>(),
  write: true,
  access: onMemberRecord(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const memberStateSetExclusion = defineAction({
  name: 'memberState.setExclusion',
  summary:
    '经批准不计入应到（长期病休、外出半年以上应转未转、不能表达意志等）：事由、批准人、批准日期和期间；传 null 恢复计入',
  input: () =>
    z
      .object({
        ...common,
        exclusion: z
          .object({
            reason: z.enum(EXCLUSION_REASONS, { error: '请选择不计入应到的事由' }),
            note: textField('批准情况', 100),
            approvedBy: textField('批准人', 40),
            approvedOn: dateField,
            from: dateField,
            to: dateField.nullable(),
          })
          .strict()
          .nullable(),
      })
      .strict(),
  output: shape<MemberDetail>(),
  write: true,
  access: onMemberRecord(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const memberStateExtendProbation = defineAction({
  name: 'memberState.extendProbation',
  summary: '延长预备期（经支部大会讨论、上级党组织批准）：新的预备期满日期，最长延长一年（党章第七条）',
  input: () => z.object({ ...common, until: dateField }).strict(),
  output: shape<MemberDetail>(),
  write: true,
  access: onMemberRecord(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const memberStateApproveConfirmation = defineAction({
  name: 'memberState.approveConfirmation',
  summary:
    '登记上级党委批准转正或延长预备期（支部党员大会通过、会议记录定稿之后）：批准日期和批准的党委；转正的党员类别由预备党员改为正式党员，延长的按 until 记下新的预备期满日期；连同会议记录记入变动记录',
  input: () =>
    z
      .object({
        ...common,
        approvedOn: dateField,
        approvedBy: textField('批准的党委', 40),
        /** 延长预备期 only: the approved new end of the 预备期. */
        until: dateField.nullable().optional(),
      })
      .strict(),
  output: shape<MemberDetail>(),
  write: true,
  access: onMemberRecord(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const MEMBER_STATE_ACTIONS = catalogOf(
  memberStateSetPartyProbation,
  memberStateSetExclusion,
  memberStateExtendProbation,
  memberStateApproveConfirmation,
)
