/**
 * The roster as an Excel workbook, written and read with exceljs: every cell a text cell with the
 * text format (`@`), so Excel neither shows a phone as 1.38E+10 nor turns a date or a name such as
 * `=A1` into something else, and keeps a retyped phone as text. Loaded only by roster.export and
 * roster.import* (a lazy part of the cloud bundle, scripts/build-cloud.ts). Knows nothing of the
 * roster's columns: it writes and reads records (header first), as src/cloud/csv-file.ts does.
 */
import ExcelJS from 'exceljs'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const TEXT = '@'

/**
 * `text` as a cell's XML must hold it so that it reads back the same (ECMA-376 ST_Xstring, as
 * Excel writes it): a carriage return or another control character as `_x000D_`, which XML
 * would otherwise turn into a line feed or refuse, and a literal `_x…_` with its underscore
 * escaped (`_x005F_`). exceljs decodes these when it reads a workbook but does not encode them.
 */
function xmlSafe(text: string): string {
  const hex = (ch: string) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`
  // eslint-disable-next-line no-control-regex -- the control characters are what is escaped
  return text.replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F_${m.slice(1)}`).replace(/[\x00-\x08\x0B-\x1F]/g, hex)
}

/**
 * A workbook of one sheet named `sheetName` holding `table` (header first, in bold, frozen), each
 * cell text. `widths` are column widths in characters. Resolves to the .xlsx bytes.
 */
export async function tableXlsx(
  table: readonly (readonly string[])[],
  sheetName: string,
  widths: number[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '党支部组织生活'
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  widths.forEach((width, i) => {
    const column = ws.getColumn(i + 1)
    column.width = width
    column.numFmt = TEXT
  })
  for (const record of table) {
    const row = ws.addRow(record.map(xmlSafe))
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.numFmt = TEXT
    })
  }
  ws.getRow(1).font = { bold: true }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** Whether a number format shows numbers in scientific notation (0.00E+00). */
const SCIENTIFIC_FORMAT = /E\+/i

/** A date cell as Excel holds it (a wall-clock date in UTC) → 2020-07-01. */
const dateText = (d: Date) =>
  `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`

/**
 * The text a person sees in a cell. A number is written in full (an .xlsx keeps all 15 digits, so
 * a phone typed into a General cell is intact), except one shown in scientific notation, which is
 * given back the way it is shown (1.38E+10) so the import refuses it rather than trusting digits
 * the person never saw. A formula gives its last result, rich text its plain text, a date its day.
 */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number')
    return SCIENTIFIC_FORMAT.test(cell.numFmt ?? '') ? v.toExponential(2).toUpperCase() : String(v)
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (v instanceof Date) return dateText(v)
  if ('richText' in v) return v.richText.map((r) => r.text).join('')
  if ('error' in v) return String(v.error)
  if ('formula' in v || 'sharedFormula' in v) {
    const result: unknown = v.result
    if (result instanceof Date) return dateText(result)
    if (result && typeof result === 'object' && 'error' in result) return String(result.error)
    return result === undefined || result === null ? '' : String(result)
  }
  // A hyperlink, or anything newer: the text Excel shows.
  return cell.text ?? ''
}

/** The bytes look like a zip but exceljs cannot read them as a workbook. */
export class NotAWorkbook extends Error {}

/** A cell holds something beyond the rows or columns the caller reads (`row`, `column` 1-based). */
export class BeyondLimits extends Error {
  constructor(
    readonly row: number,
    readonly column: number,
  ) {
    super(`a cell at row ${row}, column ${column} is beyond the limits`)
  }
}

/**
 * The records (header first; row i of the sheet is record i − 1, empty rows kept as empty records
 * so row numbers stay those Excel shows) of a workbook's first sheet, reading at most `limits.rows`
 * rows and `limits.columns` columns. Throws NotAWorkbook when the bytes are not a readable .xlsx
 * (an .xls, a damaged or encrypted file), BeyondLimits when a cell with content lies outside the
 * limits (so a stray cell in row 1,048,576 costs nothing).
 */
export async function readXlsx(bytes: Buffer, limits: { rows: number; columns: number }): Promise<string[][]> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new NotAWorkbook()
  }
  const ws = wb.worksheets[0]
  if (!ws) return []
  const cells = new Map<number, Map<number, string>>()
  let lastRow = 0
  let lastColumn = 0
  ws.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      const text = cellText(cell)
      if (!text) return
      if (r > limits.rows || c > limits.columns) throw new BeyondLimits(r, c)
      if (!cells.has(r)) cells.set(r, new Map())
      cells.get(r)!.set(c, text)
      lastRow = Math.max(lastRow, r)
      lastColumn = Math.max(lastColumn, c)
    })
  })
  return Array.from({ length: lastRow }, (_, i) =>
    Array.from({ length: lastColumn }, (_, j) => cells.get(i + 1)?.get(j + 1) ?? ''),
  )
}
