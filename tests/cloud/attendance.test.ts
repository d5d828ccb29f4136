/**
 * Attendance (issue 5) through the real router on the embedded store: rotating-token sign-in and
 * its refusals (each writing nothing), exactly-once records, offline upload, leave, remote and
 * manual attendance, the printed venue code, 列席 guests, the board and 确认考勤.
 */
import type { MeetingDetail } from '../../src/domain/api/views'
import type { SignInCodeView, SignInResult } from '../../src/domain/api/views-attendance'
import { signInToken, TOKEN_WINDOW_MS } from '../../src/domain/attendance-token'
import { fromBeijing } from '../../src/domain/beijing-time'
import {
  MEMBER_B1,
  MEMBER_B2,
  ORGANIZER_B1,
  PROBATIONARY_B1,
  SECRETARY_B1,
  SUPERVISOR,
  apiPerTest,
  meetingAt,
  okData,
  requestIds,
} from './api-fixture'

const MIN = 60_000
// The demo's 第一党支部: 16 members, 13 正式党员 (one of them 流动), 3 预备党员.
const FULL_B1 = ['m_b1_01', 'm_b1_02', 'm_b1_03', 'm_b1_04', 'm_b1_05', 'm_b1_06', 'm_b1_07', 'm_b1_08', 'm_b1_09']

const api = apiPerTest()
const rid = requestIds('attendance')

const ok = okData

/** A meeting today (2026-11-22) from 10:30, so sign-in (30 min before) is open at FIXED_NOW 10:00. */
const scheduleToday = (kind = 'branch_congress', extra: Record<string, unknown> = {}): Promise<MeetingDetail> =>
  meetingAt(api, 'signin-open', { kind, title: '支部党员大会', startTime: '10:30', endTime: '12:00', ...extra })

async function openCode(meetingId: string): Promise<SignInCodeView> {
  return api.as(SECRETARY_B1).call('attendance.openCode', { meetingId }, rid())
}

/** 签到设置 by the secretary: sign-in 30 minutes before, late after 5, no place, no remote, unless `settings` says. */
async function configure(meetingId: string, settings: Record<string, unknown>): Promise<void> {
  const input = { meetingId, opensBefore: 30, lateAfter: 5, place: null, allowRemote: false, ...settings }
  await api.as(SECRETARY_B1).call('attendance.configure', input, rid())
}

const signIn = (memberId: string, input: Record<string, unknown>) =>
  api.as(memberId).raw('attendance.signIn', input, rid())

const board = (meetingId: string) => api.as(SECRETARY_B1).call('attendance.board', { meetingId })

const snapshot = async () => ({
  attendance: await api.ports.store.count('attendance'),
  leave: await api.ports.store.count('leave_requests'),
})
/** One meeting's records (the demo seed's past meetings come with attendance of their own). */
const recordsOf = (meetingId: string) =>
  api.ports.store.count('attendance', [{ field: 'meetingId', op: 'eq', value: meetingId }])

test('a member signs in with the current code; repeated and concurrent scans make one record and the first time stands', async () => {
  const m = await scheduleToday()
  const code = await openCode(m.id)
  expect(code.secret).toMatch(/^[0-9a-f]{64}$/)
  const token = signInToken(code.secret, m.id, api.clock.now)
  const first = await ok<SignInResult>(signIn(MEMBER_B1, { meetingId: m.id, token }))
  expect(first).toMatchObject({ created: true, via: 'qr', mode: 'in_person', late: false, signedAt: api.clock.now })

  api.clock.now += 5_000
  const again = await Promise.all(
    Array.from({ length: 10 }, () => ok<SignInResult>(signIn(MEMBER_B1, { meetingId: m.id, token }))),
  )
  expect(again.every((r) => !r.created && r.signedAt === first.signedAt)).toBe(true)
  expect(await recordsOf(m.id)).toBe(1)
  expect((await api.ports.store.get('attendance', `${m.id}.${MEMBER_B1}`))!._version).toBe(1)

  const b = await board(m.id)
  expect(b).toMatchObject({ expected: 16, present: 1, inPerson: 1, remote: 0, onLeave: 0, absent: 15, late: 0 })
  expect(b.quorum).toMatchObject({ applies: true, entitled: 13, needed: 7, presentCounting: 1, met: false })
  expect(b.people.find((p) => p.memberId === MEMBER_B1)).toMatchObject({ state: 'present', via: 'qr' })
})

