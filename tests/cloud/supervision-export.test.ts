/**
 * The 党委's exports (issue 14 §4), parsed back: the matrix as .xlsx read with exceljs (typed cells,
 * header, frozen panes) and a branch's 述职评议 packet as .docx (jszip + the text of document.xml),
 * with the fixture's figures asserted.
 */
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { fromBeijing } from '../../src/domain/beijing-time'
import type { ExportFile } from '../../src/domain/api/views-supervision'
import { apiPerTest } from './api-fixture'
import { fixture } from './supervision-fixture'

const api = apiPerTest({ seed: false })
const DAY = 86_400_000

async function workbook(file: ExportFile): Promise<ExcelJS.Workbook> {
  expect(file.fileId).toBeNull() // the embedded host returns the file inline
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(file.base64!, 'base64') as unknown as ExcelJS.Buffer)
  return wb
}

async function documentText(file: ExportFile): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(file.base64!, 'base64'))
  const xml = await zip.file('word/document.xml')!.async('string')
  return xml.replace(/<[^>]+>/g, '')
}

test('the matrix as .xlsx: a header row, statuses in Chinese, typed indicators, frozen panes', async () => {
  await fixture(api)
  const file = await api.as('sup').call('supervision.exportMatrix', { orgId: 'cmte', year: 2026 })
  expect(file.filename).toMatch(/^组织生活年度矩阵_测试党委_2026_\d{8}\.xlsx$/)
  expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  const ws = (await workbook(file)).worksheets[0]
  expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 1 })
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[]
  const col = (name: string) => header.indexOf(name) + 1
  expect(header.slice(0, 3)).toEqual(['组织', '类别', '上级组织'])
  expect(ws.rowCount).toBe(1 + 4) // three branches and 第一支部's 党小组
  const rowOf = (name: string) => {
    for (let i = 2; i <= ws.rowCount; i += 1) if (ws.getRow(i).getCell(1).value === name) return ws.getRow(i)
    throw new Error(`no row ${name}`)
  }
  const a = rowOf('第一支部')
  expect(a.getCell(2).value).toBe('党支部')
  expect(a.getCell(col('主题党日 1月')).value).toBe('已完成')
  expect(a.getCell(col('主题党日 2月')).value).toBe('补录')
  expect(a.getCell(col('主题党日 3月')).value).toBe('未完成')
  expect(a.getCell(col('主题党日 11月')).value).toBe('逾期')
  expect(a.getCell(col('支部委员会 12月')).value).toBe('待召开')
  expect(a.getCell(col('按时召开（次）')).value).toBe(2)
  const backfill = a.getCell(col('补录占比'))
  expect(backfill.value).toBeCloseTo(1 / 3, 10)
  expect(backfill.numFmt).toBe('0.0%')
  expect(a.getCell(col('平均出席率')).value).toBeCloseTo(0.8, 10)
  const last = a.getCell(col('最近一次组织生活'))
  // Beijing wall-clock time, written as that time (Excel has no zones).
  expect(last.value).toEqual(new Date(fromBeijing('2026-11-10', '15:00') + 8 * 3_600_000))
  expect(last.numFmt).toBe('yyyy-mm-dd')
  expect(a.getCell(col('存疑会议（次）')).value).toBe(1)
  const g = rowOf('第一党小组')
  expect([g.getCell(2).value, g.getCell(3).value]).toEqual(['党小组', '第一支部'])
  expect(g.getCell(col('党小组会 10月')).value).toBe('已完成')
  expect(g.getCell(col('主题党日 1月')).value).toBe('')

  // Filtered like the matrix.
  const only = await workbook(
    await api.as('sup').call('supervision.exportMatrix', { orgId: 'cmte', year: 2026, statuses: ['overdue'] }),
  )
  expect(only.worksheets[0].rowCount).toBe(1 + 2)
  const about = only.worksheets[1]
  expect(about.getRow(4).getCell(2).value).toBe('状态：逾期')
  expect(about.getRow(5).getCell(2).value).toEqual(new Date(api.clock.now + 8 * 3_600_000))
})

test('the 述职评议 packet as .docx: meetings, attendance, 补录 and 代为登记 with reasons, 流动党员, chain', async () => {
  await fixture(api)
  const { store } = api.ports
  await store.insert('attendance', {
    _id: 'm_jan.sec_a',
    meetingId: 'm_jan',
    branchId: 'b_a',
    memberId: 'sec_a',
    mode: 'in_person',
    late: false,
    via: 'manual',
    signedAt: fromBeijing('2026-01-05', '15:05'),
    offline: false,
    manualReason: '手机没电，会场登记',
    recordedBy: 'sec_a',
    confirmed: true,
    receivedAt: fromBeijing('2026-01-05', '15:05'),
    confirmedBy: null,
    confirmedAt: null,
  })
  await store.insert('members', {
    _id: 'mob1',
    orgId: 'b_a',
    groupId: null,
    name: '吴流动',
    gender: 'male',
    phone: '13900000000',
    category: 'full',
    roles: ['member'],
    status: 'mobile',
    joinedAt: '2010-07-01',
    confirmedAt: '2011-07-01',
  })
  await store.insert('mobile_profiles', {
    _id: 'mob1',
    memberId: 'mob1',
    branchId: 'b_a',
    since: '2026-03-01',
    city: '深圳',
    reason: 'work',
    contact: '13900000000',
    certificateNo: '',
    hostBranch: '',
    expectedReturn: null,
    lastContactAt: api.clock.now - 100 * DAY,
    lastCheckinAt: null,
    createdAt: api.clock.now - 200 * DAY,
    updatedAt: api.clock.now - 100 * DAY,
    updatedBy: 'sec_a',
  })
  const file = await api.as('sup').call('supervision.exportPacket', { branchId: 'b_a', year: 2026 })
  expect(file.filename).toBe('述职评议材料_第一支部_2026.docx')
  const text = await documentText(file)
  expect(text).toContain('第一支部 2026年组织生活述职评议材料')
  expect(text).toContain('上级党组织：测试党委')
  // 主题党日: 12 owed, 2 counted (one of them 补录).
  expect(text).toContain('主题党日1221')
  // Held with attendance: 8/10, 6/10, 9/10 and the 党小组's 5/5.
  expect(text).toContain('已确认考勤的会议 4 次，应到 35 人次，实到 28 人次，平均出席率 80.0%')
  expect(text).toContain('会议记录于 2026-02-15 定稿，晚于会议结束超过')
  expect(text).toContain('成员sec_a手机没电，会场登记')
  expect(text).toContain('吴流动深圳预警100')
  expect(text).toContain('链头：支部还没有写入记录链的记录。')
  expect(text).toMatch(/核验结果：.*核验 0 条，全部一致/)
})

test('only the 党委 exports; a branch secretary is refused', async () => {
  await fixture(api)
  const r = await api.as('sec_a').result('supervision.exportPacket', { branchId: 'b_a', year: 2026 })
  expect(r.ok).toBe(false)
  if (!r.ok) expect(r.error.code).toBe('FORBIDDEN')
})
