/**
 * Binding a WeChat user (OPENID, from the transport) to a member of the roster: the secretary's
 * invitation, what the invited person sees of it, the binding itself and its removal.
 */
import { eq } from '../ports/store'
import { implement } from './handler'
import { inviteCreate as inviteCreateDecl } from '../../domain/api/catalog-roster'
import {
  bindingBind as bindingBindDecl,
  bindingUnbind as bindingUnbindDecl,
  invitePreview as invitePreviewDecl,
} from '../../domain/api/catalog'
import type { InvitationView } from '../../domain/api/views'
import { AppError } from '../../domain/errors'
import { BIND_GUESS_LIMIT, waitText } from '../../domain/guess-limits'
import {
  bindAnswerMatches,
  BIND_PAGE,
  inviteCodeFromHex,
  invitationState,
  MAX_BIND_ATTEMPTS,
  maskName,
  newInvitation,
  type Invitation,
  isLoopbackUrl,
  LOOPBACK_LINK_PROBLEM,
} from '../../domain/invitation'
import { isActiveMember, MEMBER_STATUS_LABELS, type Org } from '../../domain/org'
import type { ActionContext } from '../action-context'
import { StoreConflict, type Stored, type StorePort } from '../ports/store'
import { invitationAttempts, takeGuess, takeInvitationAttempt } from '../guess-attempts'
import { bindingOf, memberDetail, type MemberDoc } from './roster'
import { profileOf } from './session'
import { endSessions, openSessionsOf } from './weblogin/sessions'

type InvitationDoc = Stored<Invitation & { requestRef: string }>

/** Codes tried before giving up; two 40-bit codes colliding even once is already unlikely. */
const CODE_TRIES = 5

const codeMissing = () =>
  new AppError('NOT_FOUND', '邀请码不存在或已作废，请核对后重新输入；如果还是不行，请联系支部书记重新生成邀请。')

/** The invitation a code names, if it can still be used; otherwise the reason, in Chinese. */
async function usableInvitation(store: StorePort, code: string, now: number): Promise<InvitationDoc> {
  const inv = await store.get('invitations', code)
  const state = inv ? invitationState(inv, now) : 'revoked'
  if (
    inv &&
    state !== 'used' &&
    (inv.revokedReason === 'attempts' || (await invitationAttempts(store, code)) >= MAX_BIND_ATTEMPTS)
  ) {
    throw attemptsUsedUp()
  }
  if (!inv || state === 'revoked') throw codeMissing()
  if (state === 'used') throw new AppError('CONFLICT', '这个邀请已使用过，不能再次使用；请联系支部书记重新生成邀请。')
  if (state === 'expired') throw new AppError('CONFLICT', '这个邀请已过期（有效期 7 天），请联系支部书记重新生成邀请。')
  return inv
}

async function invitationView(
  ctx: ActionContext,
  inv: InvitationDoc,
  member: MemberDoc,
  branch: Org,
): Promise<InvitationView> {
  const link = ctx.ports.codes.link?.(BIND_PAGE, `code=${inv._id}`) ?? null
  return {
    code: inv._id,
    memberId: member._id,
    memberName: member.name,
    branchName: branch.name,
    expiresAt: inv.expiresAt,
    path: `${BIND_PAGE}?code=${inv._id}`,
    imageDataUrl: await ctx.ports.codes.render(BIND_PAGE, `code=${inv._id}`),
    link,
    linkProblem: link && isLoopbackUrl(link) ? LOOPBACK_LINK_PROBLEM : null,
  }
}

