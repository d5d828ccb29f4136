/**
 * The first slice in a real browser: a secretary schedules a meeting in the h5 build served by the
 * local host; a member of the branch sees it under 我的会议 and opens it; a member of the other
 * branch does not see it.
 */
import path from 'node:path'
import { ARTIFACTS, expectText, fill, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(120_000)

const stage = stageForThisFile()

test('a secretary schedules a meeting and a member sees it under 我的会议 and opens it', async () => {
  const title = `E2E主题党日 ${Date.now() % 100000}`
  const secretary = await stage.browser.newPhone()
  await loginAs(stage.host.url, secretary.page, 'm_b1_01')
  await visible(secretary.page, '#go-schedule').click()
  await secretary.page.waitForURL(/packages\/meeting\/pages\/schedule/)
  await visible(secretary.page, '#kind-theme_day').click()

  // Bad input first: no title. The form refuses in Chinese and keeps everything typed.
  await fill(secretary.page, 'field-place', '党员活动室')
  await fill(secretary.page, 'field-agenda-0', '重温入党誓词')
  await visible(secretary.page, '#submit-schedule').click()
  await expectText(secretary.page, '#form-error', /会议主题/)

  await fill(secretary.page, 'field-title', title)
  await secretary.page.screenshot({ path: path.join(ARTIFACTS, 'schedule-form.png'), fullPage: true })
  await visible(secretary.page, '#submit-schedule').click()
  // The demo may already hold this month's 主题党日: the warning says so and the secretary goes on.
  await Promise.race([
    secretary.page.waitForURL(/packages\/meeting\/pages\/detail/),
    visible(secretary.page, '#confirm-schedule').waitFor(),
  ])
  if (!/pages\/detail/.test(secretary.page.url())) await visible(secretary.page, '#confirm-schedule').click()
  await secretary.page.waitForURL(/packages\/meeting\/pages\/detail/)
  await expectText(secretary.page, '#meeting-title', title)
  await secretary.page.screenshot({ path: path.join(ARTIFACTS, 'meeting-detail.png'), fullPage: true })

  const member = await stage.browser.newPhone()
  await loginAs(stage.host.url, member.page, 'm_b1_08')
  await member.page.goto(`${stage.host.url}/#/pages/meetings/index`)
  const item = visible(member.page, '.meeting-card', title)
  await item.waitFor()
  await member.page.screenshot({ path: path.join(ARTIFACTS, 'my-meetings.png'), fullPage: true })
  await item.click()
  await expectText(member.page, '#meeting-title', title)
  const detailText = await member.page.locator('body').innerText()
  expect(detailText).toContain('党员活动室')
  expect(detailText).toContain('重温入党誓词')

  const outsider = await stage.browser.newPhone()
  await loginAs(stage.host.url, outsider.page, 'm_b2_07')
  await outsider.page.goto(`${stage.host.url}/#/pages/meetings/index`)
  await visible(outsider.page, '.meeting-card').waitFor()
  expect(await outsider.page.locator('body').innerText()).not.toContain(title)

  await Promise.all([secretary.context.close(), member.context.close(), outsider.context.close()])
})
