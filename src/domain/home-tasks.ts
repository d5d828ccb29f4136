/**
 * 首页's own tasks of one member: what they are asked to do now, most urgent first. The windows
 * are rule data: how far ahead a meeting is listed with 请假, and how far back a record still owed
 * 阅签 or 补学 is listed (条例 第十条: members attend their branch's 组织生活 and may ask leave of it
 * beforehand; the 补学 of who missed it follows the minutes — src/domain/mobile.ts 补学).
 */
export type HomeTaskKind = 'mobile_checkin' | 'sign_in' | 'leave' | 'read' | 'makeup'

/** The task windows (days): meetings starting within `leaveAheadDays`, records within `owedBackDays`. */
export const HOME_TASK_WINDOWS = { leaveAheadDays: 7, owedBackDays: 183 } as const

/** Tasks in this order on 首页: a due 报到 at the top, then signing in now, then the rest. */
export const HOME_TASK_ORDER: readonly HomeTaskKind[] = ['mobile_checkin', 'sign_in', 'leave', 'read', 'makeup']

/** Sorts `tasks` by HOME_TASK_ORDER, then by time (`at`, epoch ms) ascending; returns a new array. */
export function sortHomeTasks<T extends { kind: HomeTaskKind; at: number | null }>(tasks: readonly T[]): T[] {
  return [...tasks].sort(
    (a, b) => HOME_TASK_ORDER.indexOf(a.kind) - HOME_TASK_ORDER.indexOf(b.kind) || (a.at ?? 0) - (b.at ?? 0),
  )
}
