/**
 * Issue 17 §1 in a real browser: the secretary 张建国 exports the roster as .xlsx from 支部成员,
 * changes one phone in the workbook (exceljs, as Excel would save it), and imports it through
 * 导入名单: the preview shows exactly that change (黄晓明, 更新：手机号; everyone else 不变), and
 * the import applies exactly that. Then a CSV re-saved by Excel as GBK, with `?` for a member's
 * rare characters: the preview refuses that row and the name stays. Screenshots of the previews at
 * 375×812 and 1366×768 go to tests/.artifacts.
 */
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { ARTIFACTS, expectText, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(180_000)

const stage = stageForThisFile()
const SECRETARY = 'm_b1_01'
const MEMBER = { id: 'm_b1_08', name: '黄晓明', phone: '13800001259' }
const NEW_PHONE = '13912345678'

async function openImportPreview(page: Page, file: string, counts = '新增 0，更新 1，不变 15'): Promise<void> {
  await page.goto(`${stage.host.url}/#/packages/roster/pages/import/index`)
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(page, '#choose-file').click()])
  await chooser.setFiles(file)
  await expectText(page, '#import-counts', counts)
}

test('export .xlsx, change one phone in it, import: exactly that change is previewed and applied', async () => {
  const phone = await stage.browser.newPhone()
  await loginAs(stage.host.url, phone.page, SECRETARY)
  await phone.page.goto(`${stage.host.url}/#/packages/roster/pages/list/index`)
  const [dl] = await Promise.all([phone.page.waitForEvent('download'), visible(phone.page, '#export-roster').click()])
  expect(dl.suggestedFilename()).toMatch(/^第一党支部-党员名单-\d{8}\.xlsx$/)
  const exported = path.join(ARTIFACTS, 'roster-export.xlsx')
  await dl.saveAs(exported)

  // The person's edit: one phone, in the workbook's text cell.
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(readFileSync(exported) as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  const row = ws.getColumn(3).values.indexOf(MEMBER.phone)
  expect(ws.getRow(row).getCell(1).value).toBe(MEMBER.name)
  expect(ws.getRow(row).getCell(3).numFmt).toBe('@')
  ws.getRow(row).getCell(3).value = NEW_PHONE
  const edited = path.join(ARTIFACTS, 'roster-edited.xlsx')
  writeFileSync(edited, Buffer.from(await wb.xlsx.writeBuffer()))

  // At a desk: the same preview within the frame (nothing imported from here).
  const desk = await stage.browser.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
  const deskPage = await desk.newPage()
  deskPage.setDefaultTimeout(15_000)
  await loginAs(stage.host.url, deskPage, SECRETARY)
  await openImportPreview(deskPage, edited)
  await deskPage.screenshot({ path: path.join(ARTIFACTS, 'roster-import-preview-1366.png'), fullPage: true })
  await desk.close()

  await openImportPreview(phone.page, edited)
  const updates = phone.page.locator('.import__action--update:visible')
  expect(await updates.allInnerTexts()).toEqual(['更新：手机号'])
  await expectText(phone.page, '#import-preview', `第 ${row} 行 ${MEMBER.name} 139****5678`)
  expect(await visible(phone.page, '#import-problems').count()).toBe(0)
  await phone.page.screenshot({ path: path.join(ARTIFACTS, 'roster-import-preview-375.png'), fullPage: true })

  const before = await stage.host.ports.store.count('members')
  await visible(phone.page, '#commit-import').click()
  await expectText(phone.page, '.taro-modal__text', '新增 0 人，更新 1 人，15 人无变化')
  await visible(phone.page, '.taro-model__confirm').click()
  await phone.page.waitForURL(/roster\/pages\/list/)
  expect(await stage.host.ports.store.count('members')).toBe(before)
  expect(await stage.host.ports.store.get('members', MEMBER.id)).toMatchObject({ name: MEMBER.name, phone: NEW_PHONE })
  const others = await stage.host.ports.store.query('members', {
    where: [{ field: 'orgId', op: 'eq', value: 'org_b1' }],
    limit: 50,
  })
  expect(others.items.filter((m) => m.phone === MEMBER.phone)).toEqual([])
})

test('a CSV Excel saved as GBK, with ? for a rare character: the preview refuses that row, the name stays', async () => {
  const RARE = { id: 'm_b1_12', name: '𠮷田𬌗' }
  const stored = (await stage.host.ports.store.get('members', RARE.id))!
  await stage.host.ports.store.update('members', RARE.id, { name: RARE.name }, stored._version)
  const phone = await stage.browser.newPhone()
  await loginAs(stage.host.url, phone.page, SECRETARY)
  await phone.page.goto(`${stage.host.url}/#/packages/roster/pages/list/index`)
  const [dl] = await Promise.all([
    phone.page.waitForEvent('download'),
    visible(phone.page, '#export-roster-csv').click(),
  ])
  const csv = path.join(ARTIFACTS, 'roster-export.csv')
  await dl.saveAs(csv)
  // Excel's 「CSV（逗号分隔）」 on Chinese Windows: code page 936, ? for what it lacks.
  const gbk = path.join(ARTIFACTS, 'roster-gbk.csv')
  writeFileSync(gbk, iconv.encode(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''), 'gbk'))
  await openImportPreview(phone.page, gbk, '1 处问题需要修改')
  await expectText(phone.page, '#import-problems', '姓名“?田?”中的问号处原本是“𠮷田𬌗”里的生僻字')
  await expectText(phone.page, '#commit-import', '有问题未修改，不能导入')
  await phone.page.screenshot({ path: path.join(ARTIFACTS, 'roster-import-damaged-375.png'), fullPage: true })
  expect((await stage.host.ports.store.get('members', RARE.id))!.name).toBe(RARE.name)
})