test('each bad scan is refused in Chinese and writes nothing', async () => {
  const m = await scheduleToday()
  const other = await scheduleToday('theme_day', { title: '另一场' })
  const code = await openCode(m.id)
  const otherCode = await openCode(other.id)
  await configure(m.id, { place: { lat: 39.9042, lng: 116.4074, radius: 200, label: '党员活动室' } })
  const committee = await scheduleToday('committee_meeting', { title: '支委会' })
  const committeeCode = await openCode(committee.id)
  const here = { lat: 39.9043, lng: 116.4075 }
  const now = api.clock.now
  const valid = signInToken(code.secret, m.id, now)
  const before = await snapshot()

  const cases: [string, Promise<{ ok: boolean; error?: { code: string; message: string } }>, RegExp][] = [
    [
      'forged MAC',
      signIn(MEMBER_B1, {
        meetingId: m.id,
        token: valid.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
        location: here,
      }),
      /签到码无效/,
    ],
    [
      'expired window',
      signIn(MEMBER_B1, {
        meetingId: m.id,
        token: signInToken(code.secret, m.id, now - 3 * TOKEN_WINDOW_MS),
        location: here,
      }),
      /已过期/,
    ],
    [
      "another meeting's token",
      signIn(MEMBER_B1, { meetingId: m.id, token: signInToken(otherCode.secret, other.id, now), location: here }),
      /另一场会议/,
    ],
    [
      'a token made with the wrong secret',
      signIn(MEMBER_B1, { meetingId: m.id, token: signInToken(otherCode.secret, m.id, now), location: here }),
      /签到码无效/,
    ],
    [
      'a non-participant',
      signIn(MEMBER_B1, { meetingId: committee.id, token: signInToken(committeeCode.secret, committee.id, now) }),
      /不在本次会议的参会或列席名单/,
    ],
    [
      'a member of another branch',
      signIn(MEMBER_B2, { meetingId: m.id, token: valid, location: here }),
      /不在本次会议/,
    ],
    [
      'outside the radius',
      signIn(MEMBER_B1, { meetingId: m.id, token: valid, location: { lat: 39.92, lng: 116.4074 } }),
      /距会场.*约 1\d{3} 米，超出 200 米/,
    ],
    ['no location where one is required', signIn(MEMBER_B1, { meetingId: m.id, token: valid }), /允许小程序获取位置/],
    [
      'not a token at all',
      signIn(MEMBER_B1, { meetingId: m.id, token: 'hello', location: here }),
      /不是本应用的签到码/,
    ],
  ]
  for (const [what, call, text] of cases) {
    const r = await call
    expect([what, r.ok]).toEqual([what, false])
    expect([what, r.error!.code]).toEqual([what, 'VALIDATION_FAILED'])
    expect([what, r.error!.message]).toEqual([what, expect.stringMatching(text)])
  }
  expect(await snapshot()).toEqual(before)

  // A replay after sign-in closed: the token was valid during the meeting, not after it.
  const during = fromBeijing('2026-11-22', '11:59')
  api.clock.now = during
  const late = signInToken(code.secret, m.id, during)
  api.clock.now = fromBeijing('2026-11-22', '12:00') + 10_000
  const replay = await signIn(MEMBER_B1, { meetingId: m.id, token: late, location: here })
  expect(replay.ok).toBe(false)
  expect(!replay.ok && replay.error.message).toMatch(/会议已经结束，签到已关闭/)
  expect(await snapshot()).toEqual(before)

  // Before sign-in opens (10:00 for a 10:30 start, 30 minutes): refused too.
  api.clock.now = fromBeijing('2026-11-22', '09:50')
  const early = await signIn(MEMBER_B1, {
    meetingId: m.id,
    token: signInToken(code.secret, m.id, api.clock.now),
    location: here,
  })
  expect(!early.ok && early.error.message).toMatch(/还没到签到时间/)
  expect(await snapshot()).toEqual(before)
})

test('a scan after the start plus grace is 迟到; the secret is never shown to members', async () => {
  const m = await scheduleToday()
  const code = await openCode(m.id)
  api.clock.now = fromBeijing('2026-11-22', '10:36')
  const r = await ok<SignInResult>(
    signIn(MEMBER_B1, { meetingId: m.id, token: signInToken(code.secret, m.id, api.clock.now) }),
  )
  expect(r.late).toBe(true)
  expect((await board(m.id)).late).toBe(1)

  const forMember = await api.as(MEMBER_B1).result('attendance.openCode', { meetingId: m.id }, rid())
  expect(!forMember.ok && forMember.error.code).toBe('FORBIDDEN')
  for (const [who, action] of [
    [MEMBER_B1, 'meeting.get'],
    [MEMBER_B1, 'attendance.board'],
    [MEMBER_B1, 'attendance.mine'],
    [SECRETARY_B1, 'attendance.settings'],
    [SUPERVISOR, 'attendance.board'],
  ] as const) {
    const res = await api.as(who).result(action, { meetingId: m.id })
    expect(res.ok).toBe(true)
    expect(JSON.stringify(res)).not.toContain(code.secret)
  }
})

