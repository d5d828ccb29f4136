/** 流动党员: registry, idempotent check-ins, reports, 补学 that never counts as attendance, and the daily reminders. */
import type { MobileBranchView } from '../../src/domain/api/views-mobile'
import { mobileReminders } from '../../src/cloud/jobs/mobile-reminders'
import { DAILY_JOBS } from '../../src/cloud/jobs'
import { DAY_MS } from '../../src/domain/mobile'
import { checkinPhotoUpload } from '../../src/domain/uploads'
import type { Meeting } from '../../src/domain/meeting'
import {
  MEMBER_B1,
  MOBILE_B1,
  MOBILE_B2,
  SECRETARY_B1,
  SECRETARY_B2,
  SUPERVISOR,
  apiPerTest,
  requestIds,
} from './api-fixture'

const api = apiPerTest()

const rid = requestIds('req-mobile')

const checkin = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  city: '广东省深圳市',
  note: '在深圳项目部工作，本月参加了流入地党支部的集中学习。',
  deviceTime: api.clock.now - 60_000,
  ...extra,
})

const rowOf = (list: MobileBranchView, memberId: string) => list.rows.find((r) => r.memberId === memberId)!

test('the seeded branch list shows 吴俊杰 in 预警 with 需转接, most urgent first', async () => {
  const list = await api.as(SECRETARY_B1).call('mobile.listBranch', { branchId: 'org_b1' })
  expect(list.rows.map((r) => r.memberId)).toEqual([MOBILE_B1])
  expect(rowOf(list, MOBILE_B1)).toMatchObject({ state: 'warning', daysSinceContact: 100, transferDue: true })
  expect(list.counts.warning).toBe(1)
  const b2 = await api.as(SUPERVISOR).call('mobile.listBranch', { branchId: 'org_b2' })
  expect(rowOf(b2, MOBILE_B2)).toMatchObject({ state: 'lost_risk', daysSinceContact: 200 })
  // A plain member does not see the registry.
  const denied = await api.as(MEMBER_B1).result('mobile.listBranch', { branchId: 'org_b1' })
  expect(!denied.ok && denied.error.code).toBe('FORBIDDEN')
})

test('a check-in replayed from the outbox (new request ids, same check-in id) makes one record', async () => {
  const input = checkin('ci-device-0001')
  const first = await api.as(MOBILE_B1).call('mobile.checkIn', input, rid())
  api.clock.now += 5 * 60_000
  const again = await api.as(MOBILE_B1).call('mobile.checkIn', input, rid())
  expect(again).toEqual(first)
  expect(first).toMatchObject({ deviceTime: input.deviceTime, receivedAt: api.clock.now - 5 * 60_000, kind: 'checkin' })
  expect(await api.ports.store.count('checkins', [{ field: 'memberId', op: 'eq', value: MOBILE_B1 }])).toBe(4)

  const home = await api.as(MOBILE_B1).call('mobile.getMine', {})
  expect(home.profile).toMatchObject({
    state: 'normal',
    lastContactAt: first.receivedAt,
    lastCheckinAt: first.receivedAt,
  })
  expect(home.due).toMatchObject({ doneThisPeriod: true, dueDate: '2026-12-31', cadence: 'month' })
})

test('the same check-in sent concurrently makes one record and moves the contact once', async () => {
  const input = checkin('ci-device-0002')
  const results = await Promise.all(
    Array.from({ length: 6 }, () => api.as(MOBILE_B1).result('mobile.checkIn', input, rid())),
  )
  expect(results.every((r) => r.ok)).toBe(true)
  const ids = new Set(results.map((r) => (r.ok ? r.data.id : '')))
  expect([...ids]).toEqual(['ci-device-0002'])
  expect(await api.ports.store.count('checkins', [{ field: 'memberId', op: 'eq', value: MOBILE_B1 }])).toBe(4)
  const profile = await api.ports.store.get<{ lastContactAt: number }>('mobile_profiles', MOBILE_B1)
  expect(profile!.lastContactAt).toBe(api.clock.now)
})

