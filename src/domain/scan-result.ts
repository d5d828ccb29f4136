/**
 * What a scan means. `wx.scanCode` answers with one shape for every kind of code, and which fields
 * carry the content depends on the code (https://developers.weixin.qq.com/miniprogram/dev/api/device/scan/wx.scanCode.html):
 *
 * - a QR code or barcode: the text in `result`, its kind in `scanType` (`QR_CODE`, `EAN_13`, …);
 * - a mini-program code of THIS app (`scanType: 'WX_CODE'`): `result` is empty and the page with its
 *   query is in `path`, e.g. `packages/attendance/pages/signin/index?scene=s%3D…`. iOS hands the scene
 *   URL-encoded, Android as it is (`?scene=s=…`), as recorded in
 *   https://developers.weixin.qq.com/community/develop/doc/000ce619f0cba888288c194af51000;
 * - another mini-program's code: `WX_CODE` with neither `result` nor `path`, only `rawData`.
 *
 * This app's codes: the rotating sign-in token (plain text `S1.…`, attendance-token.ts), the printed
 * venue code (`wxacode.getUnlimited` of the sign-in page with scene `s=<16 hex>`, or on the local
 * host a QR of the h5 address `…/#/packages/attendance/pages/signin/index?s=…`) and the invitation
 * (the binding page with scene `code=<8 characters>`, or `…/#/packages/roster/pages/bind/index?code=…`),
 * and a browser's 扫码登录 ticket (the confirm page with scene `w=<ticketId>`, or on the local host a QR
 * of `…/#/packages/account/pages/web-login/index?t=<ticketId>`).
 * Pure: no Taro, no clock.
 */
import { parseSignInToken } from './attendance-token'
import { BIND_PAGE, isInviteCode } from './invitation'
import { pagePath, pageUrl } from './pages'
import { TICKET_ID_RE, TICKET_QUERY_KEY, TICKET_SCENE_KEY } from './web-login'

/** The page a printed venue code opens (no leading slash, no query). */
export const SIGN_IN_PAGE = pagePath('signIn')

/** The page a browser's login ticket opens on the phone (no leading slash, no query). */
export const WEB_LOGIN_PAGE = pagePath('webLoginConfirm')

/** A printed venue code's scene: `s=` and 16 hex digits derived from the meeting's secret. */
const VENUE_SCENE = /^s=[0-9a-f]{16}$/

/** The success result of `Taro.scanCode`, as WeChat hands it (every field may be missing or empty). */
export interface ScanCodeResult {
  result?: string
  scanType?: string
  charSet?: string
  path?: string
  rawData?: string
}

export type ScanTarget =
  /** The secretary's rotating code: sign in to the meeting the token names. */
  | { kind: 'sign_in_token'; token: string; meetingId: string }
  /** A printed venue code: sign in with this scene and the member's position. */
  | { kind: 'venue_code'; scene: string }
  /** An invitation to bind WeChat to a member: open the binding page with this code. */
  | { kind: 'invitation'; code: string }
  /** Another page of this app: open it (`url` starts with `/`, query included). */
  | { kind: 'app_page'; url: string }
  /** Nothing was read (the scanner came back empty). */
  | { kind: 'empty' }
  /** Not one of ours: `message` says what was scanned and what to scan instead. */
  | { kind: 'unknown'; message: string }

const SCAN_INSTEAD = '请扫描书记手机上的签到码，或会场张贴的会场签到码。'
const SHOWN_CHARS = 60

/** The scanned text as shown in a message: one line, at most 60 characters. */
function shown(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const chars = [...flat]
  return chars.length > SHOWN_CHARS ? `${chars.slice(0, SHOWN_CHARS).join('')}…` : flat
}

