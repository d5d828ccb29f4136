/**
 * 扫码登录 (scan to log in) for the browser build: the rules of login tickets and web sessions as
 * data, and the pure decisions the handlers and the identity adapter take from them. Times are
 * milliseconds since the epoch, passed in; ids and secrets are made by the server, not here.
 */

/** The limits of the ticket flow and of the sessions it grants. */
export interface WebLoginRules {
  /** How long a login QR (ticket) can be confirmed and collected: 2 minutes. */
  ticketLifeMs: number
  /** A session unused this long has ended: 12 hours. */
  sessionIdleMs: number
  /** A session ends this long after it began, however busy: 7 days. */
  sessionMaxMs: number
  /** `lastSeenAt` is rewritten at most this often, so a busy page does not write on every call: 1 minute. */
  touchEveryMs: number
}

export const WEB_LOGIN_RULES: WebLoginRules = {
  ticketLifeMs: 2 * 60_000,
  sessionIdleMs: 12 * 3_600_000,
  sessionMaxMs: 7 * 24 * 3_600_000,
  touchEveryMs: 60_000,
}

/** The longest browser description kept (e.g. "Chrome 126 · Windows"). */
export const BROWSER_TEXT_MAX = 120

/**
 * The query key of the confirm page's link on the local host (`…/web-login/index?t=<ticketId>`) and
 * the scene key of the mini-program code in production (`scene` = `w=<ticketId>`, at most 32 characters).
 */
export const TICKET_QUERY_KEY = 't'
export const TICKET_SCENE_KEY = 'w'

/** A ticket id: 24 characters of base64url (144 random bits), so `w=<id>` fits a wxacode scene. */
export const TICKET_ID_RE = /^[A-Za-z0-9_-]{24}$/
/** A session id as stored and shown to its member: `ws_` and 32 hex digits. */
export const WEB_SESSION_ID_RE = /^ws_[0-9a-f]{32}$/
/** A browser secret, or its SHA-256: 64 hex digits. */
export const KEY_HEX_RE = /^[0-9a-f]{64}$/

/** What a ticket records of its life; the stored document has these fields and more. */
export interface TicketTimes {
  expiresAt: number
  confirmedAt: number | null
  usedAt: number | null
}

/**
 * Where a login ticket stands at `now`: `pending` (shown, not yet confirmed), `confirmed` (a member
 * confirmed it, the browser has not collected the session yet), `used` (the browser collected it;
 * single use) or `expired` (its 2 minutes passed before it was collected).
 */
export type TicketState = 'pending' | 'confirmed' | 'used' | 'expired'

/** Takes a ticket's times and the time now (ms); returns its state. Expiry is at `expiresAt` exactly. */
export function ticketState(ticket: TicketTimes, now: number): TicketState {
  if (ticket.usedAt !== null) return 'used'
  if (now >= ticket.expiresAt) return 'expired'
  return ticket.confirmedAt !== null ? 'confirmed' : 'pending'
}

/** What a web session records of its life. */
export interface SessionTimes {
  createdAt: number
  lastSeenAt: number
  revokedAt: number | null
}

/**
 * Where a web session stands at `now`: `active`, `revoked` (its member, or a change of the member's
 * binding or status, ended it), `idle` (unused for 12 hours; ends at exactly 12 h) or `expired`
 * (older than the absolute limit).
 */
export type SessionState = 'active' | 'revoked' | 'idle' | 'expired'

/** Takes a session's times, the time now (ms) and the rules; returns its state. */
export function sessionState(session: SessionTimes, now: number, rules: WebLoginRules = WEB_LOGIN_RULES): SessionState {
  if (session.revokedAt !== null) return 'revoked'
  if (now - session.createdAt >= rules.sessionMaxMs) return 'expired'
  if (now - session.lastSeenAt >= rules.sessionIdleMs) return 'idle'
  return 'active'
}

/** Whether an active session's `lastSeenAt` is old enough to be rewritten now (at most once a minute). */
export function needsTouch(session: SessionTimes, now: number, rules: WebLoginRules = WEB_LOGIN_RULES): boolean {
  return now - session.lastSeenAt >= rules.touchEveryMs
}

/** When the token of a session made at `createdAt` stops being accepted at the latest (ms). */
export function sessionExpiresAt(createdAt: number, rules: WebLoginRules = WEB_LOGIN_RULES): number {
  return createdAt + rules.sessionMaxMs
}

const LOOPBACK_RE = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/
const PRIVATE_RE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|f[cd][0-9a-f]{2}:|fe80:|::ffff:(10\.|192\.168\.))/i

/**
 * The approximate place shown to the member before they confirm, from the client IP the transport
 * saw (null when it saw none). There is no geo-IP lookup offline, so the text says which kind of
 * address it is and not a city: "IP 127.0.0.1（本机）", "IP 192.168.1.5（局域网）",
 * "IP 203.0.113.7（未查询归属地）", or "未知（未取得 IP 地址）".
 */
export function describePlace(ip: string | null): string {
  if (!ip) return '未知（未取得 IP 地址）'
  const shown = ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1')
  if (LOOPBACK_RE.test(ip)) return `IP ${shown}（本机）`
  if (PRIVATE_RE.test(ip)) return `IP ${shown}（局域网）`
  return `IP ${shown}（未查询归属地）`
}

// ---- what a person reads when the flow refuses ----

export const WEB_LOGIN_MESSAGES = {
  /** A web session that was revoked, went idle or expired, or whose member is no longer bound. */
  sessionEnded: '登录已失效，请重新扫码登录。',
  unbound: '这个微信还没有绑定党员身份，请先用邀请码绑定，再扫码登录。',
  unknownTicket: '登录二维码无效或已失效，请在电脑上刷新二维码后重新扫码。',
  expiredTicket: '登录二维码已过期（有效 2 分钟），请在电脑上刷新二维码后重新扫码。',
  usedTicket: '这个登录二维码已经用过了，不能再次确认；如需登录，请在电脑上刷新二维码后重新扫码。',
  confirmedByOther: '这个登录二维码已被其他人确认，不能再次确认；如不是你本人操作，请在电脑上刷新二维码。',
  confirmFromBrowser: '请在手机微信里扫码确认登录；网页版不能为其他浏览器确认登录。',
  notConfigured: '网页版登录尚未开通（服务器未配置 WEB_SESSION_SECRET），请联系管理员。',
  unknownSession: '找不到这个登录记录，可能已经退出；请刷新列表后再试。',
} as const
