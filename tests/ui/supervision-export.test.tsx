/**
 * The 党委's exports handed over in the browser build, in jsdom against the real server code: 导出
 * Excel on the matrix downloads the .xlsx of the filtered matrix, 导出述职评议材料 on the branch page
 * the branch's .docx packet; each file is read back (exceljs, jszip) from the bytes the page handed
 * to the browser.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { TextDecoder as UtilTextDecoder, TextEncoder as UtilTextEncoder } from 'node:util'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import SupervisionBranchPage from '../../src/packages/supervision/pages/branch/index'
import MatrixPage from '../../src/packages/supervision/pages/matrix/index'
import { SUPERVISOR } from '../cloud/api-fixture'
import { navigation } from '../mocks/taro'
import { link, linkPerTest } from './real-api'

linkPerTest(SUPERVISOR)
/** The first answers can take seconds on a busy machine (the real server code runs in-process). */
const SLOW = { timeout: 8000 }

// The server's .docx writer runs in this jsdom test; Node has TextEncoder, jsdom's window does not.
if (typeof globalThis.TextEncoder === 'undefined') {
  Object.assign(globalThis, { TextEncoder: UtilTextEncoder, TextDecoder: UtilTextDecoder })
}

/** What the page offered as a download: the file name and its bytes. */
interface Offered {
  name: string
  bytes: Uint8Array
}

/** Catches the next download (`URL.createObjectURL` of a Blob, then a click on an `<a download>`). */
function catchDownload(): Promise<Offered> {
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

test('导出 Excel downloads the matrix as it is filtered, and the workbook reads back', async () => {
  navigation.params = { year: '2026' }
  const { container } = render(<MatrixPage />)
  await waitFor(() => expect(container.querySelector('#card-org_b1')).not.toBeNull(), SLOW)
  await act(async () => fireEvent.click(container.querySelector('#toggle-filters')!))
  await act(async () => fireEvent.click(container.querySelector('#kind-theme_day')!))
  await waitFor(() => expect(container.querySelector('#mcell-org_b1-branch_congress-2026-Q1')).toBeNull(), SLOW)

  const offered = catchDownload()
  await act(async () => fireEvent.click(container.querySelector('#export-matrix')!))
  const file = await offered
  expect(file.name).toMatch(/\.xlsx$/)
  expect(link.sent.filter((e) => e.action === 'supervision.exportMatrix').at(-1)!.input).toMatchObject({
    orgId: 'org_cmte',
    year: 2026,
    kinds: ['theme_day'],
  })
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(file.bytes.buffer as ArrayBuffer)
  const text: string[] = []
  book.worksheets[0].eachRow((row) => text.push((row.values as unknown[]).map((v) => String(v ?? '')).join('|')))
  expect(text.some((r) => r.includes('第一党支部'))).toBe(true)
  expect(text.some((r) => r.includes('第二党支部'))).toBe(true)
  expect(container.querySelector('#export-problem')).toBeNull()
})

test('导出述职评议材料 downloads the branch’s .docx packet, which names the branch and the year', async () => {
  navigation.params = { branchId: 'org_b2', year: '2026' }
  const { container } = render(<SupervisionBranchPage />)
  await waitFor(() => expect(container.querySelector('#branch-name')).not.toBeNull(), SLOW)
  const offered = catchDownload()
  await act(async () => fireEvent.click(container.querySelector('#export-packet')!))
  const file = await offered
  expect(file.name).toMatch(/\.docx$/)
  const zip = await JSZip.loadAsync(file.bytes)
  const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
  expect(xml).toContain('第二党支部')
  expect(xml).toContain('2026')
})
