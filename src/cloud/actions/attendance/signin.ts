/**
 * Signing in: the rotating QR token (live or offline), the printed venue code, manual marking and
 * remote attendance. Every check runs before anything is written; the record's id is
 * `${meetingId}.${memberId}`, so repeated or concurrent scans make one record and the first stands.
 */
import { eq } from '../../ports/store'
import { implement } from '../handler'
import {
  attendanceMine as attendanceMineDecl,
  attendanceRemoteRequest as attendanceRemoteRequestDecl,
  attendanceRemoteConfirm as attendanceRemoteConfirmDecl,
} from '../../../domain/api/catalog-attendance'
import {
  attendanceSignIn as signInDecl,
  attendanceSignInPrinted as printedDecl,
  attendanceMarkManual as manualDecl,
} from '../../../domain/api/catalog-attendance'
import type { SignInResult, SignInVia } from '../../../domain/api/views-attendance'
import {
  attendanceStateOf,
  isBelatedManual,
  isLate,
  offlineRefusal,
  signInClosedReason,
  signInWindow,
  type SignInSettings,
} from '../../../domain/attendance'
import { distanceMeters, withinRadius, type GeoPoint } from '../../../domain/attendance-place'
import { checkSignInToken, TOKEN_REFUSALS } from '../../../domain/attendance-token'
import { AppError } from '../../../domain/errors'
import { SIGNIN_GUESS_LIMIT, waitText } from '../../../domain/guess-limits'
import { peekGuess, takeGuess } from '../../guess-attempts'
import { meetingPhase } from '../../../domain/meeting'
import type { MemberContext } from '../../action-context'
import { attendanceId, newAttendanceRecord } from '../../attendance-board'
import { attendanceRulesFor } from '../../attendance-rules'
import type { AttendanceDoc } from '../../documents'
import { StoreConflict, type Stored, type StorePort } from '../../ports/store'
import { leaveViewOf } from './leave'
import {
  invalid,
  liveMeetingOf,
  meetingOf,
  refuseCancelled,
  requireAttendee,
  resultOf,
  roleAt,
  settingsOf,
  type MeetingDoc,
} from './meeting-access'
import { printedScene } from './settings'

const DAY = 24 * 3600 * 1000

/** Why sign-in stopped checking this person's codes for this meeting, and until when (Chinese). */
const signInGuessRefusal = (retryAt: number, now: number) =>
  `你的签到码 ${SIGNIN_GUESS_LIMIT.windowMs / 60_000} 分钟内已有 ${SIGNIN_GUESS_LIMIT.max} 次无效，请 ${waitText(retryAt, now)}后再扫书记手机上正在显示的签到码；如仍不行，请书记代为登记。`

function checkPlace(settings: Pick<SignInSettings, 'place'>, location: GeoPoint | null | undefined): void {
  const place = settings.place
  if (!place) return
  if (!location) {
    throw invalid('location', `本次会议要求在会场（${place.label}）范围内签到，请允许小程序获取位置后重新扫码。`)
  }
  if (!withinRadius(place, location)) {
    const d = distanceMeters(place, location)
    throw invalid(
      'location',
      `你当前的位置距会场（${place.label}）约 ${Math.round(d)} 米，超出 ${place.radius} 米签到范围；请到会场后再扫码。`,
    )
  }
}

/**
 * Inserts the record once. A repeat returns the first record unchanged; an in-person sign-in
 * replaces a remote attendance the secretary has not confirmed yet.
 */
async function insertOnce(store: StorePort, doc: AttendanceDoc): Promise<{ record: AttendanceDoc; created: boolean }> {
  const id = attendanceId(doc.meetingId, doc.memberId)
  const existing = await store.get('attendance', id)
  if (existing) return upgrade(store, existing, doc)
  try {
    return { record: await store.insert('attendance', { ...doc, _id: id }), created: true }
  } catch (err) {
    if (!(err instanceof StoreConflict) || err.reason !== 'duplicate') throw err
    const first = await store.get('attendance', id)
    if (!first) throw err
    return upgrade(store, first, doc)
  }
}

/** Records the sign-in once and reports it; `name` is the signer's own when they sign themselves in. */
async function signInOnce(store: StorePort, doc: AttendanceDoc, name?: string): Promise<SignInResult> {
  const { record, created } = await insertOnce(store, doc)
  return resultOf(store, record, created, name)
}

