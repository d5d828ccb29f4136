/**
 * Wrong sign-in codes are counted per person and meeting (issue 18): after 20 within 10 minutes
 * sign-in stops checking that person's codes for that meeting, even a valid one, until the oldest
 * leaves the window; other members and other meetings are unaffected.
 */
import type { SignInCodeView } from '../../src/domain/api/views-attendance'
import { signInToken, TOKEN_WINDOW_MS } from '../../src/domain/attendance-token'
import { MEMBER_B1, ORGANIZER_B1, SECRETARY_B1, apiPerTest, meetingAt, requestIds } from './api-fixture'

const MIN = 60_000
const api = apiPerTest()
const rid = requestIds('signin-guess')

const signIn = (memberId: string, input: Record<string, unknown>) =>
  api.as(memberId).raw('attendance.signIn', input, rid())

test('20 wrong codes in 10 minutes stop the checks for that person and meeting, then the window frees them', async () => {
  const m = await meetingAt(api, 'signin-open', { startTime: '10:30', endTime: '12:00' })
  const code: SignInCodeView = await api.as(SECRETARY_B1).call('attendance.openCode', { meetingId: m.id }, rid())
  const stale = signInToken(code.secret, m.id, api.clock.now - 5 * TOKEN_WINDOW_MS)
  const forged = `S1.${m.id}.${Math.floor(api.clock.now / TOKEN_WINDOW_MS)}.${'0'.repeat(32)}`
  const started = api.clock.now
  for (let i = 0; i < 20; i += 1) {
    const r = await signIn(MEMBER_B1, { meetingId: m.id, token: i % 2 ? stale : forged })
    expect(!r.ok && r.error.code).toBe('VALIDATION_FAILED')
    expect(!r.ok && r.error.message).not.toMatch(/分钟内已有/)
    api.clock.now += 1_000
  }
  // The valid code is no longer checked for this member and meeting; nothing is recorded.
  const valid = () => signInToken(code.secret, m.id, api.clock.now)
  const blocked = await signIn(MEMBER_B1, { meetingId: m.id, token: valid() })
  expect(!blocked.ok && blocked.error).toMatchObject({
    code: 'VALIDATION_FAILED',
    message: expect.stringMatching(/10 分钟内已有 20 次无效，请 10 分钟后再扫.*书记代为登记/),
  })
  expect(await api.ports.store.get('attendance', `${m.id}.${MEMBER_B1}`)).toBeNull()
  // Someone else signs in as usual.
  const other = await signIn(ORGANIZER_B1, { meetingId: m.id, token: valid() })
  expect(other.ok).toBe(true)
  // Ten minutes after the first wrong code, the member is checked again.
  api.clock.now = started + 10 * MIN
  const later = await signIn(MEMBER_B1, { meetingId: m.id, token: valid() })
  expect(later).toMatchObject({ ok: true, data: { created: true } })
})