test('an offline scan uploaded later counts as 离线补传 at the device time; an inconsistent device time is refused', async () => {
  const m = await scheduleToday()
  const code = await openCode(m.id)
  const scannedAt = fromBeijing('2026-11-22', '10:20')
  const token = signInToken(code.secret, m.id, scannedAt)
  api.clock.now = fromBeijing('2026-11-22', '11:30')

  const wrongClock = await signIn(MEMBER_B1, { meetingId: m.id, token, offline: true, deviceTime: scannedAt + 5 * MIN })
  expect(!wrongClock.ok && wrongClock.error.message).toMatch(/手机时间与签到码不符/)
  const live = await signIn(MEMBER_B1, { meetingId: m.id, token })
  expect(!live.ok && live.error.message).toMatch(/已过期/)
  expect(await recordsOf(m.id)).toBe(0)

  const r = await ok<SignInResult>(
    signIn(MEMBER_B1, { meetingId: m.id, token, offline: true, deviceTime: scannedAt + 3_000 }),
  )
  // A claim (issue 18): pending until the organizer confirms it; late by the server's time of arrival.
  expect(r).toMatchObject({ via: 'offline', offline: true, signedAt: scannedAt + 3_000, late: true, confirmed: false })
  const doc = await api.ports.store.get<{ receivedAt: number }>('attendance', `${m.id}.${MEMBER_B1}`)
  expect(doc!.receivedAt).toBe(api.clock.now)
  expect((await board(m.id)).people.find((p) => p.memberId === MEMBER_B1)).toMatchObject({
    offline: true,
    via: 'offline',
  })

  // A token from before sign-in opened cannot be uploaded as offline either.
  const tooEarly = signInToken(code.secret, m.id, fromBeijing('2026-11-22', '09:00'))
  const refused = await signIn(PROBATIONARY_B1, {
    meetingId: m.id,
    token: tooEarly,
    offline: true,
    deviceTime: fromBeijing('2026-11-22', '09:00'),
  })
  expect(!refused.ok && refused.error.message).toMatch(/不在本次会议的签到时间内/)
})

test('leave: asked before the meeting, approved by the secretary, counted as 请假 not 缺席', async () => {
  const m = await scheduleToday()
  const asked = await api
    .as(MEMBER_B1)
    .call('leave.request', { meetingId: m.id, category: 'sick', note: '发烧就医' }, rid())
  expect(asked.status).toBe('pending')
  let b = await board(m.id)
  expect(b).toMatchObject({ onLeave: 0, leavePending: 1, absent: 16 })
  const memberView = await api.as('m_b1_09').call('attendance.board', { meetingId: m.id })
  expect(memberView.people.find((p) => p.memberId === MEMBER_B1)!.leave!.note).toBe('')

  const declineWithoutReason = await api
    .as(SECRETARY_B1)
    .result('leave.decide', { meetingId: m.id, memberId: MEMBER_B1, approve: false }, rid())
  expect(!declineWithoutReason.ok && declineWithoutReason.error.message).toMatch(/写明原因/)
  const decided = await api
    .as(SECRETARY_B1)
    .call('leave.decide', { meetingId: m.id, memberId: MEMBER_B1, approve: true }, rid())
  expect(decided.status).toBe('approved')
  b = await board(m.id)
  expect(b).toMatchObject({ onLeave: 1, leavePending: 0, absent: 15 })
  expect(b.people.find((p) => p.memberId === MEMBER_B1)).toMatchObject({
    state: 'leave',
    leave: { category: 'sick', note: '发烧就医', status: 'approved' },
  })
  const mine = await api.as(MEMBER_B1).call('leave.listMine', {})
  // Newest first; the rest are the demo seed's past meetings.
  expect(mine.map((l) => [l.meetingId, l.status])[0]).toEqual([m.id, 'approved'])
  expect(mine.slice(1).every((l) => l.meetingId.startsWith('mtg_seed_'))).toBe(true)
  const notices = await api.ports.store.count('notifications', [{ field: 'memberId', op: 'eq', value: MEMBER_B1 }])
  expect(notices).toBeGreaterThanOrEqual(2) // the meeting notice and the decision

  api.clock.now = m.startAt
  const tooLate = await api
    .as('m_b1_09')
    .result('leave.request', { meetingId: m.id, category: 'work', note: '出差' }, rid())
  expect(!tooLate.ok && tooLate.error.message).toMatch(/会议已经开始，不能再在线请假/)
})

