/** Editing, rescheduling and cancelling meetings: versioned, recorded, announced, never rewriting the past. */
import type { MeetingDetail } from '../../src/domain/api/views'
import { fromBeijing } from '../../src/domain/beijing-time'
import {
  expectRefused as refused,
  MEMBER_B1,
  ORGANIZER_B1,
  scheduleInput,
  SECRETARY_B1,
  apiPerTest,
} from './api-fixture'

const api = apiPerTest()
let meeting: MeetingDetail
beforeEach(async () => {
  const r = await api.as(SECRETARY_B1).result('meeting.schedule', scheduleInput(), 'sched-0001')
  if (!r.ok) throw new Error(r.error.message)
  meeting = r.data
})

/** meeting.edit of the scheduled meeting by `by`: a new title, its place and agenda kept. */
const editTitle = (by: string, title: string, requestId: string) =>
  api
    .as(by)
    .result(
      'meeting.edit',
      { meetingId: meeting.id, version: meeting.version, title, place: meeting.place, agenda: meeting.agenda },
      requestId,
    )

/** meeting.cancel of the scheduled meeting by `by`, at the version it was scheduled with. */
const cancel = (by: string, reason: string, requestId: string) =>
  api.as(by).result('meeting.cancel', { meetingId: meeting.id, version: meeting.version, reason }, requestId)

const counts = async () => ({
  history: await api.ports.store.count('meeting_history'),
  outbox: await api.ports.store.count('outbox'),
  version: (await api.ports.store.get('meetings', meeting.id))!._version,
})

test('a reschedule moves the meeting, records why, and tells each participant once even when replayed', async () => {
  const before = await counts()
  const input = {
    meetingId: meeting.id,
    version: meeting.version,
    date: '2026-12-11',
    startTime: '15:00',
    endTime: '17:00',
    reason: '与上级党委会议冲突',
  }
  const r = await api.as(ORGANIZER_B1).result('meeting.reschedule', input, 'resched-0001')
  expect(r.ok).toBe(true)
  if (!r.ok) return
  expect(r.data.startAt).toBe(fromBeijing('2026-12-11', '15:00'))
  expect(r.data.history).toHaveLength(1)
  expect(r.data.history[0]).toMatchObject({ change: 'rescheduled', reason: '与上级党委会议冲突' })
  expect(r.data.history[0].summary[0]).toMatch(/12月04日.*→.*12月11日/)
  const after = await counts()
  expect(after.history).toBe(before.history + 1)
  expect(after.outbox).toBe(before.outbox + meeting.participantCount)

  const replay = await api.as(ORGANIZER_B1).result('meeting.reschedule', input, 'resched-0001')
  expect(replay.ok && replay.data.startAt).toBe(r.data.startAt)
  expect(await counts()).toEqual(after)
})

test('a change from a stale version is refused and writes nothing', async () => {
  const first = await editTitle(SECRETARY_B1, '改过的主题', 'edit-0001')
  expect(first.ok).toBe(true)
  const before = await counts()
  const stale = await cancel(ORGANIZER_B1, '场地不可用', 'cancel-0001')
  refused(stale, 'CONFLICT', /修改过/)
  expect(await counts()).toEqual(before)
})

test('nothing about a meeting can be changed once it has started, nor cancelled once it has ended', async () => {
  api.clock.now = meeting.startAt + 60_000
  const before = await counts()
  refused(await editTitle(SECRETARY_B1, '会后补改的主题', 'edit-late-1'), 'CONFLICT', /已经开始/)
  api.clock.now = meeting.endAt + 60_000
  refused(await cancel(SECRETARY_B1, '没开成', 'cancel-late-1'), 'CONFLICT', /已经结束/)
  expect(await counts()).toEqual(before)
})

test('a cancelled meeting keeps its record and reason, shows as 已取消, and cannot be changed again', async () => {
  const r = await cancel(SECRETARY_B1, '疫情防控要求暂停集中活动', 'cancel-0002')
  expect(r.ok && r.data).toMatchObject({
    phase: 'cancelled',
    cancelReason: '疫情防控要求暂停集中活动',
    canManage: false,
  })
  const seen = await api.as(MEMBER_B1).result('meeting.get', { meetingId: meeting.id })
  expect(seen.ok && seen.data.phase).toBe('cancelled')
  expect(seen.ok && seen.data.canManage).toBe(false)
  refused(
    await api.as(SECRETARY_B1).result(
      'meeting.reschedule',
      {
        meetingId: meeting.id,
        version: r.ok ? r.data.version : 0,
        date: '2026-12-18',
        startTime: '15:00',
        endTime: '17:00',
        reason: '恢复召开',
      },
      'resched-0002',
    ),
    'CONFLICT',
    /已经取消/,
  )
})

test('bad input is refused in Chinese with the field named, and changes nothing', async () => {
  const before = await counts()
  const cases: [string, Record<string, unknown>, string][] = [
    ['meeting.cancel', { meetingId: meeting.id, version: meeting.version, reason: '  ' }, 'reason'],
    ['meeting.cancel', { meetingId: meeting.id, reason: '场地' }, 'version'],
    [
      'meeting.reschedule',
      {
        meetingId: meeting.id,
        version: meeting.version,
        date: '2026-12-11',
        startTime: '17:00',
        endTime: '15:00',
        reason: '冲突',
      },
      'endTime',
    ],
    [
      'meeting.reschedule',
      {
        meetingId: meeting.id,
        version: meeting.version,
        date: '2026-11-01',
        startTime: '15:00',
        endTime: '17:00',
        reason: '冲突',
      },
      'startTime',
    ],
    [
      'meeting.reschedule',
      {
        meetingId: meeting.id,
        version: meeting.version,
        date: '2026-02-30',
        startTime: '15:00',
        endTime: '17:00',
        reason: '冲突',
      },
      'date',
    ],
    [
      'meeting.edit',
      { meetingId: meeting.id, version: meeting.version, title: '', place: '会议室', agenda: ['学习'] },
      'title',
    ],
    [
      'meeting.edit',
      { meetingId: meeting.id, version: meeting.version, title: '主题', place: '会议室', agenda: [] },
      'agenda',
    ],
  ]
  for (const [i, [action, input, field]] of cases.entries()) {
    const r = await api.as(SECRETARY_B1).raw(action, input, `bad-input-${i}-x`)
    expect(r.ok).toBe(false)
    if (r.ok) continue
    expect(r.error.code).toBe('VALIDATION_FAILED')
    expect(r.error.message).toMatch(/[\u4e00-\u9fff]/)
    expect((r.error as { fields?: { field: string }[] }).fields?.map((f) => f.field)).toContain(field)
  }
  expect(await counts()).toEqual(before)
})

test('a plain member cannot change a meeting', async () => {
  const r = await api
    .as(MEMBER_B1)
    .result('meeting.cancel', { meetingId: meeting.id, version: 1, reason: '不想开' }, 'cancel-m-1')
  refused(r, 'FORBIDDEN', /没有权限/)
})