test('a check-in id of someone else is refused; a member who is not 流动 cannot check in; neither writes', async () => {
  await api.as(MOBILE_B1).call('mobile.checkIn', checkin('ci-device-0003'), rid())
  const before = await api.ports.store.count('checkins')
  // m_b2_09 tries to reuse 吴俊杰's check-in id.
  const stolen = await api.as(MOBILE_B2).result('mobile.checkIn', checkin('ci-device-0003'), rid())
  expect(!stolen.ok && stolen.error.code).toBe('CONFLICT')
  const notMobile = await api.as(MEMBER_B1).result('mobile.checkIn', checkin('ci-device-0004'), rid())
  expect(!notMobile.ok && notMobile.error.message).toMatch(/流动/)
  const badClock = await api
    .as(MOBILE_B1)
    .result('mobile.checkIn', checkin('ci-device-0005', { deviceTime: api.clock.now + DAY_MS }), rid())
  expect(!badClock.ok && badClock.error.fields?.[0].field).toBe('deviceTime')
  expect(await api.ports.store.count('checkins')).toBe(before)
})

test('a photo arrives through storage, in the folder of its own check-in; anything else is refused', async () => {
  /** As the phone uploads it (src/domain/uploads.ts); returns the file id. */
  const upload = async (checkinId: string, bytes: Buffer, name = 'photo.jpg') =>
    (await api.ports.files.put(`${checkinPhotoUpload(checkinId).dir}${name}`, bytes, 'image/jpeg')).fileId
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)])
  const uploaded = await upload('ci-photo-0001', jpeg)
  const withPhoto = await api
    .as(MOBILE_B1)
    .call('mobile.checkIn', checkin('ci-photo-0001', { photoFileId: uploaded }), rid())
  expect(withPhoto.hasPhoto).toBe(true)
  const doc = await api.ports.store.get<{ photoFileId: string }>('checkins', 'ci-photo-0001')
  expect(doc!.photoFileId).toBe(`local:checkins/${MOBILE_B1}/ci-photo-0001.jpg`)
  expect((await api.ports.files.get(doc!.photoFileId)).equals(jpeg)).toBe(true)
  // The upload was only the way in.
  await expect(api.ports.files.get(uploaded)).rejects.toMatchObject({ code: 'ENOENT' })

  const refusal = async (id: string, photoFileId: string) => {
    const before = await api.ports.store.count('checkins')
    const r = await api.as(MOBILE_B1).result('mobile.checkIn', checkin(id, { photoFileId }), rid())
    expect(!r.ok && r.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'photoFileId' }] })
    expect(await api.ports.store.count('checkins')).toBe(before)
    return !r.ok ? r.error.message : ''
  }
  expect(await refusal('ci-photo-0002', await upload('ci-photo-0002', Buffer.from('not an image at all')))).toMatch(
    /只能是 JPG 或 PNG/,
  )
  // Another check-in's photo, or one never uploaded, serves no check-in.
  expect(await refusal('ci-photo-0003', await upload('ci-photo-9999', jpeg))).toMatch(/不是为这里上传的/)
  expect(await refusal('ci-photo-0004', 'local:uploads/checkins/ci-photo-0004/photo.jpg')).toMatch(/已不在存储中/)
  const big = Buffer.concat([jpeg, Buffer.alloc(checkinPhotoUpload('x').maxBytes)])
  expect(await refusal('ci-photo-0005', await upload('ci-photo-0005', big))).toMatch(/太大.*最大 1024 KB/)
})

test('the secretary sees 预警 turn 正常 after a check-in; a report is read and replied to', async () => {
  const before = await api.as(SECRETARY_B1).call('mobile.get', { memberId: MOBILE_B1 })
  expect(before.profile!.state).toBe('warning')
  expect(before.requirement).toMatchObject({ met: false, label: '待提交', deadline: '2026-12-31' })

  await api.as(MOBILE_B1).call('mobile.checkIn', checkin('ci-device-0010'), rid())
  const report = await api.as(MOBILE_B1).call(
    'mobile.reportSubmit',
    {
      id: 'rp-device-0001',
      year: 2026,
      kind: 'thought',
      title: '2026年思想汇报',
      body: '今年在外务工，坚持学习……',
    },
    rid(),
  )
  const after = await api.as(SECRETARY_B1).call('mobile.get', { memberId: MOBILE_B1 })
  expect(after.profile!.state).toBe('normal')
  expect(after.requirement).toMatchObject({ met: true, label: '已完成' })
  expect(after.timeline[0].kind).toMatch(/report|checkin/)
  expect(after.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['checkin', 'report']))
  // The secretary was told about the report.
  expect(await api.ports.store.get('notifications', `report.rp-device-0001.${SECRETARY_B1}.submitted`)).toBeTruthy()

  const read = await api
    .as(SECRETARY_B1)
    .call('mobile.reportMarkRead', { reportId: report.id, reply: '收到，继续保持。' }, rid())
  expect(read).toMatchObject({ readByName: '张建国', reply: '收到，继续保持。' })
  expect(read.readAt).toBe(api.clock.now)
  const mine = await api.as(MOBILE_B1).call('mobile.reportGet', { reportId: report.id })
  expect(mine.reply).toBe('收到，继续保持。')
  // Nobody else reads it through the member's own action, and another branch's secretary cannot mark it.
  const other = await api.as(MEMBER_B1).result('mobile.reportGet', { reportId: report.id })
  expect(!other.ok && other.error.code).toBe('NOT_FOUND')
  const b2 = await api.as(SECRETARY_B2).result('mobile.reportMarkRead', { reportId: report.id }, rid())
  expect(!b2.ok && b2.error.code).toBe('FORBIDDEN')
})

