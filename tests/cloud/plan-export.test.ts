/**
 * plan.export (issue 17 §5): the published annual plan for the notice board, parsed back — the .xlsx
 * with exceljs (title, header, a real date cell per meeting, struck-through cancelled ones) and the
 * .docx with jszip (the text of document.xml). A draft is refused; a meeting moved after publishing
 * is printed where it is now, with where it was.
 */
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import type { DocxFile } from '../../src/domain/api/views-minutes'
import { apiPerTest, MEMBER_B1, requestIds, SECRETARY_B1 } from './api-fixture'

const api = apiPerTest()
const rid = requestIds('req-plan-export')

async function workbook(file: DocxFile): Promise<ExcelJS.Worksheet> {
  expect(file.fileId).toBeNull() // the embedded host returns the file inline
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(file.base64!, 'base64') as unknown as ExcelJS.Buffer)
  return wb.worksheets[0]
}

async function documentText(file: DocxFile): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(file.base64!, 'base64'))
  const xml = await zip.file('word/document.xml')!.async('string')
  return xml.replace(/<[^>]+>/g, '')
}

async function published2027() {
  const secretary = api.as(SECRETARY_B1)
  const draft = await secretary.call('plan.generate', { year: 2027 }, rid())
  // A draft is not for the notice board.
  await expect(secretary.call('plan.export', { year: 2027, format: 'xlsx' })).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringContaining('发布后才能导出'),
  })
  return secretary.call('plan.publish', { year: 2027, version: draft.version }, rid())
}

test('the published plan as .xlsx: one row per meeting, dates as dates, a moved meeting says where it was', async () => {
  const plan = await published2027()
  const feb = plan.items.find((i) => i.kind === 'theme_day' && i.date.startsWith('2027-02'))!
  // Moved after publishing: the sheet prints the new day and the old one.
  const meeting = await api.as(SECRETARY_B1).call('meeting.get', { meetingId: feb.meetingId! })
  await api.as(SECRETARY_B1).call(
    'meeting.reschedule',
    {
      meetingId: meeting.id,
      version: meeting.version,
      date: '2027-02-26',
      startTime: '15:00',
      endTime: '17:00',
      reason: '与春节后复工安排冲突',
    },
    rid(),
  )

  const file = await api.as(MEMBER_B1).call('plan.export', { year: 2027, format: 'xlsx' })
  expect(file.filename).toMatch(/^组织生活计划_第一党支部_2027_\d{8}\.xlsx$/)
  expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  const ws = await workbook(file)
  expect(ws.getCell(1, 1).value).toBe('第一党支部2027年组织生活计划')
  expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
    '序号',
    '日期',
    '星期',
    '时间',
    '会议类型',
    '会议主题',
    '党小组',
    '地点',
    '备注',
  ])
  const rows = []
  for (let r = 4; r <= ws.rowCount; r += 1) {
    const row = ws.getRow(r)
    if (typeof row.getCell(1).value === 'number') rows.push(row)
  }
  expect(rows).toHaveLength(plan.items.length)
  const first = rows[0]
  expect(first.getCell(2).value).toEqual(new Date(Date.UTC(2027, 0, 4)))
  expect(first.getCell(2).numFmt).toBe('yyyy-mm-dd')
  const moved = rows.find((r) => r.getCell(6).value === feb.title)!
  expect(moved.getCell(2).value).toEqual(new Date(Date.UTC(2027, 1, 26)))
  expect(moved.getCell(3).value).toBe('星期五')
  // The generator's note (off 春节) and then the move after publishing.
  expect(feb.note).toMatch(/顺延至/)
  expect(moved.getCell(9).value).toBe(`${feb.note}；已改期（原定 2月${Number(feb.date.slice(8))}日）`)
  // A date the generator moved off a holiday carries its note on paper as on screen.
  const shifted = plan.items.find((i) => i.note && i.meetingId !== feb.meetingId)!
  expect(shifted.note).toMatch(/^原定 \d+月\d+日 为.+假期，顺延至 \d+月\d+日$/)
  expect(rows.filter((r) => r.getCell(9).value === shifted.note)).toHaveLength(
    plan.items.filter((i) => i.note === shifted.note && i.meetingId !== feb.meetingId).length,
  )
  // A 党小组会 names its group.
  expect(rows.some((r) => r.getCell(5).value === '党小组会' && r.getCell(7).value === '第一党小组')).toBe(true)
  // 2027 is not in the holiday dataset: the sheet says 调休 is not published yet.
  const text = ws.getColumn(1).values.map(String).join('\n')
  expect(text).toContain('2027年的放假和调休安排国务院尚未公布')
})

test('the published plan as .docx: title, the 主题党日 rule and each month’s meetings', async () => {
  const plan = await published2027()
  const file = await api.as(SECRETARY_B1).call('plan.export', { year: 2027, format: 'docx' })
  expect(file.filename).toMatch(/^组织生活计划_第一党支部_2027_\d{8}\.docx$/)
  expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  const text = await documentText(file)
  expect(text).toContain('第一党支部2027年组织生活计划')
  expect(text).toContain(`主题党日：每月第一个星期五；全年共 ${plan.items.length} 次会议`)
  for (const month of ['1月', '6月', '12月']) expect(text).toContain(month)
  for (const item of plan.items) expect(text).toContain(item.title)
  // The generator's notes (a date moved off a holiday) are printed in the 备注 column.
  const notes = plan.items.flatMap((i) => (i.note ? [i.note] : []))
  expect(notes.length).toBeGreaterThan(0)
  for (const note of notes) expect(text).toContain(note)
  expect(text).toContain('2027年的放假和调休安排国务院尚未公布')
})

test('a year without a plan is named, and the format is checked', async () => {
  await expect(api.as(SECRETARY_B1).call('plan.export', { year: 2030, format: 'docx' })).rejects.toMatchObject({
    error: { code: 'NOT_FOUND', message: '2030年还没有计划，请先一键生成并发布计划。' },
  })
  await expect(api.as(SECRETARY_B1).call('plan.export', { year: 2027, format: 'pdf' as 'docx' })).rejects.toMatchObject(
    { code: 'VALIDATION_FAILED' },
  )
})
