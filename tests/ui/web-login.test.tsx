/**
 * 扫码登录 in jsdom against the real server code: the browser's login page (QR bound to the browser's
 * secret, polling until the phone confirms, expiry and a new QR, why the last session ended), the
 * phone's confirm page (what is asking, 确认登录 and 拒绝, each refusal in the server's words with the
 * way on, a confirmation lost to the network retried as the same write) and 我的 › 网页版登录
 * (sessions, 当前, 退出, the empty state).
 *
 * jsdom has no `crypto.subtle` and no `TextEncoder`: both are given to it from Node (the same
 * standard APIs Chromium has; the server's `qrcode` needs TextEncoder to draw the ticket's QR). The
 * end-to-end test runs the page in Chromium itself.
 */
import { createHash, randomBytes, webcrypto } from 'node:crypto'
import { TextEncoder } from 'node:util'
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import WebSessionsPage from '../../src/packages/account/pages/sessions/index'
import WebLoginConfirmPage from '../../src/packages/account/pages/web-login/index'
import Login from '../../src/pages/login/index'
import Me from '../../src/pages/me/index'
import type { Stored } from '../../src/cloud/ports/store'
import { WEB_LOGIN_MESSAGES, WEB_LOGIN_RULES } from '../../src/domain/web-login'
import { MEMBER_B1, MEMBER_B2, requestIds } from '../cloud/api-fixture'
import { scanLoginCode } from '../../src/packages/account/scan-login'
import { device, hidePage, navigation, showPage } from '../mocks/taro'
import { link, linkPerTest } from './real-api'
import { readSession, saveSession } from '../../src/services/session'

jest.setTimeout(30_000)

const rid = requestIds('ui-web-login')

const jsdomCrypto = globalThis.crypto as Crypto & { subtle?: SubtleCrypto }
const g = globalThis as { TextEncoder?: unknown }
beforeAll(() => {
  Object.defineProperty(jsdomCrypto, 'subtle', { value: webcrypto.subtle, configurable: true })
  g.TextEncoder = TextEncoder
})
afterAll(() => {
  delete g.TextEncoder
})
afterEach(() => {
  Object.defineProperty(jsdomCrypto, 'subtle', { value: webcrypto.subtle, configurable: true })
  sessionStorage.clear()
})

linkPerTest(MEMBER_B1)

const sha256Hex = (hex: string) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex')

/** A browser that asked for a ticket, outside any page: its secret and the ticket. */
async function browserTicket(browser = 'Chrome 126 · Windows') {
  const browserKey = randomBytes(32).toString('hex')
  const ticket = await link.api!.as(null).call('webLogin.start', { browserKeyHash: sha256Hex(browserKey), browser })
  return { ...ticket, browserKey, browser }
}

/** A browser session of `memberId`: a ticket confirmed by that member's WeChat and collected. */
async function browserSession(memberId: string, browser: string) {
  const t = await browserTicket(browser)
  await link.api!.as(memberId).call('webLogin.confirm', { ticketId: t.ticketId }, rid())
  const answer = await link.api!.as(null).call('webLogin.poll', { ticketId: t.ticketId, browserKey: t.browserKey })
  if (answer.state !== 'confirmed') throw new Error(`not collected: ${answer.state}`)
  return answer.session.token
}

/** The transport carries `token` for calls made as `as`, as the browser's transport does (Bearer). */
function carryToken(as: string, token: string): void {
  const api = link.api!
  const plain = api.tokenFor
  api.tokenFor = (memberId) => (memberId === as ? token : plain(memberId))
}

const ticketDoc = (id: string) => link.api!.ports.store.get('web_login_tickets', id)
const countSessions = async () =>
  (await link.api!.ports.store.query<Stored<unknown>>('web_sessions', { where: [], limit: 100 })).items.length

function qrBox(container: HTMLElement): HTMLElement | null {
  return container.querySelector('#login-qr-box')
}