test('registering a member who became 流动, and a stale edit is refused', async () => {
  const memberId = 'm_b1_12'
  const notYet = await api
    .as(SECRETARY_B1)
    .result(
      'mobile.updateProfile',
      { memberId, version: null, since: '2026-09-01', city: '江苏省苏州市', reason: 'study', contact: '13800001444' },
      rid(),
    )
  expect(!notYet.ok && notYet.error.message).toMatch(/流动/)
  await api
    .as(SECRETARY_B1)
    .call('roster.update', { memberId, version: 1, status: 'mobile', reason: '外出求学' }, rid())
  const list = await api.as(SECRETARY_B1).call('mobile.listBranch', {})
  expect(list.unregistered.map((u) => u.memberId)).toEqual([memberId])

  const input = {
    memberId,
    version: null,
    since: '2026-09-01',
    city: '江苏省苏州市',
    reason: 'study' as const,
    contact: '13800001444',
  }
  const created = await api.as(SECRETARY_B1).call('mobile.updateProfile', input, rid())
  expect(created).toMatchObject({ state: 'normal', transferDue: false, version: 1, certificateNo: '' })
  const dup = await api.as(SECRETARY_B1).result('mobile.updateProfile', input, rid())
  expect(!dup.ok && dup.error.code).toBe('CONFLICT')
  const edited = await api
    .as(SECRETARY_B1)
    .call('mobile.updateProfile', { ...input, version: 1, certificateNo: 'LD-001' }, rid())
  expect(edited).toMatchObject({ certificateNo: 'LD-001', version: 2 })
  const stale = await api
    .as(SECRETARY_B1)
    .result('mobile.updateProfile', { ...input, version: 1, city: '上海市' }, rid())
  expect(!stale.ok && stale.error.code).toBe('CONFLICT')
  expect((await api.ports.store.get<{ city: string }>('mobile_profiles', memberId))!.city).toBe('江苏省苏州市')

  // Logging a contact moves the last contact.
  api.clock.now += 40 * DAY_MS
  const list2 = await api.as(SECRETARY_B1).call('mobile.listBranch', {})
  expect(rowOf(list2, memberId).state).toBe('needs_contact')
  const contacted = await api
    .as(SECRETARY_B1)
    .call('mobile.recordContact', { memberId, note: '电话联系，学习情况良好' }, rid())
  expect(contacted).toMatchObject({ state: 'normal', daysSinceContact: 0 })
})

test('thresholds are data set by the 党委; cadence by the branch', async () => {
  const rules = await api
    .as(SUPERVISOR)
    .call('mobile.setThresholds', { needsContactDays: 10, warningDays: 20, lostRiskMonths: 3 }, rid())
  expect(rules.source.thresholds).toBe('org_cmte')
  const list = await api.as(SECRETARY_B1).call('mobile.listBranch', {})
  expect(rowOf(list, MOBILE_B1).state).toBe('lost_risk')
  const bad = await api
    .as(SUPERVISOR)
    .result('mobile.setThresholds', { needsContactDays: 30, warningDays: 20, lostRiskMonths: 3 }, rid())
  expect(!bad.ok && bad.error.fields?.[0].field).toBe('warningDays')

  const cadence = await api.as(SECRETARY_B1).call('mobile.setCadence', { cadence: 'quarter' }, rid())
  expect(cadence).toMatchObject({ cadence: 'quarter', source: { cadence: 'org_b1', thresholds: 'org_cmte' } })
  const home = await api.as(MOBILE_B1).call('mobile.getMine', {})
  expect(home.due).toMatchObject({ cadence: 'quarter', dueDate: '2026-12-31' })
})

