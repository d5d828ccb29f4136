/**
 * Limits on guessing: how many binding answers one WeChat identity may try, and how many wrong
 * sign-in codes one person may send for one meeting, within a sliding window. Rule data: the
 * numbers are here, the server enforces them. Pure: the time is passed in.
 */

const MINUTE = 60_000
const HOUR = 60 * MINUTE

export interface GuessLimit {
  /** Guesses allowed within `windowMs`. */
  max: number
  /** The sliding window, in ms. */
  windowMs: number
}

/** Binding answers (name and phone) one WeChat identity may try, across all invitations. */
export const BIND_GUESS_LIMIT: GuessLimit = { max: 10, windowMs: HOUR }
/** Wrong sign-in codes one person may send for one meeting before sign-in refuses them for a while. */
export const SIGNIN_GUESS_LIMIT: GuessLimit = { max: 20, windowMs: 10 * MINUTE }

export type GuessAdmission = { allowed: true; times: number[] } | { allowed: false; times: number[]; retryAt: number }

/**
 * Whether one more guess at `now` (epoch ms) fits `limit`, given the times (epoch ms) of earlier
 * guesses. Returns the times to keep: those still inside the window, plus `now` when allowed.
 * When refused, `retryAt` is when the oldest guess in the window leaves it.
 */
export function admitGuess(earlier: readonly number[], now: number, limit: GuessLimit): GuessAdmission {
  const recent = earlier.filter((t) => t > now - limit.windowMs && t <= now).sort((a, b) => a - b)
  if (recent.length >= limit.max) {
    return { allowed: false, times: recent, retryAt: recent[recent.length - limit.max] + limit.windowMs }
  }
  return { allowed: true, times: [...recent, now] }
}

/** How long until `retryAt` from `now`, in Chinese whole minutes (at least 1 分钟). */
export function waitText(retryAt: number, now: number): string {
  return `${Math.max(1, Math.ceil((retryAt - now) / MINUTE))} 分钟`
}