test('remote attendance counts as remote once confirmed, never in person; manual marking is 代为登记', async () => {
  const m = await scheduleToday()
  const notAllowed = await api.as(MEMBER_B1).result('attendance.remoteRequest', { meetingId: m.id }, rid())
  expect(!notAllowed.ok && notAllowed.error.message).toMatch(/不支持远程参会/)
  await configure(m.id, { allowRemote: true, videoLink: '腾讯会议 123-456-789' })
  const mine = await api.as(MEMBER_B1).call('attendance.mine', { meetingId: m.id })
  expect(mine).toMatchObject({
    allowRemote: true,
    videoLink: '腾讯会议 123-456-789',
    role: 'participant',
    state: 'absent',
  })
  const asked = await api.as(MEMBER_B1).call('attendance.remoteRequest', { meetingId: m.id }, rid())
  expect(asked).toMatchObject({ mode: 'remote', confirmed: false })
  let b = await board(m.id)
  expect(b).toMatchObject({ present: 0, remotePending: 1 })
  await api.as(ORGANIZER_B1).call('attendance.remoteConfirm', { meetingId: m.id, memberId: MEMBER_B1 }, rid())
  await api
    .as(SECRETARY_B1)
    .call('attendance.markManual', { meetingId: m.id, memberId: 'm_b1_09', reason: '手机没电' }, rid())
  b = await board(m.id)
  expect(b).toMatchObject({ present: 2, inPerson: 1, remote: 1, remotePending: 0 })
  expect(b.people.find((p) => p.memberId === MEMBER_B1)).toMatchObject({ state: 'remote', via: 'remote' })
  expect(b.people.find((p) => p.memberId === 'm_b1_09')).toMatchObject({
    state: 'present',
    via: 'manual',
    manualReason: '手机没电',
    recordedBy: SECRETARY_B1,
  })
})

test('确认考勤 records the meeting as held with quorum from voting members only; re-confirming updates it', async () => {
  const m = await scheduleToday()
  const code = await openCode(m.id)
  // 预备党员 sign in but do not count toward quorum.
  await ok(signIn(PROBATIONARY_B1, { meetingId: m.id, token: signInToken(code.secret, m.id, api.clock.now) }))
  for (const id of ['m_b1_15', 'm_b1_16']) {
    await api
      .as(SECRETARY_B1)
      .call('attendance.markManual', { meetingId: m.id, memberId: id, reason: '未绑定微信' }, rid())
  }
  for (const id of FULL_B1.slice(0, 6)) {
    await ok(signIn(id, { meetingId: m.id, token: signInToken(code.secret, m.id, api.clock.now) }))
  }
  let b = await board(m.id)
  expect(b.present).toBe(9)
  expect(b.quorum).toMatchObject({ entitled: 13, needed: 7, presentCounting: 6, met: false })
  const early = await api.as(SECRETARY_B1).result('attendance.confirm', { meetingId: m.id }, rid())
  expect(!early.ok && early.error.message).toMatch(/开始后才能确认考勤/)

  api.clock.now = fromBeijing('2026-11-22', '11:00')
  const confirmed = await api.as(SECRETARY_B1).call('attendance.confirm', { meetingId: m.id }, rid())
  expect(confirmed.recordedAt).toBe(api.clock.now)
  let doc = await api.ports.store.get('meetings', m.id)
  expect(doc).toMatchObject({ attendanceRecordedAt: api.clock.now, quorumMet: false })

  await ok(signIn(FULL_B1[6], { meetingId: m.id, token: signInToken(code.secret, m.id, api.clock.now) }))
  b = await board(m.id)
  expect(b.quorum!.met).toBe(true)
  const firstRecordedAt = api.clock.now
  api.clock.now += 5 * MIN
  await api.as(SECRETARY_B1).call('attendance.confirm', { meetingId: m.id }, rid())
  doc = await api.ports.store.get('meetings', m.id)
  expect(doc).toMatchObject({ attendanceRecordedAt: firstRecordedAt, quorumMet: true })
  const summary = await api.as(SECRETARY_B1).call('meeting.get', { meetingId: m.id })
  expect(summary).toMatchObject({ held: true, quorumMet: true })
})

