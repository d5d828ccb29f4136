/**
 * 导入名单 and 新增党员 in jsdom against the real server code (issue 17): the import page takes an
 * .xlsx or a CSV chosen from a chat, refuses rows whose names an encoding damaged (the commit
 * button says why it cannot import), lists same-name warnings without stopping the import, and
 * imports; the member editor warns of a same name while typing. As in WeChat (TARO_ENV=weapp):
 * `chooseMessageFile`, the device's files and `cloud.uploadFile` are stand-ins at the WeChat
 * boundary, uploading into the very files the real server code reads.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import ImportPage from '../../src/packages/roster/pages/import/index'
import MemberEditPage from '../../src/packages/roster/pages/edit/index'
import { SECRETARY_B1 } from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink, typeInto } from './real-api'

/** The file the person picks in the chat, and what WeChat's dialogs were asked to show. */
const device = new Map<string, Buffer>()
let chosen: { name: string; path: string } | null = null
const modals: { title: string; content: string }[] = []

const wx = Taro as unknown as Record<string, unknown>
wx.chooseMessageFile = () =>
  Promise.resolve({ tempFiles: [{ name: chosen!.name, path: chosen!.path, size: device.get(chosen!.path)!.length }] })
wx.getFileSystemManager = () => ({
  accessSync: (path: string) => {
    if (!device.has(path)) throw Object.assign(new Error(`no such file ${path}`), { errMsg: 'fail' })
  },
})
;(wx.cloud as Record<string, unknown>).uploadFile = async (o: { cloudPath: string; filePath: string }) => {
  const stored = await link.api!.ports.files.put(o.cloudPath, device.get(o.filePath)!, 'application/octet-stream')
  return { fileID: stored.fileId, statusCode: 200, errMsg: 'cloud.uploadFile:ok' }
}
wx.showModal = (o: { title: string; content: string }) => {
  modals.push({ title: o.title, content: o.content })
  return Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
}

const taroEnv = process.env.TARO_ENV
beforeEach(async () => {
  process.env.TARO_ENV = 'weapp'
  resetTaroMock()
  device.clear()
  modals.length = 0
  await openLink(SECRETARY_B1)
})
afterEach(async () => {
  process.env.TARO_ENV = taroEnv
  await closeLink()
})

const put = (name: string, bytes: Buffer) => {
  const path = `http://tmp/${name}`
  device.set(path, bytes)
  chosen = { name, path }
}

async function exported(format: 'xlsx' | 'csv'): Promise<Buffer> {
  const r = await link.api!.main(
    { action: 'roster.export', input: { format } },
    { sessionToken: link.api!.tokenFor(SECRETARY_B1) },
  )
  if (!r.ok) throw new Error(r.error.message)
  return Buffer.from((r.data as { base64: string }).base64, 'base64')
}

async function choose(container: HTMLElement) {
  await act(async () => fireEvent.click(container.querySelector('#choose-file')!))
  await waitFor(() => expect(container.querySelector('#import-counts')).not.toBeNull())
}

test('a GBK file that lost a rare character is refused row by row; the stored name stays', async () => {
  await link.api!.ports.store.update('members', 'm_b1_08', { name: '𠮷田𬌗' }, 1)
  const csv = (await exported('csv')).toString('utf8').replace(/^\uFEFF/, '')
  put('名单.csv', iconv.encode(csv, 'gbk'))
  const { container } = render(<ImportPage />)
  await choose(container)

  const problems = container.querySelector('#import-problems')!.textContent!
  expect(problems).toMatch(/第 \d+ 行「姓名」：姓名“\?田\?”中的问号处原本是“𠮷田𬌗”里的生僻字.*保持不变/)
  expect(container.querySelector('#import-counts')!.textContent).toMatch(/不变 15；1 处问题需要修改/)
  const commit = container.querySelector('#commit-import')!
  expect(commit.textContent).toBe('有问题未修改，不能导入')
  await act(async () => fireEvent.click(commit))
  expect(link.sent.map((e) => e.action)).not.toContain('roster.importCommit')
  expect((await link.api!.ports.store.get('members', 'm_b1_08'))?.name).toBe('𠮷田𬌗')
})

test('an .xlsx with a new 黄晓明 shows the same-name warning, still imports, and says what it did', async () => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load((await exported('xlsx')) as unknown as ArrayBuffer)
  wb.worksheets[0].addRow(['黄晓明', '男', '13612345678', '预备党员', '2026-06-01', '', '', '', '正常'])
  put('名单.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))
  const { container } = render(<ImportPage />)
  await choose(container)

  expect(container.querySelector('#import-counts')!.textContent).toMatch(/新增 1，更新 0，不变 16$/)
  expect(container.querySelector('#import-problems')).toBeNull()
  const warnings = container.querySelector('#import-warnings')!.textContent!
  expect(warnings).toMatch(/请留意（不影响导入）/)
  expect(warnings).toMatch(/第 18 行「姓名」：本支部还有同名的第 \d+ 行（138\*{4}1259）/)
  const members = await link.api!.ports.store.count('members')
  await act(async () => fireEvent.click(container.querySelector('#commit-import')!))
  await waitFor(() => expect(modals).toHaveLength(1))
  expect(modals[0]).toEqual({ title: '导入完成', content: '新增 1 人，更新 0 人，16 人无变化。' })
  expect(await link.api!.ports.store.count('members')).toBe(members + 1)
  expect(navigation.calls.at(-1)).toMatchObject({ method: 'redirectTo' })
})

test('新增党员 warns, without refusing, when the branch already has the typed name', async () => {
  const { container } = render(<MemberEditPage />)
  typeInto(container, 'field-name', '黄晓明')
  await waitFor(() => expect(container.querySelector('#same-name-warning')).not.toBeNull(), { timeout: 3000 })
  expect(container.querySelector('#same-name-warning')!.textContent).toMatch(
    /^本支部已有同名党员：黄晓明（手机尾号 1259）。如果是同一个人，请不要重复新增；确是另一人，可以照常保存/,
  )
  typeInto(container, 'field-name', '黄晓')
  await waitFor(() => expect(container.querySelector('#same-name-warning')).toBeNull(), { timeout: 3000 })
  // A name longer than 20 characters is kept whole in the field; the save says the limit.
  const long = '𠮷'.repeat(21)
  typeInto(container, 'field-name', long)
  expect((container.querySelector('#field-name input') as HTMLInputElement).value).toBe(long)
})
