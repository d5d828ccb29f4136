/**
 * The 党委's year matrix as an Excel workbook (.xlsx), written with exceljs: a header row, one row
 * per branch and 党小组, each column's status in Chinese, the indicators as typed cells (counts as
 * numbers, shares as percentages, the last meeting's day as a date) and panes frozen on the names
 * and the header. Loaded only by supervision.exportMatrix (a lazy part of the cloud bundle).
 */
import ExcelJS from 'exceljs'
import type { MatrixColumn, MatrixRow } from '../domain/api/views-supervision'
import { CELL_STATUS_LABELS } from '../domain/supervision'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const BEIJING_MS = 8 * 3_600_000

/** Excel has no time zones: a Beijing wall-clock time is written as that time in UTC. */
const beijingDate = (ms: number) => new Date(ms + BEIJING_MS)

export interface MatrixWorkbook {
  /** e.g. 示范区机关党委. */
  orgName: string
  year: number
  columns: MatrixColumn[]
  rows: MatrixRow[]
  /** What the export was filtered by, in Chinese; empty for everything. */
  filters: string
  /** Server time of the export (epoch ms). */
  exportedAt: number
}

/** The indicator columns after the cells: header, width, and how each is written. */
const INDICATORS: { header: string; width: number; value: (r: MatrixRow) => number | Date | null; numFmt?: string }[] =
  [
    { header: '按时召开（次）', width: 12, value: (r) => r.indicators.onTime, numFmt: '0' },
    { header: '补录占比', width: 10, value: (r) => r.indicators.backfillShare, numFmt: '0.0%' },
    { header: '代为登记占比', width: 12, value: (r) => r.indicators.proxyShare, numFmt: '0.0%' },
    { header: '离线补传占比', width: 12, value: (r) => r.indicators.offlineShare, numFmt: '0.0%' },
    { header: '远程参会占比', width: 12, value: (r) => r.indicators.remoteShare, numFmt: '0.0%' },
    { header: '平均出席率', width: 10, value: (r) => r.indicators.attendanceRate, numFmt: '0.0%' },
    { header: '阅签率', width: 10, value: (r) => r.indicators.readRate, numFmt: '0.0%' },
    {
      header: '最近一次组织生活',
      width: 16,
      value: (r) => (r.indicators.lastHeldAt === null ? null : beijingDate(r.indicators.lastHeldAt)),
      numFmt: 'yyyy-mm-dd',
    },
    { header: '距今（天）', width: 10, value: (r) => r.indicators.daysSinceLast, numFmt: '0' },
    { header: '流动党员预警/失联风险（人）', width: 14, value: (r) => r.indicators.mobileAtRisk, numFmt: '0' },
    { header: '风险分', width: 8, value: (r) => r.risk, numFmt: '0' },
    { header: '存疑会议（次）', width: 12, value: (r) => new Set(r.flags.map((f) => f.meetingId)).size, numFmt: '0' },
  ]

/** Builds the workbook; resolves to the .xlsx bytes. */
export async function matrixXlsx(book: MatrixWorkbook): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '党支部组织生活'
  wb.created = beijingDate(book.exportedAt)
  const ws = wb.addWorksheet(`${book.year}年组织生活`, {
    views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }],
  })
  const fixed = ['组织', '类别', '上级组织']
  ws.columns = [
    { header: fixed[0], width: 18 },
    { header: fixed[1], width: 8 },
    { header: fixed[2], width: 16 },
    ...book.columns.map((c) => ({ header: c.label, width: 10 })),
    ...INDICATORS.map((i) => ({ header: i.header, width: i.width })),
  ]
  ws.getRow(1).font = { bold: true }
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' }
  for (const r of book.rows) {
    const byColumn = new Map(r.cells.map((c) => [`${c.kind}|${c.period}`, CELL_STATUS_LABELS[c.status]]))
    const row = ws.addRow([
      r.name,
      r.orgKind === 'branch' ? '党支部' : '党小组',
      r.parentName,
      ...book.columns.map((c) => byColumn.get(`${c.kind}|${c.period}`) ?? ''),
      ...INDICATORS.map((i) => i.value(r)),
    ])
    INDICATORS.forEach((ind, k) => {
      if (ind.numFmt) row.getCell(fixed.length + book.columns.length + k + 1).numFmt = ind.numFmt
    })
  }
  const about = wb.addWorksheet('说明')
  about.columns = [
    { header: '项目', width: 14 },
    { header: '内容', width: 60 },
  ]
  about.addRow(['党组织', book.orgName])
  about.addRow(['年度', book.year])
  about.addRow(['筛选条件', book.filters || '全部'])
  const at = about.addRow(['导出时间', beijingDate(book.exportedAt)])
  at.getCell(2).numFmt = 'yyyy-mm-dd hh:mm'
  about.addRow([
    '状态',
    '已完成：按期召开并定稿；补录：靠补录的记录才达标；逾期：会后超过 3 天仍未登记或定稿；未完成：周期已过未达标；待召开：周期未到或尚未结束',
  ])
  about.addRow([
    '风险分',
    '逾期每项 100、未完成每项 60、流动党员预警或失联风险每人 30、补录每项 20，加距上次组织生活的天数（最多 365）',
  ])
  return Buffer.from(await wb.xlsx.writeBuffer())
}
