/**
 * Issue 20 §8 in a real browser: README's "Try it in five minutes", as a newcomer does it right after
 * `npm start` (the demo's meeting on now and the one just ended placed by demo-now.ts): the secretary
 * opens the live 主题党日's 签到码, a member types its text and is 已签到 on the board, and the secretary
 * opens the 党员大会 that just ended and writes its minutes. Screenshots of what a newcomer sees first,
 * at 375×812 and 1366×768 (tests/.artifacts/newcomer-*.png).
 */
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { seedDemoNow, type DemoNowResult } from '../../src/cloud/seed/demo-now'
import { ARTIFACTS, expectText, fill, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(240_000)

const stage = stageForThisFile()
const SECRETARY = 'm_b1_01'
const MEMBER = 'm_b1_08'
const shot = (name: string) => path.join(ARTIFACTS, `newcomer-${name}.png`)
let placed: DemoNowResult
beforeAll(async () => {
  placed = await seedDemoNow(stage.host.ports.store, stage.host.ports.clock.now())
})

async function openAt(browser: Browser, size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, locale: 'zh-CN' })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  return page
}

test('first screens at phone and desk size: the login page and 首页 with the meeting on now', async () => {
  for (const [label, size] of [
    ['phone', { width: 375, height: 812 }],
    ['desk', { width: 1366, height: 768 }],
  ] as const) {
    const page = await openAt(stage.browser.browser, size)
    await page.goto(`${stage.host.url}/#/pages/login/index`)
    await visible(page, `#account-${SECRETARY}`).waitFor()
    await page.screenshot({ path: shot(`login-${label}`) })
    await loginAs(stage.host.url, page, SECRETARY)
    await visible(page, `#meeting-${placed.live[0]}`).waitFor()
    await page.screenshot({ path: shot(`home-secretary-${label}`) })
    await page.context().close()
  }
})

test('sign in to the meeting on now, then write the minutes of the one just ended', async () => {
  const live = placed.live[0]
  const ended = placed.ended[0]
  const secretary = await stage.browser.newPhone()
  await loginAs(stage.host.url, secretary.page, SECRETARY)
  await visible(secretary.page, `#meeting-${live}`).click()
  await visible(secretary.page, '#go-signin-code').click()
  await visible(secretary.page, '#signin-token').waitFor()
  await secretary.page.screenshot({ path: shot('signin-code') })

  const member = await stage.browser.newPhone()
  await loginAs(stage.host.url, member.page, MEMBER)
  await member.page.screenshot({ path: shot('home-member') })
  await member.page.goto(`${stage.host.url}/#/packages/attendance/pages/signin/index?meetingId=${live}`)
  await visible(member.page, '#token-input').waitFor()
  // The code turns every 20 seconds: the text as it is now.
  const token = (await visible(secretary.page, '#signin-token').innerText()).trim()
  expect(token).toMatch(/\S{8,}/)
  await fill(member.page, 'token-input', token)
  await visible(member.page, '#submit-token').click()
  await expectText(member.page, '#signin-done', '已签到')
  await member.page.screenshot({ path: shot('member-signed-in') })

  // The meeting that just ended: attendance confirmed, the minutes editor opens with it filled in.
  // A fresh load: Taro keeps the pages shown before, the live meeting's among them.
  await secretary.page.goto('about:blank')
  await secretary.page.goto(`${stage.host.url}/#/packages/meeting/pages/detail/index?id=${ended}`)
  await visible(secretary.page, '#go-minutes-edit').waitFor()
  await secretary.page.screenshot({ path: shot('ended-detail'), fullPage: true })
  await visible(secretary.page, '#go-minutes-edit').click()
  await secretary.page.waitForURL(new RegExp(`minutes/pages/edit/index\\?meetingId=${ended}`))
  await visible(secretary.page, '#minutes-attendance').waitFor()
  await expectText(secretary.page, '#minutes-attendance', /应到 \d+ 人，实到 \d+ 人/)
  // Attendance was confirmed when the meeting was held: no 考勤尚未确认 warning.
  expect(await secretary.page.locator('#minutes-attendance:visible', { hasText: '考勤尚未确认' }).count()).toBe(0)
  await secretary.page.screenshot({ path: shot('minutes-edit'), fullPage: true })
  await secretary.context.close()
  await member.context.close()
})

test('the 流动党员 sees, on a meeting that does not allow 远程参会, why and the way to 请假', async () => {
  const mobile = await stage.browser.newPhone()
  await loginAs(stage.host.url, mobile.page, 'm_b1_10')
  await mobile.page.screenshot({ path: shot('home-mobile') })
  await mobile.page.goto('about:blank')
  await mobile.page.goto(`${stage.host.url}/#/packages/mobile/pages/home/index`)
  await expectText(mobile.page, '#mobile-upcoming', /没有开放远程参会/)
  expect(await mobile.page.locator('#mobile-upcoming [id^="leave-"]:visible').count()).toBeGreaterThan(0)
  await mobile.page.locator('#mobile-upcoming').scrollIntoViewIfNeeded()
  await mobile.page.screenshot({ path: shot('mobile-remote-closed'), fullPage: true })
  await mobile.context.close()
})
