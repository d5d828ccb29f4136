/**
 * Identity in production: the caller's OPENID, which WeChat puts into the cloud function's
 * environment for every call and `cloud.getWXContext()` reads. The request body is never trusted,
 * and there are no sessions to issue: WeChat has already authenticated the caller.
 */
import type { Identity, IdentityPort } from '../ports/identity'

export interface WxContextApi {
  getWXContext(): { OPENID?: string }
}

export class WxContextIdentity implements IdentityPort {
  constructor(private readonly cloud: WxContextApi) {}

  identify(): Identity | null {
    const openid = this.cloud.getWXContext().OPENID
    // A timer trigger or a console test call has no OPENID: nobody is calling.
    return typeof openid === 'string' && openid.length > 0 ? { openid } : null
  }
}
