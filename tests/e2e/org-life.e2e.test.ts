/**
 * Issue 15 in a real browser: 黄晓明 opens 我的 › 我的组织生活 and sees the year's meetings with how he
 * took part; a meeting he missed offers 补学 and he submits it from there; a meeting he attended
 * offers none (neither on 我的组织生活 nor on the meeting's page). Screenshots at 375 and at a desk.
 */
import path from 'node:path'
import { ARTIFACTS, expectText, fill, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(180_000)

const stage = stageForThisFile()
const MEMBER = 'm_b1_08'
const shot = (name: string) => path.join(ARTIFACTS, name)

test('a member who missed a meeting sees it in 我的组织生活 and submits 补学; one who attended is offered none', async () => {
  const { page } = await stage.browser.newPhone()
  await loginAs(stage.host.url, page, MEMBER)
  await page.goto(`${stage.host.url}/#/pages/me/index`)
  await visible(page, '#go-org-life').click()
  await page.waitForURL(/packages\/orglife\/pages\/mine\/index/)
  await expectText(page, '#orglife-hours', /学时 \d+ \/ 32/)
  await page.screenshot({ path: shot('org-life-375.png'), fullPage: true })

  // Rows of meetings he attended carry 出席 and no 补学; a missed one (缺席 or 请假) carries 去补学.
  const rows = page.locator('.orglife__item:visible')
  const texts = await rows.allInnerTexts()
  const attended = texts.findIndex((t) => /出席/.test(t) && !/缺席/.test(t))
  expect(attended).toBeGreaterThanOrEqual(0)
  expect(await rows.nth(attended).locator('[id^="orglife-makeup-"]').count()).toBe(0)
  const missed = texts.findIndex((t) => /去补学/.test(t))
  expect(missed).toBeGreaterThanOrEqual(0)
  expect(texts[missed]).toMatch(/缺席|请假/)

  // The attended meeting's own page offers no 补学 either.
  await rows.nth(attended).locator('.orglife__title').click()
  await page.waitForURL(/packages\/meeting\/pages\/detail\/index/)
  await visible(page, '#meeting-actions').waitFor()
  expect(await visible(page, '#go-makeup').count()).toBe(0)
  await page.goBack()
  await page.waitForURL(/packages\/orglife\/pages\/mine\/index/)

  // The missed one: 去补学 → write → submitted; back on 我的组织生活 it reads 补学待确认.
  await visible(page, '.orglife__item', texts[missed].split('\n')[0]).locator('[id^="orglife-makeup-"]').click()
  await page.waitForURL(/packages\/mobile\/pages\/makeup\/index/)
  await fill(page, 'field-note', '阅读了本次会议记录，学习了会议传达的精神，按支部要求完成了学习任务。')
  await visible(page, '#makeup-submit').click()
  await expectText(page, '#makeup-mine-state', '待支部确认')
  expect(await stage.host.ports.store.count('makeups', [{ field: 'memberId', op: 'eq', value: MEMBER }])).toBe(1)
  await page.goBack()
  await page.waitForURL(/packages\/orglife\/pages\/mine\/index/)
  await expectText(page, '.orglife__list', '补学待确认')

  // At a desk: the same year as a table.
  const desk = await stage.browser.browser.newContext({
    viewport: { width: 1366, height: 900 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  })
  const deskPage = await desk.newPage()
  await loginAs(stage.host.url, deskPage, MEMBER)
  await deskPage.goto(`${stage.host.url}/#/packages/orglife/pages/mine/index`)
  await visible(deskPage, '#orglife-table').waitFor()
  await expectText(deskPage, '#orglife-table', '补学待确认')
  await deskPage.screenshot({ path: shot('org-life-desk.png'), fullPage: true })
  await desk.close()
})