export const inviteCreate = implement(inviteCreateDecl, async (ctx) => {
  const { store } = ctx.ports
  const member = ctx.target.record
  const branch = ctx.target.org
  if (!isActiveMember(member)) {
    const message = `${member.name}的状态是“${MEMBER_STATUS_LABELS[member.status]}”，不能绑定微信；如已恢复联系，请先把状态改为正常或流动`
    throw new AppError('VALIDATION_FAILED', `${message}。`, [{ field: 'memberId', message }])
  }
  if (await bindingOf(store, member._id)) {
    throw new AppError(
      'CONFLICT',
      `${member.name}已经绑定了微信；如需换绑，请先在成员详情中“解除绑定”，再生成新的邀请。`,
    )
  }
  for (let i = 0; i < CODE_TRIES; i += 1) {
    // Derived from the request id: a retried request comes back to the same code.
    const requestRef = ctx.newId('inv')
    const code = inviteCodeFromHex(requestRef.slice(requestRef.indexOf('_') + 1))
    const taken = await store.get('invitations', code)
    if (taken?.requestRef === requestRef) return invitationView(ctx, taken, member, branch)
    if (taken) continue

    const older = await store.query('invitations', {
      where: [eq('memberId', member._id)],
      limit: 100,
    })
    const doc: Invitation & { requestRef: string; _id: string } = {
      _id: code,
      requestRef,
      ...newInvitation({
        memberId: member._id,
        branchId: branch._id,
        createdBy: ctx.actor.memberId,
        createdAt: ctx.now,
      }),
    }
    try {
      const inv = await store.transaction(async (tx) => {
        // A new invitation replaces the ones not used yet: only the latest code works.
        for (const o of older.items) {
          if (o.usedAt === null && o.revokedAt === null) {
            await tx.update('invitations', o._id, { revokedAt: ctx.now, revokedReason: 'replaced' }, o._version)
          }
        }
        return tx.insert('invitations', doc)
      })
      return invitationView(ctx, inv, member, branch)
    } catch (err) {
      // Another invitation took this code in the meantime: derive the next one.
      if (err instanceof StoreConflict && err.reason === 'duplicate' && err.collection === 'invitations') continue
      throw err
    }
  }
  throw new AppError('INTERNAL', '生成邀请码时多次重复，请稍后再试。')
})

export const invitePreview = implement(invitePreviewDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const inv = await usableInvitation(store, input.code, ctx.now)
  const member = await store.get<MemberDoc>('members', inv.memberId)
  const branch = await store.get('orgs', inv.branchId)
  if (!member || !branch) throw codeMissing()
  return { branchName: branch.name, maskedName: maskName(member.name), expiresAt: inv.expiresAt }
})

/** What the person reads once an invitation has taken all its answers. */
const attemptsUsedUp = () =>
  new AppError(
    'NOT_FOUND',
    `这个邀请码已核对 ${MAX_BIND_ATTEMPTS} 次信息都不一致，已经作废；请联系支部书记核对你登记的姓名和手机号，并重新生成邀请。`,
  )

/** Marks the invitation void after its last answer (best effort: the attempt record already refuses it). */
async function voidInvitation(store: StorePort, code: string, now: number): Promise<void> {
  const inv = await store.get('invitations', code)
  if (!inv || inv.revokedAt !== null || inv.usedAt !== null) return
  try {
    await store.update('invitations', code, { revokedAt: now, revokedReason: 'attempts' }, inv._version)
  } catch (err) {
    if (!(err instanceof StoreConflict)) throw err
  }
}

