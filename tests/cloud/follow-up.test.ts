/**
 * Issue 20 §4–5 against the real embedded API: `meeting.checkSchedule` warns of the same people at
 * the same time and of a second 主题党日 in a month (and `meeting.schedule` still saves when the
 * organizer goes on); the 阅签 follow-up lists who has not read and reminds each of them once per
 * record, however often the organizer taps.
 */
import type { ActionName } from '../../src/domain/api/catalog'
import type { MeetingDetail } from '../../src/domain/api/views'
import { fromBeijing } from '../../src/domain/beijing-time'
import { readReminderId } from '../../src/cloud/actions/minutes/read-follow-up'
import { MEMBER_B1, SECRETARY_B1, apiPerTest, requestIds, scheduleInput, type In, type Out } from './api-fixture'

const MIN = 60_000
const api = apiPerTest()
const rid = requestIds('follow-up-test')

const ok = <N extends ActionName>(memberId: string, action: N, input: In<N>, write = false): Promise<Out<N>> =>
  api.as(memberId).call(action, input, write ? rid() : undefined)

describe('meeting.checkSchedule', () => {
  it('warns of a 党小组会 during a 党员大会 of the same people, and of a second 主题党日 in a month; scheduling still works', async () => {
    const congress = await ok(
      SECRETARY_B1,
      'meeting.schedule',
      scheduleInput({
        kind: 'branch_congress',
        title: '五月党员大会',
        date: '2027-05-12',
        startTime: '14:00',
        endTime: '16:00',
      }),
      true,
    )
    const groups = await ok(SECRETARY_B1, 'org.listGroups', {})
    const groupInput = scheduleInput({
      kind: 'group_meeting',
      title: '第一党小组学习',
      date: '2027-05-12',
      startTime: '15:00',
      endTime: '16:30',
      groupId: groups[0].id,
    })
    const check = await ok(SECRETARY_B1, 'meeting.checkSchedule', groupInput)
    const overlap = check.warnings.filter((w) => w.reason === 'overlap')
    expect(overlap).toHaveLength(1)
    expect(overlap[0].meetingIds).toEqual([congress.id])
    expect(overlap[0].message).toContain('与「五月党员大会」（2027年05月12日 周三 14:00–16:00）时间重叠')
    // One hour later nobody is in two places.
    const later = await ok(SECRETARY_B1, 'meeting.checkSchedule', {
      ...groupInput,
      startTime: '16:00',
      endTime: '17:00',
    })
    expect(later.warnings.filter((w) => w.reason === 'overlap')).toEqual([])

    const theme = scheduleInput({
      kind: 'theme_day',
      title: '五月主题党日',
      date: '2027-05-20',
      startTime: '09:00',
      endTime: '11:00',
    })
    expect((await ok(SECRETARY_B1, 'meeting.checkSchedule', theme)).warnings).toEqual([])
    const first = await ok(SECRETARY_B1, 'meeting.schedule', theme, true)
    const again = { ...theme, date: '2027-05-27' }
    const second = await ok(SECRETARY_B1, 'meeting.checkSchedule', again)
    expect(second.warnings).toEqual([expect.objectContaining({ reason: 'repeat', meetingIds: [first.id] })])
    expect(second.warnings[0].message).toContain('2027年5月已经安排或召开过 1 次主题党日（05月20日）')
    // A warning, never a refusal: the organizer may go on.
    const saved = await ok(SECRETARY_B1, 'meeting.schedule', again, true)
    expect(saved.kind).toBe('theme_day')
  })

  it('is for those who schedule: an ordinary member is refused', async () => {
    const r = await api.as(MEMBER_B1).result('meeting.checkSchedule', scheduleInput({ date: '2027-05-20' }))
    expect(r.ok).toBe(false)
  })
})

