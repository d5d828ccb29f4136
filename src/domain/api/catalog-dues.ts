/**
 * Actions of issue 15 — 党费: rates (dues.preview), a member's year (dues.mine, dues.member), the
 * branch's ledger (dues.branch, its .xlsx) and the 党委's roll-up (dues.rollup); the branch's 组织委员
 * and 书记 record bases, payments, 减免, corrections and 上缴. Merged into ACTIONS in catalog.ts;
 * views in views-dues.ts.
 *
 * Who sees what (issue 15 §5), declared here on each action: a member's base and payments are seen
 * by the member (dues.mine), the branch's 书记 and 组织委员 (dues.member, dues.branch, the export),
 * and the 党委's staff only when they open that member's record (dues.member); the 党委's roll-up
 * carries totals per branch only.
 */
import { z } from 'zod'
import { DUES_CATEGORIES, FARMER_RANGE_FEN, MONTH_RE, PAYMENT_METHODS } from '../dues'
import { ROLES } from '../org'
import { catalogOf, defineAction, onMemberRecord, onOrgInput, shape, targetIsBranch } from './define'
import { dateField, idField } from './fields'
import type {
  DuesBaseView,
  DuesBranchView,
  DuesEntryView,
  DuesHandoverView,
  DuesMemberView,
  DuesQuoteView,
  DuesRollupView,
  DuesRulesView,
} from './views-dues'
import type { ExportFile } from './views-supervision'

export { DUES_KEEPER_ROLES } from '../dues'

/** The branch's dues keepers (DUES_KEEPER_ROLES), as a literal for the declarations' types. */
const KEEPERS = ['secretary', 'organizer'] as const

/** An amount in 分 (forms take 元 and convert with parseYuan). */
export const fenField = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}以分为单位，应为整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(100_000_000, { error: `${label}太大了，请检查（最多 100 万元）` })

export const monthField = z.string({ error: '请选择月份' }).regex(MONTH_RE, { error: '月份格式应为 年-月，如 2026-03' })

export const monthsField = z
  .array(monthField, { error: '请选择所交月份' })
  .min(1, { error: '请至少选择一个月份' })
  .max(24, { error: '一次最多登记 24 个月' })
  .refine((ms) => new Set(ms).size === ms.length, { error: '月份有重复，请检查' })
  .transform((ms) => [...ms].sort())

const SELF = { kind: 'member', roles: ROLES, scope: 'self', target: { from: 'actor' } } as const

const DUES_BRANCH = targetIsBranch('党费按党支部收缴，请选择一个党支部。', '请选择党支部')

const yearField = z
  .number({ error: '请选择年份' })
  .int({ error: '年份应为整数，如 2026' })
  .min(2000, { error: '年份不能早于 2000 年' })
  .max(2100, { error: '年份不能晚于 2100 年' })

const noteField = z.string().trim().max(200, { error: '备注不能超过 200 个字' }).default('')
const receiptField = z
  .string({ error: '请填写收据号' })
  .trim()
  .min(1, { error: '请填写收据号（党费收据或转账凭证上的编号）' })
  .max(40, { error: '收据号不能超过 40 个字' })

const categoryField = z.enum(DUES_CATEGORIES, {
  error: '请选择党费类别：在职、离退休、农民、学生、下岗失业或享受低保',
})

/** Category and base, as the rates need them: a base for 在职 and 离退休, none for the flat categories. */
function checkBase(v: { category: string; baseFen?: number | null }, ctx: z.RefinementCtx): void {
  const based = v.category === 'employed' || v.category === 'retired'
  if (based && (v.baseFen === undefined || v.baseFen === null)) {
    ctx.addIssue({ code: 'custom', path: ['baseFen'], message: '请填写每月税后工资收入（元）' })
  }
}

export const duesPreview = defineAction({
  name: 'dues.preview',
  summary: '党费试算：按类别和每月税后收入（分）给出交纳比例和每月应交金额（分，四舍五入到分），供填写和核对',
  input: () =>
    z
      .object({ category: categoryField, baseFen: fenField('每月税后收入').nullish() })
      .strict()
      .superRefine(checkBase),
  output: shape<DuesQuoteView>(),
  write: false,
  access: SELF,
  errors: ['VALIDATION_FAILED'],
})

