/**
 * Issue 17 §1–3 through the real router: the roster as .xlsx and CSV survives export → import for
 * adversarial names (formula-like text, its apostrophe-escaped forms, line breaks, quotes, commas,
 * leading zeros, characters outside the BMP) with 0 changes; phones Excel already spoiled are
 * refused row by row; a name damaged by an encoding never replaces the stored one; every change of
 * name is in member history; a name over its limit is refused, not cut; same names are warned of.
 */
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { rosterFileUpload, uploadPath } from '../../src/domain/uploads'
import { apiPerTest, SECRETARY_B1, type In } from './api-fixture'

const api = apiPerTest()

let uploads = 0
const uploaded = async (bytes: Buffer, ext = 'csv') =>
  (await api.ports.files.put(uploadPath(rosterFileUpload, `x${++uploads}`, ext), bytes, 'application/octet-stream'))
    .fileId

/** Names a spreadsheet would run, its escapes, and text CSV and XML must carry intact. */
const ADVERSARIAL = [
  '=1+1',
  '+86张',
  '-王',
  '@李',
  '＝SUM(A1)',
  '＋赵',
  "'=已转义",
  "''双撇",
  "'",
  "'普通撇号",
  '张\t三',
  '李\r\n四',
  '周\r五',
  '"引号"王',
  '逗,号',
  '0086',
  '_x000D_名',
  '𠮷田𬌗',
  '𠮷'.repeat(20),
]

const newMember = (name: string, i: number) =>
  ({
    name,
    gender: 'male',
    phone: `1361234${String(i).padStart(4, '0')}`,
    category: 'full',
    joinedAt: '2010-07-01',
    confirmedAt: '2011-07-01',
    roles: [],
    groupId: null,
    status: 'normal',
  }) as In<'roster.create'>

async function addAdversarial(): Promise<string[]> {
  const ids: string[] = []
  for (const [i, name] of ADVERSARIAL.entries()) {
    ids.push(
      (
        await api
          .as(SECRETARY_B1)
          .call('roster.create', newMember(name, i), `req-adversarial-${String(i).padStart(4, '0')}`)
      ).id,
    )
  }
  return ids
}

const exported = async (format: 'csv' | 'xlsx') => {
  const file = await api.as(SECRETARY_B1).call('roster.export', { format })
  return Buffer.from(file.base64 ?? '', 'base64')
}
const preview = async (bytes: Buffer, ext = 'csv') =>
  api.as(SECRETARY_B1).call('roster.importPreview', { fileId: await uploaded(bytes, ext) })
const names = async (ids: string[]) =>
  Promise.all(ids.map(async (id) => (await api.ports.store.get('members', id))?.name))

