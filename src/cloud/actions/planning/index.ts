/** Handlers of the actions declared in src/domain/api/catalog-planning.ts. */
import { PLANNING_ACTIONS } from '../../../domain/api/catalog-planning'
import { handlersIn, type HandlersOf } from '../handler'
import * as calendar from './calendar'
import * as messages from './messages'
import * as planExport from './plan-export'
import * as plans from './plans'
import * as rules from './rules'

export const PLANNING_HANDLERS = handlersIn(calendar, messages, planExport, plans, rules) satisfies HandlersOf<
  typeof PLANNING_ACTIONS
>