test('the printed venue code signs in only within the radius; 列席 guests added after sign-in opened are logged', async () => {
  const m = await scheduleToday('theme_day', { title: '主题党日' })
  const noPlace = await api.as(SECRETARY_B1).result('attendance.printedCode', { meetingId: m.id }, rid())
  expect(!noPlace.ok && noPlace.error.message).toMatch(/请先在签到设置中填写签到地点/)
  await configure(m.id, { place: { lat: 31.2304, lng: 121.4737, radius: 100, label: '党群服务中心' } })
  const printed = await api.as(SECRETARY_B1).call('attendance.printedCode', { meetingId: m.id }, rid())
  expect(printed.image).toMatch(/^data:image\/png;base64,/)
  expect(printed.scene.length).toBeLessThanOrEqual(32)
  const far = await api
    .as(MEMBER_B1)
    .result('attendance.signInPrinted', { scene: printed.scene, location: { lat: 31.24, lng: 121.4737 } }, rid())
  expect(!far.ok && far.error.message).toMatch(/超出 100 米签到范围/)
  const none = await api.as(MEMBER_B1).result('attendance.signInPrinted', { scene: printed.scene }, rid())
  expect(!none.ok && none.error.message).toMatch(/获取位置/)
  expect(await recordsOf(m.id)).toBe(0)
  const r = await api
    .as(MEMBER_B1)
    .call('attendance.signInPrinted', { scene: printed.scene, location: { lat: 31.2305, lng: 121.4738 } }, rid())
  expect(r).toMatchObject({ via: 'printed_code', created: true })

  // Guests: before sign-in opens no history; after, the change is kept.
  await api.as(SECRETARY_B1).call('attendance.inviteGuests', { meetingId: m.id, memberIds: [SUPERVISOR] }, rid())
  expect(await api.ports.store.count('meeting_history', [{ field: 'meetingId', op: 'eq', value: m.id }])).toBe(0)
  await openCode(m.id)
  await api.as(SECRETARY_B1).call('attendance.inviteGuests', { meetingId: m.id, memberIds: [MEMBER_B2] }, rid())
  // A member of another branch joins the list once they accept (issue 18; tests/cloud/guests-other-branch.test.ts).
  await api.as(MEMBER_B2).call('attendance.answerGuestInvite', { meetingId: m.id, accept: true }, rid())
  const history = await api.ports.store.query<{ summary: string[] }>('meeting_history', {
    where: [{ field: 'meetingId', op: 'eq', value: m.id }],
    limit: 10,
  })
  expect(history.items.map((h) => h.summary[0])).toEqual([
    expect.stringMatching(/签到开放后增加列席人员：唐丽|签到开放后增加列席人员：.+/),
  ])
  const b = await board(m.id)
  expect(b.expected).toBe(16)
  expect(b.people.filter((p) => p.guest).map((p) => [p.memberId, p.votingRights])).toEqual([
    [SUPERVISOR, false],
    [MEMBER_B2, false],
  ])
  // A guest signs in with the rotating code (from inside the radius) and stays out of 应到.
  const code = await openCode(m.id)
  await ok(
    signIn(MEMBER_B2, {
      meetingId: m.id,
      token: signInToken(code.secret, m.id, api.clock.now),
      location: { lat: 31.2304, lng: 121.4737 },
    }),
  )
  const after = await board(m.id)
  expect(after).toMatchObject({ expected: 16, present: 1 })
  expect(after.people.find((p) => p.memberId === MEMBER_B2)!.state).toBe('present')
})

test('the demo seed writes attendance for past meetings that agrees with their recorded quorum, once', async () => {
  const { seedDemoAttendance } = await import('../../src/cloud/seed/demo-attendance')
  const { readAttendanceBoard } = await import('../../src/cloud/attendance-board')
  expect(await api.ports.store.count('attendance')).toBeGreaterThan(100)
  expect(await seedDemoAttendance(api.ports.store, api.clock.now)).toBe(0)
  const held = await api.ports.store.query<Parameters<typeof readAttendanceBoard>[1]>('meetings', {
    where: [{ field: 'branchId', op: 'eq', value: 'org_b1' }],
    orderBy: { field: 'startAt', direction: 'asc' },
    limit: 100,
  })
  let checked = 0
  for (const m of held.items.filter((x) => x.attendanceRecordedAt != null)) {
    const b = await readAttendanceBoard(api.ports.store, m, api.clock.now)
    expect(b.present).toBeGreaterThan(0)
    if (m.quorumMet != null) expect([m._id, b.quorum!.met]).toEqual([m._id, m.quorumMet])
    checked += 1
  }
  expect(checked).toBeGreaterThan(10)
})
