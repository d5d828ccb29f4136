/**
 * The bytes and syntax of a roster CSV file: decoding what Excel or a phone saved (UTF-8 with or
 * without BOM, UTF-16 from Excel's "Unicode text", otherwise GB18030/GBK as Excel writes on Chinese
 * Windows) with iconv-lite, and reading or writing records with papaparse. Both libraries are
 * heavy, so the cloud function loads this module only when a roster is imported or exported
 * (`await import('../csv-file')`; scripts/build-cloud.ts bundles it as a part of its own). It
 * knows nothing of rosters, so the part carries no domain code and no second zod.
 */
import iconv from 'iconv-lite'
import Papa from 'papaparse'

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf])

/** The text of a CSV file as chosen on a phone or a computer, from its raw bytes. */
export function decodeCsv(bytes: Buffer): string {
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) return bytes.subarray(3).toString('utf8')
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf-16le')
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf-16be')
  const utf8 = bytes.toString('utf8')
  // Valid UTF-8 survives the round trip; GBK bytes come back as replacement characters.
  if (Buffer.from(utf8, 'utf8').equals(bytes)) return utf8
  return iconv.decode(bytes, 'gb18030')
}

const QUOTE_PROBLEMS = new Set(['MissingQuotes', 'InvalidQuotes'])

/**
 * Records (header first) of a CSV text, and the 1-based rows whose double quotes do not pair up
 * (a cell that opens a quote and never closes it), in order.
 */
export function parseCsv(text: string): { records: string[][]; unpairedQuoteRows: number[] } {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false })
  const unpairedQuoteRows = parsed.errors.filter((e) => QUOTE_PROBLEMS.has(e.code)).map((e) => (e.row ?? 0) + 1)
  return { records: parsed.data, unpairedQuoteRows }
}

/**
 * A table (header first) as CSV text with CRLF line ends, cells quoted where they hold a comma, a
 * quote or a line break. Cells are written as given: the caller escapes formula-like text
 * (src/domain/spreadsheet-text.ts), so that its import can take the escape off again exactly.
 */
export function unparseCsv(table: string[][]): string {
  return Papa.unparse(table, { newline: '\r\n', escapeFormulae: false })
}
