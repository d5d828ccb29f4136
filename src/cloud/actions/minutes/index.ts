/** Handlers of the actions declared in src/domain/api/catalog-minutes.ts. */
import { MINUTES_ACTIONS } from '../../../domain/api/catalog-minutes'
import { handlersIn, type HandlersOf } from '../handler'
import * as drafts from './drafts'
import * as exports from './exports'
import * as finalize from './finalize'

export const MINUTES_HANDLERS = handlersIn(drafts, exports, finalize) satisfies HandlersOf<typeof MINUTES_ACTIONS>
