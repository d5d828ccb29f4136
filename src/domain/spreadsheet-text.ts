/**
 * Text in a CSV cell that a spreadsheet must show, not run. Excel, WPS and LibreOffice treat a
 * cell that starts with = + - @ (and, in Chinese and Japanese Excel, their full-width forms
 * ＝ ＋ － ＠) as a formula, and one starting with a tab or carriage return is read as such after
 * the blank is dropped (OWASP, "CSV Injection"). An export puts an apostrophe before such a cell,
 * the mark spreadsheets themselves use for "this is text"; an import takes it away again.
 *
 * The escape is a bijection, so export → import gives back every value exactly. An import removes
 * one apostrophe exactly when what follows it starts with a formula character or another
 * apostrophe; so an export also escapes a value that already has that shape (`'=x` is written
 * `''=x`), and leaves any other apostrophe alone (`'abc`, `'` are written as they are).
 */

/** The first characters that make a spreadsheet run a cell. */
const FORMULA_LEAD = /^[=+\-@\t\r＝＋－＠]/
const APOSTROPHE = "'"

/** Whether an import takes the first character of `cell` off as an escape. */
const carriesEscape = (cell: string) =>
  cell.startsWith(APOSTROPHE) && (FORMULA_LEAD.test(cell.slice(1)) || cell.slice(1).startsWith(APOSTROPHE))

/** The cell as written to a CSV file: `text` with an apostrophe before it when it needs one. */
export function escapeFormula(text: string): string {
  return FORMULA_LEAD.test(text) || carriesEscape(text) ? APOSTROPHE + text : text
}

/**
 * The value a CSV cell holds: `cell` without the apostrophe escapeFormula added, or unchanged
 * when it carries none (escapeFormula's inverse on everything it writes).
 */
export function unescapeFormula(cell: string): string {
  return carriesEscape(cell) ? cell.slice(1) : cell
}
