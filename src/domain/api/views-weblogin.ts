/** The answers of the 扫码登录 actions (catalog-weblogin.ts). Times are ms since the epoch. */
import type { SessionState, TicketState } from '../web-login'
import type { SessionGrant } from './views'

/** webLogin.start: the ticket the browser shows as a QR and polls. */
export interface WebLoginStartView {
  /** 24 characters; also inside the QR. */
  ticketId: string
  /**
   * What an `<Image src>` shows: a `data:image/…;base64,` URL of a mini-program code opening the
   * confirm page with scene `w=<ticketId>` (production), or a QR of the h5 address of that page
   * with `?t=<ticketId>` (local host).
   */
  qrImage: string
  /** When the ticket can no longer be confirmed or collected (2 minutes after start). */
  expiresAt: number
}

/** webLogin.inspect and webLogin.confirm: what is asking to log in, shown on the phone. */
export interface WebLoginTicketView {
  ticketId: string
  /** The browser's own short description, e.g. "Chrome 126 · Windows". */
  browser: string
  createdAt: number
  /** The approximate place, e.g. "IP 127.0.0.1（本机）" (no geo lookup: the kind of address only). */
  place: string
  expiresAt: number
  state: TicketState
}

/** webLogin.poll: not yet, no longer, or (exactly once) the session. */
export type WebLoginPollView =
  | { state: 'pending' | 'expired' }
  | {
      state: 'confirmed'
      /** The bearer token and when it stops being accepted at the latest (idle expiry comes first). */
      session: SessionGrant
      memberName: string
    }

/** webLogin.sessions: one of my browser sessions. */
export interface WebSessionView {
  sessionId: string
  browser: string
  place: string
  createdAt: number
  lastSeenAt: number
  /** The session this very call came with (the browser asking). */
  current: boolean
}

/** webLogin.revoke: the session that was ended. */
export interface WebSessionRevokedView {
  sessionId: string
  revokedAt: number
  state: Extract<SessionState, 'revoked'>
}
