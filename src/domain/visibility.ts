/**
 * Who may see each private field, one rule per field, applied by every output that carries it (the
 * attendance board, minutes.get, the 会议记录本, the .docx exports). Stored records keep the field
 * whole (the locked minutes are hashed by the chain); outputs redact it for the viewer.
 *
 * - Leave note (why someone asked for leave, e.g. a hospital stay): the member themself and the
 *   organizers of the meeting's branch (书记, 副书记, 组织委员). Everyone else, the 党委 included,
 *   sees only the leave category (因公/因病/因事/其他), or 请假 when none is known.
 * - Phone number: in full for those who keep the roster, masked (138****1518) for everyone else.
 *   A 流动党员's contact phone (流动党员 registry) follows the same rule.
 * - 流动党员 reports (思想汇报 and the like: body and the branch's reply) and the free text of a
 *   报到 or logged contact: the member themself and the committee of their branch (支委, who read and
 *   answer them). The 党委 sees that a report came and was read (kind, title, dates) and where a 报到
 *   came from, never what it says.
 *
 * Pure: the caller says who is looking and whether they organize the branch.
 */
import type { AttendancePerson } from './api/views-attendance'
import { LEAVE_CATEGORY_LABELS } from './attendance'
import type { MinutesAttendance, MinutesContent, MinutesPerson } from './minutes'
import { maskPhone } from './org'

/** The person an output is for: their member id, and whether they organize the meeting's branch. */
export interface Viewer {
  memberId: string
  /** 书记, 副书记 or 组织委员 of the branch whose meeting it is. */
  organizes: boolean
}

/** What a leave shows to those who may not read its note, when no category is known. */
export const LEAVE_WITHOUT_CATEGORY = '请假'

/** Whether `viewer` may read the leave note of `subjectId`: themself, or an organizer of the branch. */
export function seesLeaveNote(viewer: Viewer, subjectId: string): boolean {
  return viewer.organizes || viewer.memberId === subjectId
}

/**
 * The board's people as `viewer` sees them: leave notes they may not read are emptied (the category
 * and status stay). Returns `people` itself when nothing is hidden.
 */
export function boardPeopleSeenBy(people: AttendancePerson[], viewer: Viewer): AttendancePerson[] {
  if (viewer.organizes) return people
  return people.map((p) =>
    p.leave && p.leave.note && !seesLeaveNote(viewer, p.memberId) ? { ...p, leave: { ...p.leave, note: '' } } : p,
  )
}

/**
 * The public part of a 请假 line of the minutes: the category label the note begins with (the
 * minutes write `因病：<note>`), or 请假 when it begins with none.
 */
export function leaveCategoryOf(note: string): string {
  for (const label of Object.values(LEAVE_CATEGORY_LABELS)) {
    if (note === label || note.startsWith(`${label}：`)) return label
  }
  return LEAVE_WITHOUT_CATEGORY
}

/**
 * The attendance part of minutes as `viewer` sees it. Each 请假 line's note came from the leave
 * request (category and note) unless the recorder wrote a reason in `content.absenceNotes`, which is
 * part of the minutes' text and shown as written; a note from the leave request is cut to its
 * category for anyone but the member and the branch's organizers. Takes the attendance as stored
 * (null passes through) and the minutes content it belongs to; returns a redacted copy, or the same
 * object when nothing is hidden. The stored (hashed) record is never changed.
 */
export function minutesAttendanceSeenBy(
  attendance: MinutesAttendance | null,
  content: Pick<MinutesContent, 'absenceNotes'> | null,
  viewer: Viewer,
): MinutesAttendance | null {
  if (!attendance || viewer.organizes) return attendance
  const written = new Set((content?.absenceNotes ?? []).map((n) => n.memberId))
  const onLeave = attendance.onLeave.map((p): MinutesPerson => {
    if (written.has(p.memberId) || seesLeaveNote(viewer, p.memberId)) return p
    return { ...p, note: leaveCategoryOf(p.note) }
  })
  return { ...attendance, onLeave }
}

/** A phone number as a viewer sees it: whole when `full` (they keep the roster), else masked. */
export function phoneSeenBy(phone: string, full: boolean): string {
  return full ? phone : maskPhone(phone)
}

/**
 * Whether inviting `invitee` as 列席 to a meeting of the branch at `branchPath` needs their own
 * acceptance (or the 党委's) first: yes when they belong to another branch, so that the inviting
 * branch learns nothing about them (name, phone) and cannot mark them present before. Members of
 * the branch itself, and of the 党委 above it (whose path the branch's includes), are invited directly.
 */
export function guestNeedsAcceptance(invitee: { orgId: string }, branchPath: readonly string[]): boolean {
  return !branchPath.includes(invitee.orgId)
}

/** Who reads 流动党员 data: their member id, and whether they sit on the member's branch committee. */
export interface MobileViewer {
  memberId: string
  /** 支委 of the branch the 流动党员 belongs to (they read and answer reports). */
  branchCommittee: boolean
}

/** What stands in for report or 报到 text the viewer may not read. */
export const MOBILE_TEXT_HIDDEN = '（内容仅本人和支部委员可见）'

/** Whether `viewer` may read the contents of `authorId`'s reports and 报到 notes. */
export function seesMobileContent(viewer: MobileViewer, authorId: string): boolean {
  return viewer.branchCommittee || viewer.memberId === authorId
}

/**
 * A report as `viewer` sees it: body and reply replaced by MOBILE_TEXT_HIDDEN when they may not read
 * them (a missing reply stays null). Returns `report` itself when nothing is hidden.
 */
export function reportSeenBy<R extends { memberId: string; body: string; reply: string | null }>(
  report: R,
  viewer: MobileViewer,
): R {
  if (seesMobileContent(viewer, report.memberId)) return report
  return { ...report, body: MOBILE_TEXT_HIDDEN, reply: report.reply === null ? null : MOBILE_TEXT_HIDDEN }
}

/**
 * A 报到 (or a contact the branch logged) as `viewer` sees it: its note emptied when they may not
 * read it (city and times stay). Returns `checkin` itself when nothing is hidden.
 */
export function checkinSeenBy<C extends { memberId: string; note: string }>(checkin: C, viewer: MobileViewer): C {
  if (!checkin.note || seesMobileContent(viewer, checkin.memberId)) return checkin
  return { ...checkin, note: MOBILE_TEXT_HIDDEN }
}
