/** Sign-in settings, the 签到码 secret, the printed venue code and 列席 guests. */
import { implement } from '../handler'
import {
  attendanceSettings as attendanceSettingsDecl,
  attendanceOpenCode as attendanceOpenCodeDecl,
  attendancePrintedCode as attendancePrintedCodeDecl,
} from '../../../domain/api/catalog-attendance'
import { createHash } from 'node:crypto'
import {
  attendanceConfigure as configureDecl,
  attendanceInviteGuests as inviteDecl,
} from '../../../domain/api/catalog-attendance'
import { signInWindow } from '../../../domain/attendance'
import { TOKEN_WINDOW_MS } from '../../../domain/attendance-token'
import { AppError } from '../../../domain/errors'
import { pagePath } from '../../../domain/pages'
import { guestNeedsAcceptance } from '../../../domain/visibility'
import { meetingFields, notify } from '../../notices'
import { membersByIds } from '../roster-reads'
import { invalid, refuseCancelled, settingsOf, settingsView, withSecret } from './meeting-access'

/** The page a printed venue code opens (no leading slash, no query). */
export const SIGNIN_PAGE = pagePath('signIn')

export const attendanceConfigure = implement(configureDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const after = await store.transaction(async (tx) => {
    const m = await tx.get('meetings', input.meetingId)
    if (!m) throw new AppError('NOT_FOUND')
    refuseCancelled(m)
    if (ctx.now >= m.startAt) {
      throw new AppError(
        'VALIDATION_FAILED',
        '会议已经开始，签到设置不能再改；如有同志无法扫码，请在签到看板上代为登记。',
      )
    }
    const signIn = {
      ...withSecret(m),
      opensBefore: input.opensBefore,
      lateAfter: input.lateAfter,
      place: input.place,
    }
    return tx.update(
      'meetings',
      m._id,
      {
        signIn,
        allowRemote: input.allowRemote,
        videoLink: input.allowRemote ? input.videoLink : null,
        updatedAt: ctx.now,
      },
      m._version,
    )
  })
  return settingsView(store, after)
})

export const attendanceSettings = implement(attendanceSettingsDecl, async (ctx) => {
  return settingsView(ctx.ports.store, ctx.target.record)
})

export const attendanceOpenCode = implement(attendanceOpenCodeDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const meeting = await store.transaction(async (tx) => {
    const m = await tx.get('meetings', input.meetingId)
    if (!m) throw new AppError('NOT_FOUND')
    refuseCancelled(m)
    if (ctx.now > m.endAt) {
      throw new AppError('VALIDATION_FAILED', '会议已经结束，签到已关闭；未签到的同志请在签到看板上代为登记。')
    }
    const current = settingsOf(m)
    if (current.secret && current.frozenAt !== null) return m
    // The first opening fixes the secret and freezes the participant list; later changes are logged.
    const signIn = { ...withSecret(m), frozenAt: current.frozenAt ?? ctx.now }
    return tx.update('meetings', m._id, { signIn }, m._version)
  })
  const s = withSecret(meeting)
  const window = signInWindow(meeting, s)
  return {
    meetingId: meeting._id,
    title: meeting.title,
    secret: s.secret,
    windowMs: TOKEN_WINDOW_MS,
    startAt: meeting.startAt,
    endAt: meeting.endAt,
    opensAt: window.opensAt,
    closesAt: window.closesAt,
    serverNow: ctx.now,
    place: s.place,
    expected: meeting.participantIds.length,
  }
})

/** The printed code's scene: short, derived from the secret, so it cannot be guessed for another meeting. */
export function printedScene(secret: string): string {
  return `s=${createHash('sha256').update(`printed:${secret}`).digest('hex').slice(0, 16)}`
}

export const attendancePrintedCode = implement(attendancePrintedCodeDecl, async (ctx) => {
  const meeting = ctx.target.record
  const s = settingsOf(meeting)
  if (!s.place) {
    throw invalid('place', '会场签到码要求扫码人在会场范围内，请先在签到设置中填写签到地点的坐标和范围。')
  }
  if (!s.secret) {
    throw invalid('secret', '请先在签到设置中保存一次（生成本次会议的签到密钥），再生成会场签到码。')
  }
  const scene = printedScene(s.secret)
  return { meetingId: meeting._id, image: await ctx.ports.codes.render(SIGNIN_PAGE, scene), scene, page: SIGNIN_PAGE }
})

/**
 * 邀请列席. Members of the branch (or of the 党委 above it) join the 列席 list at once, as before;
 * a member of another branch gets a pending invitation instead (src/domain/visibility.ts): they are
 * told in 消息 and accept or decline (attendance.answerGuestInvite), or the 党委 approves
 * (attendance.approveGuest). Until then the inviting branch sees only how many are pending.
 */
export const attendanceInviteGuests = implement(inviteDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const before = ctx.target.record
  if (ctx.now > before.endAt) throw new AppError('VALIDATION_FAILED', '会议已经结束，不能再邀请列席人员。')
  const wanted = [...new Set(input.memberIds)]
  const people = await membersByIds(store, wanted)
  if (people.length !== wanted.length) {
    throw invalid('memberIds', '有所选人员不在名册中，请刷新后重新选择。')
  }
  const byId = new Map(people.map((p) => [p._id, p]))
  const pendingIds = new Set((before.guestInvites ?? []).map((g) => g.memberId))
  const fresh = wanted.filter(
    (id) => !before.participantIds.includes(id) && !(before.guestIds ?? []).includes(id) && !pendingIds.has(id),
  )
  const asks = fresh.filter((id) => guestNeedsAcceptance(byId.get(id)!, ctx.target.org.path))
  const added = fresh.filter((id) => !asks.includes(id))
  if (fresh.length === 0) return settingsView(store, before)
  const after = await store.transaction(async (tx) => {
    const m = await tx.get('meetings', before._id)
    if (!m) throw new AppError('NOT_FOUND')
    const guestIds = [...new Set([...(m.guestIds ?? []), ...added])]
    const waiting = new Set((m.guestInvites ?? []).map((g) => g.memberId))
    const guestInvites = [
      ...(m.guestInvites ?? []),
      ...asks
        .filter((id) => !waiting.has(id))
        .map((memberId) => ({ memberId, invitedBy: ctx.actor.memberId, invitedAt: ctx.now })),
    ]
    const updated = await tx.update('meetings', m._id, { guestIds, guestInvites, updatedAt: ctx.now }, m._version)
    if (m.signIn?.frozenAt != null && added.length > 0) {
      // The list was frozen when sign-in opened: a change after that stays on the record.
      await tx.insert('meeting_history', {
        _id: ctx.newId('mch'),
        meetingId: m._id,
        branchId: m.branchId,
        change: 'edited',
        summary: [`签到开放后增加列席人员：${added.map((id) => byId.get(id)?.name ?? id).join('、')}`],
        reason: null,
        by: ctx.actor.memberId,
        at: ctx.now,
      })
    }
    return updated
  })
  for (const id of fresh) {
    await notify(
      ctx.ports,
      {
        id: `${after._id}.${id}.guest`,
        memberId: id,
        branchId: after.branchId,
        topic: 'meeting.guest',
        fields: meetingFields(after),
      },
      ctx.now,
    )
  }
  return settingsView(store, after)
})
