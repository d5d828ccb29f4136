/**
 * Issue 13's 扫码登录 in a real browser: a desk browser (1366×768) without a session shows the login
 * QR; a member's phone (the development login standing in for WeChat) opens the confirm page for that
 * ticket and confirms; the desk browser then shows that member's own 首页 and nothing of the other
 * branch; the member ends the session on 网页版登录 and the desk browser's next call lands on the
 * login page with 登录已失效. A third browser that has the ticket (a copied QR) but not the desk
 * browser's secret gets nothing, before and after.
 *
 * The ticket is read from the QR box's `data-ticket` attribute: no QR decoder is installed here.
 */
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { ARTIFACTS, expectText, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(180_000)

const stage = stageForThisFile()

/** 黄晓明, 党员 of 第一党支部. */
const MEMBER = { id: 'm_b1_08', name: '黄晓明' }
/** 第二党支部's secretary, who gets hold of the QR's link. */
const OTHER = { id: 'm_b2_01' }

/** What `webLogin.poll` answers a browser that has the ticket id but not the secret behind it. */
async function pollWithoutSecret(page: Page, ticketId: string): Promise<string> {
  const browserKey = randomBytes(32).toString('hex')
  return page.evaluate(
    async ([t, key]) => {
      const res = await fetch('/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'webLogin.poll', input: { ticketId: t, browserKey: key } }),
      })
      return res.text()
    },
    [ticketId, browserKey] as const,
  )
}

test('a desk browser logs in by a phone’s confirmation, sees only that member’s data, and is ended by a revocation', async () => {
  const { url } = stage.host
  const deskContext = await stage.browser.browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
  })
  const desk = await deskContext.newPage()
  desk.setDefaultTimeout(15_000)
  const deskActions: string[] = []
  desk.on('request', (req) => {
    if (req.url().endsWith('/api/call'))
      deskActions.push((JSON.parse(req.postData() ?? '{}') as { action: string }).action)
  })

  // No session: the app lands on the login page, which shows the QR (and no 登录已失效: nothing ended).
  await desk.goto(`${url}/#/pages/index/index`)
  await desk.waitForURL(/pages\/login\/index/)
  await visible(desk, '#login-qr').waitFor()
  await expectText(desk, '#login-scan-hint', '请用微信扫一扫，在手机上确认登录')
  await expectText(desk, '#login-countdown', /二维码 [12]:\d\d 后过期/)
  await expectText(desk, '#login-dev-title', '开发登录（仅本地演示环境）')
  expect(await desk.locator('#login-ended:visible').count()).toBe(0)
  const ticketId = (await visible(desk, '#login-qr-box').getAttribute('data-ticket'))!
  expect(ticketId).toMatch(/^[A-Za-z0-9_-]{24}$/)
  // 首页's several refused reads relaunch the login page more than once: still one ticket, one QR.
  await visible(desk, '#login-countdown').waitFor()
  expect(deskActions.filter((a) => a === 'webLogin.start')).toHaveLength(1)
  await expectText(desk, '#login-phone-link', `web-login/index?t=${ticketId}`)
  await desk.screenshot({ path: path.join(ARTIFACTS, 'web-login-1366.png') })

  // The phone: a member signed in by the development login (WeChat's stand-in) opens the QR's page.
  const phone = await stage.browser.newPhone()
  await loginAs(url, phone.page, MEMBER.id)
  await phone.page.goto(`${url}/#/packages/account/pages/web-login/index?t=${ticketId}`)
  await expectText(phone.page, '#web-login-browser', /Chrome \d+/)
  await expectText(phone.page, '#web-login-place', 'IP 127.0.0.1（本机）')
  await expectText(phone.page, '#web-login-warning', '只有在你本人正在电脑前登录时才确认；如果不是你发起的，请点拒绝。')
  await phone.page.screenshot({ path: path.join(ARTIFACTS, 'web-login-confirm-375.png'), fullPage: true })
  await visible(phone.page, '#web-login-confirm').click()
  await expectText(phone.page, '#web-login-confirmed', '已确认登录')

  // A third browser with the copied ticket but without the desk browser's secret: nothing.
  const third = await stage.browser.newPhone()
  await third.page.goto(`${url}/#/pages/login/index`)
  const early = await pollWithoutSecret(third.page, ticketId)
  expect(JSON.parse(early)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(early).not.toMatch(/token/)

  // The desk browser collects the session and shows the member's own 首页.
  await desk.waitForURL(/pages\/index\/index/)
  await expectText(desk, '#home-hello', `你好，${MEMBER.name}`)
  await expectText(desk, '#home-hello', '第一党支部')
  await desk.screenshot({ path: path.join(ARTIFACTS, 'web-login-home-1366.png') })
  // Nothing of the other branch: its meetings are not listed, its roster is refused.
  await desk.goto(`${url}/#/pages/meetings/index`)
  // 首页 has meeting cards too: wait for 会议 itself before reading its cards or going on (a
  // navigation started while the router still switches tabs can be dropped).
  await visible(desk, '#tab-past').waitFor()
  await visible(desk, '.meeting-card').waitFor()
  const ids = await desk.$$eval('.meeting-card', (els) => els.map((e) => e.id))
  expect(ids.length).toBeGreaterThan(0)
  expect(ids.every((id) => !id.includes('_b2_'))).toBe(true)
  await desk.goto(`${url}/#/packages/roster/pages/list/index?branchId=org_b2`)
  await expectText(desk, '#state-error', /没有权限/)
  // The desk browser sees itself as 当前 among the member's browser sessions.
  await desk.goto(`${url}/#/packages/account/pages/sessions/index`)
  await expectText(desk, '.web-sessions__row', '当前')

  // The copied ticket once more, after it was used: the third browser still gets nothing, and a
  // member of the other branch who opens it on their phone cannot confirm it.
  const late = await pollWithoutSecret(third.page, ticketId)
  expect(JSON.parse(late)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(late).not.toMatch(/token/)
  await loginAs(url, third.page, OTHER.id)
  await third.page.goto(`${url}/#/packages/account/pages/web-login/index?t=${ticketId}`)
  await expectText(third.page, '#web-login-closed', '这个登录二维码已经用过了')
  expect(await third.page.locator('#web-login-confirm:visible').count()).toBe(0)

  // The member ends the desk browser's session from the phone: 我的 › 网页版登录 › 退出.
  await phone.page.goto(`${url}/#/pages/me/index`)
  await visible(phone.page, '#go-web-sessions').click()
  const row = visible(phone.page, '.web-sessions__row', 'Chrome')
  await row.waitFor()
  await expectText(phone.page, '.web-sessions__row', /登录时间：\d{4}-\d\d-\d\d \d\d:\d\d/)
  await phone.page.screenshot({ path: path.join(ARTIFACTS, 'web-sessions-375.png'), fullPage: true })
  await row.locator('button, taro-button-core').first().click()
  await expectText(phone.page, '#web-sessions-note', '已退出')
  await visible(phone.page, '#state-empty').waitFor()

  // The desk browser's next call is refused: it lands on the login page, which says why.
  await desk.goto(`${url}/#/pages/me/index`)
  await desk.waitForURL(/pages\/login\/index/)
  await expectText(desk, '#login-ended', '登录已失效，请重新扫码登录。')
  await visible(desk, '#login-qr').waitFor()
  expect(await desk.evaluate(() => localStorage.getItem('party.session'))).toBeNull()
  await desk.screenshot({ path: path.join(ARTIFACTS, 'web-login-ended-1366.png') })

  await Promise.all([deskContext.close(), phone.context.close(), third.context.close()])
})
