/**
 * Actions of issue 7 — 流动党员: registry, check-ins, reports, 补学. Declared with `defineAction` exactly like catalog.ts and
 * merged into ACTIONS there; views go in views-mobile.ts.
 */

export const MOBILE_ACTIONS = {} as const
