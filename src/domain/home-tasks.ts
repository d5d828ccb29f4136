/**
 * 首页's own tasks of one member: what they are asked to do now, most urgent first. The windows
 * are rule data kept here: how far ahead a meeting is listed with 请假, how far back a record still
 * owed 阅签 or 补学 is listed (the half year missedMeetings reads for 补学), and how many of those are
 * listed. They are this app's choices for a readable 首页, not values set by the 条例.
 */
export type HomeTaskKind =
  'mobile_checkin' | 'sign_in' | 'guest_approval' | 'stop_proposal' | 'leave' | 'read' | 'makeup'

/**
 * The task windows (days): meetings starting within `leaveAheadDays`, records within `owedBackDays`;
 * of the past kinds (阅签, 补学) the newest `maxPastPerKind` are listed, the rest counted.
 */
export const HOME_TASK_WINDOWS = { leaveAheadDays: 7, owedBackDays: 183, maxPastPerKind: 2 } as const

/** Kinds about meetings already held: listed newest first, at most HOME_TASK_WINDOWS.maxPastPerKind. */
const PAST_KINDS: readonly HomeTaskKind[] = ['read', 'makeup']

/**
 * Tasks in this order on 首页: a due 报到 at the top, then signing in now, then the 党委's waiting
 * work (列席 to approve before the meeting, 停止党籍 proposals to answer), then the rest.
 */
export const HOME_TASK_ORDER: readonly HomeTaskKind[] = [
  'mobile_checkin',
  'sign_in',
  'guest_approval',
  'stop_proposal',
  'leave',
  'read',
  'makeup',
]

/**
 * Sorts `tasks` by HOME_TASK_ORDER, then by time (`at`, epoch ms): soonest first for what is still to
 * come, newest first for 阅签 and 补学; keeps the newest HOME_TASK_WINDOWS.maxPastPerKind of each past
 * kind. Returns the list and how many were left out per past kind.
 */
export function arrangeHomeTasks<T extends { kind: HomeTaskKind; at: number | null }>(
  tasks: readonly T[],
): { items: T[]; more: { read: number; makeup: number } } {
  const sorted = [...tasks].sort((a, b) => {
    const byKind = HOME_TASK_ORDER.indexOf(a.kind) - HOME_TASK_ORDER.indexOf(b.kind)
    if (byKind) return byKind
    const ascending = (a.at ?? 0) - (b.at ?? 0)
    return PAST_KINDS.includes(a.kind) ? -ascending : ascending
  })
  const more = { read: 0, makeup: 0 }
  const seen = { read: 0, makeup: 0 }
  const items = sorted.filter((t) => {
    if (t.kind !== 'read' && t.kind !== 'makeup') return true
    seen[t.kind] += 1
    if (seen[t.kind] <= HOME_TASK_WINDOWS.maxPastPerKind) return true
    more[t.kind] += 1
    return false
  })
  return { items, more }
}