describe('the browser’s login page', () => {
  test('shows a QR bound to this browser’s secret, and opens 首页 once the phone confirms', async () => {
    link.user = null
    const { container, findByText } = render(<Login />)
    await waitFor(() => expect(qrBox(container)).not.toBeNull())
    const ticketId = qrBox(container)!.getAttribute('data-ticket')!
    expect(container.querySelector('#login-scan-hint')!.textContent).toBe('请用微信扫一扫，在手机上确认登录')
    expect(container.querySelector('#login-countdown')!.textContent).toMatch(/^二维码 [12]:\d\d 后过期$/)

    // Only the secret's SHA-256 went to the server; the secret stays in this tab.
    const start = link.sent.find((e) => e.action === 'webLogin.start')!
    const sentHash = (start.input as { browserKeyHash: string }).browserKeyHash
    expect(Object.keys(start.input as object).sort()).toEqual(['browser', 'browserKeyHash'])
    const kept = JSON.parse(sessionStorage.getItem('party.webLogin.pending')!) as { browserKey: string }
    expect(sha256Hex(kept.browserKey)).toBe(sentHash)
    expect((await ticketDoc(ticketId))!.browserKeyHash).toBe(sentHash)
    expect(Taro.getStorageSync('party.webLogin.pending')).toBe('')

    // The local host keeps the development login below, named as such, with the phone's link.
    await findByText('开发登录（仅本地演示环境）')
    expect(container.querySelector('#login-phone-link')!.textContent).toMatch(
      new RegExp(`#/packages/account/pages/web-login/index\\?t=${ticketId}$`),
    )
    expect(container.querySelector(`#account-${MEMBER_B1}`)).not.toBeNull()

    // Polling: still waiting, nothing saved.
    await waitFor(() => expect(link.sent.filter((e) => e.action === 'webLogin.poll').length).toBeGreaterThan(0))
    expect(Taro.getStorageSync('party.session')).toBe('')

    await link.api!.as(MEMBER_B1).call('webLogin.confirm', { ticketId }, rid())
    await waitFor(() => expect(navigation.calls).toEqual([{ method: 'reLaunch', url: '/pages/index/index' }]), {
      timeout: 5_000,
    })
    const session = Taro.getStorageSync('party.session') as { token: string }
    const who = await link.api!.withSession(session.token).call('session.whoami', {})
    expect(who.bound && who.member.id).toBe(MEMBER_B1)
    // The secret is gone with the ticket it collected.
    expect(sessionStorage.getItem('party.webLogin.pending')).toBeNull()
    // Every poll carried the secret whose hash the ticket holds.
    for (const e of link.sent.filter((x) => x.action === 'webLogin.poll')) {
      expect(e.input).toEqual({ ticketId, browserKey: kept.browserKey })
    }
  })

  test('an expired QR says 二维码已过期; 刷新二维码 shows a new one', async () => {
    link.user = null
    const { container, findByText } = render(<Login />)
    await waitFor(() => expect(qrBox(container)).not.toBeNull())
    const first = qrBox(container)!.getAttribute('data-ticket')!
    link.api!.clock.now += WEB_LOGIN_RULES.ticketLifeMs
    await findByText('二维码已过期，请刷新后重新扫码。', undefined, { timeout: 5_000 })
    const polls = link.sent.filter((e) => e.action === 'webLogin.poll').length
    // Polling stopped with the expiry.
    await new Promise((r) => setTimeout(r, 2_500))
    expect(link.sent.filter((e) => e.action === 'webLogin.poll').length).toBe(polls)

    await act(async () => fireEvent.click(container.querySelector('#login-refresh')!))
    await waitFor(() => expect(qrBox(container)).not.toBeNull())
    expect(qrBox(container)!.getAttribute('data-ticket')).not.toBe(first)
    expect(navigation.calls).toEqual([])
  })

  test('polling stops while the page is hidden and picks up the confirmation when it is shown again', async () => {
    link.user = null
    const { container } = render(<Login />)
    await waitFor(() => expect(qrBox(container)).not.toBeNull())
    const ticketId = qrBox(container)!.getAttribute('data-ticket')!
    const polls = () => link.sent.filter((e) => e.action === 'webLogin.poll').length
    await waitFor(() => expect(polls()).toBeGreaterThan(0))
    act(() => void hidePage())
    const hiddenAt = polls()
    await link.api!.as(MEMBER_B1).call('webLogin.confirm', { ticketId }, rid())
    await new Promise((r) => setTimeout(r, 2_500))
    expect(polls()).toBe(hiddenAt)
    expect(navigation.calls).toEqual([])

    act(() => void showPage())
    await waitFor(() => expect(navigation.calls).toEqual([{ method: 'reLaunch', url: '/pages/index/index' }]))
    expect(polls()).toBe(hiddenAt + 1)
  })

  test('mounted again while its ticket is being made (a burst of relaunches), it shows the same QR', async () => {
    link.user = null
    const first = render(<Login />)
    first.unmount()
    const second = render(<Login />)
    const third = render(<Login />)
    await waitFor(() => expect(qrBox(second.container)).not.toBeNull())
    await waitFor(() => expect(qrBox(third.container)).not.toBeNull())
    expect(link.sent.filter((e) => e.action === 'webLogin.start')).toHaveLength(1)
    expect(qrBox(third.container)!.getAttribute('data-ticket')).toBe(
      qrBox(second.container)!.getAttribute('data-ticket'),
    )
  })

  test('a reload keeps waiting for the same ticket and collects what the phone confirmed meanwhile', async () => {
    link.user = null
    const first = render(<Login />)
    await waitFor(() => expect(qrBox(first.container)).not.toBeNull())
    const ticketId = qrBox(first.container)!.getAttribute('data-ticket')!
    first.unmount()
    await link.api!.as(MEMBER_B1).call('webLogin.confirm', { ticketId }, rid())
    const starts = link.sent.filter((e) => e.action === 'webLogin.start').length

    render(<Login />)
    await waitFor(() => expect(navigation.calls).toEqual([{ method: 'reLaunch', url: '/pages/index/index' }]))
    expect(link.sent.filter((e) => e.action === 'webLogin.start').length).toBe(starts)
  })

  test('without Web Crypto (not https) it says why and sends nothing', async () => {
    link.user = null
    Object.defineProperty(jsdomCrypto, 'subtle', { value: undefined, configurable: true })
    const { findByText } = render(<Login />)
    await findByText(/不是安全连接（https）.*请改用 https 地址打开本页/)
    expect(link.sent.filter((e) => e.action.startsWith('webLogin.'))).toEqual([])
  })

  test('after a revoked session, the next call lands on the login page, which says 登录已失效 once', async () => {
    const token = await browserSession(MEMBER_B1, 'Chrome 126 · Windows')
    Taro.setStorageSync('party.session', { token, expiresAt: Date.now() + 3_600_000 })
    carryToken(MEMBER_B1, token)
    const before = render(<Me />)
    await waitFor(() => expect(before.container.querySelector('#me-card')).not.toBeNull())
    before.unmount()

    const [mine] = await link.api!.as(MEMBER_B2).call('webLogin.sessions', {})
    expect(mine).toBeUndefined()
    const sessionId = (await link.api!.withSession(token).call('webLogin.sessions', {}))[0].sessionId
    const foreign = await link.api!.as(MEMBER_B2).result('webLogin.revoke', { sessionId }, rid())
    expect(!foreign.ok && foreign.error.code).toBe('NOT_FOUND')
    // Another member cannot end it: it still works.
    const still = render(<Me />)
    await waitFor(() => expect(still.container.querySelector('#me-card')).not.toBeNull())
    still.unmount()
    expect(navigation.calls).toEqual([])

    await link.api!.withSession(token).call('webLogin.revoke', { sessionId }, rid())
    render(<Me />)
    await waitFor(() => expect(navigation.calls).toEqual([{ method: 'reLaunch', url: '/pages/login/index' }]))
    expect(Taro.getStorageSync('party.session')).toBe('')

    link.user = null
    const login = render(<Login />)
    expect(login.container.querySelector('#login-ended')!.textContent).toBe(WEB_LOGIN_MESSAGES.sessionEnded)
    login.unmount()
    // A page's other refused reads reopen the login page: it still says why (the tryout saw it vanish).
    const again = render(<Login />)
    expect(again.container.querySelector('#login-ended')!.textContent).toBe(WEB_LOGIN_MESSAGES.sessionEnded)
    // Once a new session begins, it is forgotten.
    await waitFor(() => expect(again.container.querySelector(`#account-${MEMBER_B1}`)).not.toBeNull())
    await act(async () => fireEvent.click(again.container.querySelector(`#account-${MEMBER_B1}`)!))
    await waitFor(() => expect(Taro.getStorageSync('party.session')).not.toBe(''))
    again.unmount()
    const later = render(<Login />)
    expect(later.container.querySelector('#login-ended')).toBeNull()
  })
})

