/**
 * An invitation code kept through login (issue 20 §6): in a browser, opening an invitation link
 * without a session sends the person to the login page; the code the link carried is kept on the
 * device here, and the login sends them back to binding with it instead of to 首页. In WeChat there
 * is no login and nothing is kept.
 */
import Taro from '@tarojs/taro'
import { redirect, relaunch } from './navigation'
import { usesDevLogin } from './session'

const KEY = 'invite.pending'
/**
 * How long a kept code waits for the login (ms): long enough to scan 扫码登录 or choose an account,
 * short enough that a later login, days on, is not sent to an old invitation.
 */
export const PENDING_INVITE_MS = 30 * 60 * 1000

interface Pending {
  code: string
  /** Epoch ms. */
  keptAt: number
}

/** Keeps `code` (an invitation code a link opened the binding page with) until the next login. */
export function keepInviteCode(code: string, now = Date.now()): void {
  if (!usesDevLogin || !code) return
  Taro.setStorageSync(KEY, { code, keptAt: now } satisfies Pending)
}

/** Forgets the kept code (the binding succeeded, or the person chose another code). */
export function forgetInviteCode(): void {
  Taro.removeStorageSync(KEY)
}

/** The kept code if it is still fresh, or null; it is given once (forgotten as it is taken). */
export function takeInviteCode(now = Date.now()): string | null {
  const kept = Taro.getStorageSync(KEY) as Pending | ''
  forgetInviteCode()
  if (!kept || typeof kept.code !== 'string' || now - kept.keptAt > PENDING_INVITE_MS || now < kept.keptAt) return null
  return kept.code
}

/**
 * Where a login goes: back to binding with the kept invitation code, else to 首页 — replacing the login
 * page (`redirect`) or closing every page first (`relaunch`), as the caller did before.
 *
 * @returns the navigation's promise
 */
export function afterLogin(mode: 'redirect' | 'relaunch' = 'redirect'): Promise<TaroGeneral.CallbackResult> {
  const code = takeInviteCode()
  const go = mode === 'redirect' ? redirect : relaunch
  return code ? go('bind', { code }) : go('home')
}
