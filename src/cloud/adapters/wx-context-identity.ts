/**
 * Identity in production: the caller's OPENID, which WeChat puts into the cloud function's
 * environment for every call and `cloud.getWXContext()` reads. The request body is never trusted,
 * and there are no sessions to issue: WeChat has already authenticated the caller. Calls over HTTP
 * access carry no OPENID and are identified by their web session only (web-session-identity.ts).
 */
import { httpContextOf, type Identity, type TransportIdentity } from '../ports/identity'

export interface WxContextApi {
  getWXContext(): { OPENID?: string }
}

export class WxContextIdentity implements TransportIdentity {
  constructor(private readonly cloud: WxContextApi) {}

  /** Takes `main`'s context; an HTTP call (CloudBase HTTP access) never has a WeChat identity. */
  identify(context?: unknown): Identity | null {
    if (httpContextOf(context)) return null
    const openid = this.cloud.getWXContext().OPENID
    // A timer trigger or a console test call has no OPENID: nobody is calling.
    return typeof openid === 'string' && openid.length > 0 ? { openid } : null
  }
}
