/** Handlers of the actions declared in src/domain/api/catalog-weblogin.ts (扫码登录). */
import type { WEBLOGIN_ACTIONS } from '../../../domain/api/catalog-weblogin'
import { handlersIn, type HandlersOf } from '../handler'
import * as sessions from './sessions'
import * as tickets from './tickets'

export const WEBLOGIN_HANDLERS = handlersIn(tickets, sessions) satisfies HandlersOf<typeof WEBLOGIN_ACTIONS>
