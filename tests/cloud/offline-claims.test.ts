/**
 * Offline sign-ins are claims (issue 18 §2), through the real router on the embedded store: a code
 * seen once during a meeting and uploaded `offline:true` later is pending (离线补传待确认, not counted)
 * until an organizer confirms it on the board; uploads are accepted only within the rule's window
 * after the end (default 2 hours, boundaries exact); lateness comes from the server's time of
 * arrival or the organizer's confirmation, never from the device's claim.
 */
import type { AttendanceBoard, SignInResult } from '../../src/domain/api/views-attendance'
import { DEFAULT_ATTENDANCE_RULES } from '../../src/domain/attendance'
import { signInToken } from '../../src/domain/attendance-token'
import { fromBeijing } from '../../src/domain/beijing-time'
import {
  MEMBER_B1,
  MEMBER_B2,
  PROBATIONARY_B1,
  SECRETARY_B1,
  apiPerTest,
  meetingAt,
  okData,
  requestIds,
} from './api-fixture'

const api = apiPerTest()
const rid = requestIds('offline-claims')

// 2026-11-22 10:30–12:00, sign-in open from 10:00, 迟到 after 10:35.
const START = fromBeijing('2026-11-22', '10:30')
const END = fromBeijing('2026-11-22', '12:00')
const SCANNED = fromBeijing('2026-11-22', '10:20')
const OTHER_B1 = 'm_b1_05'

async function meetingWithCode(): Promise<{ id: string; token: string }> {
  const m = await meetingAt(api, 'signin-open', {
    kind: 'branch_congress',
    title: '支部党员大会',
    startTime: '10:30',
    endTime: '12:00',
  })
  const code = await api.as(SECRETARY_B1).call('attendance.openCode', { meetingId: m.id }, rid())
  return { id: m.id, token: signInToken(code.secret, m.id, SCANNED) }
}

/** The offline upload of a code seen at 10:20, with the device's matching claimed time. */
const upload = (memberId: string, meetingId: string, token: string) =>
  api.as(memberId).raw('attendance.signIn', { meetingId, token, offline: true, deviceTime: SCANNED + 2_000 }, rid())

const board = (meetingId: string): Promise<AttendanceBoard> =>
  api.as(SECRETARY_B1).call('attendance.board', { meetingId })
const personOn = async (meetingId: string, memberId: string) =>
  (await board(meetingId)).people.find((p) => p.memberId === memberId)!
const recordsOf = (meetingId: string) =>
  api.ports.store.count('attendance', [{ field: 'meetingId', op: 'eq', value: meetingId }])

test('the upload window is rule data, 2 hours after the end by default, and its boundary is exact', async () => {
  expect(DEFAULT_ATTENDANCE_RULES.offlineUploadMs).toBe(2 * 3_600_000)
  const m = await meetingWithCode()
  // The finding: a day after the end the old code took this as present and on time.
  api.clock.now = END + 23 * 3_600_000
  const dayLater = await upload(MEMBER_B1, m.id, m.token)
  expect(!dayLater.ok && dayLater.error.message).toMatch(/会后 2 小时内上传/)
  api.clock.now = END + 2 * 3_600_000 + 1
  const justOver = await upload(MEMBER_B1, m.id, m.token)
  expect(!justOver.ok && justOver.error.message).toMatch(/会后 2 小时内上传/)
  expect(await recordsOf(m.id)).toBe(0)

  api.clock.now = END + 2 * 3_600_000
  const atLimit = await okData<SignInResult>(upload(MEMBER_B1, m.id, m.token))
  expect(atLimit).toMatchObject({ offline: true, via: 'offline', confirmed: false })
})

test('an offline upload is a pending claim: not counted, late by server time, 待确认 to the member', async () => {
  const m = await meetingWithCode()
  api.clock.now = END + 30 * 60_000
  const r = await okData<SignInResult>(upload(MEMBER_B1, m.id, m.token))
  // The device says 10:20 (on time); the server received it after the meeting: late, and not counted.
  expect(r).toMatchObject({ signedAt: SCANNED + 2_000, late: true, confirmed: false })
  const b = await board(m.id)
  expect(b).toMatchObject({ present: 0, inPerson: 0, offlinePending: 1, late: 0 })
  expect(b.quorum).toMatchObject({ presentCounting: 0 })
  expect(b.people.find((p) => p.memberId === MEMBER_B1)).toMatchObject({ state: 'offline_pending', offline: true })

  const mine = await api.as(MEMBER_B1).call('attendance.mine', { meetingId: m.id })
  expect(mine.state).toBe('offline_pending')
  expect(mine.record).toMatchObject({ confirmed: false })

  // Uploading again does not turn the claim into attendance.
  const again = await okData<SignInResult>(upload(MEMBER_B1, m.id, m.token))
  expect(again).toMatchObject({ created: false, confirmed: false })
})

test('an upload received during the meeting before 迟到 is on time by server time', async () => {
  const m = await meetingWithCode()
  api.clock.now = START + 4 * 60_000
  const r = await okData<SignInResult>(upload(MEMBER_B1, m.id, m.token))
  expect(r).toMatchObject({ late: false, confirmed: false })
})

