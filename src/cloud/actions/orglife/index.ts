/** Handlers of the actions declared in src/domain/api/catalog-orglife.ts. */
import type { ORGLIFE_ACTIONS } from '../../../domain/api/catalog-orglife'
import { handlersIn, type HandlersOf } from '../handler'
import * as records from './records'
import * as studyRules from './study-rules'

export const ORGLIFE_HANDLERS = handlersIn(records, studyRules) satisfies HandlersOf<typeof ORGLIFE_ACTIONS>
