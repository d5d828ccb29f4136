/** Handlers of the actions declared in src/domain/api/catalog-dues.ts. */
import { DUES_ACTIONS } from '../../../domain/api/catalog-dues'
import { handlersIn, type HandlersOf } from '../handler'
import * as exports from './exports'
import * as reads from './reads'
import * as writes from './writes'

export const DUES_HANDLERS = handlersIn(reads, writes, exports) satisfies HandlersOf<typeof DUES_ACTIONS>
