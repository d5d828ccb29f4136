/**
 * In the h5 build: status tags (出席, 缺席, 未开始 …) on 我的组织生活 read at 12 px or more on a
 * 375×812 phone and 14 px or more at a 1366×768 desk (getComputedStyle of the tag's text), and on the
 * phone a sub-page shows its title and a 返回 that leads back (Taro's browser build has no
 * navigation bar of its own).
 */
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(180_000)

const stage = stageForThisFile()
const SECRETARY = 'm_b1_01'
const ORGLIFE = '/packages/orglife/pages/mine/index'

async function open(browser: Browser, size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, locale: 'zh-CN' })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  await loginAs(stage.host.url, page, SECRETARY)
  return page
}

/** The computed font size (px) of the text of the first visible tag on the page. */
async function tagTextSize(page: Page): Promise<number> {
  const tag = visible(page, '.orglife .nut-tag')
  await tag.waitFor()
  return tag.evaluate((node) => {
    const text = node.querySelector('.nut-tag-text') ?? node
    return parseFloat(getComputedStyle(text).fontSize)
  })
}

test('phone (375×812): tags at 12 px or more; a sub-page has its title and 返回', async () => {
  const page = await open(stage.browser.browser, { width: 375, height: 812 })
  // Opened from 首页 (a page before it): 返回 goes back a page.
  await page.evaluate((url) => {
    window.location.hash = `#${url}`
  }, ORGLIFE)
  await visible(page, '#orglife-summary').waitFor()
  const size = await tagTextSize(page)
  console.log('phone tag text (px):', size)
  expect(size).toBeGreaterThanOrEqual(12)
  await expect(visible(page, '#phone-bar h1').textContent()).resolves.toBe('我的组织生活')
  await page.screenshot({ path: path.join(ARTIFACTS, 'tags-and-back-phone-orglife.png') })
  await visible(page, '#phone-back').click()
  await visible(page, '#home-hello').waitFor()
  expect(await page.locator('#phone-bar:visible').count()).toBe(0)
  await page.context().close()
})

test('desk (1366×768): tags at 14 px or more', async () => {
  const page = await open(stage.browser.browser, { width: 1366, height: 768 })
  await page.goto(`${stage.host.url}/#${ORGLIFE}`)
  await visible(page, '#orglife-summary').waitFor()
  const size = await tagTextSize(page)
  console.log('desk tag text (px):', size)
  expect(size).toBeGreaterThanOrEqual(14)
  expect(await page.locator('#phone-bar').count()).toBe(0)
  await page.context().close()
})
