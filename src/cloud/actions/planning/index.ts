/** Handlers of the actions declared in src/domain/api/catalog-planning.ts. */
import type { PLANNING_ACTIONS } from '../../../domain/api/catalog-planning'
import type { HandlersOf } from '..'

export const PLANNING_HANDLERS = {} satisfies HandlersOf<typeof PLANNING_ACTIONS>
