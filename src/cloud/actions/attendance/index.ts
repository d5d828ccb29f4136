/** Handlers of the actions declared in src/domain/api/catalog-attendance.ts. */
import type { ATTENDANCE_ACTIONS } from '../../../domain/api/catalog-attendance'
import type { HandlersOf } from '..'

export const ATTENDANCE_HANDLERS = {} satisfies HandlersOf<typeof ATTENDANCE_ACTIONS>