describe('阅签 follow-up', () => {
  async function finalMinutes(): Promise<MeetingDetail> {
    const start = fromBeijing('2026-11-22', '14:00')
    const m = await ok(
      SECRETARY_B1,
      'meeting.schedule',
      scheduleInput({
        kind: 'party_lecture',
        title: '党课：条例学习',
        date: '2026-11-22',
        startTime: '14:00',
        endTime: '16:00',
      }),
      true,
    )
    api.clock.now = start + 10 * MIN
    for (const p of m.participants) {
      await ok(SECRETARY_B1, 'attendance.markManual', { meetingId: m.id, memberId: p.id, reason: '会场登记' }, true)
    }
    api.clock.now = start + 2 * 60 * MIN + MIN
    await ok(SECRETARY_B1, 'attendance.confirm', { meetingId: m.id }, true)
    const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
    const content = {
      ...view.content!,
      chair: '张建国',
      recorder: '李晓红',
      items: view.content!.items.map((item) => ({ ...item, speeches: '大家发言', decision: '通过' })),
    }
    const saved = await ok(SECRETARY_B1, 'minutes.saveDraft', { meetingId: m.id, version: view.version, content }, true)
    await ok(SECRETARY_B1, 'minutes.finalize', { meetingId: m.id, version: saved.version }, true)
    return m
  }

  it('refuses before the minutes are final, saying what to do', async () => {
    const m = await ok(SECRETARY_B1, 'meeting.schedule', scheduleInput({ date: '2026-12-04' }), true)
    const r = await api.as(SECRETARY_B1).result('minutes.readers', { meetingId: m.id })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toContain('定稿后参会党员才能阅签')
  })

  it('lists who has and has not read, and reminds each unread participant once per record', async () => {
    const m = await finalMinutes()
    const expected = m.participants.length
    await ok(MEMBER_B1, 'minutes.confirmRead', { meetingId: m.id }, true)

    const before = await ok(SECRETARY_B1, 'minutes.readers', { meetingId: m.id })
    expect(before.read.map((r) => r.memberId)).toEqual([MEMBER_B1])
    expect(before.unread).toHaveLength(expected - 1)
    expect(before.remindable).toBe(expected - 1)

    const first = await ok(SECRETARY_B1, 'minutes.remindReaders', { meetingId: m.id }, true)
    expect(first).toMatchObject({ sent: expected - 1, alreadyReminded: 0 })
    expect(first.followUp.remindable).toBe(0)
    expect(first.followUp.unread.every((r) => r.remindedAt === api.clock.now)).toBe(true)
    // The one who read gets no reminder; each of the others exactly one.
    expect(await api.ports.store.get('notifications', readReminderId(m.id, MEMBER_B1))).toBeNull()
    for (const r of before.unread) {
      const n = await api.ports.store.get('notifications', readReminderId(m.id, r.memberId))
      expect(n).toMatchObject({ memberId: r.memberId, template: 'minutes.final', meetingId: m.id })
    }
    const countReminders = async () =>
      (
        await api.ports.store.query('notifications', {
          where: [{ field: 'meetingId', op: 'eq', value: m.id }],
          limit: 500,
        })
      ).items.filter((n) => n._id.endsWith('.minutes.read-reminder')).length
    expect(await countReminders()).toBe(expected - 1)

    // A second tap, a day later: nothing is sent again.
    api.clock.now += 24 * 60 * MIN
    const second = await ok(SECRETARY_B1, 'minutes.remindReaders', { meetingId: m.id }, true)
    expect(second).toMatchObject({ sent: 0, alreadyReminded: expected - 1 })
    expect(await countReminders()).toBe(expected - 1)
  })

  it('is for those who organize: a member may not see who has not read nor remind them', async () => {
    const m = await finalMinutes()
    expect((await api.as(MEMBER_B1).result('minutes.readers', { meetingId: m.id })).ok).toBe(false)
    expect((await api.as(MEMBER_B1).result('minutes.remindReaders', { meetingId: m.id }, rid())).ok).toBe(false)
  })
})
