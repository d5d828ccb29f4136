/**
 * 阅签情况 (issue 20 §5) in jsdom against the real server code: the organizer opens it from the
 * final minutes, sees who has and has not read, reminds those who have not — once each per record,
 * as the button says — and a member sees no way to it.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import ReceiptsPage from '../../src/packages/minutes/pages/receipts/index'
import MinutesViewPage from '../../src/packages/minutes/pages/view/index'
import { fromBeijing } from '../../src/domain/beijing-time'
import { device, navigation } from '../mocks/taro'
import { MEMBER_B1, SECRETARY_B1, scheduleInput } from '../cloud/api-fixture'
import { link, linkPerTest } from './real-api'

linkPerTest(SECRETARY_B1)

const MIN = 60_000
let seq = 0

async function as<T>(memberId: string, action: string, input: unknown, write = false): Promise<T> {
  const api = link.api!
  const r = await api.main(
    { action, input, requestId: write ? `follow-up-ui-${(seq += 1)}` : undefined },
    { sessionToken: api.tokenFor(memberId) },
  )
  if (!r.ok) throw new Error(`${action}: ${r.error.message}`)
  return r.data as T
}

/** A 党课 held today with everyone present, its minutes final; MEMBER_B1 has read them. */
async function finalMinutes(): Promise<{ id: string; participants: { id: string; name: string }[] }> {
  const api = link.api!
  const start = fromBeijing('2026-11-22', '14:00')
  const m = await as<{ id: string; participants: { id: string; name: string }[] }>(
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
    await as(SECRETARY_B1, 'attendance.markManual', { meetingId: m.id, memberId: p.id, reason: '会场登记' }, true)
  }
  api.clock.now = start + 121 * MIN
  await as(SECRETARY_B1, 'attendance.confirm', { meetingId: m.id }, true)
  const view = await as<{ version: number; content: { items: Record<string, unknown>[] } }>(
    SECRETARY_B1,
    'minutes.get',
    { meetingId: m.id },
  )
  const content = {
    ...view.content,
    chair: '张建国',
    recorder: '李晓红',
    items: view.content.items.map((item) => ({ ...item, speeches: '大家发言', decision: '通过' })),
  }
  const saved = await as<{ version: number }>(
    SECRETARY_B1,
    'minutes.saveDraft',
    { meetingId: m.id, version: view.version, content },
    true,
  )
  await as(SECRETARY_B1, 'minutes.finalize', { meetingId: m.id, version: saved.version }, true)
  await as(MEMBER_B1, 'minutes.confirmRead', { meetingId: m.id }, true)
  return m
}

const reminders = async (meetingId: string) =>
  (
    await link.api!.ports.store.query('notifications', {
      where: [{ field: 'meetingId', op: 'eq', value: meetingId }],
      limit: 500,
    })
  ).items.filter((n) => n._id.endsWith('.minutes.read-reminder')).length

test('the organizer opens 阅签情况 from the minutes, sees who has not read, and reminds each once', async () => {
  const m = await finalMinutes()
  const others = m.participants.length - 1

  navigation.params = { id: m.id }
  const view = render(<MinutesViewPage />)
  await waitFor(() => expect(view.container.querySelector('#reads-follow-up')).not.toBeNull())
  fireEvent.click(view.container.querySelector('#reads-follow-up')!)
  expect(navigation.calls.at(-1)!.url).toBe(`/packages/minutes/pages/receipts/index?meetingId=${m.id}`)
  view.unmount()

  navigation.params = { meetingId: m.id }
  const { container } = render(<ReceiptsPage />)
  await waitFor(() => expect(container.querySelector('#read-follow-up')).not.toBeNull())
  expect(device.titles).toEqual(['阅签情况'])
  expect(container.querySelector('#follow-up-summary')!.textContent).toBe(
    `已阅签 1 / ${m.participants.length}，还有 ${others} 人未阅签`,
  )
  expect(container.querySelector('#read-list')!.textContent).toMatch(/阅签/)
  expect(container.querySelector(`#read-list #reader-${MEMBER_B1}`)).not.toBeNull()
  expect(container.querySelectorAll('#unread-list .follow-up__row')).toHaveLength(others)
  const button = () => container.querySelector('#remind-readers')!
  expect(button().textContent).toBe(`提醒未阅签的 ${others} 人（每人只提醒一次）`)

  await act(async () => fireEvent.click(button()))
  await waitFor(() => expect(button().textContent).toBe('未阅签的人都已提醒过（每份记录每人只提醒一次）'))
  expect(await reminders(m.id)).toBe(others)
  expect(container.querySelector('#unread-list')!.textContent).toMatch(/已提醒/)
  // A second tap sends nothing new (the button is disabled, and the server would not send again).
  await act(async () => fireEvent.click(button()))
  expect(await reminders(m.id)).toBe(others)
})

test('a member sees the count on the minutes but no way to who has not read', async () => {
  const m = await finalMinutes()
  link.user = MEMBER_B1
  navigation.params = { id: m.id }
  const { container } = render(<MinutesViewPage />)
  await waitFor(() => expect(container.querySelector('#reads-count')).not.toBeNull())
  expect(container.querySelector('#reads-follow-up')).toBeNull()
})
