/**
 * Roster import and export as an Excel workbook (.xlsx) or CSV. The file's bytes and syntax are
 * read and written by src/cloud/roster-xlsx.ts (exceljs) and src/cloud/csv-file.ts (iconv-lite,
 * papaparse), each loaded only here; what the cells mean and what is wrong with them is the pure
 * src/domain/roster-csv.ts.
 */
import { implement } from './handler'
import {
  rosterImportCommit as rosterImportCommitDecl,
  rosterExport as rosterExportDecl,
} from '../../domain/api/catalog-roster'
import { rosterImportPreview as rosterImportPreviewDecl } from '../../domain/api/catalog'
import type { ParsedInputOf } from '../../domain/api/define'
import type { ImportPreview, ImportProblem } from '../../domain/api/views'
import { beijing } from '../../domain/beijing-time'
import { AppError } from '../../domain/errors'
import { maskPhone, type Member, type Org } from '../../domain/org'
import { rosterFileUpload } from '../../domain/uploads'
import {
  MAX_IMPORT_ROWS,
  planImport,
  readRosterTable,
  ROSTER_COLUMNS,
  rosterTable,
  WHOLE_ROW,
  type PlannedRow,
} from '../../domain/roster-csv'
import type { MemberContext } from '../action-context'
import { exportFile } from '../export-file'
import type { WebSessionDoc } from '../documents'
import type { Stored } from '../ports/store'
import { readUpload } from '../uploads'
import { groupsOf, invalid, recordChanges } from './roster'
import { membersOf } from './roster-reads'
import { endSessions, openSessionsOf } from './weblogin/sessions'

type ImportInput = ParsedInputOf<typeof rosterImportPreviewDecl>

/** .xlsx (and any zip) begins with `PK\x03\x04`. */
const isZip = (bytes: Buffer) => bytes.length > 4 && bytes.readUInt32BE(0) === 0x504b0304

interface Analysis {
  branch: Stored<Org>
  plan: PlannedRow[]
  problems: ImportProblem[]
  warnings: ImportProblem[]
}

async function analyse(ctx: MemberContext, input: ImportInput): Promise<Analysis> {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const bytes = await readUpload(ctx.ports.files, input.fileId, rosterFileUpload, 'fileId')
  const { records, syntax, from } = isZip(bytes) ? await workbookRecords(bytes) : await csvRecords(bytes)
  const dataRows = records.slice(1).filter((r) => r.some((c) => c.trim())).length
  if (dataRows > MAX_IMPORT_ROWS) {
    throw invalid('fileId', `一次最多导入 ${MAX_IMPORT_ROWS} 名党员，这个文件有 ${dataRows} 行，请分成几个文件导入`)
  }
  const groups = (await groupsOf(store, branch._id)).map((g) => ({ id: g._id, name: g.name }))
  const { rows, problems } = readRosterTable(records, groups, from)
  const existing = (await membersOf(store, branch._id)).map((m) => ({ ...m, id: m._id, version: m._version }))
  const planned = planImport(rows, existing)
  const all = [...syntax, ...problems, ...planned.problems].sort((a, b) => a.row - b.row)
  return { branch, plan: planned.plan, problems: all, warnings: planned.warnings }
}

interface FileRecords {
  records: string[][]
  /** Rows the file's syntax already spoils. */
  syntax: ImportProblem[]
  from: 'csv' | 'xlsx'
}

/**
 * How far into a sheet an import reads: the header and MAX_IMPORT_ROWS members with room for blank
 * rows between them, and the roster's columns with room for notes beside them.
 */
const SHEET_LIMITS = { rows: 1 + 2 * MAX_IMPORT_ROWS, columns: 2 * ROSTER_COLUMNS.length }

/** The first sheet of a workbook; refuses an .xls, a damaged workbook or far-off cells, saying what to do. */
async function workbookRecords(bytes: Buffer): Promise<FileRecords> {
  const { BeyondLimits, NotAWorkbook, readXlsx } = await import('../roster-xlsx')
  try {
    return { records: await readXlsx(bytes, SHEET_LIMITS), syntax: [], from: 'xlsx' }
  } catch (err) {
    if (err instanceof BeyondLimits) {
      throw invalid(
        'fileId',
        `工作表第 ${err.row} 行第 ${err.column} 列还有内容：名单最多 ${MAX_IMPORT_ROWS} 名党员、${ROSTER_COLUMNS.length} 列，请删去名单以外的内容，或分成几个文件导入`,
      )
    }
    if (!(err instanceof NotAWorkbook)) throw err
    throw invalid(
      'fileId',
      '这个文件打不开：它不是完好的 Excel 工作簿（.xlsx），可能已损坏或设置了密码；请在 Excel 中打开后“另存为” Excel 工作簿（.xlsx）再导入',
    )
  }
}

