/**
 * A branch's yearly 党费 ledger as an Excel workbook (.xlsx), written with exceljs: 台账 (one row per
 * member: category, monthly 应交, what was paid each month, totals and arrears, and a 合计 row),
 * 交纳明细 (every entry, corrected ones marked 已更正 with the correcting entry's reason) and 上缴.
 * Amounts are numbers in 元 with two decimals. Loaded only by dues.exportLedger (a lazy part of
 * the cloud bundle).
 */
import ExcelJS from 'exceljs'
import type { DuesBranchView, DuesEntryView } from '../domain/api/views-dues'
import { monthLabel } from '../domain/dues'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const BEIJING_MS = 8 * 3_600_000
const MONEY = '0.00'

/** 分 → 元 as a number for a cell (exact to the 分 when read back and multiplied by 100). */
const yuanCell = (fen: number | null) => (fen === null ? null : fen / 100)

export interface DuesWorkbook {
  ledger: DuesBranchView
  /** Every entry of the year, corrected ones included, newest first. */
  entries: DuesEntryView[]
  /** Server time of the export (epoch ms). */
  exportedAt: number
}

/** Builds the workbook; resolves to the .xlsx bytes. */
export async function duesLedgerXlsx(book: DuesWorkbook): Promise<Buffer> {
  const { ledger } = book
  const wb = new ExcelJS.Workbook()
  wb.creator = '党支部组织生活'
  wb.created = new Date(book.exportedAt + BEIJING_MS)
  const ws = wb.addWorksheet(`${ledger.year}年党费台账`, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] })
  const monthHeaders = ledger.monthTotals.map((m) => `${Number(m.month.slice(5))}月已交`)
  ws.columns = [
    { header: '姓名', width: 10 },
    { header: '类别', width: 12 },
    { header: '月应交（元）', width: 12 },
    ...monthHeaders.map((header) => ({ header, width: 10 })),
    { header: '应交合计（元）', width: 14 },
    { header: '已交合计（元）', width: 14 },
    { header: '欠交（元）', width: 12 },
  ]
  ws.getRow(1).font = { bold: true }
  const moneyCols = Array.from({ length: 12 + 4 }, (_, i) => i + 3)
  const money = (row: ExcelJS.Row) => moneyCols.forEach((c) => (row.getCell(c).numFmt = MONEY))
  for (const r of ledger.rows) {
    money(
      ws.addRow([
        r.name,
        r.categoryLabel ?? '未核定',
        yuanCell(r.monthlyFen),
        ...r.months.map((m) => yuanCell(m.paidFen)),
        yuanCell(r.totals.dueFen),
        yuanCell(r.totals.paidFen),
        yuanCell(r.totals.arrearsFen),
      ]),
    )
  }
  const total = ws.addRow([
    '合计',
    '',
    null,
    ...ledger.monthTotals.map((m) => yuanCell(m.paidFen)),
    yuanCell(ledger.totals.dueFen),
    yuanCell(ledger.totals.paidFen),
    yuanCell(ledger.totals.arrearsFen),
  ])
  total.font = { bold: true }
  money(total)

  const detail = wb.addWorksheet('交纳明细')
  detail.columns = [
    { header: '姓名', width: 10 },
    { header: '类型', width: 8 },
    { header: '月份', width: 24 },
    { header: '金额（元）', width: 12 },
    { header: '方式', width: 10 },
    { header: '收据号', width: 16 },
    { header: '日期', width: 12 },
    { header: '状态', width: 8 },
    { header: '说明', width: 40 },
    { header: '登记人', width: 10 },
  ]
  detail.getRow(1).font = { bold: true }
  for (const e of book.entries) {
    const about = [
      e.approval ? `批准人：${e.approval.approvedBy}（${e.approval.approvedOn}），原因：${e.approval.reason}` : '',
      e.correctionReason ? `更正原因：${e.correctionReason}` : '',
      e.note,
    ]
      .filter(Boolean)
      .join('；')
    const row = detail.addRow([
      e.memberName,
      e.kindLabel,
      e.months.map(monthLabel).join('、'),
      yuanCell(e.amountFen),
      e.methodLabel ?? '',
      e.receiptNo,
      e.paidOn,
      e.correctedById ? '已更正' : '有效',
      about,
      e.recordedByName,
    ])
    row.getCell(4).numFmt = MONEY
    if (e.correctedById) row.font = { strike: true }
  }

  const up = wb.addWorksheet('上缴党委')
  up.columns = [
    { header: '上缴日期', width: 12 },
    { header: '金额（元）', width: 12 },
    { header: '收据号', width: 16 },
    { header: '备注', width: 30 },
    { header: '登记人', width: 10 },
  ]
  up.getRow(1).font = { bold: true }
  for (const h of ledger.handovers) {
    up.addRow([h.handedOn, yuanCell(h.amountFen), h.receiptNo, h.note, h.recordedByName]).getCell(2).numFmt = MONEY
  }
  const sum = up.addRow(['合计', yuanCell(ledger.handedUpFen)])
  sum.font = { bold: true }
  sum.getCell(2).numFmt = MONEY
  return Buffer.from(await wb.xlsx.writeBuffer())
}
