import type { ClockPort } from '../ports/clock'

export const systemClock: ClockPort = { now: () => Date.now() }