export const bindingBind = implement(bindingBindDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const openid = ctx.openid
  if (!openid) throw new AppError('UNAUTHENTICATED')
  const inv = await usableInvitation(store, input.code, ctx.now)
  if (await store.get('bindings', openid)) {
    throw new AppError(
      'CONFLICT',
      '这个微信已经绑定了党员身份，一个微信只能绑定一名党员；如需改绑，请先请支部书记解除原来的绑定。',
    )
  }
  const member = await store.get<MemberDoc>('members', inv.memberId)
  if (!member) throw codeMissing()
  if (await bindingOf(store, member._id)) {
    throw new AppError('CONFLICT', '这位党员已经绑定了微信；如需更换，请联系支部书记先解除原来的绑定。')
  }
  if (!isActiveMember(member)) {
    throw new AppError('CONFLICT', '这位党员的状态已变更，邀请不能再使用；请联系支部书记。')
  }

  // Every answer is counted before it is checked, whatever its request id: first against this
  // WeChat identity's hourly allowance, then as one of the invitation's MAX_BIND_ATTEMPTS answers.
  const allowance = await takeGuess(store, `bind:${openid}`, BIND_GUESS_LIMIT, ctx.now)
  if (!allowance.allowed) {
    throw new AppError(
      'CONFLICT',
      `这个微信 1 小时内已核对 ${BIND_GUESS_LIMIT.max} 次，请 ${waitText(allowance.retryAt, ctx.now)}后再试；如记不清支部登记的手机号，请先向支部书记确认。`,
    )
  }
  const attempt = await takeInvitationAttempt(store, inv._id, MAX_BIND_ATTEMPTS, ctx.now)
  if (attempt === null) {
    await voidInvitation(store, inv._id, ctx.now)
    throw attemptsUsedUp()
  }
  if (!bindAnswerMatches(member, input)) {
    const left = MAX_BIND_ATTEMPTS - attempt
    if (left > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `信息不一致，请核对姓名和完整手机号是否与支部登记的相同后重试（这个邀请码还可以核对 ${left} 次）。`,
      )
    }
    await voidInvitation(store, inv._id, ctx.now)
    throw new AppError(
      'VALIDATION_FAILED',
      `信息不一致。这个邀请码已核对 ${MAX_BIND_ATTEMPTS} 次，已经作废；请联系支部书记核对你登记的姓名和手机号，并重新生成邀请。`,
    )
  }

  try {
    await store.transaction(async (tx) => {
      const fresh = await tx.get('invitations', inv._id)
      if (!fresh || invitationState(fresh, ctx.now) !== 'valid') {
        throw new AppError('CONFLICT', '这个邀请刚刚被使用或作废了，请联系支部书记重新生成邀请。')
      }
      await tx.insert('bindings', { _id: openid, memberId: member._id, boundAt: ctx.now })
      await tx.update('invitations', inv._id, { usedAt: ctx.now, usedBy: openid }, fresh._version)
      // Bumping the member's version makes two bindings of one member race on it: one wins.
      await tx.update('members', member._id, {}, member._version)
      await tx.insert('member_history', {
        _id: ctx.newId('mh'),
        memberId: member._id,
        orgId: member.orgId,
        field: 'binding',
        from: false,
        to: true,
        reason: '本人凭邀请码绑定微信',
        by: member._id,
        at: ctx.now,
      })
    })
  } catch (err) {
    if (err instanceof StoreConflict) {
      throw new AppError(
        'CONFLICT',
        '绑定没有完成：这个微信或这位党员刚刚完成了另一次绑定。请刷新后查看，如有疑问请联系支部书记。',
      )
    }
    throw err
  }
  const profile = await profileOf(store, member._id)
  if (!profile) throw new AppError('INTERNAL')
  return profile
})

export const bindingUnbind = implement(bindingUnbindDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const member = ctx.target.record
  const binding = await bindingOf(store, member._id)
  if (!binding) throw new AppError('CONFLICT', `${member.name}还没有绑定微信，无需解除。请刷新后查看。`)
  const browsers = await openSessionsOf(store, member._id, ctx.now)
  const updated = await store.transaction(async (tx) => {
    const fresh = await tx.get<MemberDoc>('members', member._id)
    if (!fresh) throw new AppError('NOT_FOUND')
    // The binding document goes: the same WeChat, or another, can bind again with a new invitation.
    await tx.remove('bindings', binding._id, binding._version)
    // The member's browsers (扫码登录) are logged out in the same write.
    await endSessions(tx, browsers, 'unbound', ctx.now)
    const saved = await tx.update<MemberDoc>('members', member._id, {}, fresh._version)
    await tx.insert('member_history', {
      _id: ctx.newId('mh'),
      memberId: member._id,
      orgId: member.orgId,
      field: 'binding',
      from: true,
      to: false,
      reason: input.reason,
      by: ctx.actor.memberId,
      at: ctx.now,
    })
    return saved
  })
  return memberDetail(ctx, updated, ctx.target.org)
})
