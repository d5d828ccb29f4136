/**
 * Actions of issue 14 — 党委督查: the year matrix of every branch below a 党委, one branch's row with
 * the escalations the 党委 received, and the exports for 督查 (.xlsx) and 述职评议 (.docx). Only the
 * 党委's own staff (党委组织员) call them, within their subtree; branch roles are refused. Merged
 * into ACTIONS in catalog.ts; views in views-supervision.ts.
 */
import { z } from 'zod'
import { MEETING_KINDS } from '../meeting-kinds'
import { CELL_STATUSES } from '../supervision'
import { catalogOf, defineAction, onOrgInput, shape, targetIsBranch } from './define'
import { cursorField, idField } from './fields'
import type { BranchSupervisionView, ExportFile, MatrixView } from './views-supervision'

/** The 党委's roles: its organizer staff. */
const COMMITTEE_STAFF = ['supervisor'] as const

const SUPERVISED_BRANCH = targetIsBranch('请选择一个党支部查看。', '请选择党支部')

const yearField = z
  .number({ error: '请选择年份' })
  .int({ error: '年份应为整数，如 2026' })
  .min(2020, { error: '年份不能早于 2020 年' })
  .max(2100, { error: '年份不能晚于 2100 年' })

const matrixFilters = {
  orgId: idField('组织编号'),
  year: yearField,
  /** Only these kinds' columns (and, for 党小组会 alone, only 党小组 rows). */
  kinds: z
    .array(z.enum(MEETING_KINDS, { error: '会议类型不对，请重新选择' }))
    .max(MEETING_KINDS.length)
    .optional(),
  /** Only rows with at least one cell in one of these statuses. */
  statuses: z
    .array(z.enum(CELL_STATUSES, { error: '状态不对，请重新选择' }))
    .max(CELL_STATUSES.length)
    .optional(),
  /** Only branches below this 党总支. */
  parentId: idField('党总支编号').optional(),
  /** Part of the branch's or 党小组's name. */
  search: z.string().trim().max(30, { error: '搜索词不能超过 30 个字' }).optional(),
  /** `risk`: most at risk first (default); `name`: by name. */
  sort: z.enum(['risk', 'name'], { error: '排序方式不对' }).default('risk'),
}

export const supervisionMatrix = defineAction({
  name: 'supervision.matrix',
  summary:
    '党委年度矩阵：所辖每个支部（党小组会按党小组）各类会议每个周期的状态——已完成、补录、逾期、未完成、待召开，及按时召开、补录占比、代为登记占比、出席率、阅签率、距上次组织生活天数等指标；可按类型、状态、党总支筛选，按风险或名称排序，按名称搜索，分页',
  input: () =>
    z
      .object({
        ...matrixFilters,
        cursor: cursorField,
        limit: z
          .number()
          .int({ error: '每页条数必须是整数' })
          .min(1, { error: '每页至少 1 条' })
          .max(100, { error: '每页最多 100 条' })
          .default(50),
      })
      .strict(),
  output: shape<MatrixView>(),
  write: false,
  access: onOrgInput(COMMITTEE_STAFF, 'subtree', 'orgId'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

export const supervisionBranch = defineAction({
  name: 'supervision.branch',
  summary: '党委查看一个支部的年度情况：支部及其党小组的矩阵行，以及党委何时、因何收到该支部的督办提醒',
  input: () => z.object({ branchId: idField('支部编号'), year: yearField }).strict(),
  output: shape<BranchSupervisionView>(),
  write: false,
  access: onOrgInput(COMMITTEE_STAFF, 'subtree'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  preconditions: [SUPERVISED_BRANCH],
})

export const supervisionExportMatrix = defineAction({
  name: 'supervision.exportMatrix',
  summary: '导出年度矩阵及各项指标为 Excel 表格（.xlsx），筛选条件同年度矩阵，包含全部符合条件的支部',
  input: () => z.object(matrixFilters).strict(),
  output: shape<ExportFile>(),
  write: false,
  access: onOrgInput(COMMITTEE_STAFF, 'subtree', 'orgId'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

export const supervisionExportPacket = defineAction({
  name: 'supervision.exportPacket',
  summary:
    '导出支部述职评议材料（.docx）：全年各类会议、出席率、每次补录和代为登记及其原因、流动党员情况、会议记录链的链头和核验结果',
  input: () => z.object({ branchId: idField('支部编号'), year: yearField }).strict(),
  output: shape<ExportFile>(),
  write: false,
  access: onOrgInput(COMMITTEE_STAFF, 'subtree'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  preconditions: [SUPERVISED_BRANCH],
})

export const SUPERVISION_ACTIONS = catalogOf(
  supervisionMatrix,
  supervisionBranch,
  supervisionExportMatrix,
  supervisionExportPacket,
)