async function upgrade(
  store: StorePort,
  existing: Stored<AttendanceDoc>,
  doc: AttendanceDoc,
): Promise<{ record: AttendanceDoc; created: boolean }> {
  // An unconfirmed claim (remote, or an offline upload) gives way to an in-person sign-in that counts.
  if (existing.confirmed === false && doc.mode === 'in_person' && doc.confirmed !== false) {
    try {
      const { meetingId: _m, memberId: _p, branchId: _b, ...patch } = doc
      return {
        record: await store.update<AttendanceDoc>('attendance', existing._id, patch, existing._version),
        created: true,
      }
    } catch (err) {
      if (!(err instanceof StoreConflict)) throw err
      const now = await store.get('attendance', existing._id)
      if (now) return { record: now, created: false }
      throw err
    }
  }
  return { record: existing, created: false }
}

/** The checks every self sign-in shares; returns the settings in force. */
function checkSignInBasics(meeting: MeetingDoc, memberId: string): SignInSettings {
  refuseCancelled(meeting)
  requireAttendee(meeting, memberId, 'self')
  const s = settingsOf(meeting)
  if (!s.secret) {
    throw new AppError('VALIDATION_FAILED', '书记还没有打开本次会议的签到码，请等会场上出示签到码后再扫。')
  }
  return { ...s, secret: s.secret }
}

export const attendanceSignIn = implement(signInDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const me = ctx.actor.memberId
  const meeting = await meetingOf(store, input.meetingId)
  const s = checkSignInBasics(meeting, me)
  const window = signInWindow(meeting, s)
  const offline = input.offline === true
  let signedAt = ctx.now
  if (offline) {
    if (input.deviceTime == null) throw invalid('deviceTime', '离线签到缺少扫码时的手机时间，请重新扫码签到。')
    signedAt = input.deviceTime
  }
  // After sign-in closes nothing live is accepted, whatever the token; offline uploads are judged
  // by the token's window and the device time instead.
  if (!offline) {
    const closed = signInClosedReason(window, ctx.now)
    if (closed) throw invalid('token', closed)
  }
  // Wrong codes are counted per person and meeting (guess_attempts): too many in a row stop being checked.
  const guessKey = `signin:${ctx.openid ?? me}:${meeting._id}`
  const guesses = await peekGuess(store, guessKey, SIGNIN_GUESS_LIMIT, ctx.now)
  if (!guesses.allowed) throw invalid('token', signInGuessRefusal(guesses.retryAt, ctx.now))
  const check = checkSignInToken(s.secret, meeting._id, input.token, offline ? null : ctx.now)
  if (!check.ok) {
    await takeGuess(store, guessKey, SIGNIN_GUESS_LIMIT, ctx.now)
    throw invalid('token', TOKEN_REFUSALS[check.reason])
  }
  if (offline) {
    const rules = await attendanceRulesFor(store, meeting.branchId)
    const refusal = offlineRefusal(window, check.window, signedAt, ctx.now, rules)
    if (refusal) throw invalid('token', refusal)
  }
  checkPlace(s, input.location)
  const via: SignInVia = offline ? 'offline' : 'qr'
  // An offline upload is a claim: pending until the organizer confirms it on the board, and late by
  // the server's time of arrival (the organizer may confirm it as on time), never by the device's word.
  return signInOnce(
    store,
    newAttendanceRecord(
      meeting,
      me,
      { via, signedAt, offline, late: isLate(meeting, s, ctx.now), confirmed: !offline },
      ctx.now,
    ),
    ctx.actor.name,
  )
})

/** Meetings of the actor's branch around now, to find the one a printed code belongs to. */
async function meetingByScene(ctx: MemberContext, scene: string): Promise<MeetingDoc> {
  const page = await ctx.ports.store.query('meetings', {
    where: [
      eq('branchId', ctx.actor.orgId),
      { field: 'startAt', op: 'gte', value: ctx.now - DAY },
      { field: 'startAt', op: 'lte', value: ctx.now + DAY },
    ],
    orderBy: { field: 'startAt', direction: 'asc' },
    limit: 100,
  })
  const found = page.items.find((m) => m.signIn?.secret && printedScene(m.signIn.secret) === scene)
  if (!found) {
    throw new AppError(
      'NOT_FOUND',
      '没有找到这个会场签到码对应的会议（或不在今天），请确认扫的是本支部今天会议的签到码。',
    )
  }
  return found
}

