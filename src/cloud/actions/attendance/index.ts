/** Handlers of the actions declared in src/domain/api/catalog-attendance.ts. */
import { ATTENDANCE_ACTIONS } from '../../../domain/api/catalog-attendance'
import { handlersIn, type HandlersOf } from '../handler'
import * as board from './board'
import * as guests from './guests'
import * as leave from './leave'
import * as settings from './settings'
import * as signin from './signin'

export const ATTENDANCE_HANDLERS = handlersIn(board, guests, leave, settings, signin) satisfies HandlersOf<
  typeof ATTENDANCE_ACTIONS
>