describe('补学', () => {
  async function missedFinalMeeting(): Promise<string> {
    const home = await api.as(MOBILE_B1).call('mobile.getMine', {})
    const m = home.missed.find((x) => x.minutesFinal && x.makeup === 'none' && x.kind === 'theme_day')
    if (!m) throw new Error('no missed meeting with final minutes in the demo')
    return m.meetingId
  }

  test('is recorded as such, accepted by the secretary, and never changes attendance or compliance', async () => {
    const meetingId = await missedFinalMeeting()
    const snapshot = async () => ({
      meeting: await api.ports.store.get('meetings', meetingId),
      attendance: await api.ports.store.count('attendance', [{ field: 'meetingId', op: 'eq', value: meetingId }]),
      counters: (await api.ports.store.query('compliance_counters', { limit: 100 })).items,
      summary: await api.as(SUPERVISOR).result('compliance.summary', { orgId: 'org_cmte' }),
      board: await api.as(SECRETARY_B1).result('attendance.board', { meetingId }),
    })
    const before = await snapshot()
    expect(before.board.ok).toBe(true)
    const page = await api.as(MOBILE_B1).call('makeup.get', { meetingId })
    expect(page).toMatchObject({ canSubmit: true, mine: null, all: null })

    const note = '阅读了会议记录，学习了会议传达的上级精神，将在工作中落实。'
    const made = await api.as(MOBILE_B1).call('makeup.submit', { meetingId, note }, rid())
    expect(made).toMatchObject({ id: `${meetingId}.${MOBILE_B1}`, acceptedAt: null })
    // Submitting again (another request) returns the same record; a different note is refused.
    expect(await api.as(MOBILE_B1).call('makeup.submit', { meetingId, note }, rid())).toEqual(made)
    const changed = await api.as(MOBILE_B1).result('makeup.submit', { meetingId, note: `${note}补充` }, rid())
    expect(!changed.ok && changed.error.code).toBe('CONFLICT')

    const forSecretary = await api.as(SECRETARY_B1).call('makeup.get', { meetingId })
    expect(forSecretary.all!.map((m) => m.memberId)).toEqual([MOBILE_B1])
    const accepted = await api.as(SECRETARY_B1).call('makeup.accept', { meetingId, memberId: MOBILE_B1 }, rid())
    expect(accepted).toMatchObject({ acceptedByName: '张建国', acceptedAt: api.clock.now })
    const home = await api.as(MOBILE_B1).call('mobile.getMine', {})
    expect(home.missed.find((m) => m.meetingId === meetingId)!.makeup).toBe('accepted')

    expect(await snapshot()).toEqual(before)
  })

  test('only for a participant who missed a meeting whose minutes are final', async () => {
    const meetingId = await missedFinalMeeting()
    const note = '阅读了会议记录，学习了会议传达的上级精神。'
    // A member who was there (signed in; the demo seed may already have signed him in).
    const signedIn = await api.ports.store.get('attendance', `${meetingId}.${MEMBER_B1}`)
    if (!signedIn)
      await api.ports.store.insert('attendance', {
        _id: `${meetingId}.${MEMBER_B1}`,
        meetingId,
        memberId: MEMBER_B1,
        branchId: 'org_b1',
        mode: 'in_person',
        late: false,
        via: 'qr',
        signedAt: api.clock.now,
        offline: false,
        manualReason: null,
        recordedBy: null,
        confirmed: true,
        receivedAt: api.clock.now,
        confirmedBy: null,
        confirmedAt: null,
      })
    const attended = await api.as(MEMBER_B1).result('makeup.submit', { meetingId, note }, rid())
    expect(!attended.ok && attended.error.message).toMatch(/已出席/)

    const mtg = (await api.ports.store.get<Omit<Meeting, 'id'> & { minutesFinalizedAt: number | null }>(
      'meetings',
      meetingId,
    ))!
    await api.ports.store.update('meetings', meetingId, { minutesFinalizedAt: null }, mtg._version)
    const notFinal = await api.as(MOBILE_B1).result('makeup.submit', { meetingId, note }, rid())
    expect(!notFinal.ok && notFinal.error.message).toMatch(/定稿/)
    const page = await api.as(MOBILE_B1).call('makeup.get', { meetingId })
    expect(page).toMatchObject({ canSubmit: false, reason: expect.stringMatching(/定稿/) })

    // Another branch's meeting is out of reach.
    const other = await api.as(SECRETARY_B2).result('makeup.submit', { meetingId, note }, rid())
    expect(!other.ok && other.error.code).toBe('FORBIDDEN')
    expect(await api.ports.store.count('makeups')).toBe(0)
  })
})

