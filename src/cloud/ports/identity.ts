/**
 * Who is calling, from the transport and never from the request body: `OPENID` from
 * `cloud.getWXContext()` in production, a signed development session on the local host.
 */
export interface Identity {
  openid: string
}

export interface IdentityPort {
  identify(context: unknown): Identity | null
  /** Only the embedded host can issue sessions (development login); production has no such thing. */
  issueSession?(openid: string, now: number): { token: string; expiresAt: number }
}