describe('the phone’s confirm page', () => {
  test('shows what is asking and a warning; 确认登录 binds the ticket to me, and the browser collects it', async () => {
    const t = await browserTicket('Edge 125 · Windows')
    navigation.params = { t: t.ticketId }
    const { container, findByText } = render(<WebLoginConfirmPage />)
    await findByText('Edge 125 · Windows')
    expect(container.querySelector('#web-login-time')!.textContent).toBe('2026年11月22日 10:00:00')
    expect(container.querySelector('#web-login-place')!.textContent).toMatch(/[\u4e00-\u9fff]/)
    expect(container.querySelector('#web-login-warning')!.textContent).toBe(
      '只有在你本人正在电脑前登录时才确认；如果不是你发起的，请点拒绝。',
    )
    expect((await ticketDoc(t.ticketId))!.confirmedAt).toBeNull()

    await act(async () => fireEvent.click(container.querySelector('#web-login-confirm')!))
    await findByText('已确认登录')
    expect((await ticketDoc(t.ticketId))!.memberId).toBe(MEMBER_B1)
    const answer = await link.api!.as(null).call('webLogin.poll', { ticketId: t.ticketId, browserKey: t.browserKey })
    expect(answer.state === 'confirmed' && answer.memberName).toBe('黄晓明')
    fireEvent.click(container.querySelector('#go-web-sessions')!)
    expect(navigation.calls).toEqual([{ method: 'redirectTo', url: '/packages/account/pages/sessions/index' }])
  })

  test('a mini-program code’s scene (w=…) opens the same ticket', async () => {
    const t = await browserTicket()
    navigation.params = { scene: encodeURIComponent(`w=${t.ticketId}`) }
    const { findByText } = render(<WebLoginConfirmPage />)
    await findByText('Chrome 126 · Windows')
  })

  test('拒绝 writes nothing and says what happens next', async () => {
    const t = await browserTicket()
    const before = await ticketDoc(t.ticketId)
    navigation.params = { t: t.ticketId }
    const { container, findByText } = render(<WebLoginConfirmPage />)
    await findByText('Chrome 126 · Windows')
    fireEvent.click(container.querySelector('#web-login-decline')!)
    await findByText(/电脑上的网页不会登录/)
    expect(await ticketDoc(t.ticketId)).toEqual(before)
    expect(link.sent.map((e) => e.action)).toEqual(['webLogin.inspect'])
    const answer = await link.api!.as(null).call('webLogin.poll', { ticketId: t.ticketId, browserKey: t.browserKey })
    expect(answer).toEqual({ state: 'pending' })
  })

  test('each refusal shows the server’s message and the way on, and writes nothing', async () => {
    // Expired while the page was open: the confirmation is refused.
    const late = await browserTicket()
    navigation.params = { t: late.ticketId }
    const open = render(<WebLoginConfirmPage />)
    await open.findByText('Chrome 126 · Windows')
    const lateBefore = await ticketDoc(late.ticketId)
    link.api!.clock.now += WEB_LOGIN_RULES.ticketLifeMs
    await act(async () => fireEvent.click(open.container.querySelector('#web-login-confirm')!))
    await open.findByText(WEB_LOGIN_MESSAGES.expiredTicket)
    expect(open.container.querySelector('#web-login-confirm')).toBeNull()
    expect(open.container.querySelector('#web-login-home')).not.toBeNull()
    expect(await ticketDoc(late.ticketId)).toEqual(lateBefore)
    open.unmount()

    // Opened after it expired: said before any button.
    const expired = render(<WebLoginConfirmPage />)
    await expired.findByText(WEB_LOGIN_MESSAGES.expiredTicket)
    expect(expired.container.querySelector('#web-login-confirm')).toBeNull()
    expired.unmount()

    // Already used by its browser.
    const used = await browserTicket()
    await link.api!.as(MEMBER_B1).call('webLogin.confirm', { ticketId: used.ticketId }, rid())
    await link.api!.as(null).call('webLogin.poll', { ticketId: used.ticketId, browserKey: used.browserKey })
    navigation.params = { t: used.ticketId }
    const usedPage = render(<WebLoginConfirmPage />)
    await usedPage.findByText(WEB_LOGIN_MESSAGES.usedTicket)
    expect(usedPage.container.querySelector('#web-login-confirm')).toBeNull()
    usedPage.unmount()

    // A WeChat bound to no member: told to bind first, with the way there.
    const fresh = await browserTicket()
    const freshBefore = await ticketDoc(fresh.ticketId)
    const sessions = await countSessions()
    link.user = 'nobody_bound'
    navigation.params = { t: fresh.ticketId }
    const unbound = render(<WebLoginConfirmPage />)
    await unbound.findByText('Chrome 126 · Windows')
    await act(async () => fireEvent.click(unbound.container.querySelector('#web-login-confirm')!))
    await unbound.findByText(WEB_LOGIN_MESSAGES.unbound)
    fireEvent.click(unbound.container.querySelector('#go-bind')!)
    expect(navigation.calls).toEqual([{ method: 'navigateTo', url: '/packages/roster/pages/bind/index' }])
    expect(await ticketDoc(fresh.ticketId)).toEqual(freshBefore)
    expect(await countSessions()).toBe(sessions)
    unbound.unmount()

    // A ticket the server does not know (a made-up or long-gone id).
    link.user = MEMBER_B1
    navigation.params = { t: 'A'.repeat(24) }
    const unknown = render(<WebLoginConfirmPage />)
    await unknown.findByText(WEB_LOGIN_MESSAGES.unknownTicket)
    unknown.unmount()

    // No ticket at all, or a damaged one: said without asking the server.
    const sent = link.sent.length
    navigation.params = {}
    const none = render(<WebLoginConfirmPage />)
    expect(none.container.textContent).toMatch(/没有收到登录二维码.*扫描页面上的二维码/)
    none.unmount()
    navigation.params = { t: 'abc' }
    const damaged = render(<WebLoginConfirmPage />)
    expect(damaged.container.textContent).toMatch(/网页版登录码无法识别.*刷新二维码后重新扫码/)
    expect(link.sent.length).toBe(sent)
  })

  test('a confirmation lost to the network is retried as the same write; nothing is lost', async () => {
    const t = await browserTicket()
    navigation.params = { t: t.ticketId }
    const { container, findByText } = render(<WebLoginConfirmPage />)
    await findByText('Chrome 126 · Windows')
    link.offline = true
    await act(async () => fireEvent.click(container.querySelector('#web-login-confirm')!))
    await findByText(/网络连接失败/)
    expect((await ticketDoc(t.ticketId))!.confirmedAt).toBeNull()
    // The page is still there, details and both buttons.
    expect(container.querySelector('#web-login-browser')!.textContent).toBe('Chrome 126 · Windows')
    expect(container.querySelector('#web-login-decline')).not.toBeNull()

    link.offline = false
    await act(async () => fireEvent.click(container.querySelector('#web-login-confirm')!))
    await findByText('已确认登录')
    const confirms = link.sent.filter((e) => e.action === 'webLogin.confirm')
    expect(confirms).toHaveLength(2)
    expect(confirms[1].requestId).toBe(confirms[0].requestId)
    expect((await ticketDoc(t.ticketId))!.memberId).toBe(MEMBER_B1)
  })
})