describe('daily reminders', () => {
  test('is registered among the daily jobs', () => {
    expect(DAILY_JOBS).toContain(mobileReminders)
  })

  test('tells each secretary once per crossing, most urgent first; a second run sends nothing', async () => {
    // A second mobile member in 第一党支部, last contact 200 days ago (失联风险).
    await api
      .as(SECRETARY_B1)
      .call('roster.update', { memberId: 'm_b1_12', version: 1, status: 'mobile', reason: '外出' }, rid())
    await api.as(SECRETARY_B1).call(
      'mobile.updateProfile',
      {
        memberId: 'm_b1_12',
        version: null,
        since: '2026-10-01',
        city: '上海市',
        reason: 'work',
        contact: '13800001444',
      },
      rid(),
    )
    const p = (await api.ports.store.get('mobile_profiles', 'm_b1_12'))!
    await api.ports.store.update(
      'mobile_profiles',
      'm_b1_12',
      { lastContactAt: api.clock.now - 200 * DAY_MS },
      p._version,
    )

    const first = await mobileReminders.run(api.ports, api.clock.now)
    const b1 = first.details.filter((d) => d.startsWith('第一党支部'))
    expect(b1).toEqual(['第一党支部 孙立新：失联风险', '第一党支部 吴俊杰：预警', '第一党支部 吴俊杰：需转接组织关系'])
    expect(first.details).toContain('第二党支部 韩磊：失联风险')
    const warned = await api.ports.store.get<{ memberId: string; page: string }>(
      'notifications',
      `mobile.${MOBILE_B1}.warning.${FIXED_LAST_CONTACT()}.${SECRETARY_B1}`,
    )
    expect(warned).toMatchObject({ memberId: SECRETARY_B1, page: `packages/mobile/pages/member/index?id=${MOBILE_B1}` })

    const second = await mobileReminders.run(api.ports, api.clock.now + 3600_000)
    expect(second.sent).toBe(0)

    // After a contact and a new crossing the secretary is told again, once.
    await api.as(MOBILE_B1).call('mobile.checkIn', checkin('ci-device-0020'), rid())
    const later = api.clock.now + 31 * DAY_MS
    const third = await mobileReminders.run(api.ports, later)
    expect(third.details.filter((d) => d.includes('吴俊杰'))).toEqual(['第一党支部 吴俊杰：需联系'])
    expect((await mobileReminders.run(api.ports, later)).sent).toBe(0)
  })

  test('reminds the member in the last week of a cadence period without a check-in, once per period', async () => {
    const early = await mobileReminders.run(api.ports, api.clock.now) // 22 November: 8 days left
    expect(early.details.some((d) => d.includes('报到提醒'))).toBe(false)
    const lastWeek = api.clock.now + 3 * DAY_MS // 25 November
    const r = await mobileReminders.run(api.ports, lastWeek)
    expect(r.details).toEqual(expect.arrayContaining(['第一党支部 吴俊杰：报到提醒（2026年11月）']))
    const notice = await api.ports.store.get<{ memberId: string; body: string }>(
      'notifications',
      `mobile.${MOBILE_B1}.checkin-due.2026-11`,
    )
    expect(notice).toMatchObject({ memberId: MOBILE_B1, body: expect.stringContaining('2026-11-30') })
    expect(
      (await mobileReminders.run(api.ports, lastWeek + DAY_MS)).details.filter((d) => d.includes('报到提醒')),
    ).toEqual([])
  })
})

function FIXED_LAST_CONTACT(): number {
  return api.clock.now - 100 * DAY_MS
}

test('the list and the member page say what the viewer may change, from the actions’ declarations', async () => {
  const secretary = await api.as(SECRETARY_B1).call('mobile.listBranch', {})
  expect(secretary.can).toEqual({ setCadence: true, setThresholds: false })
  const committee = await api.as(SUPERVISOR).call('mobile.listBranch', { branchId: 'org_b1' })
  expect(committee.can).toEqual({ setCadence: false, setThresholds: true })
  const member = await api.as(SECRETARY_B1).call('mobile.get', { memberId: MOBILE_B1 })
  expect(member.can).toEqual({
    editProfile: true,
    recordContact: true,
    markReports: true,
    recordSearch: true,
    proposeStop: true,
  })
  const fromAbove = await api.as(SUPERVISOR).call('mobile.get', { memberId: MOBILE_B1 })
  expect(fromAbove.can.editProfile).toBe(false)
})
