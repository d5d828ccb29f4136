/** Matrix rows of the actions in src/domain/api/catalog-weblogin.ts (扫码登录). */
import type { WEBLOGIN_ACTIONS } from '../../../src/domain/api/catalog-weblogin'
import { everyone, type MatrixRows } from './table'

/** A browser secret's SHA-256 and the secret, as samples (any 64 hex digits pass validation). */
const HEX64 = 'ab'.repeat(32)

export const WEBLOGIN_ROWS: MatrixRows<keyof typeof WEBLOGIN_ACTIONS> = {
  // Public, identified, or on one's own record: every role, whatever the cell. The samples name a
  // ticket or session no one has, so an allowed call is refused by the handler (NOT_FOUND), not the router.
  expected: {
    'webLogin.start': everyone,
    'webLogin.inspect': everyone,
    'webLogin.confirm': everyone,
    'webLogin.poll': everyone,
    'webLogin.sessions': everyone,
    'webLogin.revoke': everyone,
  },
  samples: {
    'webLogin.start': (t) => ({ browserKeyHash: HEX64, browser: `矩阵测试浏览器 ${t.seq}` }),
    'webLogin.inspect': () => ({ ticketId: 'mxTicketMatrix0000000000' }),
    'webLogin.confirm': () => ({ ticketId: 'mxTicketMatrix0000000000' }),
    'webLogin.poll': () => ({ ticketId: 'mxTicketMatrix0000000000', browserKey: HEX64 }),
    'webLogin.sessions': () => ({}),
    'webLogin.revoke': () => ({ sessionId: `ws_${'0'.repeat(32)}` }),
  },
}
