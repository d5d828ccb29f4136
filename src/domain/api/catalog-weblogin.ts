/**
 * 扫码登录 (scan to log in) for the browser build: a browser asks for a ticket and shows it as a QR,
 * a member's WeChat inspects and confirms it, the browser collects a web session once; members see
 * and end their browser sessions. The rules are in src/domain/web-login.ts.
 */
import { z } from 'zod'
import { ROLES } from '../org'
import { BROWSER_TEXT_MAX, KEY_HEX_RE, TICKET_ID_RE, WEB_SESSION_ID_RE } from '../web-login'
import { catalogOf, defineAction, shape } from './define'
import type {
  WebLoginPollView,
  WebLoginStartView,
  WebLoginTicketView,
  WebSessionRevokedView,
  WebSessionView,
} from './views-weblogin'

const SELF = { kind: 'member', roles: ROLES, scope: 'self', target: { from: 'actor' } } as const

const ticketIdField = z
  .string({ error: '缺少登录二维码编号，请重新扫码' })
  .regex(TICKET_ID_RE, { error: '登录二维码编号格式不对，请在电脑上刷新二维码后重新扫码' })

const keyField = (what: string) =>
  z
    .string({ error: `缺少${what}，请刷新登录页` })
    .regex(KEY_HEX_RE, { error: `${what}格式不对（应为 64 位十六进制），请刷新登录页` })

export const webLoginStart = defineAction({
  name: 'webLogin.start',
  summary: '网页版扫码登录：浏览器取一张 2 分钟内有效、只能用一次的登录二维码（绑定本浏览器的密钥）',
  input: () =>
    z
      .object({
        /** SHA-256 of the 32-byte secret the browser keeps; the secret itself is sent only to webLogin.poll. */
        browserKeyHash: keyField('浏览器密钥摘要'),
        browser: z
          .string({ error: '缺少浏览器说明' })
          .trim()
          .min(1, { error: '缺少浏览器说明' })
          .max(BROWSER_TEXT_MAX, { error: `浏览器说明不能超过 ${BROWSER_TEXT_MAX} 个字` }),
      })
      .strict(),
  output: shape<WebLoginStartView>(),
  // Not idempotent by request id: a repeated start only makes another 2-minute ticket, and the
  // request log would otherwise keep every QR image.
  write: false,
  access: { kind: 'public' },
  errors: ['NOT_AVAILABLE'],
})

export const webLoginInspect = defineAction({
  name: 'webLogin.inspect',
  summary: '手机扫码后查看是谁在请求登录：浏览器、时间、大致位置、二维码状态',
  input: () => z.object({ ticketId: ticketIdField }).strict(),
  output: shape<WebLoginTicketView>(),
  write: false,
  access: { kind: 'identified' },
  errors: ['NOT_FOUND'],
})

export const webLoginConfirm = defineAction({
  name: 'webLogin.confirm',
  summary: '在手机微信上确认网页版登录：二维码绑定到我的党员身份（须已绑定微信）',
  input: () => z.object({ ticketId: ticketIdField }).strict(),
  output: shape<WebLoginTicketView>(),
  write: true,
  // Identified, not member: an unbound WeChat is refused by the handler with the 扫码登录 wording.
  access: { kind: 'identified' },
  errors: ['NOT_BOUND', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN'],
})

export const webLoginPoll = defineAction({
  name: 'webLogin.poll',
  summary: '浏览器轮询登录二维码：等待确认、已过期，或（仅一次）取得网页版会话',
  input: () => z.object({ ticketId: ticketIdField, browserKey: keyField('浏览器密钥') }).strict(),
  output: shape<WebLoginPollView>(),
  // Not idempotent by request id: the answer carries a bearer token the request log must not keep.
  write: false,
  access: { kind: 'public' },
  errors: ['NOT_FOUND', 'NOT_AVAILABLE'],
})

export const webLoginSessions = defineAction({
  name: 'webLogin.sessions',
  summary: '我的网页版登录：仍有效的浏览器会话（浏览器、位置、登录与最近使用时间、是否当前）',
  input: () => z.object({}).strict(),
  output: shape<WebSessionView[]>(),
  write: false,
  access: SELF,
  errors: [],
})

export const webLoginRevoke = defineAction({
  name: 'webLogin.revoke',
  summary: '退出我的一个网页版登录：该浏览器的下一次请求即被拒绝（登录已失效）',
  input: () =>
    z
      .object({
        sessionId: z
          .string({ error: '缺少登录记录编号' })
          .regex(WEB_SESSION_ID_RE, { error: '登录记录编号格式不对，请刷新列表后再试' }),
      })
      .strict(),
  output: shape<WebSessionRevokedView>(),
  write: true,
  access: SELF,
  errors: ['NOT_FOUND'],
})

export const WEBLOGIN_ACTIONS = catalogOf(
  webLoginStart,
  webLoginInspect,
  webLoginConfirm,
  webLoginPoll,
  webLoginSessions,
  webLoginRevoke,
)
