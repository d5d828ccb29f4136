/**
 * Actions of issue 4 — 计划与提醒: annual plan, rule overrides, calendar, in-app messages. Declared with `defineAction` exactly like catalog.ts and
 * merged into ACTIONS there; views go in views-planning.ts.
 */

export const PLANNING_ACTIONS = {} as const
