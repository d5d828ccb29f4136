/** Outputs of the actions in catalog-follow-up.ts. */
import type { ScheduleWarning } from '../schedule-conflicts'

/** `meeting.checkSchedule`: what the organizer should know before saving; [] when nothing clashes. */
export interface ScheduleCheck {
  warnings: ScheduleWarning[]
}

/** One participant expected to confirm (阅签) final minutes. */
export interface ReaderRow {
  memberId: string
  /** As listed on the meeting (two of one name told apart). */
  name: string
  /** When they confirmed (epoch ms), or null. */
  readAt: number | null
  /** When the one 阅签 reminder was sent to them (epoch ms), or null. */
  remindedAt: number | null
}

/** `minutes.readers`: final minutes' 阅签, those who have not read first. */
export interface ReadFollowUp {
  meetingId: string
  title: string
  /** Epoch ms. */
  startAt: number
  /** Participants who have not confirmed, in the meeting's order. */
  unread: ReaderRow[]
  /** Participants who have confirmed, earliest first. */
  read: ReaderRow[]
  /** Of `unread`, those not reminded yet: a reminder now reaches exactly these. */
  remindable: number
}

/** `minutes.remindReaders`: reminders sent now, and those skipped because one was sent before. */
export interface ReadReminderResult {
  sent: number
  alreadyReminded: number
  followUp: ReadFollowUp
}
