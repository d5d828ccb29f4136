/**
 * A member's browser sessions (扫码登录): the list 我的 › 网页版登录 shows, ending one, and ending
 * them all when the member is unbound, transferred or suspended (inside the write that does so).
 */
import {
  webLoginRevoke as webLoginRevokeDecl,
  webLoginSessions as webLoginSessionsDecl,
} from '../../../domain/api/catalog-weblogin'
import type { WebSessionView } from '../../../domain/api/views-weblogin'
import { AppError } from '../../../domain/errors'
import { sessionState, WEB_LOGIN_MESSAGES, WEB_LOGIN_RULES } from '../../../domain/web-login'
import type { WebSessionDoc, WebSessionEnd } from '../../documents'
import { eq, StoreConflict, type Stored, type StorePort, type StoreTx } from '../../ports/store'
import { implement } from '../handler'
import { readAll } from '../roster-reads'

/** More sessions than anyone opens within the absolute limit (a week); past it the data is wrong. */
const SESSIONS_CAP = 500
/** Times a revocation is tried again after its session was touched by a concurrent call. */
const REVOKE_RETRIES = 3

/**
 * The member's sessions that are not revoked and not older than the absolute limit at `now`
 * (idle ones included: ending them too costs nothing). Read before the write that ends them, since
 * a transaction cannot query. Takes the store, the member id and the time (ms).
 */
export async function openSessionsOf(
  store: StorePort,
  memberId: string,
  now: number,
): Promise<Stored<WebSessionDoc>[]> {
  return readAll(
    store,
    'web_sessions',
    [
      eq('memberId', memberId),
      eq('revokedAt', null),
      { field: 'createdAt', op: 'gt', value: now - WEB_LOGIN_RULES.sessionMaxMs },
    ],
    'createdAt',
    SESSIONS_CAP,
  )
}

/**
 * Ends `sessions` (from openSessionsOf) inside the caller's transaction, with the reason; the
 * browsers' next calls are refused with 登录已失效. A session touched meanwhile fails the
 * transaction with StoreConflict('version'), as any concurrent change does.
 */
export async function endSessions(
  tx: StoreTx,
  sessions: readonly Stored<WebSessionDoc>[],
  reason: WebSessionEnd,
  now: number,
): Promise<void> {
  for (const s of sessions) {
    await tx.update('web_sessions', s._id, { revokedAt: now, revokedReason: reason }, s._version)
  }
}

export const webLoginSessions = implement(webLoginSessionsDecl, async (ctx): Promise<WebSessionView[]> => {
  const open = await openSessionsOf(ctx.ports.store, ctx.actor.memberId, ctx.now)
  return open
    .filter((s) => sessionState(s, ctx.now) === 'active')
    .sort((a, b) => b.lastSeenAt - a.lastSeenAt || a._id.localeCompare(b._id))
    .map((s) => ({
      sessionId: s._id,
      browser: s.browser,
      place: s.place,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      current: s._id === ctx.webSessionId,
    }))
})

export const webLoginRevoke = implement(webLoginRevokeDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const session = await store.get('web_sessions', input.sessionId)
  // Another member's session is answered as a missing one: ids of others' sessions reveal nothing.
  if (!session || session.memberId !== ctx.actor.memberId) {
    throw new AppError('NOT_FOUND', WEB_LOGIN_MESSAGES.unknownSession)
  }
  for (let attempt = 0, current = session; ; attempt += 1) {
    if (current.revokedAt !== null) {
      return { sessionId: current._id, revokedAt: current.revokedAt, state: 'revoked' as const }
    }
    try {
      await store.transaction((tx) => endSessions(tx, [current], 'member', ctx.now))
      return { sessionId: current._id, revokedAt: ctx.now, state: 'revoked' as const }
    } catch (err) {
      // The browser's own call touched lastSeenAt meanwhile: read it again and end it then.
      if (!(err instanceof StoreConflict && err.reason === 'version') || attempt >= REVOKE_RETRIES) throw err
      const fresh = await store.get('web_sessions', current._id)
      if (!fresh) throw new AppError('NOT_FOUND', WEB_LOGIN_MESSAGES.unknownSession)
      current = fresh
    }
  }
})
