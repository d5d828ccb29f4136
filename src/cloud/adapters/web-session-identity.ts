/**
 * Identity with browser sessions (扫码登录): a bearer token `<sessionId>.<mac>` (HMAC-SHA256 with the
 * server's secret) names a `web_sessions` record, which is checked on every call: not revoked, used
 * within the idle limit, younger than the absolute limit, and its member still bound to the same
 * WeChat and neither transferred nor suspended. Any other context goes to the transport's own
 * identity (WeChat's OPENID, the local host's development session) unchanged.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { AppError } from '../../domain/errors'
import {
  needsTouch,
  sessionState,
  WEB_LOGIN_MESSAGES,
  WEB_LOGIN_RULES,
  WEB_SESSION_ID_RE,
  type WebLoginRules,
} from '../../domain/web-login'
import type { ClockPort } from '../ports/clock'
import { httpContextOf, type Identity, type IdentityPort, type TransportIdentity } from '../ports/identity'
import { StoreConflict, type StorePort } from '../ports/store'

/** A web token: the session id, a dot, and 43 characters of base64url HMAC. */
const WEB_TOKEN_RE = /^(ws_[0-9a-f]{32})\.([A-Za-z0-9_-]{43})$/
/** Longest client IP text kept (an IPv6 address with a zone fits). */
const MAX_IP_LENGTH = 64

export interface WebSessionIdentityOptions {
  /** At least 32 bytes; null when web login is not configured (tokens are then refused). */
  secret: Buffer | null
  store: StorePort
  clock: ClockPort
  /** The transport's own identity, for every context that does not carry a web token. */
  transport: TransportIdentity
  rules?: WebLoginRules
}

/** Whether a bearer token has the shape of a web session's token (not a development session's). */
export function isWebToken(token: string): boolean {
  return WEB_TOKEN_RE.test(token)
}

export class WebSessionIdentity implements IdentityPort {
  readonly signWebSession?: (sessionId: string) => string
  readonly issueSession?: (openid: string, now: number) => { token: string; expiresAt: number }
  private readonly rules: WebLoginRules

  constructor(private readonly options: WebSessionIdentityOptions) {
    const { secret, transport } = options
    if (secret && secret.length < 32) throw new Error('web session secret must be at least 32 bytes')
    this.rules = options.rules ?? WEB_LOGIN_RULES
    if (secret) this.signWebSession = (sessionId) => `${sessionId}.${this.mac(secret, sessionId).toString('base64url')}`
    if (transport.issueSession) this.issueSession = transport.issueSession.bind(transport)
  }

  private mac(secret: Buffer, sessionId: string): Buffer {
    // Prefixed, so a web token's MAC can never stand for a development session's payload (base64url, no ':').
    return createHmac('sha256', secret).update(`web-session:${sessionId}`).digest()
  }

  async identify(context: unknown): Promise<Identity | null> {
    const token = (context as { sessionToken?: unknown } | null)?.sessionToken
    if (typeof token === 'string' && isWebToken(token)) {
      const identity = await this.resolve(token)
      if (!identity) throw new AppError('UNAUTHENTICATED', WEB_LOGIN_MESSAGES.sessionEnded)
      return identity
    }
    return this.options.transport.identify(context)
  }

  clientIp(context: unknown): string | null {
    const ip = httpContextOf(context)?.clientIp
    return typeof ip === 'string' && ip.length > 0 && ip.length <= MAX_IP_LENGTH ? ip : null
  }

  /** The identity a web token stands for, or null when its session no longer holds. */
  private async resolve(token: string): Promise<Identity | null> {
    const { secret, store, clock } = this.options
    const [, sessionId, mac] = WEB_TOKEN_RE.exec(token) ?? []
    if (!secret || !sessionId || !mac || !WEB_SESSION_ID_RE.test(sessionId)) return null
    // Compared as text: base64url decoding ignores a last character's spare bits, the text does not.
    const given = Buffer.from(mac, 'utf8')
    const expected = Buffer.from(this.mac(secret, sessionId).toString('base64url'), 'utf8')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null

    const session = await store.get('web_sessions', sessionId)
    const now = clock.now()
    if (!session || sessionState(session, now, this.rules) !== 'active') return null
    // Revocation is written with unbind, transfer and suspension; this check also covers a change
    // that reached the member another way (a roster import, a console edit).
    const binding = await store.get('bindings', session.openid)
    if (!binding || binding.memberId !== session.memberId) return null
    const member = await store.get('members', session.memberId)
    if (!member || member.status === 'transferred' || member.status === 'suspended') return null

    if (needsTouch(session, now, this.rules)) {
      try {
        await store.update('web_sessions', sessionId, { lastSeenAt: now }, session._version)
      } catch (err) {
        // A concurrent call of the same browser touched it first: its time stands.
        if (!(err instanceof StoreConflict)) throw err
      }
    }
    return { openid: session.openid, webSessionId: sessionId }
  }
}