test('the organizer confirms claims one by one or all at once; only then they count', async () => {
  const m = await meetingWithCode()
  api.clock.now = END + 20 * 60_000
  for (const id of [MEMBER_B1, PROBATIONARY_B1, OTHER_B1]) await okData(upload(id, m.id, m.token))
  expect((await board(m.id)).offlinePending).toBe(3)

  // Members cannot confirm their own claims.
  const self = await api
    .as(MEMBER_B1)
    .raw('attendance.offlineConfirm', { meetingId: m.id, memberIds: [MEMBER_B1] }, rid())
  expect(self.ok).toBe(false)
  // A name without a claim refuses the whole request and changes nothing.
  const before = await api.ports.store.get('attendance', `${m.id}.${MEMBER_B1}`)
  const mixed = await api
    .as(SECRETARY_B1)
    .raw('attendance.offlineConfirm', { meetingId: m.id, memberIds: [MEMBER_B1, MEMBER_B2] }, rid())
  expect(!mixed.ok && mixed.error.message).toMatch(/没有离线补传的签到/)
  expect(await api.ports.store.get('attendance', `${m.id}.${MEMBER_B1}`)).toEqual(before)

  // One by one, seen on time by the organizer.
  api.clock.now += 60_000
  const confirmedAt = api.clock.now
  let b = await api
    .as(SECRETARY_B1)
    .call('attendance.offlineConfirm', { meetingId: m.id, memberIds: [MEMBER_B1], onTime: true }, rid())
  expect(b).toMatchObject({ present: 1, offlinePending: 2, late: 0 })
  expect(b.people.find((p) => p.memberId === MEMBER_B1)).toMatchObject({
    state: 'present',
    late: false,
    confirmedBy: SECRETARY_B1,
    confirmedAt,
  })
  // 一键确认: the rest, lateness as the server judged it.
  b = await api
    .as(SECRETARY_B1)
    .call('attendance.offlineConfirm', { meetingId: m.id, memberIds: [PROBATIONARY_B1, OTHER_B1, MEMBER_B1] }, rid())
  expect(b).toMatchObject({ present: 3, offlinePending: 0, late: 2 })
  expect((await personOn(m.id, MEMBER_B1)).confirmedAt).toBe(confirmedAt)
})

test('a live scan during the meeting replaces a pending claim', async () => {
  const m = await meetingWithCode()
  api.clock.now = START + 20 * 60_000
  await okData(upload(MEMBER_B1, m.id, m.token))
  const code = await api.as(SECRETARY_B1).call('attendance.openCode', { meetingId: m.id }, rid())
  const live = await okData<SignInResult>(
    api
      .as(MEMBER_B1)
      .raw('attendance.signIn', { meetingId: m.id, token: signInToken(code.secret, m.id, api.clock.now) }, rid()),
  )
  expect(live).toMatchObject({ via: 'qr', confirmed: true, offline: false, late: true })
  expect((await personOn(m.id, MEMBER_B1)).state).toBe('present')
})

test('a committee may set the upload window in its rule set; an out-of-range value is not trusted', async () => {
  const m = await meetingWithCode()
  const setRule = async (value: unknown) => {
    const current = await api.ports.store.get<Record<string, unknown>>('rule_sets', 'org_cmte')
    if (current) {
      await api.ports.store.update('rule_sets', 'org_cmte', { attendanceOfflineUploadMs: value }, current._version)
    } else {
      await api.ports.store.insert('rule_sets', {
        _id: 'org_cmte',
        orgId: 'org_cmte',
        overrides: [],
        attendanceOfflineUploadMs: value,
      } as never)
    }
  }
  await setRule(30 * 60_000)
  api.clock.now = END + 30 * 60_000 + 1
  const late = await upload(MEMBER_B1, m.id, m.token)
  expect(!late.ok && late.error.message).toMatch(/会后 30 分钟内上传/)
  api.clock.now = END + 30 * 60_000
  expect((await okData<SignInResult>(upload(MEMBER_B1, m.id, m.token))).confirmed).toBe(false)

  // A window of a week is outside what a committee may set: the 2-hour default stands.
  await setRule(7 * 24 * 3_600_000)
  api.clock.now = END + 2 * 3_600_000 + 1
  const refused = await upload(PROBATIONARY_B1, m.id, m.token)
  expect(!refused.ok && refused.error.message).toMatch(/会后 2 小时内上传/)
})

test('once the minutes are final the attendance is locked: a claim can no longer be confirmed', async () => {
  const m = await meetingWithCode()
  api.clock.now = END + 10 * 60_000
  await okData(upload(MEMBER_B1, m.id, m.token))
  const sec = () => api.as(SECRETARY_B1)
  await sec().call('attendance.confirm', { meetingId: m.id }, rid())
  const view = await sec().call('minutes.get', { meetingId: m.id })
  expect(view.attendance!.absent.find((p) => p.memberId === MEMBER_B1)!.note).toBe('离线补传未确认')
  const content = {
    ...view.content!,
    chair: '张建国',
    recorder: '李晓红',
    items: view.content!.items.map((item) => ({ ...item, speeches: '发言', decision: '决议' })),
  }
  const draft = await sec().call('minutes.saveDraft', { meetingId: m.id, version: view.version, content }, rid())
  await sec().call('minutes.finalize', { meetingId: m.id, version: draft.version }, rid())
  const before = await api.ports.store.get('attendance', `${m.id}.${MEMBER_B1}`)
  const refused = await sec().raw('attendance.offlineConfirm', { meetingId: m.id, memberIds: [MEMBER_B1] }, rid())
  expect(!refused.ok && refused.error.message).toMatch(/会议记录已经定稿，考勤已锁定/)
  expect(await api.ports.store.get('attendance', `${m.id}.${MEMBER_B1}`)).toEqual(before)
})
