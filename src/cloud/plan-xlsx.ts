/**
 * A published annual plan as an Excel workbook (.xlsx), written with exceljs: a title row, one row
 * per meeting (date as a real date cell, weekday, time, kind, title, 党小组, place, note), cancelled
 * meetings struck through, the header frozen and the sheet set to print on A4 landscape with the
 * header repeated. Loaded only by plan.export (a lazy part of the cloud bundle).
 */
import ExcelJS from 'exceljs'
import { planSheetTitle, type PlanSheet } from './plan-sheet'

export const PLAN_XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const BEIJING_MS = 8 * 3_600_000

const COLUMNS: { header: string; width: number }[] = [
  { header: '序号', width: 6 },
  { header: '日期', width: 12 },
  { header: '星期', width: 8 },
  { header: '时间', width: 13 },
  { header: '会议类型', width: 12 },
  { header: '会议主题', width: 36 },
  { header: '党小组', width: 12 },
  { header: '地点', width: 16 },
  { header: '备注', width: 24 },
]

/** Builds the workbook; resolves to the .xlsx bytes. */
export async function planXlsx(sheet: PlanSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '党支部组织生活'
  wb.created = new Date(sheet.exportedAt + BEIJING_MS)
  const ws = wb.addWorksheet(`${sheet.year}年计划`, {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  ws.columns = COLUMNS.map((c) => ({ width: c.width }))
  ws.mergeCells(1, 1, 1, COLUMNS.length)
  const title = ws.getCell(1, 1)
  title.value = planSheetTitle(sheet)
  title.font = { bold: true, size: 16 }
  title.alignment = { horizontal: 'center' }
  ws.mergeCells(2, 1, 2, COLUMNS.length)
  ws.getCell(2, 1).value = `${sheet.themeDayText}；共 ${sheet.rows.length} 次会议`
  const header = ws.getRow(3)
  header.values = COLUMNS.map((c) => c.header)
  header.font = { bold: true }
  ws.pageSetup.printTitlesRow = '3:3'
  sheet.rows.forEach((r, i) => {
    const [y, m, d] = r.date.split('-').map(Number)
    const row = ws.addRow([
      i + 1,
      new Date(Date.UTC(y, m - 1, d)),
      r.weekday,
      r.time,
      r.kindLabel,
      r.title,
      r.groupName ?? '',
      r.place,
      r.note,
    ])
    row.getCell(2).numFmt = 'yyyy-mm-dd'
    row.alignment = { vertical: 'top', wrapText: true }
    if (r.cancelled) row.font = { strike: true, color: { argb: 'FF888888' } }
  })
  const foot = ws.rowCount + 2
  const lines = [
    ...sheet.notes,
    `导出时间：${new Date(sheet.exportedAt + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' ')}`,
  ]
  lines.forEach((line, k) => {
    ws.mergeCells(foot + k, 1, foot + k, COLUMNS.length)
    const cell = ws.getCell(foot + k, 1)
    cell.value = line
    cell.alignment = { wrapText: true }
  })
  return Buffer.from(await wb.xlsx.writeBuffer())
}