describe('export → import without edits changes nothing', () => {
  test.each(['xlsx', 'csv'] as const)('%s, with every adversarial name', async (format) => {
    const ids = await addAdversarial()
    expect(await names(ids)).toEqual(ADVERSARIAL)
    const p = await preview(await exported(format), format)
    expect(p.problems).toEqual([])
    expect(p.counts).toEqual({ create: 0, update: 0, unchanged: 16 + ADVERSARIAL.length })
    expect(p.rows.map((r) => r.name)).toEqual(expect.arrayContaining(ADVERSARIAL))
    expect(p.canCommit).toBe(true)
    const result = await api
      .as(SECRETARY_B1)
      .call(
        'roster.importCommit',
        { fileId: await uploaded(await exported(format), format) },
        `req-roundtrip-${format}`,
      )
    expect(result).toEqual({ created: 0, updated: 0, unchanged: 16 + ADVERSARIAL.length })
    expect(await names(ids)).toEqual(ADVERSARIAL)
  })

  test('the CSV escapes formula-like names with one apostrophe, and re-saved as GB18030 still changes nothing', async () => {
    await addAdversarial()
    const csv = (await exported('csv')).toString('utf8')
    const lines = csv.split('\r\n')
    expect(lines).toContain("'=1+1,男,13612340000,正式党员,2010-07-01,2011-07-01,党员,,正常")
    expect(lines).toContain("'＝SUM(A1),男,13612340004,正式党员,2010-07-01,2011-07-01,党员,,正常")
    expect(lines).toContain("''=已转义,男,13612340006,正式党员,2010-07-01,2011-07-01,党员,,正常")
    expect(lines).toContain("'普通撇号,男,13612340009,正式党员,2010-07-01,2011-07-01,党员,,正常")
    expect(lines).toContain("'''双撇,男,13612340007,正式党员,2010-07-01,2011-07-01,党员,,正常")
    expect(lines).toContain("',男,13612340008,正式党员,2010-07-01,2011-07-01,党员,,正常")
    expect(csv).toContain('"李\r\n四"')
    const gb18030 = iconv.encode(csv.replace(/^\uFEFF/, ''), 'gb18030')
    const p = await preview(gb18030)
    expect(p.problems).toEqual([])
    expect(p.counts.unchanged).toBe(16 + ADVERSARIAL.length)
  })

  test('the workbook holds every cell as text with the text format, so Excel keeps phones and dates', async () => {
    await addAdversarial()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await exported('xlsx')) as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.name).toBe('党员名单')
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '姓名',
      '性别',
      '手机号',
      '党员类别',
      '入党时间',
      '转正时间',
      '职务',
      '党小组',
      '状态',
    ])
    const formulaRow = ws.getColumn(1).values.indexOf('=1+1')
    expect(formulaRow).toBeGreaterThan(1)
    for (let c = 1; c <= 9; c++) {
      const cell = ws.getRow(formulaRow).getCell(c)
      expect(cell.type).toBe(ExcelJS.ValueType.String)
      expect(cell.numFmt).toBe('@')
    }
    expect(ws.getRow(formulaRow).getCell(3).value).toBe('13612340000')
    expect(ws.getRow(formulaRow).getCell(5).value).toBe('2010-07-01')
  })
})

describe('phones Excel already spoiled', () => {
  test('1.38E+10 in a CSV is refused row by row with the fix, never guessed', async () => {
    const csv = (await exported('csv'))
      .toString('utf8')
      .replace(/,(138)(\d{8}),/g, (_, a: string) => `,${a[0]}.${a.slice(1)}E+10,`)
    const before = await api.ports.store.count('member_history')
    const p = await preview(Buffer.from(csv))
    expect(p.rows).toEqual([])
    expect(p.problems).toHaveLength(16)
    expect(new Set(p.problems.map((x) => x.column))).toEqual(new Set(['手机号']))
    expect(p.problems[0].message).toMatch(
      /^手机号列已被 Excel 改成科学计数法（“1.38E\+10”）.*设置单元格格式为“文本”.*重新输入.*导出名单（Excel）/,
    )
    expect(p.canCommit).toBe(false)
    expect(await api.ports.store.count('member_history')).toBe(before)
  })

  test('a workbook phone typed as a number is read in full; one shown as 1.38E+10 is refused', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await exported('xlsx')) as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    // What a person does in Excel: a number typed into a General cell, a date into a date cell.
    // (exceljs shares one style among cells, so each cell gets a style of its own.)
    const set = (row: number, col: number, value: number | Date, numFmt: string) => {
      const cell = ws.getRow(row).getCell(col)
      cell.value = value
      cell.style = { ...cell.style, numFmt }
    }
    const row = ws.getColumn(3).values.indexOf('13800001259') // 黄晓明
    set(row, 3, 13800001259, 'General')
    set(row, 5, new Date(Date.UTC(2016, 7, 15)), 'yyyy-mm-dd')
    const sci = ws.getColumn(3).values.indexOf('13800001000') // 张建国
    set(sci, 3, 13800001000, '0.00E+00')
    const p = await preview(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx')
    expect(p.rows.find((r) => r.name === '黄晓明')).toMatchObject({ action: 'unchanged' })
    expect(p.problems).toEqual([
      { row: sci, column: '手机号', message: expect.stringMatching(/科学计数法（“1\.38E\+10”）/) },
    ])
  })
})

