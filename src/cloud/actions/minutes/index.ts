/** Handlers of the actions declared in src/domain/api/catalog-minutes.ts. */
import type { MINUTES_ACTIONS } from '../../../domain/api/catalog-minutes'
import type { HandlersOf } from '..'

export const MINUTES_HANDLERS = {} satisfies HandlersOf<typeof MINUTES_ACTIONS>