/** A CSV in UTF-8 (with or without BOM), UTF-16, GBK or GB18030, and its rows whose quotes do not pair. */
async function csvRecords(bytes: Buffer): Promise<FileRecords> {
  const { decodeCsv, parseCsv } = await import('../csv-file')
  const { records, unpairedQuoteRows } = parseCsv(decodeCsv(bytes))
  const syntax: ImportProblem[] = unpairedQuoteRows.map((row) => ({
    row,
    column: WHOLE_ROW,
    message: '这一行的英文双引号不配对：某个单元格以引号开始却没有结束，请删去多余的引号或补上结束的引号',
  }))
  return { records, syntax, from: 'csv' }
}

function counts(plan: readonly PlannedRow[]): ImportPreview['counts'] {
  return {
    create: plan.filter((p) => p.action === 'create').length,
    update: plan.filter((p) => p.action === 'update').length,
    unchanged: plan.filter((p) => p.action === 'unchanged').length,
  }
}

export const rosterImportPreview = implement(rosterImportPreviewDecl, async (ctx, input) => {
  const { plan, problems, warnings } = await analyse(ctx, input)
  return {
    rows: plan.map((p) => ({
      row: p.row,
      name: p.next.name,
      phoneMasked: maskPhone(p.next.phone),
      action: p.action,
      changes: p.changes,
    })),
    problems,
    warnings,
    counts: counts(plan),
    canCommit: problems.length === 0 && plan.length > 0,
  }
})

export const rosterImportCommit = implement(rosterImportCommitDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const { branch, plan, problems } = await analyse(ctx, input)
  if (problems.length) {
    const first = problems[0]
    throw new AppError(
      'VALIDATION_FAILED',
      `名单有 ${problems.length} 处问题，没有导入任何人。第 ${first.row} 行“${first.column}”：${first.message}。请按预览中的说明改好后重新导入。`,
      problems.map((p) => ({ field: `row ${p.row} ${p.column}`, message: p.message })),
    )
  }
  // Members imported as transferred or suspended are logged out of their browsers (扫码登录) in the same write.
  const browsers = new Map<string, Stored<WebSessionDoc>[]>()
  for (const p of plan) {
    const status = p.next.status
    if (p.action === 'update' && p.existing && (status === 'transferred' || status === 'suspended')) {
      browsers.set(p.existing.id, await openSessionsOf(store, p.existing.id, ctx.now))
    }
  }
  // All or nothing: every create and update, and their history, in one transaction.
  await store.transaction(async (tx) => {
    for (const p of plan) {
      if (p.action === 'create') {
        await tx.insert<Omit<Member, 'id'>>('members', { _id: ctx.newId('m'), orgId: branch._id, ...p.next })
      } else if (p.action === 'update' && p.existing) {
        const fresh = await tx.get<Omit<Member, 'id'>>('members', p.existing.id)
        if (!fresh || fresh._version !== p.existing.version) {
          throw new AppError(
            'CONFLICT',
            `导入期间${p.next.name}的信息被别人修改了，没有导入任何人；请重新预览后再导入。`,
          )
        }
        const { _id, _version, ...before } = fresh
        const after = { ...before, ...p.next }
        await tx.update<Omit<Member, 'id'>>('members', _id, p.next, _version)
        if (before.status !== after.status && (after.status === 'transferred' || after.status === 'suspended')) {
          await endSessions(tx, browsers.get(_id) ?? [], after.status, ctx.now)
        }
        await recordChanges(tx, ctx.newId, before, after, {
          memberId: _id,
          reason: '名单导入',
          by: ctx.actor.memberId,
          at: ctx.now,
        })
      }
    }
  })
  // Imported: the uploaded file has served. (One only previewed stays in uploads/roster/.)
  await ctx.ports.files.remove(input.fileId).catch(() => undefined)
  const c = counts(plan)
  return { created: c.create, updated: c.update, unchanged: c.unchanged }
})

/** Column widths (characters) of the exported workbook, in the order of ROSTER_COLUMNS. */
const XLSX_WIDTHS = [12, 6, 14, 10, 12, 12, 16, 12, 8]

export const rosterExport = implement(rosterExportDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const members = await membersOf(store, branch._id)
  const groups = (await groupsOf(store, branch._id)).map((g) => ({ id: g._id, name: g.name }))
  const filename = `${branch.name}-党员名单-${beijing(ctx.now).format('YYYYMMDD')}.${input.format}`
  if (input.format === 'xlsx') {
    const { XLSX_TYPE, tableXlsx } = await import('../roster-xlsx')
    const content = await tableXlsx(rosterTable(members, groups, 'xlsx'), '党员名单', XLSX_WIDTHS)
    return exportFile(ctx, filename, XLSX_TYPE, 'xlsx', content)
  }
  const { unparseCsv } = await import('../csv-file')
  // UTF-8 with a byte-order mark, so Excel opens it with Chinese intact.
  const content = Buffer.from(`\uFEFF${unparseCsv(rosterTable(members, groups, 'csv'))}`, 'utf8')
  return exportFile(ctx, filename, 'text/csv;charset=utf-8', 'csv', content)
})
