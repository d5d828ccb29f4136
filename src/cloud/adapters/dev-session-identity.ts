/**
 * Identity on the embedded host: a development session signed with HMAC-SHA256 (node:crypto),
 * issued by the development login and carried by the transport, never by the request body.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Identity, TransportIdentity } from '../ports/identity'

export interface DevSessionContext {
  sessionToken?: string
}

const SESSION_MS = 7 * 24 * 3600 * 1000

export class DevSessionIdentity implements TransportIdentity {
  constructor(
    private readonly secret: Buffer,
    private readonly clock: { now(): number },
  ) {
    if (secret.length < 32) throw new Error('session secret must be at least 32 bytes')
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest()
  }

  issueSession(openid: string, now: number): { token: string; expiresAt: number } {
    const expiresAt = now + SESSION_MS
    const payload = Buffer.from(JSON.stringify({ sub: openid, exp: expiresAt }), 'utf8').toString('base64url')
    return { token: `v1.${payload}.${this.mac(payload).toString('base64url')}`, expiresAt }
  }

  identify(context: unknown): Identity | null {
    const token = (context as DevSessionContext | null)?.sessionToken
    if (typeof token !== 'string') return null
    const [version, payload, mac] = token.split('.')
    if (version !== 'v1' || !payload || !mac) return null
    const given = Buffer.from(mac, 'base64url')
    const expected = this.mac(payload)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown; exp?: unknown }
      if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null
      if (claims.exp <= this.clock.now()) return null
      return { openid: claims.sub }
    } catch {
      return null
    }
  }
}
