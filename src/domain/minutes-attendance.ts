/**
 * The attendance part of 会议记录 (issue 6), derived from the attendance board, never typed: who
 * attended (远程, 迟到 noted), who was on leave and why, who was absent, the 列席 guests, and what a
 * vote is counted against; and when minutes may be finalized. Pure: time is passed in.
 */
import type { AttendanceBoard } from './api/views-attendance'
import { LEAVE_CATEGORY_LABELS } from './attendance'
import { howAttended, pendingMark } from './attendance-marks'
import { formatSpan } from './beijing-time'
import type { Meeting } from './meeting'
import { rollOf } from './decisions'
import type { MinutesAttendance, MinutesContent, MinutesPerson } from './minutes'

/**
 * The attendance part of the minutes from the meeting's board. An absence reason the recorder wrote
 * in `content.absenceNotes` wins over the leave request's category and note. Where quorum applies,
 * a vote is counted against the quorum's people (有表决权的党员, or the committee); otherwise against
 * the participants with voting rights. Guests are listed with their marks or 未到, and never vote.
 */
export function attendanceFromBoard(board: AttendanceBoard, content: MinutesContent | null): MinutesAttendance {
  const notes = new Map((content?.absenceNotes ?? []).map((n) => [n.memberId, n.reason]))
  const attended: MinutesPerson[] = []
  const onLeave: MinutesPerson[] = []
  const absent: MinutesPerson[] = []
  const guests: MinutesPerson[] = []
  let votingEntitled = 0
  let votingPresent = 0
  const belated: string[] = []
  // Each person is named as the board lists them (`label`): two 黄晓明 are told apart in the record too.
  for (const p of board.people) {
    const here = p.state === 'present' || p.state === 'remote'
    if (here && p.belated) belated.push(p.memberId)
    // How they attended (远程, 迟到, 离线补传, 代为登记 with who/when/why, 补登) goes into the record.
    const marks = howAttended(p, board.recorderNames ?? {})
    if (p.guest) {
      guests.push({ memberId: p.memberId, name: p.label, note: here ? marks : '未到' })
      continue
    }
    if (p.votingRights) {
      votingEntitled += 1
      if (here) votingPresent += 1
    }
    if (here) attended.push({ memberId: p.memberId, name: p.label, note: marks })
    else if (p.state === 'leave') {
      // `因病：<note>`: the locked record keeps the note; src/domain/visibility.ts cuts it to the category per viewer.
      const why = p.leave ? `${LEAVE_CATEGORY_LABELS[p.leave.category]}${p.leave.note ? `：${p.leave.note}` : ''}` : ''
      onLeave.push({ memberId: p.memberId, name: p.label, note: notes.get(p.memberId) ?? why })
    } else {
      const pending = pendingMark(p.state)
      absent.push({ memberId: p.memberId, name: p.label, note: notes.get(p.memberId) ?? pending })
    }
  }
  if (board.quorum?.applies) {
    votingEntitled = board.quorum.entitled
    votingPresent = board.quorum.presentCounting
  }
  // The roll (who may vote, how they attended) is kept where votes are counted: kinds with quorum.
  const roll = board.quorum ? { roll: rollOf(board.people) } : {}
  return {
    ...roll,
    expected: board.expected,
    present: board.present,
    votingEntitled,
    votingPresent,
    attended,
    onLeave,
    absent,
    guests,
    quorum: board.quorum,
    recordedAt: board.recordedAt,
    ...(belated.length ? { belated } : {}),
  }
}

/**
 * The names of those whose attendance in `attendance` was 补登 (代为登记 later than the rule allows),
 * attended and 列席 alike, in the record's order; empty when none or when the record predates the flag.
 */
export function belatedNames(attendance: Pick<MinutesAttendance, 'belated' | 'attended' | 'guests'> | null): string[] {
  const ids = new Set(attendance?.belated ?? [])
  if (!attendance || ids.size === 0) return []
  return [...attendance.attended, ...attendance.guests].filter((p) => ids.has(p.memberId)).map((p) => p.name)
}

/** The meeting facts finalizing depends on (epoch ms; `attendanceRecordedAt` null or absent until 确认考勤). */
export type FinalizableMeeting = Pick<Meeting, 'status' | 'startAt' | 'endAt'> & {
  attendanceRecordedAt?: number | null
}

/**
 * Why minutes cannot be finalized at `now` (epoch ms), in Chinese with what to do, or null when they
 * can: the meeting must not be cancelled, must have ended, and its attendance must be confirmed.
 */
export function finalizeBlocked(meeting: FinalizableMeeting, now: number): string | null {
  if (meeting.status === 'cancelled') return '这次会议已经取消，没有会议记录可定稿'
  if (now < meeting.endAt) {
    return `会议还没有结束（${formatSpan(meeting.startAt, meeting.endAt)}），请在会议结束后再定稿；现在可以先保存草稿`
  }
  if (!meeting.attendanceRecordedAt) return '考勤还没有确认：请先在签到页核对并确认考勤，再定稿会议记录'
  return null
}
