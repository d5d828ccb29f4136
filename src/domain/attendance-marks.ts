/**
 * How each person attended, as the record states it (issue 18): 远程, 迟到, 离线补传 (and who
 * confirmed it, when), 代为登记 (who, when, why) and 补登 (代为登记 after the rule's limit). Written
 * into the locked minutes' attendance, so the minutes page, the .docx and the book all carry it.
 * Pure: names and times are passed in.
 */
import type { AttendancePerson } from './api/views-attendance'
import { beijing } from './beijing-time'

/** `MM月DD日 HH:mm` in Beijing time, for the record's marks. */
function at(ms: number): string {
  return beijing(ms).format('MM月DD日 HH:mm')
}

/**
 * The marks of someone who attended, joined with '；' (empty when they simply signed in on time),
 * e.g. `迟到；补登·代为登记：王书记于11月24日 10:00登记，原因：手机没电`. `names` maps the organizers'
 * member ids (`recordedBy`, `confirmedBy`) to names; an id missing from it is shown as （未知）.
 */
export function howAttended(
  p: Pick<
    AttendancePerson,
    'state' | 'late' | 'via' | 'offline' | 'manualReason' | 'recordedBy' | 'signedAt' | 'belated'
  > &
    Partial<Pick<AttendancePerson, 'confirmedBy' | 'confirmedAt'>>,
  names: Readonly<Record<string, string>>,
): string {
  const nameOf = (id: string | null | undefined) => (id ? (names[id] ?? '（未知）') : '（未知）')
  const marks: string[] = []
  if (p.state === 'remote') marks.push('远程')
  if (p.late) marks.push('迟到')
  if (p.via === 'offline' || p.offline) {
    marks.push(
      p.confirmedBy && p.confirmedAt ? `离线补传：${nameOf(p.confirmedBy)}于${at(p.confirmedAt)}确认` : '离线补传',
    )
  }
  if (p.via === 'manual') {
    const when = p.signedAt !== null ? `于${at(p.signedAt)}` : ''
    const why = p.manualReason ? `，原因：${p.manualReason}` : ''
    marks.push(`${p.belated ? '补登·' : ''}代为登记：${nameOf(p.recordedBy)}${when}登记${why}`)
  }
  return marks.join('；')
}

/** Why someone counted as absent has a pending claim, or '' (请假未批, 远程未确认, 离线补传未确认). */
export function pendingMark(state: AttendancePerson['state']): string {
  if (state === 'leave_pending') return '请假未批'
  if (state === 'remote_pending') return '远程未确认'
  if (state === 'offline_pending') return '离线补传未确认'
  return ''
}
