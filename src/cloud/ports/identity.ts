/**
 * Who is calling, from the transport and never from the request body: `OPENID` from
 * `cloud.getWXContext()` for the mini-program's calls, a signed development session on the local
 * host, and a browser's web session (扫码登录) for calls over HTTP, checked against its stored record.
 */
export interface Identity {
  openid: string
  /** The web session the call came with (`web_sessions/<id>`); absent for WeChat's own and development calls. */
  webSessionId?: string
}

/**
 * What an HTTP transport (the local host's POST /api/call, CloudBase's HTTP access to the `api`
 * function) passes as `main`'s context. Built by the transport from the request's headers and
 * connection, never from its body.
 */
export interface HttpCallContext {
  /** An HTTP call: identity comes only from the bearer token, never from WeChat's context. */
  via: 'http'
  /** The `Authorization: Bearer <token>` token, when present. */
  sessionToken?: string
  /** The client's IP address as the transport saw it. */
  clientIp?: string | null
}

export interface IdentityPort {
  /**
   * The caller of the call whose transport context is `context`, or null when nobody is identified.
   * A web session is read from the store, so this is asynchronous; a web token that no longer holds
   * (revoked, idle, expired, member unbound, transferred or suspended) throws AppError UNAUTHENTICATED
   * with "登录已失效，请重新扫码登录。".
   */
  identify(context: unknown): Promise<Identity | null>
  /** The client's IP address from the transport context, or null when the transport gives none. */
  clientIp(context: unknown): string | null
  /**
   * Signs a stored web session's id into the bearer token its browser carries (`<sessionId>.<mac>`,
   * HMAC-SHA256 with the server's secret). Absent when no secret is configured (no web login).
   */
  signWebSession?(sessionId: string): string
  /** Only the embedded host can issue sessions (development login); production has no such thing. */
  issueSession?(openid: string, now: number): { token: string; expiresAt: number }
}

/**
 * The identity of one transport, decided from the context alone (WeChat's OPENID, the development
 * session): what the web-session identity falls back to for tokens that are not web sessions.
 */
export interface TransportIdentity {
  identify(context: unknown): Identity | null
  issueSession?(openid: string, now: number): { token: string; expiresAt: number }
}

/** Takes `main`'s context; returns it as an HTTP transport's context, or null for any other. */
export function httpContextOf(context: unknown): HttpCallContext | null {
  return context && typeof context === 'object' && (context as HttpCallContext).via === 'http'
    ? (context as HttpCallContext)
    : null
}
