/** The sliding-window guess limit: how many guesses fit, which are kept, when the next one fits. */
import { admitGuess, waitText } from '../../src/domain/guess-limits'

const MIN = 60_000
const limit = { max: 3, windowMs: 10 * MIN }

test('guesses fit until the limit; the next fits when the oldest leaves the window', () => {
  let times: number[] = []
  for (const t of [0, MIN, 2 * MIN]) {
    const a = admitGuess(times, t, limit)
    expect(a.allowed).toBe(true)
    times = a.times
  }
  expect(times).toEqual([0, MIN, 2 * MIN])
  const refused = admitGuess(times, 5 * MIN, limit)
  expect(refused).toEqual({ allowed: false, times, retryAt: 10 * MIN })
  expect(waitText(refused.allowed ? 0 : refused.retryAt, 5 * MIN)).toBe('5 分钟')
  // Exactly at the window's end the oldest guess no longer counts.
  expect(admitGuess(times, 10 * MIN - 1, limit).allowed).toBe(false)
  expect(admitGuess(times, 10 * MIN, limit)).toEqual({ allowed: true, times: [MIN, 2 * MIN, 10 * MIN] })
})

test('guesses older than the window or from the future are dropped', () => {
  expect(admitGuess([-20 * MIN, 5 * MIN], 0, limit)).toEqual({ allowed: true, times: [0] })
})

test('a wait under a minute still reads as 1 分钟', () => {
  expect(waitText(1, 0)).toBe('1 分钟')
})
