/**
 * Actions of issue 6 — 会议记录: structured minutes, drafts, photos, finalize, amendments, 阅签, hash chain, export. Declared with `defineAction` exactly like catalog.ts and
 * merged into ACTIONS there; views go in views-minutes.ts.
 */

export const MINUTES_ACTIONS = {} as const
