/**
 * A browser's 扫码登录 ticket as the phone meets it: scanned as a mini-program code of the confirm
 * page (scene `w=<ticketId>`, URL-encoded on iOS, plain on Android), scanned as the local host's URL
 * QR (`…/#/packages/account/pages/web-login/index?t=<ticketId>`), or opened directly with either query.
 */
import { PAGES, pageUrl } from '../../src/domain/pages'
import { readScan, WEB_LOGIN_PAGE, webLoginTicket, type ScanCodeResult } from '../../src/domain/scan-result'

const APP_PAGES = Object.values(PAGES).map((p) => p.slice(1))
const TICKET = 'Ab3dE5fG7hJ9kL1mN3pQ5r-_'
const CONFIRM = pageUrl('webLoginConfirm', { t: TICKET })

const wxCode = (path: string): ScanCodeResult => ({ result: '', scanType: 'WX_CODE', charSet: 'UTF-8', path })
const qr = (result: string): ScanCodeResult => ({ result, scanType: 'QR_CODE', charSet: 'UTF-8' })

test('the confirm page is the table’s webLoginConfirm page', () => {
  expect(`/${WEB_LOGIN_PAGE}`).toBe(PAGES.webLoginConfirm)
  expect(CONFIRM).toBe(`/packages/account/pages/web-login/index?t=${TICKET}`)
})

test('the mini-program code (scene w=…) opens the confirm page with the ticket, iOS and Android alike', () => {
  const ios = wxCode(`${WEB_LOGIN_PAGE}?scene=${encodeURIComponent(`w=${TICKET}`)}`)
  const android = wxCode(`${WEB_LOGIN_PAGE}?scene=w=${TICKET}`)
  expect(readScan(ios, APP_PAGES)).toEqual({ kind: 'app_page', url: CONFIRM })
  expect(readScan(android, APP_PAGES)).toEqual({ kind: 'app_page', url: CONFIRM })
})

test('the local host’s URL QR (?t=…) opens the confirm page with the ticket', () => {
  const url = `http://127.0.0.1:10086/#/${WEB_LOGIN_PAGE}?t=${TICKET}`
  expect(readScan(qr(url), APP_PAGES)).toEqual({ kind: 'app_page', url: CONFIRM })
})

test('a login code whose ticket is damaged says so in Chinese and what to do', () => {
  const damaged = readScan(qr(`http://127.0.0.1:10086/#/${WEB_LOGIN_PAGE}?t=abc%20def`), APP_PAGES)
  expect(damaged.kind).toBe('unknown')
  expect(damaged.kind === 'unknown' && damaged.message).toMatch(/网页版登录码无法识别.*刷新二维码后重新扫码/)
  const otherScene = readScan(wxCode(`${WEB_LOGIN_PAGE}?scene=code%3DABCD2345`), APP_PAGES)
  expect(otherScene.kind === 'unknown' && otherScene.message).toMatch(/不是网页版登录码/)
})

test('the confirm page reads its ticket from t or from scene, and says when there is none', () => {
  expect(webLoginTicket({ t: TICKET })).toEqual({ kind: 'ticket', ticketId: TICKET })
  expect(webLoginTicket({ scene: `w%3D${TICKET}` })).toEqual({ kind: 'ticket', ticketId: TICKET })
  expect(webLoginTicket({ scene: `w=${TICKET}` })).toEqual({ kind: 'ticket', ticketId: TICKET })
  expect(webLoginTicket({})).toEqual({ kind: 'none' })
  expect(webLoginTicket({ t: '', scene: '' })).toEqual({ kind: 'none' })
  expect(webLoginTicket({ t: '<script>' }).kind).toBe('unknown')
  expect(webLoginTicket({ t: TICKET.slice(1) }).kind).toBe('unknown')
  expect(webLoginTicket({ scene: 's=0123456789abcdef' }).kind).toBe('unknown')
})
