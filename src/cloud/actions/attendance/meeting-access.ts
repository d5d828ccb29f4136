/** Reading a meeting for the attendance actions, and who may do what with it. */
import { MEETING_CANCELLED_MESSAGE } from '../../../domain/api/catalog-attendance'
import { randomBytes } from 'node:crypto'
import { isAllowed } from '../../../domain/access'
import { attendanceConfirm } from '../../../domain/api/catalog-attendance'
import type { AttendanceSettingsView, SignInResult } from '../../../domain/api/views-attendance'
import {
  DEFAULT_LATE_AFTER_MIN,
  DEFAULT_OPENS_BEFORE_MIN,
  signInWindow,
  type SignInSettings,
} from '../../../domain/attendance'
import { AppError } from '../../../domain/errors'
import type { Org } from '../../../domain/org'
import type { Actor } from '../../../domain/access'
import type { AttendanceDoc, AttendanceMeetingDoc } from '../../documents'
import type { Stored, StorePort } from '../../ports/store'
import { membersByIds } from '../roster-reads'
import { listedLabels } from '../../listed-labels'

export type MeetingDoc = Stored<AttendanceMeetingDoc>

export async function meetingOf(store: StorePort, meetingId: string): Promise<MeetingDoc> {
  const meeting = await store.get('meetings', meetingId)
  if (!meeting) throw new AppError('NOT_FOUND', '找不到这次会议，可能已被删除；请返回会议列表刷新后再试。')
  return meeting
}

/** Takes a meeting; returns it, or throws VALIDATION_FAILED when it was cancelled. */
export function refuseCancelled<M extends AttendanceMeetingDoc>(meeting: M): M {
  if (meeting.status === 'cancelled') {
    throw new AppError('VALIDATION_FAILED', MEETING_CANCELLED_MESSAGE)
  }
  return meeting
}

/** The meeting, refused when it was cancelled: the start of every action that changes attendance. */
export async function liveMeetingOf(store: StorePort, meetingId: string): Promise<MeetingDoc> {
  const meeting = await meetingOf(store, meetingId)
  refuseCancelled(meeting)
  return meeting
}

export function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ field, message }])
}

/** Whether the person is expected (参会), invited (列席), or neither. */
export function roleAt(meeting: AttendanceMeetingDoc, memberId: string): 'participant' | 'guest' | 'none' {
  if (meeting.participantIds.includes(memberId)) return 'participant'
  if ((meeting.guestIds ?? []).includes(memberId)) return 'guest'
  return 'none'
}

export function requireAttendee(meeting: AttendanceMeetingDoc, memberId: string, who: 'self' | 'other'): void {
  if (roleAt(meeting, memberId) !== 'none') return
  const message =
    who === 'self'
      ? '你不在本次会议的参会或列席名单中，不能签到或请假；如需参加，请联系支部书记邀请你列席。'
      : '这位同志不在本次会议的参会或列席名单中；请先邀请其列席，再登记出席。'
  throw new AppError('VALIDATION_FAILED', message, [{ field: who === 'self' ? 'meetingId' : 'memberId', message }])
}

/** Whether the actor organizes this branch's meetings (书记, 副书记, 组织委员 of the branch). */
export function organizes(actor: Actor, branch: Pick<Org, 'path'>): boolean {
  return isAllowed(actor, attendanceConfirm.access, { orgPath: branch.path })
}

export function settingsOf(meeting: AttendanceMeetingDoc): Omit<SignInSettings, 'secret'> & { secret: string | null } {
  const s = meeting.signIn
  return {
    secret: s?.secret ?? null,
    opensBefore: s?.opensBefore ?? DEFAULT_OPENS_BEFORE_MIN,
    lateAfter: s?.lateAfter ?? DEFAULT_LATE_AFTER_MIN,
    frozenAt: s?.frozenAt ?? null,
    place: s?.place ?? null,
  }
}

/** Settings with a secret: the existing one, or a new random one (kept from then on). */
export function withSecret(meeting: AttendanceMeetingDoc): SignInSettings {
  const s = settingsOf(meeting)
  return { ...s, secret: s.secret ?? randomBytes(32).toString('hex') }
}

export async function settingsView(store: StorePort, meeting: AttendanceMeetingDoc): Promise<AttendanceSettingsView> {
  const s = settingsOf(meeting)
  const window = signInWindow(meeting, s)
  const guests = await membersByIds(store, meeting.guestIds ?? [])
  // A guest is told apart from anyone of the same name on the meeting's list, participants included.
  const listed = await membersByIds(store, meeting.participantIds)
  const byId = new Map([...listed, ...guests].map((m) => [m._id, m]))
  const labels = await listedLabels(
    store,
    [...meeting.participantIds, ...guests.map((g) => g._id)],
    byId,
    meeting.branchId,
  )
  return {
    meetingId: meeting._id,
    title: meeting.title,
    startAt: meeting.startAt,
    endAt: meeting.endAt,
    opensBefore: s.opensBefore,
    lateAfter: s.lateAfter,
    opensAt: window.opensAt,
    closesAt: window.closesAt,
    place: s.place,
    allowRemote: meeting.allowRemote === true,
    videoLink: meeting.videoLink ?? null,
    frozenAt: s.frozenAt,
    guests: guests.map((g) => ({ id: g._id, name: g.name, label: labels.get(g._id) ?? g.name })),
    pendingGuests: (meeting.guestInvites ?? []).length,
  }
}

export async function resultOf(
  store: StorePort,
  record: AttendanceDoc,
  created: boolean,
  name?: string,
): Promise<SignInResult> {
  const who = name ?? (await store.get('members', record.memberId))?.name ?? '（未知）'
  return {
    meetingId: record.meetingId,
    memberId: record.memberId,
    name: who,
    mode: record.mode,
    via: record.via,
    late: record.late,
    offline: record.offline,
    signedAt: record.signedAt,
    created,
    confirmed: record.confirmed,
  }
}