describe('我的 › 网页版登录', () => {
  test('我的 leads there', async () => {
    const { container } = render(<Me />)
    await waitFor(() => expect(container.querySelector('#go-web-sessions')).not.toBeNull())
    fireEvent.click(container.querySelector('#go-web-sessions')!)
    expect(navigation.calls).toEqual([{ method: 'navigateTo', url: '/packages/account/pages/sessions/index' }])
  })

  test('lists my browser sessions with 当前 marked; 退出 ends one at once', async () => {
    const office = await browserSession(MEMBER_B1, 'Chrome 126 · Windows')
    const home = await browserSession(MEMBER_B1, 'Firefox 128 · Linux')
    await browserSession(MEMBER_B2, 'Safari 17 · macOS')
    // This page is seen from the office browser.
    carryToken(MEMBER_B1, office)
    const { container, findByText } = render(<WebSessionsPage />)
    await findByText('Firefox 128 · Linux')
    const rows = [...container.querySelectorAll('.web-sessions__row')]
    expect(rows).toHaveLength(2)
    expect(container.textContent).not.toContain('Safari')
    const officeRow = rows.find((r) => r.textContent!.includes('Chrome 126'))!
    const homeRow = rows.find((r) => r.textContent!.includes('Firefox 128'))!
    expect(officeRow.textContent).toContain('当前')
    expect(homeRow.textContent).not.toContain('当前')
    expect(homeRow.textContent).toMatch(/登录时间：2026-11-22 10:00/)
    expect(homeRow.textContent).toMatch(/最近使用：2026-11-22 10:00/)
    expect(homeRow.textContent).toMatch(/位置：/)

    await act(async () => fireEvent.click(homeRow.querySelector('button')!))
    await findByText('已退出 Firefox 128 · Linux 的登录，这个浏览器需要重新扫码才能使用。')
    await waitFor(() => expect(container.querySelectorAll('.web-sessions__row')).toHaveLength(1))
    const refused = await link.api!.withSession(home).result('session.whoami', {})
    expect(!refused.ok && refused.error).toEqual(
      expect.objectContaining({ code: 'UNAUTHENTICATED', message: WEB_LOGIN_MESSAGES.sessionEnded }),
    )
    const still = await link.api!.withSession(office).call('session.whoami', {})
    expect(still.bound && still.member.id).toBe(MEMBER_B1)
  })

  test('我的 › 退出登录 in a 扫码登录 browser ends its session on the server, not only the local copy', async () => {
    const t = await browserTicket('Chrome 126 · Windows')
    await link.api!.as(MEMBER_B1).call('webLogin.confirm', { ticketId: t.ticketId }, rid())
    const answer = await link.api!.as(null).call('webLogin.poll', { ticketId: t.ticketId, browserKey: t.browserKey })
    if (answer.state !== 'confirmed') throw new Error(`not collected: ${answer.state}`)
    expect(answer.session.webSessionId).toMatch(/\S/)
    // The server's clock is pinned to 2026-11-22; the browser's copy is checked against the real clock.
    saveSession({ ...answer.session, expiresAt: Date.now() + 3_600_000 })
    carryToken(MEMBER_B1, answer.session.token)

    const { container } = render(<Me />)
    await waitFor(() => expect(container.querySelector('#switch-account')?.textContent).toBe('退出登录'))
    await act(async () => fireEvent.click(container.querySelector('#switch-account')!))
    await waitFor(() => expect(navigation.calls.at(-1)).toEqual({ method: 'reLaunch', url: '/pages/login/index' }))
    expect(readSession()).toBeNull()
    const record = await link.api!.ports.store.get('web_sessions', answer.session.webSessionId!)
    expect(record?.revokedAt).toEqual(expect.any(Number))
    const refused = await link.api!.withSession(answer.session.token).result('session.whoami', {})
    expect(!refused.ok && refused.error.code).toBe('UNAUTHENTICATED')
  })

  test('a development session keeps 切换演示账号 (nothing to end on the server)', async () => {
    const { container } = render(<Me />)
    await waitFor(() => expect(container.querySelector('#switch-account')?.textContent).toBe('切换演示账号'))
  })

  test('with no browser session it says how to log in on a computer', async () => {
    const { findByText } = render(<WebSessionsPage />)
    await findByText(/现在没有在电脑上登录的网页版.*用微信扫一扫页面上的二维码/)
  })
})

