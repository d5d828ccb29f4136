/**
 * Actions of issue 5 — 参会与签到: participants, leave, rotating QR sign-in, offline sign-in, manual and remote attendance, live board. Declared with `defineAction` exactly like catalog.ts and
 * merged into ACTIONS there; views go in views-attendance.ts.
 */

export const ATTENDANCE_ACTIONS = {} as const
