/**
 * Guesses counted in `guess_attempts`, once per attempt whatever the request id, and before the
 * guess is checked: a refused binding answer or sign-in code leaves this record and nothing else,
 * a retried request with the same id is a new attempt, and concurrent guesses each take their own
 * slot (conditional updates; when the record stays contended the guess is refused, never let through).
 * These writes go straight to the store, outside any request record, so they stand when the
 * request itself is refused.
 */
import { AppError } from '../domain/errors'
import { admitGuess, type GuessAdmission, type GuessLimit } from '../domain/guess-limits'
import type { GuessAttemptDoc } from './documents'
import { StoreConflict, type StorePort } from './ports/store'

const RETRIES = 8

const busy = () => new AppError('CONFLICT', '同时核对的请求太多，这次没有核对；请稍等片刻再试。')

/**
 * Reads `guess_attempts/<key>`, lets `decide` compute the next state from it (null: write nothing)
 * and stores that state conditionally, retrying on a concurrent change. Returns what `decide` answered.
 */
async function change<R>(
  store: StorePort,
  key: string,
  now: number,
  decide: (doc: GuessAttemptDoc) => { next: Pick<GuessAttemptDoc, 'count' | 'times'> | null; answer: R },
): Promise<R> {
  for (let i = 0; i < RETRIES; i += 1) {
    const doc = await store.get('guess_attempts', key)
    const { next, answer } = decide(doc ?? { count: 0, times: [], updatedAt: 0 })
    if (!next) return answer
    try {
      if (doc) await store.update('guess_attempts', key, { ...next, updatedAt: now }, doc._version)
      else await store.insert('guess_attempts', { _id: key, ...next, updatedAt: now })
      return answer
    } catch (err) {
      if (!(err instanceof StoreConflict) || (err.reason !== 'version' && err.reason !== 'duplicate')) throw err
    }
  }
  throw busy()
}

/**
 * Takes the next of `max` answers an invitation allows (`invite:<code>`). Returns the attempt's
 * number (1 … max), or null when all `max` were taken already.
 */
export async function takeInvitationAttempt(
  store: StorePort,
  code: string,
  max: number,
  now: number,
): Promise<number | null> {
  return change(store, `invite:${code}`, now, (doc) =>
    doc.count >= max
      ? { next: null, answer: null }
      : { next: { count: doc.count + 1, times: doc.times }, answer: doc.count + 1 },
  )
}

/** Answers the invitation `code` has taken so far (0 when none). */
export async function invitationAttempts(store: StorePort, code: string): Promise<number> {
  return (await store.get('guess_attempts', `invite:${code}`))?.count ?? 0
}

/**
 * Counts one guess under `key` (e.g. `bind:<openid>`) at `now` (epoch ms) if `limit` allows it.
 * Returns the admission: allowed (and recorded), or refused with `retryAt` (nothing recorded).
 */
export async function takeGuess(
  store: StorePort,
  key: string,
  limit: GuessLimit,
  now: number,
): Promise<GuessAdmission> {
  return change(store, key, now, (doc) => {
    const admission = admitGuess(doc.times, now, limit)
    return { next: admission.allowed ? { count: doc.count + 1, times: admission.times } : null, answer: admission }
  })
}

/** Whether one more guess under `key` would fit `limit` at `now`, without recording anything. */
export async function peekGuess(
  store: StorePort,
  key: string,
  limit: GuessLimit,
  now: number,
): Promise<GuessAdmission> {
  return admitGuess((await store.get('guess_attempts', key))?.times ?? [], now, limit)
}
