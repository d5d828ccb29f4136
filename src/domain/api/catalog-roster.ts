/** 支部成员 (issue 3): the roster, invitations and WeChat binding, CSV import and export. */
import { z } from 'zod'
import { BIND_GUESS_LIMIT } from '../guess-limits'
import { MAX_BIND_ATTEMPTS, phoneDigits } from '../invitation'
import { BRANCH_ROLES, COMMITTEE_ROLES, MEMBER_CATEGORIES, MEMBER_STATUSES, ROLES, ROSTER_EDITOR_ROLES } from '../org'
import { catalogOf, defineAction, onMemberRecord, onOrgInput, shape, targetIsBranch } from './define'
import { cursorField, fileIdField, idField, limitField, textField } from './fields'
import type { ExportFile } from './views-supervision'
import type {
  ImportPreview,
  ImportResult,
  InvitationPreview,
  InvitationView,
  MemberDetail,
  MemberRow,
  Page,
  ProfileView,
} from './views'

/** A roster file is imported into a 党支部. */
const IMPORT_TO_BRANCH = targetIsBranch('名单只能导入到党支部，请在支部的成员名单中导入。')

const ANY_ROLE = ROLES

const phoneField = z
  .string({ error: '请填写手机号' })
  .trim()
  .regex(/^1\d{10}$/, { error: '手机号应为 11 位数字，以 1 开头' })
const optionalDate = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 年-月-日，如 2020-07-01` })
    .nullish()

/** The most characters a member's name may have; a character outside the BMP (𠮷, 𬌗) counts as one. */
export const NAME_MAX_CHARS = 20

/** A name: trimmed, not empty, at most NAME_MAX_CHARS characters — refused with the count, never cut. */
const nameField = z
  .string({ error: '请填写姓名' })
  .trim()
  .min(1, { error: '请填写姓名' })
  // A bound in UTF-16 units for the request-size check: more than 2 units a character means more
  // than NAME_MAX_CHARS characters, so this refuses nothing the character count below would allow.
  .max(NAME_MAX_CHARS * 2, { error: `姓名不能超过 ${NAME_MAX_CHARS} 个字；请核对后改短，系统不会替你截断` })
  .superRefine((name, ctx) => {
    const chars = [...name].length
    if (chars > NAME_MAX_CHARS) {
      ctx.addIssue({
        code: 'custom',
        message: `姓名不能超过 ${NAME_MAX_CHARS} 个字，这里有 ${chars} 个字；请核对后改短，系统不会替你截断`,
      })
    }
  })

/** A member's fields as roster.create takes them; roster.update and the roster import use the same schemas. */
export const memberFields = {
  name: nameField,
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
  summary: '一位党员的详细信息；支委和党委还能看到姓名、状态、职务变动记录',
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
  preconditions: [targetIsBranch('党员只能登记在党支部，请在支部的成员名单中新增。')],
})

export const rosterUpdate = defineAction({
  name: 'roster.update',
  summary: '修改党员信息；姓名、状态、职务、类别、党小组的变动连同原因、修改人和时间一并记录',
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
  summary: `用邀请码把当前微信绑定到党员身份：核对姓名和支部登记的完整 11 位手机号（其他成员只看到隐去中间四位的号码），不一致时只答“信息不一致”；每个邀请最多核对 ${MAX_BIND_ATTEMPTS} 次，之后作废须重新邀请；每个微信每小时最多核对 ${BIND_GUESS_LIMIT.max} 次；一个微信只绑定一名党员`,
  input: () =>
    z
      .object({
        code: inviteCodeField,
        name: nameField,
        /** The full number the branch registered; spaces, dashes and +86 are ignored. */
        phone: z
          .string({ error: '请填写手机号' })
          .min(1, { error: '请填写手机号' })
          .regex(/^\+?[\d\s-]{1,20}$/, { error: '手机号只能填数字，请填写完整的 11 位手机号' })
          .describe(
            '支部登记的完整手机号（11 位，以 1 开头；空格、短横线和 +86 不计）；只填后四位或照抄隐去中间四位的号码都不会通过',
          )
          .transform((v) => phoneDigits(v))
          .pipe(z.string().regex(/^1\d{10}$/, { error: '请填写完整的 11 位手机号，以 1 开头' })),
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

/**
 * The roster file (.xlsx, or CSV in UTF-8, GBK or GB18030), uploaded first under `rosterFileUpload`
 * (src/domain/uploads.ts); its kind and encoding are read on the server.
 */
const rosterFileField = () => fileIdField('名单文件')

export const rosterImportPreview = defineAction({
  name: 'roster.importPreview',
  summary:
    '预览导入名单（.xlsx 或 CSV）：逐行说明将新增、更新还是不变，每个有问题的行、列和改法（像是编码损坏的姓名不会覆盖原姓名），以及同名提醒；不写入任何数据',
  input: () => z.object({ branchId: idField('支部编号').optional(), fileId: rosterFileField() }).strict(),
  output: shape<ImportPreview>(),
  write: false,
  access: onOrgInput(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED'],
  preconditions: [IMPORT_TO_BRANCH],
})

export const rosterImportCommit = defineAction({
  name: 'roster.importCommit',
  summary: '确认导入名单：全部成功或全部不导入，绝不导入一半；有任何问题行时拒绝',
  input: () => z.object({ branchId: idField('支部编号').optional(), fileId: rosterFileField() }).strict(),
  output: shape<ImportResult>(),
  write: true,
  access: onOrgInput(ROSTER_EDITOR_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT'],
  preconditions: [IMPORT_TO_BRANCH],
})

/** What a roster export is written as: an Excel workbook (every cell text) or a CSV (UTF-8 with BOM). */
export const ROSTER_FILE_FORMATS = ['xlsx', 'csv'] as const

export const rosterExport = defineAction({
  name: 'roster.export',
  summary:
    '导出支部名单为 Excel 工作簿（.xlsx，每格都是文本，Excel 不会改动手机号和日期）或 CSV（UTF-8）；含完整手机号，仅支委和党委可导出；不经修改再导入时每一行都是“不变”',
  input: () =>
    z
      .object({
        branchId: idField('支部编号').optional(),
        format: z.enum(ROSTER_FILE_FORMATS, { error: '导出格式只能是 xlsx 或 csv' }).default('xlsx'),
      })
      .strict(),
  output: shape<ExportFile>(),
  write: false,
  access: onOrgInput([...COMMITTEE_ROLES, 'supervisor'], 'subtree'),
  errors: ['NOT_FOUND'],
  preconditions: [targetIsBranch('请选择要导出名单的党支部。')],
})

export const ROSTER_ACTIONS = catalogOf(
  rosterList,
  rosterGet,
  rosterCreate,
  rosterUpdate,
  inviteCreate,
  invitePreview,
  bindingBind,
  bindingUnbind,
  rosterImportPreview,
  rosterImportCommit,
  rosterExport,
)
