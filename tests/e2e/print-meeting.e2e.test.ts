/**
 * Issue 20 §7 in a real browser: the organizer's 打印会议通知 / 打印签到表 on the meeting page at a
 * phone (375×812) and at a desk (1366×768); each downloads a Word document under its Chinese name; a
 * plain member's meeting page has no print buttons. Screenshots: print-meeting-phone.png,
 * print-meeting-desk.png in tests/.artifacts.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { MeetingDetail } from '../../src/domain/api/views'
import { beijing } from '../../src/domain/beijing-time'
import { ARTIFACTS, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(180_000)

const stage = stageForThisFile()
const SECRETARY = 'm_b1_01'
const MEMBER = 'm_b1_08'

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

async function openAt(size: { width: number; height: number }, memberId: string, meetingId: string): Promise<Page> {
  const context = await stage.browser.browser.newContext({
    viewport: size,
    deviceScaleFactor: size.width < 1024 ? 2 : 1,
    locale: 'zh-CN',
    acceptDownloads: true,
  })
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  await loginAs(stage.host.url, page, memberId)
  await page.goto(`${stage.host.url}/#/packages/meeting/pages/detail/index?id=${meetingId}`)
  try {
    await visible(page, '#meeting-title').waitFor({ timeout: 8_000 })
  } catch {
    // Right after the login page's reLaunch Taro's h5 router now and then misses the hash change.
    await page.reload()
    await visible(page, '#meeting-title').waitFor()
  }
  return page
}

test('the organizer prints the notice and the sign sheet at a phone and at a desk; a member sees no print buttons', async () => {
  const login = await post<{ token: string }>(null, 'session.devLogin', { memberId: SECRETARY })
  // A 党课 three weeks ahead (a clash with a seeded meeting would only warn).
  const date = beijing(Date.now() + 21 * 86_400_000).format('YYYY-MM-DD')
  const input = {
    kind: 'party_lecture',
    title: '打印演示党课',
    date,
    startTime: '15:00',
    endTime: '16:30',
    place: '党员活动室',
    agenda: ['专题党课'],
  }
  const m = await post<MeetingDetail>(login.token, 'meeting.schedule', input, `e2e-print-${Date.now()}`)

  const phone = await openAt({ width: 375, height: 812 }, SECRETARY, m.id)
  await visible(phone, '#meeting-print').scrollIntoViewIfNeeded()
  await phone.screenshot({ path: path.join(ARTIFACTS, 'print-meeting-phone.png'), fullPage: false })
  const [notice] = await Promise.all([phone.waitForEvent('download'), visible(phone, '#print-notice').click()])
  expect(notice.suggestedFilename()).toMatch(/^会议通知_\d{4}-\d{2}-\d{2}_打印演示党课\.docx$/)

  const desk = await openAt({ width: 1366, height: 768 }, SECRETARY, m.id)
  await visible(desk, '#meeting-print').scrollIntoViewIfNeeded()
  await desk.screenshot({ path: path.join(ARTIFACTS, 'print-meeting-desk.png'), fullPage: false })
  const [sheet] = await Promise.all([desk.waitForEvent('download'), visible(desk, '#print-sign-sheet').click()])
  expect(sheet.suggestedFilename()).toMatch(/^签到表_\d{4}-\d{2}-\d{2}_打印演示党课\.docx$/)
  expect(await desk.locator('#meeting-print-problem').count()).toBe(0)

  const member = await openAt({ width: 375, height: 812 }, MEMBER, m.id)
  expect(await member.locator('#meeting-print').count()).toBe(0)
})
