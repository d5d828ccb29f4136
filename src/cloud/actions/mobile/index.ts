/** Handlers of the actions declared in src/domain/api/catalog-mobile.ts. */
import type { MOBILE_ACTIONS } from '../../../domain/api/catalog-mobile'
import type { HandlersOf } from '..'

export const MOBILE_HANDLERS = {} satisfies HandlersOf<typeof MOBILE_ACTIONS>
