/**
 * Rotating sign-in tokens (签到码). A token names the meeting and a 20-second time window and carries
 * an HMAC-SHA256 over both, keyed with the meeting's secret. The secretary's phone computes tokens
 * from the secret with no network; the server recomputes and compares. Pure: the time is passed in.
 */
import { hmac } from '@noble/hashes/hmac'
import { sha256 } from '@noble/hashes/sha256'
import { bytesToHex } from '@noble/hashes/utils'

/** A code is valid for one window, and one window either side (clock drift, slow scans). */
export const TOKEN_WINDOW_MS = 20_000
export const TOKEN_TOLERANCE_WINDOWS = 1
const TOKEN_PREFIX = 'S1'
/** 16 bytes of MAC (128 bits) in hex: short enough for a QR code, far too long to guess. */
const MAC_HEX_CHARS = 32

export function windowOf(time: number): number {
  return Math.floor(time / TOKEN_WINDOW_MS)
}

/** When the window containing `time` ends (the code's countdown). */
export function windowEndsAt(time: number): number {
  return (windowOf(time) + 1) * TOKEN_WINDOW_MS
}

/**
 * Bytes of an ASCII string. Secrets are hex and meeting ids `[A-Za-z0-9_-]`, so ASCII is all there
 * is; done by hand because TextEncoder is missing from some WeChat base libraries (and from jsdom).
 */
function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i)
    if (c > 0x7f) throw new Error('sign-in token input must be ASCII')
    out[i] = c
  }
  return out
}

function macOf(secret: string, meetingId: string, window: number): string {
  return bytesToHex(hmac(sha256, asciiBytes(secret), asciiBytes(`${meetingId}:${window}`))).slice(0, MAC_HEX_CHARS)
}

/** The token shown at `time`: `S1.<meetingId>.<window>.<mac>`. */
export function signInToken(secret: string, meetingId: string, time: number): string {
  const window = windowOf(time)
  return `${TOKEN_PREFIX}.${meetingId}.${window}.${macOf(secret, meetingId, window)}`
}

export interface ParsedToken {
  meetingId: string
  window: number
  mac: string
}

/** Reads a token's parts without checking it; null when it is not a sign-in token at all. */
export function parseSignInToken(token: string): ParsedToken | null {
  const parts = token.trim().split('.')
  if (parts.length !== 4 || parts[0] !== TOKEN_PREFIX) return null
  const [, meetingId, windowText, mac] = parts
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(meetingId) || !/^\d{1,12}$/.test(windowText) || !/^[0-9a-f]+$/.test(mac)) {
    return null
  }
  return { meetingId, window: Number(windowText), mac }
}

/** Compares in time independent of where the first difference is. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

export type TokenCheck =
  { ok: true; window: number } | { ok: false; reason: 'malformed' | 'other_meeting' | 'bad_mac' | 'expired' | 'future' }

/**
 * Checks a token for `meetingId`: its MAC and, for a live scan, that its window is the one at `at`
 * (the server's time), give or take one window. `at = null` checks the MAC only (offline uploads).
 */
export function checkSignInToken(secret: string, meetingId: string, token: string, at: number | null): TokenCheck {
  const parsed = parseSignInToken(token)
  if (!parsed) return { ok: false, reason: 'malformed' }
  if (parsed.meetingId !== meetingId) return { ok: false, reason: 'other_meeting' }
  if (!sameText(parsed.mac, macOf(secret, meetingId, parsed.window))) return { ok: false, reason: 'bad_mac' }
  // An offline scan's time is judged against the sign-in window instead (attendance.ts).
  if (at === null) return { ok: true, window: parsed.window }
  const drift = parsed.window - windowOf(at)
  if (drift < -TOKEN_TOLERANCE_WINDOWS) return { ok: false, reason: 'expired' }
  if (drift > TOKEN_TOLERANCE_WINDOWS) return { ok: false, reason: 'future' }
  return { ok: true, window: parsed.window }
}

/** The Chinese message a member reads for each refusal, saying what to do next. */
export const TOKEN_REFUSALS: Record<Exclude<TokenCheck, { ok: true }>['reason'], string> = {
  malformed: '这不是本应用的签到码，请扫描会场上书记手机显示的签到码。',
  other_meeting: '这个签到码属于另一场会议，请扫描本次会议的签到码。',
  bad_mac: '签到码无效（校验未通过），请重新扫描书记手机上当前显示的签到码。',
  expired: '签到码已过期（每 20 秒更换一次），请重新扫描当前显示的签到码。',
  future: '签到码的时间与服务器不符，请检查手机时间后重新扫描当前显示的签到码。',
}
