/** Handlers of the actions declared in src/domain/api/catalog-supervision.ts. */
import { SUPERVISION_ACTIONS } from '../../../domain/api/catalog-supervision'
import { handlersIn, type HandlersOf } from '../handler'
import * as exports from './exports'
import * as matrix from './matrix'

export const SUPERVISION_HANDLERS = handlersIn(matrix, exports) satisfies HandlersOf<typeof SUPERVISION_ACTIONS>
