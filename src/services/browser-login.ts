/**
 * 扫码登录 on the browser's side: the secret that binds a login ticket to this browser, the ticket
 * being waited for, a short description of the browser, and why the last session ended.
 *
 * The secret is 32 random bytes from Web Crypto; only its SHA-256 goes to `webLogin.start`, and the
 * secret itself only to `webLogin.poll`, so a copy of the QR (which carries the ticket id alone)
 * cannot collect the session. The pending ticket with its secret is kept in `sessionStorage`, not in
 * Taro storage (localStorage in the browser): it lives only in this tab and only until the tab
 * closes; a reload of the tab still collects the session the phone confirmed, while another tab of
 * the same browser (the one that plays the phone on the local host) never sees it.
 */

/** The ticket this tab waits for, with the secret that collects it. */
export interface PendingLogin {
  ticketId: string
  /** The secret, 64 hex digits: sent only to `webLogin.poll`. */
  browserKey: string
  /** What `<Image src>` shows: the QR code or mini-program code of the ticket. */
  qrImage: string
  /** When the ticket expires on this device's clock, ms since the epoch (the server keeps its own). */
  expiresAt: number
}

const PENDING_KEY = 'party.webLogin.pending'
const ENDED_KEY = 'party.webLogin.ended'

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function webCrypto(): Crypto | null {
  const c = (globalThis as { crypto?: Crypto }).crypto
  return c?.getRandomValues && c.subtle ? c : null
}

/** Whether this page can make the secret: Web Crypto is there only in a secure context (https, 127.0.0.1). */
export function canMakeBrowserKey(): boolean {
  return webCrypto() !== null
}

/**
 * A new secret for one login ticket.
 *
 * @returns `browserKey` (32 random bytes as 64 lowercase hex digits, kept here) and `browserKeyHash`
 *   (its SHA-256 over those 32 bytes, 64 hex digits, sent to `webLogin.start`).
 * @throws Error when the page has no Web Crypto (not https): check `canMakeBrowserKey()` first.
 */
export async function newBrowserKey(): Promise<{ browserKey: string; browserKeyHash: string }> {
  const crypto = webCrypto()
  if (!crypto) throw new Error('Web Crypto is not available on this page')
  const secret = crypto.getRandomValues(new Uint8Array(32))
  const digest = await crypto.subtle.digest('SHA-256', secret)
  return { browserKey: hex(secret), browserKeyHash: hex(new Uint8Array(digest)) }
}

function tabStorage(): Storage | null {
  try {
    return (globalThis as { sessionStorage?: Storage }).sessionStorage ?? null
  } catch {
    return null
  }
}

/** Keeps the ticket this tab waits for (in this tab only). */
export function savePendingLogin(pending: PendingLogin): void {
  tabStorage()?.setItem(PENDING_KEY, JSON.stringify(pending))
}

/**
 * The ticket this tab waits for, if any and not expired.
 *
 * @param now the device time in ms.
 */
export function readPendingLogin(now = Date.now()): PendingLogin | null {
  try {
    const text = tabStorage()?.getItem(PENDING_KEY)
    if (!text) return null
    const p = JSON.parse(text) as Partial<PendingLogin>
    const valid =
      typeof p.ticketId === 'string' &&
      typeof p.browserKey === 'string' &&
      /^[0-9a-f]{64}$/.test(p.browserKey) &&
      typeof p.qrImage === 'string' &&
      typeof p.expiresAt === 'number'
    return valid && p.expiresAt! > now ? (p as PendingLogin) : null
  } catch {
    return null
  }
}

/** Forgets the ticket (collected, expired or replaced): its secret is of no more use. */
export function clearPendingLogin(): void {
  tabStorage()?.removeItem(PENDING_KEY)
}

/** Remembers why the session just ended (the server's message), for the login page to show. */
export function rememberEndedSession(message: string): void {
  tabStorage()?.setItem(ENDED_KEY, message)
}

/**
 * Why the last session ended, or null. Kept until the next login (`clearEndedSession`): a page's
 * several refused reads each reopen the login page, and every one of those must still say why.
 */
export function endedSession(): string | null {
  return tabStorage()?.getItem(ENDED_KEY) ?? null
}

/** Forgets why the last session ended: a new session has begun. */
export function clearEndedSession(): void {
  tabStorage()?.removeItem(ENDED_KEY)
}

const BROWSERS: [RegExp, string][] = [
  [/MicroMessenger\/([\d.]+)/, '微信内置浏览器'],
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/(?:OPR|Opera)\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
]

const SYSTEMS: [RegExp, string][] = [
  [/Windows NT/, 'Windows'],
  [/iPhone|iPad/, 'iOS'],
  [/Mac OS X/, 'macOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
]

/**
 * A short description of the browser for the phone to show, e.g. `Chrome 126 · Windows`.
 *
 * @param userAgent the browser's `navigator.userAgent`.
 * @returns at most 120 characters (what `webLogin.start` takes); `未知浏览器` parts when not recognized.
 */
export function describeBrowser(userAgent: string): string {
  const browser = BROWSERS.find(([re]) => re.test(userAgent))
  const system = SYSTEMS.find(([re]) => re.test(userAgent))
  const name = browser
    ? browser[1] === '微信内置浏览器'
      ? browser[1]
      : `${browser[1]} ${browser[0].exec(userAgent)![1]}`
    : '未知浏览器'
  return `${name} · ${system ? system[1] : '未知系统'}`.slice(0, 120)
}

/** This browser's description (see `describeBrowser`). */
export function thisBrowser(): string {
  const nav = (globalThis as { navigator?: { userAgent?: string } }).navigator
  return describeBrowser(nav?.userAgent ?? '')
}

/**
 * This app's address in the browser for a page path with its query: `http://127.0.0.1:10086/#/packages/…`.
 *
 * @param url a page address from `pageUrl` (leading slash, query included).
 * @returns the full address, or '' where there is no browser location (WeChat).
 */
export function browserAddress(url: string): string {
  const loc = (globalThis as { location?: { origin?: string; pathname?: string } }).location
  if (!loc?.origin) return ''
  return `${loc.origin}${loc.pathname ?? '/'}#${url}`
}

/** Opens `address` in a new browser tab (the tab that plays the phone on the local host). */
export function openInNewTab(address: string): void {
  ;(globalThis as { open?: (u: string, target: string) => unknown }).open?.(address, '_blank')
}