export const attendanceSignInPrinted = implement(printedDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const me = ctx.actor.memberId
  const meeting = await meetingByScene(ctx, input.scene)
  const s = checkSignInBasics(meeting, me)
  const closed = signInClosedReason(signInWindow(meeting, s), ctx.now)
  if (closed) throw invalid('scene', closed)
  if (!s.place) throw invalid('scene', '本次会议没有设置签到地点，请扫描书记手机上的签到码。')
  checkPlace(s, input.location)
  return signInOnce(
    store,
    newAttendanceRecord(meeting, me, { via: 'printed_code', signedAt: ctx.now, late: isLate(meeting, s, ctx.now) }),
    ctx.actor.name,
  )
})

export const attendanceMarkManual = implement(manualDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const meeting = ctx.target.record
  requireAttendee(meeting, input.memberId, 'other')
  const s = settingsOf(meeting)
  if (ctx.now < signInWindow(meeting, s).opensAt) {
    throw new AppError('VALIDATION_FAILED', '签到还没有开放，会前请假请让本人提交；会议开始前 30 分钟起可以代为登记。')
  }
  return signInOnce(
    store,
    newAttendanceRecord(meeting, input.memberId, {
      via: 'manual',
      signedAt: ctx.now,
      manualReason: input.reason,
      recordedBy: ctx.actor.memberId,
      belated: isBelatedManual(meeting.endAt, ctx.now, await attendanceRulesFor(store, meeting.branchId)),
    }),
  )
})

export const attendanceRemoteRequest = implement(attendanceRemoteRequestDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const me = ctx.actor.memberId
  const meeting = await liveMeetingOf(store, input.meetingId)
  requireAttendee(meeting, me, 'self')
  if (meeting.allowRemote !== true) {
    throw new AppError('VALIDATION_FAILED', '本次会议不支持远程参会，请到会场参加；确实不能到会请提交请假。')
  }
  if (ctx.now > meeting.endAt) throw new AppError('VALIDATION_FAILED', '会议已经结束，不能再报名远程参会。')
  return signInOnce(
    store,
    newAttendanceRecord(meeting, me, { mode: 'remote', via: 'remote', signedAt: ctx.now, confirmed: false }),
    ctx.actor.name,
  )
})

export const attendanceRemoteConfirm = implement(attendanceRemoteConfirmDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const meeting = ctx.target.record
  if (ctx.now < signInWindow(meeting, settingsOf(meeting)).opensAt) {
    throw new AppError('VALIDATION_FAILED', '会议还没开始，请在会上看到这位同志远程接入后再确认。')
  }
  const id = attendanceId(meeting._id, input.memberId)
  const existing = await store.get('attendance', id)
  if (!existing || existing.mode !== 'remote') {
    throw invalid('memberId', '这位同志没有报名远程参会；如已到会场，请让其扫码或代为登记。')
  }
  if (existing.confirmed) return resultOf(store, existing, false)
  const patch: Partial<AttendanceDoc> = {
    confirmed: true,
    confirmedBy: ctx.actor.memberId,
    confirmedAt: ctx.now,
    recordedBy: ctx.actor.memberId,
  }
  try {
    return resultOf(store, await store.update('attendance', id, patch, existing._version), true)
  } catch (err) {
    if (!(err instanceof StoreConflict)) throw err
    const again = await store.get('attendance', id)
    if (again?.confirmed) return resultOf(store, again, false)
    throw err
  }
})

export const attendanceMine = implement(attendanceMineDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const me = ctx.actor.memberId
  const meeting = await meetingOf(store, input.meetingId)
  const role = roleAt(meeting, me)
  if (role === 'none' && meeting.branchId !== ctx.actor.orgId) {
    throw new AppError('NOT_FOUND', '找不到这次会议，或你不在参会名单中；请返回会议列表刷新后再试。')
  }
  const s = settingsOf(meeting)
  const window = signInWindow(meeting, s)
  const [record, leave] = await Promise.all([
    store.get('attendance', attendanceId(meeting._id, me)),
    store.get('leave_requests', attendanceId(meeting._id, me)),
  ])
  const state = attendanceStateOf(record, leave)
  return {
    meetingId: meeting._id,
    title: meeting.title,
    place: meeting.place,
    startAt: meeting.startAt,
    endAt: meeting.endAt,
    opensAt: window.opensAt,
    closesAt: window.closesAt,
    phase: meetingPhase(meeting, ctx.now),
    role,
    requiresLocation: s.place !== null,
    placeLabel: s.place?.label ?? null,
    allowRemote: meeting.allowRemote === true,
    videoLink: role === 'none' ? null : (meeting.videoLink ?? null),
    state,
    record: record ? await resultOf(store, record, false, ctx.actor.name) : null,
    leave: leave ? leaveViewOf(leave, meeting, ctx.actor.name) : null,
  }
})