function decodedOr(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * The parameters of a query string (`a=1&b=2`, with or without the leading `?`). A value keeps any
 * further `=` (Android's unencoded `scene=s=…`) and is URL-decoded when it can be.
 */
export function queryParams(query: string): Map<string, string> {
  const params = new Map<string, string>()
  for (const part of query.replace(/^\?/, '').split('&')) {
    if (!part) continue
    const eq = part.indexOf('=')
    const key = decodedOr(eq < 0 ? part : part.slice(0, eq))
    if (!params.has(key)) params.set(key, decodedOr(eq < 0 ? '' : part.slice(eq + 1)))
  }
  return params
}

/** `/a/b?x=1` → page `a/b`, query `x=1`. */
function splitPath(path: string): { page: string; query: string } {
  const q = path.indexOf('?')
  const page = (q < 0 ? path : path.slice(0, q)).replace(/^\/+/, '').replace(/\.html$/, '')
  return { page, query: q < 0 ? '' : path.slice(q + 1) }
}

function venueOrUnknown(scene: string): ScanTarget {
  return VENUE_SCENE.test(scene)
    ? { kind: 'venue_code', scene }
    : { kind: 'unknown', message: `这个会场签到码无法识别（${shown(scene)}），${SCAN_INSTEAD}` }
}

function invitationOrUnknown(code: string): ScanTarget {
  const upper = code.trim().toUpperCase()
  return isInviteCode(upper)
    ? { kind: 'invitation', code: upper }
    : {
        kind: 'unknown',
        message: `这个绑定邀请码无法识别（${shown(code)}），请让支部书记在“支部成员”中重新生成邀请后再扫。`,
      }
}

/** What the confirm page was opened with: the ticket to show, or why there is none. */
export type WebLoginTicket =
  | { kind: 'ticket'; ticketId: string }
  /** Neither `t` nor `scene`: the page was opened without a code. */
  | { kind: 'none' }
  /** Something that is not a ticket: `message` says so and what to do. */
  | { kind: 'unknown'; message: string }

const RESCAN_LOGIN = '请在电脑上刷新二维码后重新扫码。'

/**
 * The login ticket in the confirm page's query: `t` (the local host's QR) or `scene` `w=<ticketId>`
 * (a mini-program code; URL-encoded on iOS, plain on Android, as `queryParams` reads it).
 *
 * @param params the page's query parameters as `useRouter().params` gives them (values may be
 *   URL-encoded).
 * @returns the ticket id, `none` when the page was opened without one, or a Chinese message.
 */
export function webLoginTicket(params: { t?: string; scene?: string }): WebLoginTicket {
  let raw: string | undefined
  const t = params[TICKET_QUERY_KEY]
  if (params.scene !== undefined && params.scene !== '') {
    const scene = decodedOr(params.scene)
    raw = queryParams(scene).get(TICKET_SCENE_KEY)
    if (raw === undefined) {
      return { kind: 'unknown', message: `这个小程序码不是网页版登录码（${shown(scene)}），${RESCAN_LOGIN}` }
    }
  } else if (t !== undefined && t !== '') {
    raw = decodedOr(t)
  }
  if (raw === undefined) return { kind: 'none' }
  const ticketId = raw.trim()
  return TICKET_ID_RE.test(ticketId)
    ? { kind: 'ticket', ticketId }
    : { kind: 'unknown', message: `这个网页版登录码无法识别（${shown(raw)}），${RESCAN_LOGIN}` }
}

/**
 * What a page of this app with its query means: the sign-in page with a venue scene (`scene=s=…`
 * from a mini-program code, `s=…` from the host's QR), the binding page with an invitation, or a
 * page to open. Null when `page` is not one of `appPages`.
 */
function appTarget(page: string, query: string, appPages: readonly string[]): ScanTarget | null {
  const params = queryParams(query)
  const scene = params.get('scene')
  if (page === SIGN_IN_PAGE) {
    if (scene !== undefined) return venueOrUnknown(scene)
    if (params.has('s')) return venueOrUnknown(`s=${params.get('s')}`)
  }
  if (page === BIND_PAGE) {
    if (scene !== undefined) return invitationOrUnknown(queryParams(scene).get('code') ?? scene)
    if (params.has('code')) return invitationOrUnknown(params.get('code') ?? '')
  }
  if (page === WEB_LOGIN_PAGE) {
    const ticket = webLoginTicket({ t: params.get(TICKET_QUERY_KEY), scene })
    if (ticket.kind === 'unknown') return ticket
    // One address for both forms, so the confirm page is opened the same way from any scan.
    if (ticket.kind === 'ticket') return { kind: 'app_page', url: pageUrl('webLoginConfirm', { t: ticket.ticketId }) }
  }
  if (!appPages.includes(page)) return null
  return { kind: 'app_page', url: `/${page}${query ? `?${query}` : ''}` }
}

/** An http(s) address: the page and query after `#/` (this app's h5 address), or null if not a URL. */
function readUrl(text: string): { page: string; query: string } | null {
  const m = /^https?:\/\/[^\s/?#]+[^\s#]*(?:#\/?(\S*))?$/i.exec(text)
  return m ? splitPath(m[1] ?? '') : null
}

const BARCODE_TYPES = new Set([
  'AZTEC',
  'CODABAR',
  'CODE_25',
  'CODE_39',
  'CODE_93',
  'CODE_128',
  'EAN_8',
  'EAN_13',
  'ITF',
  'MAXICODE',
  'RSS_14',
  'RSS_EXPANDED',
  'UPC_A',
  'UPC_E',
  'UPC_EAN_EXTENSION',
])

/**
 * Reads one scan.
 *
 * @param scan the success result of `Taro.scanCode` (any field may be missing).
 * @param appPages this app's pages without the leading slash (`pages/index/index`, …), to tell a
 *   page of this app from anything else.
 * @returns what to do with it: sign in with a token or a venue scene, open the binding page or
 *   another page, nothing (an empty scan), or a Chinese message saying what was scanned. Never throws.
 */
export function readScan(scan: ScanCodeResult, appPages: readonly string[]): ScanTarget {
  const result = (scan.result ?? '').trim()
  const path = (scan.path ?? '').trim()
  const scanType = (scan.scanType ?? '').toUpperCase()

  // WeChat gives `path` only for a code of this very mini-program.
  if (path) {
    const { page, query } = splitPath(path)
    return (
      appTarget(page, query, appPages) ?? {
        kind: 'unknown',
        message: `这个小程序码打开的页面（${shown(page)}）在当前版本中已不存在，请更新小程序后重试，或${SCAN_INSTEAD}`,
      }
    )
  }
  if (scanType === 'WX_CODE' && !result) {
    return { kind: 'unknown', message: `扫到的是其他小程序的小程序码，不是本支部的签到码。${SCAN_INSTEAD}` }
  }
  if (!result) return { kind: 'empty' }

  const token = parseSignInToken(result)
  if (token) return { kind: 'sign_in_token', token: result, meetingId: token.meetingId }

  if (BARCODE_TYPES.has(scanType)) {
    return { kind: 'unknown', message: `扫到的是商品条形码（${shown(result)}），不是签到码。${SCAN_INSTEAD}` }
  }
  const url = readUrl(result)
  if (url) {
    const target = url.page ? appTarget(url.page, url.query, appPages) : null
    if (target) return target
    return { kind: 'unknown', message: `扫到的是一个网址，不是本支部的签到码：${shown(result)}。${SCAN_INSTEAD}` }
  }
  if (/^S1\./.test(result)) {
    return { kind: 'unknown', message: `签到码不完整（${shown(result)}），请对准书记手机上当前显示的签到码重新扫描。` }
  }
  return { kind: 'unknown', message: `扫到的内容不是签到码：“${shown(result)}”。${SCAN_INSTEAD}` }
}
