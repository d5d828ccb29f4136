/** Session and health actions: who the caller is, and the local host's development login. */
import { z } from 'zod'
import { catalogOf, defineAction, shape } from './define'
import { idField } from './fields'
import type { DemoAccount, HealthView, ProfileView, SessionGrant, UnboundView } from './views'

export const systemHealth = defineAction({
  name: 'system.health',
  summary: '检查服务与数据库是否可用',
  input: () => z.object({}).strict(),
  output: shape<HealthView>(),
  write: false,
  access: { kind: 'public' },
  errors: [],
})

export const sessionDevAccounts = defineAction({
  name: 'session.devAccounts',
  summary: '列出演示数据中的账号（仅本地开发环境）',
  input: () => z.object({}).strict(),
  output: shape<DemoAccount[]>(),
  write: false,
  access: { kind: 'public' },
  errors: ['NOT_AVAILABLE'],
  embeddedOnly: true,
})

export const sessionDevLogin = defineAction({
  name: 'session.devLogin',
  summary: '以演示账号登录，取得签名的会话令牌（仅本地开发环境，代替微信身份）',
  input: () => z.object({ memberId: idField('党员编号') }).strict(),
  output: shape<SessionGrant>(),
  write: false,
  access: { kind: 'public' },
  errors: ['NOT_AVAILABLE', 'NOT_FOUND'],
  embeddedOnly: true,
})

export const sessionWhoami = defineAction({
  name: 'session.whoami',
  summary: '我是谁：绑定的党员、所在组织与职务',
  input: () => z.object({}).strict(),
  output: shape<ProfileView | UnboundView>(),
  write: false,
  access: { kind: 'identified' },
  errors: [],
})
export const sessionDevNewUser = defineAction({
  name: 'session.devNewUser',
  summary: '以一个尚未绑定的新微信用户身份进入（仅本地开发环境，用于演示和测试绑定）',
  input: () => z.object({}).strict(),
  output: shape<SessionGrant>(),
  write: false,
  access: { kind: 'public' },
  errors: ['NOT_AVAILABLE'],
  embeddedOnly: true,
})

export const SESSION_ACTIONS = catalogOf(
  systemHealth,
  sessionDevAccounts,
  sessionDevLogin,
  sessionWhoami,
  sessionDevNewUser,
)
