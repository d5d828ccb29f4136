/**
 * Warnings before a meeting is scheduled (issue 20 §4): the same people already expected at another
 * meeting at that time, or a kind's meetings in its period already as many as its rule asks for (a
 * second 主题党日 in a month). Warnings, not refusals: the organizer reads the reason and may go on
 * (a second 支部委员会 in a month can be needed). Pure: meetings and rules are passed in.
 */
import { beijing, formatSpan } from './beijing-time'
import type { MeetingKind, MeetingKindRule } from './meeting-kinds'
import { PERIOD_LABELS, periodSpan } from './periods'

/** The meeting about to be scheduled (or rescheduled: `id` set, so it is not compared with itself). */
export interface PlannedMeeting {
  id?: string
  kind: MeetingKind
  groupId: string | null
  /** Epoch ms; `endAt` exclusive. */
  startAt: number
  endAt: number
  participantIds: readonly string[]
}

/** A meeting already in the branch's calendar. Cancelled ones are passed too and ignored here. */
export interface CalendarMeeting {
  id: string
  kind: MeetingKind
  title: string
  groupId: string | null
  startAt: number
  endAt: number
  participantIds: readonly string[]
  status: 'scheduled' | 'cancelled'
}

export interface ScheduleWarning {
  /** `overlap`: the same people at the same time; `repeat`: the period already has the kind's quota. */
  reason: 'overlap' | 'repeat'
  /** The meetings the warning is about. */
  meetingIds: string[]
  /** One sentence in Chinese saying what clashes and what the organizer may do. */
  message: string
}

/** At most this many names are spelled out in an overlap warning; the rest are counted. */
export const OVERLAP_NAMES_SHOWN = 5

/**
 * The warnings for `planned` against `calendar` (the branch's meetings around that time).
 *
 * - overlap: a meeting not cancelled whose [startAt, endAt) intersects the planned one and that
 *   expects at least one of the same people (a 党小组会 during a 支部党员大会 of the same branch);
 * - repeat: the kind's meetings not cancelled in the period the planned start falls in (per 党小组 for
 *   a 党小组会) already reach `rule.requiredCount` — 《中国共产党支部工作条例（试行）》第十九条 sets
 *   the frequency of 三会一课 and 主题党日 (the rule per 党委 in kind-rules.ts); a 谈心谈话 is
 *   between two people and is not counted this way.
 *
 * @param names member id → name, for the overlap message (unknown ids are counted, not named)
 * @returns overlaps first (earliest meeting first), then the repeat warning; [] when nothing clashes
 */
export function scheduleWarnings(
  planned: PlannedMeeting,
  calendar: readonly CalendarMeeting[],
  rule: Pick<MeetingKindRule, 'label' | 'period' | 'requiredCount'>,
  names: ReadonlyMap<string, string>,
): ScheduleWarning[] {
  const others = calendar
    .filter((m) => m.status !== 'cancelled' && m.id !== planned.id)
    .slice()
    .sort((a, b) => a.startAt - b.startAt)
  const expected = new Set(planned.participantIds)
  const warnings: ScheduleWarning[] = []

  for (const m of others) {
    if (m.startAt >= planned.endAt || m.endAt <= planned.startAt) continue
    const shared = m.participantIds.filter((id) => expected.has(id))
    if (shared.length === 0) continue
    const named = shared.flatMap((id) => (names.has(id) ? [names.get(id)!] : []))
    const shown = named.slice(0, OVERLAP_NAMES_SHOWN).join('、')
    const who =
      shared.length > OVERLAP_NAMES_SHOWN || named.length < shared.length
        ? `${shown ? `${shown}等 ` : ''}${shared.length} 人`
        : shown
    warnings.push({
      reason: 'overlap',
      meetingIds: [m.id],
      message: `与「${m.title}」（${formatSpan(m.startAt, m.endAt)}）时间重叠，${who}两边都应参加。请改个时间，或确认两会确实要同时开。`,
    })
  }

  if (planned.kind !== 'heart_talk') {
    const span = periodSpan(planned.startAt, rule.period)
    const same = others.filter(
      (m) =>
        m.kind === planned.kind &&
        (planned.kind !== 'group_meeting' || m.groupId === planned.groupId) &&
        m.startAt >= span.start &&
        m.startAt < span.end,
    )
    if (same.length >= rule.requiredCount) {
      const dates = same.map((m) => beijing(m.startAt).format('MM月DD日')).join('、')
      warnings.push({
        reason: 'repeat',
        meetingIds: same.map((m) => m.id),
        message: `${span.label}已经安排或召开过 ${same.length} 次${rule.label}（${dates}），按规定${PERIOD_LABELS[rule.period]}开 ${rule.requiredCount} 次即可。如确需再开，可以继续安排；如是重复录入，请返回修改。`,
      })
    }
  }
  return warnings
}