test('a phone changed in the workbook is an update of that phone alone, applied as previewed', async () => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load((await exported('xlsx')) as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  const row = ws.getColumn(3).values.indexOf('13800001259') // 黄晓明
  ws.getRow(row).getCell(3).value = '13912345678'
  const bytes = Buffer.from(await wb.xlsx.writeBuffer())
  const p = await preview(bytes, 'xlsx')
  expect(p.problems).toEqual([])
  expect(p.counts).toEqual({ create: 0, update: 1, unchanged: 15 })
  expect(p.rows.find((r) => r.action === 'update')).toEqual({
    row,
    name: '黄晓明',
    phoneMasked: '139****5678',
    action: 'update',
    changes: ['手机号'],
  })
  const members = await api.ports.store.count('members')
  await api
    .as(SECRETARY_B1)
    .call('roster.importCommit', { fileId: await uploaded(bytes, 'xlsx') }, 'req-phone-change-1')
  expect(await api.ports.store.count('members')).toBe(members)
  expect(await api.ports.store.get('members', 'm_b1_08')).toMatchObject({ name: '黄晓明', phone: '13912345678' })
})

test('a workbook with a stray cell far below or beside the roster is refused, saying where', async () => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load((await exported('xlsx')) as unknown as ArrayBuffer)
  wb.worksheets[0].getCell('A1048576').value = '备注'
  const r = await api
    .as(SECRETARY_B1)
    .result('roster.importPreview', { fileId: await uploaded(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx') })
  expect(r.ok).toBe(false)
  if (!r.ok)
    expect(r.error.fields?.[0].message).toMatch(/^工作表第 1048576 行第 1 列还有内容：名单最多 2000 名党员、9 列/)
  const side = new ExcelJS.Workbook()
  await side.xlsx.load((await exported('xlsx')) as unknown as ArrayBuffer)
  side.worksheets[0].getCell('XFD2').value = '备注'
  const s2 = await api
    .as(SECRETARY_B1)
    .result('roster.importPreview', { fileId: await uploaded(Buffer.from(await side.xlsx.writeBuffer()), 'xlsx') })
  expect(s2.ok).toBe(false)
  if (!s2.ok) expect(s2.error.fields?.[0].message).toMatch(/^工作表第 2 行第 16384 列还有内容/)
})

describe('names are never damaged silently', () => {
  test('a GBK CSV with ? for stored rare characters: the preview refuses those rows, the names stay', async () => {
    const ids = await addAdversarial()
    const csv = (await exported('csv')).toString('utf8').replace(/^\uFEFF/, '')
    // What Excel's 「CSV（逗号分隔）」 writes on Chinese Windows: code page 936, ? for what it lacks.
    const gbk = iconv.encode(csv, 'gbk')
    expect(iconv.decode(gbk, 'gbk')).toContain('?田?')
    const p = await preview(gbk)
    const rare = p.problems.filter((x) => x.column === '姓名')
    expect(rare.map((x) => x.message)).toEqual([
      expect.stringMatching(/^姓名“\?田\?”中的问号处原本是“𠮷田𬌗”里的生僻字.*系统中的姓名“𠮷田𬌗”保持不变.*\.xlsx/),
      expect.stringMatching(/^姓名“\?{20}”中的问号处原本是/),
    ])
    expect(p.rows.some((r) => r.name.includes('?'))).toBe(false)
    expect(p.canCommit).toBe(false)
    const commit = await api
      .as(SECRETARY_B1)
      .result('roster.importCommit', { fileId: await uploaded(gbk) }, 'req-gbk-import-01')
    expect(commit.ok).toBe(false)
    expect(await names(ids)).toEqual(ADVERSARIAL)
  })

  test('U+FFFD, 锟斤拷 and UTF-8 read as Latin-1 are refused as damage, for new members too', async () => {
    const csv = (await exported('csv')).toString('utf8')
    const mojibake = Buffer.from('张建国', 'utf8').toString('latin1')
    const damaged = csv
      .replace('张建国,', `${mojibake},`)
      .replace('黄晓明,', '黄\uFFFD明,')
      .replace('吴俊杰,', '锟斤拷,')
      .concat('\r\n林?雨,女,13612345678,预备党员,2026-06-01,,,,正常\r\n')
    const p = await preview(Buffer.from(damaged))
    const why = (name: string) => p.problems.find((x) => x.message.includes(`“${name}”`))?.message
    expect(why(mojibake)).toMatch(/西文编码读出的乱码.*“张建国”保持不变/)
    expect(why('黄\uFFFD明')).toMatch(/乱码符号/)
    expect(why('锟斤拷')).toMatch(/编码转换出错/)
    expect(why('林?雨')).toMatch(/问号.*生僻字/)
    expect(p.canCommit).toBe(false)
  })

  test('a name changed by import or by 修改 is in member history with old and new value', async () => {
    const csv = (await exported('csv')).toString('utf8').replace('黄晓明,', '黄小明,')
    const p = await preview(Buffer.from(csv))
    expect(p.rows.find((r) => r.name === '黄小明')).toMatchObject({ action: 'update', changes: ['姓名'] })
    await api
      .as(SECRETARY_B1)
      .call('roster.importCommit', { fileId: await uploaded(Buffer.from(csv)) }, 'req-import-00001')
    const detail = await api.as(SECRETARY_B1).call('roster.get', { memberId: 'm_b1_08' })
    expect(detail.name).toBe('黄小明')
    expect(detail.history[0]).toMatchObject({ field: 'name', from: '黄晓明', to: '黄小明', reason: '名单导入' })
    const edited = await api
      .as(SECRETARY_B1)
      .call('roster.update', { memberId: 'm_b1_08', version: detail.version, name: '𠮷小明' }, 'req-rename-00001')
    expect(edited.history[0]).toMatchObject({ field: 'name', from: '黄小明', to: '𠮷小明' })
  })

  test('a name over 20 characters is refused with the limit, never cut; 20 rare characters fit', async () => {
    const long = '欧阳'.repeat(10) + '娜'
    const r = await api.as(SECRETARY_B1).result('roster.create', newMember(long, 1), 'req-long-name-0001')
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.error.fields?.[0]).toMatchObject({
        field: 'name',
        message: expect.stringMatching(/不能超过 20 个字，这里有 21 个字/),
      })
    const csv = (await exported('csv')).toString('utf8').replace('黄晓明,', `${long},`)
    const p = await preview(Buffer.from(csv))
    expect(p.problems).toEqual([
      { row: expect.any(Number), column: '姓名', message: expect.stringMatching(/不能超过 20 个字/) },
    ])
    expect(
      (await api.as(SECRETARY_B1).result('roster.create', newMember('𠮷'.repeat(20), 2), 'req-long-name-0002')).ok,
    ).toBe(true)
  })
})

test('same names in the branch are a warning in the preview, not a refusal', async () => {
  const csv = (await exported('csv')).toString('utf8') + '\r\n黄晓明,男,13612345678,预备党员,2026-06-01,,,,正常\r\n'
  const p = await preview(Buffer.from(csv))
  expect(p.problems).toEqual([])
  expect(p.canCommit).toBe(true)
  expect(p.warnings).toHaveLength(2)
  const [existing, added] = [...p.warnings].sort((a, b) => a.row - b.row)
  expect(existing.message).toMatch(/^本支部还有同名的第 18 行（136\*{4}5678）：如果是同一个人，请把手机号改成一致/)
  expect(added).toMatchObject({ row: 18, column: '姓名' })
  expect(added.message).toMatch(/^本支部还有同名的第 \d+ 行（138\*{4}1259）/)
})
