/**
 * Whether a name read from a file looks damaged by a wrong encoding rather than changed by a
 * person, so an import never writes it over the stored name. What the damage looks like:
 *
 * - `?` where the stored name has another character: Excel's default 「CSV（逗号分隔）」 on Chinese
 *   Windows saves in code page 936 (GBK), which has no 𠮷 or 𬌗, and writes `?` for each.
 * - U+FFFD (�): bytes that were not valid in the encoding the file was read with.
 * - 锟斤拷 (and 烫烫烫, 屯屯屯): U+FFFD written as UTF-8 and read back as GBK, or uninitialised memory.
 * - Latin-1 pairs such as `å¼ ä¸‰` (张三 as UTF-8 read as Latin-1 / Windows-1252) or `ÕÅÈý` (张三 as
 *   GBK read the same way): a letter from À–ÿ followed by another character above U+007F, which no
 *   name in a Chinese roster has (Renée or Zoë have one accented letter among ASCII ones).
 *
 * Pure: the caller passes the stored name when there is one.
 */

const QUESTION_MARKS = /[?？]/
const REPLACEMENT = /\uFFFD/
const GARBLE_WORDS = /锟斤拷|烫烫烫|屯屯屯/
/** À–ÿ followed by a character from the C1 block, Latin-1 or the Windows-1252 extras. */
const LATIN1_PAIR =
  /[\u00C0-\u00FF][\u0080-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013-\u2122]/

/**
 * Whether `text` (a name read from a file) looks like encoding damage. `stored` is the name the
 * member has now, or null for a new member. Returns why, in Chinese
 * without a closing full stop, or null when it looks intact.
 */
export function encodingDamage(text: string, stored: string | null): string | null {
  if (REPLACEMENT.test(text)) return `“${text}”里有乱码符号“\uFFFD”，是文件编码读错时留下的`
  if (GARBLE_WORDS.test(text)) return `“${text}”里有“${GARBLE_WORDS.exec(text)?.[0]}”，这是文件编码转换出错时产生的乱码`
  if (LATIN1_PAIR.test(text)) return `“${text}”像是中文被按西文编码读出的乱码`
  if (!QUESTION_MARKS.test(text)) return null
  if (stored === null) return `“${text}”里有问号，多半是生僻字在保存时被替换成了问号`
  const read = [...text]
  const had = [...stored]
  // The same length with every other character kept: each `?` stands where a character was lost.
  if (read.length === had.length) {
    const lost = read.some((ch, i) => QUESTION_MARKS.test(ch) && had[i] !== ch)
    const kept = read.every((ch, i) => QUESTION_MARKS.test(ch) || had[i] === ch)
    if (lost && kept) return `“${text}”中的问号处原本是“${stored}”里的生僻字，保存文件时被替换成了问号`
  }
  const marksBefore = had.filter((ch) => QUESTION_MARKS.test(ch)).length
  const marksNow = read.filter((ch) => QUESTION_MARKS.test(ch)).length
  return marksNow > marksBefore ? `“${text}”比原来的“${stored}”多了问号，多半是生僻字在保存时被替换成了问号` : null
}
