/**
 * Issue 20 §1 and §3 in a real browser: each role's 首页 (member, 流动党员, secretary, 组织委员) and
 * the meeting page of their next meeting, at a phone (375×812) and at a desk (1366×768).
 * Screenshots home-<role>-<size>.png (with home-<role>-<size>-quotas.png for the organizers) and
 * meeting-<role>-<size>.png (their next meeting) and meeting-<role>-<size>-past.png (their last one)
 * in tests/.artifacts.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { ARTIFACTS, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(300_000)

const stage = stageForThisFile()
const ROLES: [string, string][] = [
  ['member', 'm_b1_08'],
  ['mobile', 'm_b1_10'],
  ['secretary', 'm_b1_01'],
  ['organizer', 'm_b1_03'],
]
const SIZES: [string, { width: number; height: number }][] = [
  ['phone', { width: 375, height: 812 }],
  ['desk', { width: 1366, height: 768 }],
]

async function post<T>(token: string | null, action: string, input: unknown): Promise<T> {
  const res = await fetch(`${stage.host.url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ action, input }),
  })
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } }
  if (!body.ok) throw new Error(`${action}: ${body.error?.code} ${body.error?.message}`)
  return body.data as T
}

async function goto(page: Page, route: string, selector: string) {
  await page.goto(`${stage.host.url}/#${route}`)
  try {
    await visible(page, selector).waitFor({ timeout: 8_000 })
  } catch {
    await page.reload()
    await visible(page, selector).waitFor()
  }
}

test('each role’s 首页 and meeting page at a phone and at a desk', async () => {
  for (const [role, memberId] of ROLES) {
    const login = await post<{ token: string }>(null, 'session.devLogin', { memberId })
    const mine = await post<{ items: { id: string }[] }>(login.token, 'meeting.listMine', {
      when: 'upcoming',
      limit: 1,
    })
    const past = await post<{ items: { id: string }[] }>(login.token, 'meeting.listMine', { when: 'past', limit: 1 })
    for (const [size, viewport] of SIZES) {
      const context = await stage.browser.browser.newContext({
        viewport,
        deviceScaleFactor: viewport.width < 1024 ? 2 : 1,
        locale: 'zh-CN',
      })
      const page = await context.newPage()
      page.setDefaultTimeout(20_000)
      await loginAs(stage.host.url, page, memberId)
      await goto(page, '/pages/index/index', '#my-tasks, #my-tasks-none')
      await page.waitForTimeout(800)
      await page.screenshot({ path: path.join(ARTIFACTS, `home-${role}-${size}.png`), fullPage: true })
      const text = await page.locator('.home').innerText()
      if (role === 'member' || role === 'mobile') {
        expect(text).not.toContain('请尽快安排')
        expect(await page.locator('#compliance-list').count()).toBe(0)
      } else {
        // The organizers' quotas, below the fold on a phone: shot on their own.
        const quotas = page.locator('#compliance-list')
        await quotas.scrollIntoViewIfNeeded()
        await quotas.screenshot({ path: path.join(ARTIFACTS, `home-${role}-${size}-quotas.png`) })
        expect(await quotas.innerText()).toContain('未安排')
      }
      if (mine.items[0]) {
        await goto(page, `/packages/meeting/pages/detail/index?id=${mine.items[0].id}`, '#meeting-title')
        await page.waitForTimeout(500)
        await page.screenshot({ path: path.join(ARTIFACTS, `meeting-${role}-${size}.png`), fullPage: true })
        expect(await page.locator('#my-state').innerText()).toContain('未签到')
      }
      if (past.items[0]) {
        // After the meeting: never 未签到 any more.
        await goto(page, `/packages/meeting/pages/detail/index?id=${past.items[0].id}`, '#meeting-title')
        await page.waitForTimeout(500)
        await page.screenshot({ path: path.join(ARTIFACTS, `meeting-${role}-${size}-past.png`), fullPage: true })
        expect(await page.locator('#my-state').innerText()).not.toContain('未签到')
      }
      await context.close()
    }
  }
})
