/** Handlers of the actions declared in src/domain/api/catalog-orglife.ts. */
import type { ORGLIFE_ACTIONS } from '../../../domain/api/catalog-orglife'
import { handlersIn, type HandlersOf } from '../handler'
import * as records from './records'

export const ORGLIFE_HANDLERS = handlersIn(records) satisfies HandlersOf<typeof ORGLIFE_ACTIONS>
