/**
 * Issue 17 §4–5 in a real browser: 年度计划 for next year at a phone (375×812) and at a desk
 * (1366×768), with the year switch and the 导出 buttons of a published plan; 导出 Excel downloads the
 * workbook; the switch to this year reads that year. Screenshots: plan-year-phone.png,
 * plan-year-desk.png in tests/.artifacts.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { PlanView } from '../../src/domain/api/views-planning'
import { beijing } from '../../src/domain/beijing-time'
import { ARTIFACTS, expectText, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(180_000)

const stage = stageForThisFile()
const SECRETARY = 'm_b1_01'

let seq = 0
async function api<T>(action: string, input: unknown, write = false): Promise<T> {
  const login = await post<{ token: string }>(null, 'session.devLogin', { memberId: SECRETARY })
  return post<T>(login.token, action, input, write ? `e2e-plan-year-${Date.now()}-${++seq}` : undefined)
}

async function post<T>(token: string | null, action: string, input: unknown, requestId?: string): Promise<T> {
  const res = await fetch(`${stage.host.url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ action, input, requestId }),
  })
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } }
  if (!body.ok) throw new Error(`${action}: ${body.error?.code} ${body.error?.message}`)
  return body.data as T
}

async function openAt(size: { width: number; height: number }): Promise<Page> {
  const context = await stage.browser.browser.newContext({
    viewport: size,
    deviceScaleFactor: size.width < 1024 ? 2 : 1,
    locale: 'zh-CN',
    acceptDownloads: true,
  })
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  await loginAs(stage.host.url, page, SECRETARY)
  return page
}

async function showPlan(page: Page): Promise<void> {
  const route = `${stage.host.url}/#/packages/plan/pages/plan/index?branchId=org_b1`
  await page.goto(route)
  try {
    await visible(page, '#plan-status').waitFor({ timeout: 8_000 })
  } catch {
    // Right after the login page's reLaunch Taro's h5 router now and then misses the hash change.
    await page.reload()
    await visible(page, '#plan-status').waitFor()
  }
}

test('next year’s published plan at a phone and at a desk: year switch, export, screenshots', async () => {
  const thisYear = beijing(Date.now()).year()
  const next = thisYear + 1
  const draft = await api<PlanView>('plan.generate', { branchId: 'org_b1', year: next }, true)
  await api<PlanView>('plan.publish', { branchId: 'org_b1', year: next, version: draft.version }, true)

  const phone = await openAt({ width: 375, height: 812 })
  await showPlan(phone)
  await expectText(phone, '#plan-status', '已发布')
  await expectText(phone, '#plan-year-' + next, `${next}年 明年`)
  await visible(phone, '#plan-export-xlsx').waitFor()
  await phone.screenshot({ path: path.join(ARTIFACTS, 'plan-year-phone.png'), fullPage: false })

  const desk = await openAt({ width: 1366, height: 768 })
  await showPlan(desk)
  await visible(desk, 'table#plan-items').waitFor()
  await desk.screenshot({ path: path.join(ARTIFACTS, 'plan-year-desk.png'), fullPage: false })

  // 导出 Excel: the browser receives the workbook under its Chinese name.
  const [download] = await Promise.all([desk.waitForEvent('download'), visible(desk, '#plan-export-xlsx').click()])
  expect(download.suggestedFilename()).toMatch(new RegExp(`^组织生活计划_第一党支部_${next}_\\d{8}\\.xlsx$`))

  // This year: the secretary is offered to make it.
  await visible(desk, `#plan-year-${thisYear}`).click()
  await visible(desk, '#plan-generate').waitFor()
  expect(await desk.locator(`#plan-year-${thisYear}`).getAttribute('class')).toContain('chip--on')
})
