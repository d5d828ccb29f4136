/**
 * Login tickets (扫码登录): the browser asks for one and shows it as a QR, the member's WeChat
 * inspects and confirms it, and the browser that holds the secret behind the ticket collects a web
 * session from it exactly once. Rules and messages: src/domain/web-login.ts.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import {
  webLoginConfirm as webLoginConfirmDecl,
  webLoginInspect as webLoginInspectDecl,
  webLoginPoll as webLoginPollDecl,
  webLoginStart as webLoginStartDecl,
} from '../../../domain/api/catalog-weblogin'
import type { WebLoginPollView, WebLoginTicketView } from '../../../domain/api/views-weblogin'
import { AppError } from '../../../domain/errors'
import { pagePath } from '../../../domain/pages'
import {
  describePlace,
  sessionExpiresAt,
  TICKET_QUERY_KEY,
  TICKET_SCENE_KEY,
  ticketState,
  WEB_LOGIN_MESSAGES,
  WEB_LOGIN_RULES,
} from '../../../domain/web-login'
import type { WebLoginTicketDoc } from '../../documents'
import { StoreConflict, type Stored, type StorePort } from '../../ports/store'
import { implement } from '../handler'

/** The page the QR opens on the phone. */
const CONFIRM_PAGE = pagePath('webLoginConfirm')

const unknownTicket = () => new AppError('NOT_FOUND', WEB_LOGIN_MESSAGES.unknownTicket)
const notConfigured = () => new AppError('NOT_AVAILABLE', WEB_LOGIN_MESSAGES.notConfigured)

function ticketView(id: string, t: WebLoginTicketDoc, now: number): WebLoginTicketView {
  return {
    ticketId: id,
    browser: t.browser,
    createdAt: t.createdAt,
    place: t.place,
    expiresAt: t.expiresAt,
    state: ticketState(t, now),
  }
}

async function ticketOf(store: StorePort, ticketId: string): Promise<Stored<WebLoginTicketDoc>> {
  const ticket = await store.get('web_login_tickets', ticketId)
  if (!ticket) throw unknownTicket()
  return ticket
}

/** Whether SHA-256 of the hex secret `browserKey` is the stored hex `hash`, compared in constant time. */
function keyMatches(browserKey: string, hash: string): boolean {
  const given = createHash('sha256').update(Buffer.from(browserKey, 'hex')).digest()
  const stored = Buffer.from(hash, 'hex')
  return stored.length === given.length && timingSafeEqual(given, stored)
}

export const webLoginStart = implement(webLoginStartDecl, async (ctx, input) => {
  if (!ctx.ports.identity.signWebSession) throw notConfigured()
  const ticketId = randomBytes(18).toString('base64url')
  const expiresAt = ctx.now + WEB_LOGIN_RULES.ticketLifeMs
  // A mini-program code carries `scene` (at most 32 characters); the local host's QR, a query.
  const key = ctx.ports.host === 'cloudbase' ? TICKET_SCENE_KEY : TICKET_QUERY_KEY
  // Rendered first: a code WeChat refuses to make leaves no ticket behind.
  const qrImage = await ctx.ports.codes.render(CONFIRM_PAGE, `${key}=${ticketId}`)
  await ctx.ports.store.insert('web_login_tickets', {
    _id: ticketId,
    browserKeyHash: input.browserKeyHash,
    browser: input.browser,
    ip: ctx.clientIp,
    place: describePlace(ctx.clientIp),
    createdAt: ctx.now,
    expiresAt,
    confirmedAt: null,
    confirmedBy: null,
    memberId: null,
    usedAt: null,
    sessionId: null,
  })
  return { ticketId, qrImage, expiresAt }
})

export const webLoginInspect = implement(webLoginInspectDecl, async (ctx, input) => {
  return ticketView(input.ticketId, await ticketOf(ctx.ports.store, input.ticketId), ctx.now)
})

export const webLoginConfirm = implement(webLoginConfirmDecl, async (ctx, input) => {
  // A browser signed in by a ticket must not mint sessions for other browsers: only WeChat confirms.
  if (ctx.webSessionId) throw new AppError('FORBIDDEN', WEB_LOGIN_MESSAGES.confirmFromBrowser)
  if (!ctx.actor || !ctx.openid) throw new AppError('NOT_BOUND', WEB_LOGIN_MESSAGES.unbound)
  const { store } = ctx.ports
  const ticket = await ticketOf(store, input.ticketId)
  const state = ticketState(ticket, ctx.now)
  if (state === 'used') throw new AppError('CONFLICT', WEB_LOGIN_MESSAGES.usedTicket)
  if (state === 'expired') throw new AppError('CONFLICT', WEB_LOGIN_MESSAGES.expiredTicket)
  if (state === 'confirmed') {
    // The same person confirming again (a retry) is answered as the first time.
    if (ticket.confirmedBy === ctx.openid) return ticketView(ticket._id, ticket, ctx.now)
    throw new AppError('CONFLICT', WEB_LOGIN_MESSAGES.confirmedByOther)
  }
  try {
    const saved = await store.update(
      'web_login_tickets',
      ticket._id,
      { confirmedAt: ctx.now, confirmedBy: ctx.openid, memberId: ctx.actor.memberId },
      ticket._version,
    )
    return ticketView(saved._id, saved, ctx.now)
  } catch (err) {
    if (err instanceof StoreConflict) throw new AppError('CONFLICT', WEB_LOGIN_MESSAGES.confirmedByOther)
    throw err
  }
})

export const webLoginPoll = implement(webLoginPollDecl, async (ctx, input): Promise<WebLoginPollView> => {
  const { store } = ctx.ports
  const ticket = await store.get('web_login_tickets', input.ticketId)
  // A wrong key is answered exactly as an unknown ticket: a copied QR tells its holder nothing.
  if (!ticket || !keyMatches(input.browserKey, ticket.browserKeyHash)) throw unknownTicket()
  const state = ticketState(ticket, ctx.now)
  if (state === 'pending') return { state: 'pending' }
  if (state !== 'confirmed' || !ticket.confirmedBy || !ticket.memberId) return { state: 'expired' }
  const sign = ctx.ports.identity.signWebSession
  if (!sign) throw notConfigured()

  // The member may have been unbound, transferred or suspended since confirming.
  const binding = await store.get('bindings', ticket.confirmedBy)
  const member = await store.get('members', ticket.memberId)
  if (
    binding?.memberId !== ticket.memberId ||
    !member ||
    member.status === 'transferred' ||
    member.status === 'suspended'
  ) {
    return { state: 'expired' }
  }
  const sessionId = `ws_${randomBytes(16).toString('hex')}`
  try {
    await store.transaction(async (tx) => {
      // Single use: a second poll racing this one fails on the ticket's version.
      await tx.update('web_login_tickets', ticket._id, { usedAt: ctx.now, sessionId }, ticket._version)
      await tx.insert('web_sessions', {
        _id: sessionId,
        openid: ticket.confirmedBy!,
        memberId: ticket.memberId!,
        ticketId: ticket._id,
        browser: ticket.browser,
        ip: ticket.ip,
        place: ticket.place,
        createdAt: ctx.now,
        lastSeenAt: ctx.now,
        revokedAt: null,
        revokedReason: null,
      })
    })
  } catch (err) {
    if (err instanceof StoreConflict) return { state: 'expired' }
    throw err
  }
  return {
    state: 'confirmed',
    session: { token: sign(sessionId), expiresAt: sessionExpiresAt(ctx.now), webSessionId: sessionId },
    memberName: member.name,
  }
})
