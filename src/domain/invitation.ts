/**
 * Invitations that bind a WeChat user to a member: their code, lifetime and what the invited person
 * is shown. Pure: ids and times are passed in.
 */
import { pagePath } from './pages'

/** 32 characters without 0/O and 1/I, so a code read aloud or copied by hand comes out right. */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
export const INVITE_CODE_LENGTH = 8
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000
/**
 * Answers (name and full phone number) an invitation takes; when the last of them is wrong too the
 * invitation is void and the secretary issues a new one.
 */
export const MAX_BIND_ATTEMPTS = 5
/** The binding page a scan opens; the code travels as `?code=` (h5) or `scene=code%3D…` (wxacode). */
export const BIND_PAGE = pagePath('bind')

/** An 8-character code from the first 40 bits of a hex string (e.g. a request-derived id). */
export function inviteCodeFromHex(hex: string): string {
  if (!/^[0-9a-f]{10,}$/i.test(hex)) throw new Error('need at least 10 hex digits')
  // 40 bits fit a double exactly; plain arithmetic keeps this usable where BigInt is missing.
  let bits = Number.parseInt(hex.slice(0, 10), 16)
  let code = ''
  for (let i = 0; i < INVITE_CODE_LENGTH; i += 1) {
    code = INVITE_ALPHABET[bits % 32] + code
    bits = Math.floor(bits / 32)
  }
  return code
}

export function isInviteCode(code: string): boolean {
  return code.length === INVITE_CODE_LENGTH && [...code].every((c) => INVITE_ALPHABET.includes(c))
}

/** 张建国 → 张*国, 徐静 → 徐*, 欧阳娜娜 → 欧**娜: enough to recognise oneself, not to harvest names. */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return chars.length ? `${chars[0]}*` : '*'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

export interface Invitation {
  memberId: string
  branchId: string
  createdBy: string
  createdAt: number
  expiresAt: number
  usedAt: number | null
  /** The OPENID that used it. */
  usedBy: string | null
  revokedAt: number | null
  revokedReason: 'replaced' | 'attempts' | null
}

/**
 * A new invitation for `memberId` of `branchId`, made by `createdBy` at `createdAt` (epoch ms): not
 * used, not revoked, expiring INVITE_TTL_MS (7 days) later.
 */
export function newInvitation(made: Pick<Invitation, 'memberId' | 'branchId' | 'createdBy' | 'createdAt'>): Invitation {
  return {
    ...made,
    expiresAt: made.createdAt + INVITE_TTL_MS,
    usedAt: null,
    usedBy: null,
    revokedAt: null,
    revokedReason: null,
  }
}

export type InvitationState = 'valid' | 'revoked' | 'used' | 'expired'

export function invitationState(inv: Invitation, now: number): InvitationState {
  if (inv.revokedAt !== null) return 'revoked'
  if (inv.usedAt !== null) return 'used'
  if (inv.expiresAt <= now) return 'expired'
  return 'valid'
}

/**
 * A phone number as typed, reduced to its digits: spaces, dashes and a leading +86 or 86 go, so
 * `+86 138-0000-1555` reads as `13800001555`.
 */
export function phoneDigits(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '').replace(/^\+/, '')
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits
}

/**
 * Whether the invited person's answer matches the member: the name as registered (spaces around it
 * ignored) and the full phone number. The full number is asked because the app shows every member
 * only the masked `138****1555` — its first three and last four digits — so no part that other
 * members can see is enough. One answer, true or false: the caller never says which part was wrong.
 */
export function bindAnswerMatches(
  member: { name: string; phone: string },
  answer: { name: string; phone: string },
): boolean {
  const phone = phoneDigits(answer.phone)
  return answer.name.trim() === member.name.trim() && phone.length > 0 && phone === phoneDigits(member.phone)
}

/**
 * Whether `url` (http(s)://host[:port]/…) names this computer itself — 127.x.x.x, localhost, [::1] —
 * so that a phone scanning a code of it opens nothing. False for any other host or a malformed URL.
 */
export function isLoopbackUrl(url: string): boolean {
  const host = /^https?:\/\/(\[[^\]]+\]|[^/:?#]+)/i.exec(url)?.[1]?.toLowerCase()
  if (!host) return false
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)
}

/** What the secretary is told when the invitation's link holds this computer's own address. */
export const LOOPBACK_LINK_PROBLEM =
  '二维码和链接里是本机地址（127.0.0.1），别的手机和电脑打不开。要让党员用手机扫码：用 npm start -- --lan 启动（同一网络的手机可以打开），或把 PUBLIC_URL 设为手机能打开的地址，再点“重新生成”。'

/**
 * The invitation as a message to paste into a chat: who is invited to which branch, the code, until
 * when and once only, and the link when there is one (the local host's; in WeChat the code is typed
 * or the shared card is tapped).
 *
 * @param expiresText the expiry as people read it, e.g. `2026年11月29日 10:00`
 */
export function invitationMessage(v: {
  memberName: string
  branchName: string
  code: string
  expiresText: string
  link: string | null
}): string {
  const open = v.link ? `打开链接 ${v.link} ，或` : '在微信中打开本支部的小程序，'
  return `${v.branchName}邀请${v.memberName}绑定微信：请${open}输入邀请码 ${v.code}。${v.expiresText}前有效，只能使用一次；绑定时需填写姓名和在支部登记的完整手机号。`
}