describe('扫一扫 on 网页版登录 (WeChat)', () => {
  test('a browser’s login code opens the confirm page; anything else says what to scan', async () => {
    const ticketId = 'Ab3dE5fG7hJ9kL1mN3pQ5r-_'
    device.scans.push(
      { ok: { result: '', scanType: 'WX_CODE', path: `packages/account/pages/web-login/index?scene=w%3D${ticketId}` } },
      {
        ok: {
          result: `http://127.0.0.1:10086/#/packages/account/pages/web-login/index?t=${ticketId}`,
          scanType: 'QR_CODE',
        },
      },
      { ok: { result: 'https://example.com/', scanType: 'QR_CODE' } },
      {
        ok: { result: `http://127.0.0.1:10086/#/packages/account/pages/web-login/index?t=short`, scanType: 'QR_CODE' },
      },
    )
    expect(await scanLoginCode()).toBe('')
    expect(await scanLoginCode()).toBe('')
    const confirm = `/packages/account/pages/web-login/index?t=${ticketId}`
    expect(navigation.calls).toEqual([
      { method: 'navigateTo', url: confirm },
      { method: 'navigateTo', url: confirm },
    ])
    expect(await scanLoginCode()).toMatch(/不是网页版登录二维码.*扫描登录页上的二维码/)
    expect(await scanLoginCode()).toMatch(/网页版登录码无法识别.*刷新二维码后重新扫码/)
    // The person closed the scanner: nothing to say.
    expect(await scanLoginCode()).toBe('')
    expect(navigation.calls).toHaveLength(2)
  })
})