export const duesMine = defineAction({
  name: 'dues.mine',
  summary: '我的党费：本人一年的基数、每月应交、已交、欠交及每笔交纳的收据（只有本人、支部书记和组织委员能看）',
  input: () => z.object({ year: yearField }).strict(),
  output: shape<DuesMemberView>(),
  write: false,
  access: SELF,
  errors: ['VALIDATION_FAILED'],
})

export const duesMember = defineAction({
  name: 'dues.member',
  summary:
    '一名党员一年的党费明细：基数及录入记录、每月应交已交欠交、每笔交纳和减免（含被更正的原记录）；支部书记、组织委员查看，党委打开个人记录时可看',
  input: () => z.object({ memberId: idField('党员编号'), year: yearField }).strict(),
  output: shape<DuesMemberView>(),
  write: false,
  access: onMemberRecord([...KEEPERS, 'supervisor'], 'subtree'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

export const duesBranch = defineAction({
  name: 'dues.branch',
  summary: '支部党费台账：每名党员每月应交、已交、欠交，每月合计，全年合计及上缴党委的金额（支部书记、组织委员）',
  input: () => z.object({ branchId: idField('支部编号').optional(), year: yearField }).strict(),
  output: shape<DuesBranchView>(),
  write: false,
  access: onOrgInput(KEEPERS, 'branch'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  preconditions: [DUES_BRANCH],
})

export const duesExportLedger = defineAction({
  name: 'dues.exportLedger',
  summary: '导出支部全年党费台账为 Excel 表格（.xlsx）：每人每月应交、已交、欠交，交纳明细和上缴记录',
  input: () => z.object({ branchId: idField('支部编号').optional(), year: yearField }).strict(),
  output: shape<ExportFile>(),
  write: false,
  access: onOrgInput(KEEPERS, 'branch'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  preconditions: [DUES_BRANCH],
})

export const duesRollup = defineAction({
  name: 'dues.rollup',
  summary: '党委党费汇总：所辖每个支部全年应交、已交、欠交合计、欠交人数和已上缴金额（只有合计，不含个人基数和交纳）',
  input: () => z.object({ orgId: idField('组织编号').optional(), year: yearField }).strict(),
  output: shape<DuesRollupView>(),
  write: false,
  access: onOrgInput(['supervisor'], 'subtree', 'orgId'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

export const duesSetBase = defineAction({
  name: 'dues.setBase',
  summary:
    '核定党员某年的党费基数：类别和每月税后工资收入（分，在职、离退休填写），按比例算出每月应交；每次核定都保留，记录录入人和时间',
  input: () =>
    z
      .object({
        memberId: idField('党员编号'),
        year: yearField,
        category: categoryField,
        baseFen: fenField('每月税后收入').nullish(),
        note: noteField,
      })
      .strict()
      .superRefine(checkBase),
  output: shape<DuesBaseView>(),
  write: true,
  access: onMemberRecord(KEEPERS, 'branch'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

const paymentFields = {
  months: monthsField,
  amountFen: fenField('交纳金额'),
  method: z.enum(PAYMENT_METHODS, { error: '请选择交纳方式：现金、银行转账或微信转账' }),
  receiptNo: receiptField,
  paidOn: dateField,
  note: noteField,
}

export const duesRecordPayment = defineAction({
  name: 'dues.recordPayment',
  summary:
    '登记一笔党费交纳（只登记，不经手支付）：所交月份、金额（分）、方式（现金、银行转账、微信转账）、收据号、交纳日期；补交最多追溯 6 个月',
  input: () =>
    z
      .object({ memberId: idField('党员编号'), ...paymentFields })
      .strict()
      .refine((v) => v.amountFen > 0, { path: ['amountFen'], error: '交纳金额须大于 0 元' }),
  output: shape<DuesEntryView>(),
  write: true,
  access: onMemberRecord(KEEPERS, 'branch'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

const approvalFields = {
  approvedBy: z
    .string({ error: '请填写批准人' })
    .trim()
    .min(1, { error: '请填写批准减免的人或组织（如：示范区机关党委）' })
    .max(40, { error: '批准人不能超过 40 个字' }),
  approvedOn: dateField,
  reason: z
    .string({ error: '请填写减免原因' })
    .trim()
    .min(2, { error: '请填写减免原因（如：因病长期住院，生活困难）' })
    .max(200, { error: '减免原因不能超过 200 个字' }),
}

export const duesRecordExemption = defineAction({
  name: 'dues.recordExemption',
  summary:
    '登记经批准的党费减免：哪些月份、减免后每月应交（分，0 为免交）、批准人、批准日期和原因；没有批准记录不能减免',
  input: () =>
    z
      .object({
        memberId: idField('党员编号'),
        months: monthsField,
        monthlyFen: fenField('减免后每月应交'),
        ...approvalFields,
      })
      .strict(),
  output: shape<DuesEntryView>(),
  write: true,
  access: onMemberRecord(KEEPERS, 'branch'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

export const duesCorrect = defineAction({
  name: 'dues.correct',
  summary:
    '更正一条交纳或减免记录：另记一条更正记录并写明原因，原记录保留（划去显示、不再计入）；交纳金额更正为 0 即作废该笔',
  input: () =>
    z
      .object({
        entryId: idField('记录编号'),
        months: monthsField,
        /** A payment's amount received, or a 减免's monthly amount still payable (分). */
        amountFen: fenField('金额'),
        method: z.enum(PAYMENT_METHODS, { error: '请选择交纳方式：现金、银行转账或微信转账' }).nullish(),
        receiptNo: z.string().trim().max(40, { error: '收据号不能超过 40 个字' }).default(''),
        paidOn: dateField,
        reason: z
          .string({ error: '请填写更正原因' })
          .trim()
          .min(2, { error: '请填写更正原因（如：金额录错、月份录错）' })
          .max(200, { error: '更正原因不能超过 200 个字' }),
      })
      .strict(),
  output: shape<DuesEntryView>(),
  write: true,
  access: {
    kind: 'member',
    roles: KEEPERS,
    scope: 'branch',
    target: { from: 'record', field: 'entryId', collection: 'dues_entries', orgField: 'branchId' },
  },
  errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'],
})

export const duesRecordHandover = defineAction({
  name: 'dues.recordHandover',
  summary: '登记支部向党委上缴党费：年度、金额（分）、上缴日期和收据号',
  input: () =>
    z
      .object({
        branchId: idField('支部编号').optional(),
        year: yearField,
        amountFen: fenField('上缴金额').refine((n) => n > 0, { error: '上缴金额须大于 0 元' }),
        handedOn: dateField,
        receiptNo: receiptField,
        note: noteField,
      })
      .strict(),
  output: shape<DuesHandoverView>(),
  write: true,
  access: onOrgInput(KEEPERS, 'branch'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  preconditions: [DUES_BRANCH],
})

export const duesSetRules = defineAction({
  name: 'dues.setRules',
  summary: '党委（或党总支）在每月 0.2 元至 1 元之间确定所辖农民党员每月交纳党费的金额（分）；最近一级党组织的设定生效',
  input: () =>
    z
      .object({
        orgId: idField('组织编号').optional(),
        farmerFen: z
          .number({ error: '请填写农民党员每月交纳的金额' })
          .int({ error: '金额以分为单位，应为整数' })
          .min(FARMER_RANGE_FEN.min, { error: '农民党员每月至少交纳 0.2 元，请调高' })
          .max(FARMER_RANGE_FEN.max, { error: '农民党员每月最多交纳 1 元，请调低' }),
      })
      .strict(),
  output: shape<DuesRulesView>(),
  write: true,
  access: onOrgInput(['supervisor'], 'subtree', 'orgId'),
  errors: ['VALIDATION_FAILED'],
})

export const DUES_ACTIONS = catalogOf(
  duesPreview,
  duesMine,
  duesMember,
  duesBranch,
  duesExportLedger,
  duesRollup,
  duesSetBase,
  duesRecordPayment,
  duesRecordExemption,
  duesCorrect,
  duesRecordHandover,
  duesSetRules,
)
