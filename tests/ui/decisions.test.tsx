/**
 * The minutes editor's decision form (issue 16) in jsdom against the real server code: pick the
 * kind, the subject from the participants, type the votes and mark absent members' written opinions;
 * the count shows as it is typed (the video attendee not counted for 转正) and the draft saved on
 * the server carries the typed decision. An older untyped vote asks for its kind and keeps its counts.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import MinutesEditPage from '../../src/packages/minutes/pages/edit/index'
import type { MeetingDetail } from '../../src/domain/api/views'
import type { AttendanceBoard } from '../../src/domain/api/views-attendance'
import type { MinutesView } from '../../src/domain/api/views-minutes'
import { fromBeijing } from '../../src/domain/beijing-time'
import { MEMBER_B1, ORGANIZER_B1, PROBATIONARY_B1, SECRETARY_B1, scheduleInput } from '../cloud/api-fixture'
import { navigation } from '../mocks/taro'
import { link, linkPerTest, typeInto } from './real-api'

let seq = 0
async function as<T>(memberId: string, action: string, input: unknown, write = false): Promise<T> {
  const r = await link.api!.as(memberId).raw(action, input, write ? `ui-decisions-${++seq}` : undefined)
  if (!r.ok) throw new Error(`${action}: ${r.error.message}`)
  return r.data as T
}

linkPerTest(SECRETARY_B1)

/**
 * A 党员大会 on 2026-11-22 14:00–16:00: MEMBER_B1 by video, the last two members with a vote absent,
 * everyone else in person; attendance confirmed. Returns the meeting and the two absentees.
 */
async function heldCongress(): Promise<{ m: MeetingDetail; absent: { id: string; name: string }[] }> {
  const api = link.api!
  const m = await as<MeetingDetail>(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({
      kind: 'branch_congress',
      title: '支部党员大会：讨论预备党员转正',
      date: '2026-11-22',
      startTime: '14:00',
      endTime: '16:00',
      agenda: ['讨论预备党员转正'],
    }),
    true,
  )
  const settings = {
    meetingId: m.id,
    opensBefore: 30,
    lateAfter: 5,
    place: null,
    allowRemote: true,
    videoLink: '腾讯会议 1',
  }
  await as(SECRETARY_B1, 'attendance.configure', settings, true)
  await as(MEMBER_B1, 'attendance.remoteRequest', { meetingId: m.id }, true)
  api.clock.now = fromBeijing('2026-11-22', '14:10')
  const board = await as<AttendanceBoard>(SECRETARY_B1, 'attendance.board', { meetingId: m.id })
  const voters = board.people.filter((p) => p.votingRights && !p.guest && p.memberId !== MEMBER_B1)
  const absent = voters.slice(-2).map((p) => ({ id: p.memberId, name: p.name }))
  for (const p of board.people) {
    if (p.guest || p.memberId === MEMBER_B1 || absent.some((a) => a.id === p.memberId)) continue
    await as(SECRETARY_B1, 'attendance.markManual', { meetingId: m.id, memberId: p.memberId, reason: '会场登记' }, true)
  }
  await as(ORGANIZER_B1, 'attendance.remoteConfirm', { meetingId: m.id, memberId: MEMBER_B1 }, true)
  api.clock.now = fromBeijing('2026-11-22', '16:30')
  await as(SECRETARY_B1, 'attendance.confirm', { meetingId: m.id }, true)
  return { m, absent }
}

const text = (container: HTMLElement, selector: string) => container.querySelector(selector)?.textContent ?? ''
const click = async (container: HTMLElement, selector: string) => {
  const el = container.querySelector(selector)
  if (!el) throw new Error(`no ${selector}`)
  await act(async () => fireEvent.click(el))
}

