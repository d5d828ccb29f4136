/**
 * 年度计划 switches years (去年 / 今年 / 明年) and exports a published plan for the notice board
 * (issue 17 §5), in jsdom against the real server code: the download is caught and read back.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { TextDecoder as UtilTextDecoder, TextEncoder as UtilTextEncoder } from 'node:util'
import PlanPage from '../../src/packages/plan/pages/plan/index'
import { beijing } from '../../src/domain/beijing-time'
import { MEMBER_B1, SECRETARY_B1 } from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

// The server's .docx writer runs in this jsdom test; Node has TextEncoder, jsdom's window does not.
if (typeof globalThis.TextEncoder === 'undefined') {
  Object.assign(globalThis, { TextEncoder: UtilTextEncoder, TextDecoder: UtilTextDecoder })
}

afterEach(async () => {
  jest.restoreAllMocks()
  await closeLink()
})

/** What the page offered as a download: the file name and its bytes. */
function catchDownload(): Promise<{ name: string; bytes: Uint8Array }> {
  return new Promise((resolve) => {
    let blob: Blob | null = null
    URL.createObjectURL = ((b: Blob) => {
      blob = b
      return 'blob:test'
    }) as typeof URL.createObjectURL
    URL.revokeObjectURL = () => undefined
    HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
      const name = this.download
      const reader = new FileReader()
      reader.onload = () => resolve({ name, bytes: new Uint8Array(reader.result as ArrayBuffer) })
      reader.readAsArrayBuffer(blob!)
    }
  })
}

const click = (container: HTMLElement, id: string) =>
  act(async () => fireEvent.click(container.querySelector(`#${id}`)!))

test('the year switch reads each year; a published plan downloads as .xlsx and .docx', async () => {
  resetTaroMock()
  const api = await openLink(MEMBER_B1)
  jest.spyOn(Date, 'now').mockImplementation(() => api.clock.now)
  const thisYear = beijing(api.clock.now).year()
  const next = thisYear + 1
  const secretary = api.as(SECRETARY_B1)
  const draft = await secretary.call('plan.generate', { year: next }, 'ui-plan-year-generate')
  const plan = await secretary.call('plan.publish', { year: next, version: draft.version }, 'ui-plan-year-publish')

  navigation.params = {}
  const { container } = render(<PlanPage />)
  await waitFor(() => expect(container.querySelector('#plan-status')).not.toBeNull())
  // Next year by default, among last year, this year and next year.
  const chips = [...container.querySelectorAll('#plan-years .chip')]
  expect(chips.map((c) => c.textContent)).toEqual([`${thisYear - 1}年 去年`, `${thisYear}年 今年`, `${next}年 明年`])
  expect(container.querySelector(`#plan-year-${next}`)!.className).toContain('chip--on')
  expect(container.querySelector('#plan-title')!.textContent).toContain(`${next} 年组织生活计划`)
  expect(container.querySelector('#plan-status')!.textContent).toBe('已发布')

  // .xlsx: one row per meeting under the title and header.
  let offered = catchDownload()
  await click(container, 'plan-export-xlsx')
  let file = await offered
  expect(file.name).toMatch(new RegExp(`^组织生活计划_第一党支部_${next}_\\d{8}\\.xlsx$`))
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer)
  const ws = wb.worksheets[0]
  expect(ws.getCell(1, 1).value).toBe(`第一党支部${next}年组织生活计划`)
  const titles = []
  for (let r = 4; r <= ws.rowCount; r += 1)
    if (typeof ws.getCell(r, 1).value === 'number') titles.push(ws.getCell(r, 6).value)
  expect(titles).toEqual(plan.items.map((i) => i.title))

  // .docx: the same plan in Word.
  offered = catchDownload()
  await click(container, 'plan-export-docx')
  file = await offered
  expect(file.name).toMatch(/\.docx$/)
  const zip = await JSZip.loadAsync(file.bytes)
  const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
  expect(text).toContain(`第一党支部${next}年组织生活计划`)
  expect(container.querySelector('#plan-export-problem')).toBeNull()

  // This year: no plan yet, and a member is told to wait for the secretary; nothing of next year stays.
  await click(container, `plan-year-${thisYear}`)
  await waitFor(() => expect(container.textContent).toContain(`${thisYear} 年的组织生活计划还没有制定`))
  expect(container.querySelector(`#plan-year-${thisYear}`)!.className).toContain('chip--on')
  expect(container.querySelector('#plan-status')).toBeNull()
  expect(container.querySelector('#plan-export')).toBeNull()
  // And back: the published plan again.
  await click(container, `plan-year-${next}`)
  await waitFor(() => expect(container.querySelector('#plan-status')!.textContent).toBe('已发布'))
  const reads = link.sent.filter((e) => e.action === 'plan.get').map((e) => (e.input as { year: number }).year)
  expect(reads).toEqual([next, thisYear, next])
})

test('a draft offers no export; the secretary sees the switch too', async () => {
  resetTaroMock()
  const api = await openLink(SECRETARY_B1)
  jest.spyOn(Date, 'now').mockImplementation(() => api.clock.now)
  const next = beijing(api.clock.now).year() + 1
  await api.as(SECRETARY_B1).call('plan.generate', { year: next }, 'ui-plan-year-draft')
  navigation.params = { branchId: 'org_b1', year: String(next) }
  const { container } = render(<PlanPage />)
  await waitFor(() => expect(container.querySelector('#plan-status')!.textContent).toBe('草稿'))
  expect(container.querySelector('#plan-export')).toBeNull()
  expect(container.querySelector(`#plan-year-${next}`)!.className).toContain('chip--on')
})
