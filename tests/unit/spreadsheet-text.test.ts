/**
 * The CSV formula escape (src/domain/spreadsheet-text.ts) and the encoding-damage check
 * (src/domain/text-damage.ts), on the forms a spreadsheet runs and the damage Excel and wrong
 * decoders really produce.
 */
import iconv from 'iconv-lite'
import { escapeFormula, unescapeFormula } from '../../src/domain/spreadsheet-text'
import { encodingDamage } from '../../src/domain/text-damage'

describe('escapeFormula / unescapeFormula', () => {
  const RUN = ['=1+1', '+86', '-5', '@SUM(A1)', '\t=cmd', '\r=cmd', '＝SUM(A1)', '＋1', '－1', '＠x']

  test.each(RUN)('%j gets one apostrophe, which the import takes off', (text) => {
    expect(escapeFormula(text)).toBe(`'${text}`)
    expect(unescapeFormula(escapeFormula(text))).toBe(text)
  })

  test('values shaped like an escape are escaped again; other apostrophes are left alone', () => {
    expect(escapeFormula("'=1")).toBe("''=1")
    expect(escapeFormula("''")).toBe("'''")
    expect(escapeFormula("'abc")).toBe("'abc")
    expect(escapeFormula("'")).toBe("'")
    expect(escapeFormula('张三')).toBe('张三')
    expect(escapeFormula('')).toBe('')
  })

  test('escape then unescape is the identity on every value, and an apostrophe nobody escaped stays', () => {
    const values = [
      '',
      "'",
      "''",
      "'''",
      "'a",
      "''a",
      "'=",
      "''=",
      '=',
      '张=',
      ' =x',
      ...RUN,
      ...RUN.map((r) => `'${r}`),
    ]
    for (const v of values) expect(unescapeFormula(escapeFormula(v))).toBe(v)
    expect(unescapeFormula("'abc")).toBe("'abc")
    expect(unescapeFormula("'")).toBe("'")
  })
})

describe('encodingDamage', () => {
  test('a ? where the stored name has a rare character, as code page 936 writes it', () => {
    const gbk = iconv.decode(iconv.encode('𠮷田𬌗', 'gbk'), 'gbk')
    expect(gbk).toBe('?田?')
    expect(encodingDamage(gbk, '𠮷田𬌗')).toMatch(/问号处原本是“𠮷田𬌗”里的生僻字/)
    expect(encodingDamage('?田', '𠮷田𬌗')).toMatch(/多了问号/)
    expect(encodingDamage('新?名', null)).toMatch(/问号/)
  })

  test('a question mark that was there before, or a real change, is no damage', () => {
    expect(encodingDamage('a?b', 'a?b')).toBeNull()
    expect(encodingDamage('黄小明', '黄晓明')).toBeNull()
    expect(encodingDamage('𠮷田', '吉田')).toBeNull()
    expect(encodingDamage('Renée 王', '王')).toBeNull()
    expect(encodingDamage('Zoë', null)).toBeNull()
  })

  test('U+FFFD, 锟斤拷 and Chinese read with a Western encoding are damage', () => {
    expect(encodingDamage(Buffer.from(iconv.encode('张三', 'gbk')).toString('utf8'), '张三')).toMatch(/乱码符号/)
    expect(encodingDamage('锟斤拷', '张三')).toMatch(/锟斤拷/)
    expect(encodingDamage(Buffer.from('张三', 'utf8').toString('latin1'), '张三')).toMatch(/西文编码/)
    expect(encodingDamage(iconv.decode(Buffer.from('张三', 'utf8'), 'win1252'), '张三')).toMatch(/西文编码/)
    expect(encodingDamage(iconv.encode('张三', 'gbk').toString('latin1'), null)).toMatch(/西文编码/)
  })
})