test('the decision form: kind, subject, votes and written opinions, counted as typed and saved typed', async () => {
  const { m, absent } = await heldCongress()
  navigation.params = { meetingId: m.id }
  const page = render(<MinutesEditPage />)
  const c = page.container
  await waitFor(() => expect(c.querySelector('#item-0-decision-pick')).not.toBeNull())
  // Only the 党员大会's kinds are offered.
  expect(text(c, '#item-0-decision-pick')).toContain('预备党员转正')
  expect(text(c, '#item-0-decision-pick')).toContain('选举')

  await click(c, '#item-0-kind-confirm')
  expect(text(c, '#item-0-motion-kind')).toBe('表决事项：预备党员转正')
  // The subject is picked among the participants who are 预备党员.
  expect(c.querySelector(`#item-0-subject-${PROBATIONARY_B1}`)).not.toBeNull()
  expect(c.querySelector(`#item-0-subject-${SECRETARY_B1}`)).toBeNull()
  await click(c, `#item-0-subject-${PROBATIONARY_B1}`)
  expect(c.querySelector(`#item-0-subject-${PROBATIONARY_B1}`)!.className).toContain('decision__chip--on')

  // Written opinions are offered to the absent and the video attendee, not to those in the room.
  expect(c.querySelector(`#item-0-written-${absent[0].id}`)).not.toBeNull()
  expect(c.querySelector(`#item-0-written-${MEMBER_B1}`)).not.toBeNull()
  expect(c.querySelector(`#item-0-written-${SECRETARY_B1}`)).toBeNull()

  const view = await as<MinutesView>(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  const present = view.attendance!.roll!.filter((l) => l.votingRights && l.presence === 'in_person').length
  await act(async () => typeInto(c, 'item-0-motion-for', String(present)))
  expect(text(c, '#item-0-tally')).toMatch(new RegExp(`计入到会 ${present} 人`))
  expect(text(c, '#item-0-people')).toContain('远程参会，本项表决不计入到会人数和票数')

  // One vote too many is flagged as typed.
  await act(async () => typeInto(c, 'item-0-motion-against', '1'))
  expect(text(c, '#item-0-tally')).toMatch(/多于计入到会有表决权的/)
  await act(async () => typeInto(c, 'item-0-motion-for', String(present - 1)))
  expect(text(c, '#item-0-tally')).not.toMatch(/多于计入到会有表决权的/)

  await click(c, `#item-0-written-${absent[0].id}-for`)
  await click(c, `#item-0-written-${absent[1].id}-for`)
  expect(text(c, '#item-0-tally')).toContain('含书面意见 2 份')
  expect(text(c, '#item-0-people')).toContain(`${absent[0].name}：会前提交书面意见，计入票数`)

  typeInto(c, 'field-chair', '张建国')
  await act(async () => fireEvent.click(c.querySelector('#save-draft')!))
  await waitFor(() => expect(text(c, '#sync-state')).toMatch(/已保存到服务器/))
  const saved = await as<MinutesView>(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  expect(saved.content!.items[0].motion).toEqual({
    kind: 'confirm',
    subject: { memberId: PROBATIONARY_B1, name: expect.any(String) },
    votes: { for: present - 1, against: 1, abstain: 0 },
    writtenOpinions: [
      { memberId: absent[0].id, choice: 'for' },
      { memberId: absent[1].id, choice: 'for' },
    ],
    election: null,
  })
  expect(saved.decisions[0]).toMatchObject({ present, written: 2, for: present + 1, passes: true })
  page.unmount()
})

test('a 转正 before the subject 预备期满 is flagged in the editor as typed, saying to wait', async () => {
  // The demo's 预备党员 joined 2026-07-01: 预备期满 2027-07-01, after this 2026-11-22 meeting.
  const { m } = await heldCongress()
  navigation.params = { meetingId: m.id }
  const c = render(<MinutesEditPage />).container
  await waitFor(() => expect(c.querySelector('#item-0-decision-pick')).not.toBeNull())
  await click(c, '#item-0-kind-confirm')
  await click(c, `#item-0-subject-${PROBATIONARY_B1}`)
  await act(async () => typeInto(c, 'item-0-motion-for', '3'))
  expect(text(c, '#item-0-tally')).toMatch(/预备期到 2027-07-01 才满.*2026-11-22 尚未期满.*待预备期满后再讨论转正/)
})

test('an older untyped vote asks for its kind and keeps its counts when one is picked', async () => {
  const { m } = await heldCongress()
  const v = await as<MinutesView>(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  const items = v.content!.items.map((i, n) => (n === 0 ? { ...i, vote: { for: 5, against: 1, abstain: 0 } } : i))
  await as(
    SECRETARY_B1,
    'minutes.saveDraft',
    { meetingId: m.id, version: v.version, content: { ...v.content!, items } },
    true,
  )
  navigation.params = { meetingId: m.id }
  const page = render(<MinutesEditPage />)
  const c = page.container
  await waitFor(() => expect(c.querySelector('#item-0-untyped')).not.toBeNull())
  expect(text(c, '#item-0-untyped')).toMatch(/还没有选择类型/)
  await click(c, '#item-0-kind-general')
  expect(c.querySelector('#item-0-untyped')).toBeNull()
  const value = (id: string) => (c.querySelector(`#${id} input`) as HTMLInputElement).value
  expect([value('item-0-motion-for'), value('item-0-motion-against'), value('item-0-motion-abstain')]).toEqual([
    '5',
    '1',
    '0',
  ])
  // 一般决议 counts the video attendee and takes no written opinions.
  expect(text(c, '#item-0-people')).toContain('远程参会，计入')
  expect(c.querySelector('#item-0-written')).toBeNull()
  page.unmount()
})

test('an election: ballots and candidates picked among members with a vote', async () => {
  const { m } = await heldCongress()
  navigation.params = { meetingId: m.id }
  const page = render(<MinutesEditPage />)
  const c = page.container
  await waitFor(() => expect(c.querySelector('#item-0-decision-pick')).not.toBeNull())
  await click(c, '#item-0-kind-election')
  expect(c.querySelector(`#item-0-candidate-add-${PROBATIONARY_B1}`)).toBeNull()
  await click(c, `#item-0-candidate-add-${SECRETARY_B1}`)
  await act(async () => typeInto(c, 'item-0-ballots', '3'))
  await act(async () => typeInto(c, 'item-0-candidate-0', '3'))
  // Two absent and one by video of the entitled: not more than 4/5 present here, so no election.
  expect(text(c, '#item-0-tally')).toMatch(/选举：.*未达到，不能表决/)
  page.unmount()
})
