/**
 * Two members called 黄晓明 (issue 17 §3), against the real server code: the attendance board tells
 * them apart by 党小组, and 代为登记 names the one it marks, so the other is left as he was.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import AttendanceBoardPage from '../../src/packages/attendance/pages/board/index'
import { MEMBER_B1, meetingAt, SECRETARY_B1 } from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink, typeInto } from './real-api'

beforeEach(async () => {
  resetTaroMock()
  const api = await openLink(SECRETARY_B1)
  jest.spyOn(Date, 'now').mockImplementation(() => api.clock.now)
})
afterEach(async () => {
  jest.restoreAllMocks()
  await closeLink()
})

const click = (container: HTMLElement, id: string) =>
  act(async () => fireEvent.click(container.querySelector(`#${id}`)!))

test('two 黄晓明 on the board and in 代为登记', async () => {
  const api = link.api!
  // The seed's 黄晓明 (MEMBER_B1) is in 第一党小组; a second one joins 第二党小组.
  const seeded = await api.as(SECRETARY_B1).call('roster.get', { memberId: MEMBER_B1 })
  expect([seeded.name, seeded.group?.name]).toEqual(['黄晓明', '第一党小组'])
  const other = await api.as(SECRETARY_B1).call(
    'roster.create',
    {
      branchId: seeded.org.id,
      name: '黄晓明',
      gender: 'male',
      phone: '13912345678',
      category: 'full',
      joinedAt: '2015-07-01',
      confirmedAt: '2016-07-01',
      roles: ['member'],
      groupId: 'org_b1_g2',
      status: 'normal',
    },
    'ui-same-names-create',
  )
  const m = await meetingAt(api, 'signin-open')
  navigation.params = { meetingId: m.id }
  const { container } = render(<AttendanceBoardPage />)
  await waitFor(() => expect(container.querySelector(`#person-${other.id}`)).not.toBeNull())

  const line = (id: string) => container.querySelector(`#person-${id} .board__name`)!.textContent
  expect(line(MEMBER_B1)).toBe('黄晓明（第一党小组）')
  expect(line(other.id)).toBe('黄晓明（第二党小组）')
  // Nobody else shares a name: the rest are listed by name alone.
  expect(line(SECRETARY_B1)).toBe('张建国')

  await click(container, `mark-${other.id}`)
  expect(container.querySelector(`#manual-who-${other.id}`)!.textContent).toBe('为 黄晓明（第二党小组） 代为登记出席')
  typeInto(container, `manual-reason-${other.id}`, '手机没电')
  await click(container, `manual-submit-${other.id}`)
  await waitFor(() => expect(container.querySelector(`#manual-reason-${other.id}`)).toBeNull())
  const marked = link.sent.filter((e) => e.action === 'attendance.markManual')
  expect(marked.map((e) => e.input)).toEqual([{ meetingId: m.id, memberId: other.id, reason: '手机没电' }])
  const board = await api.as(SECRETARY_B1).call('attendance.board', { meetingId: m.id })
  const state = (id: string) => board.people.find((p) => p.memberId === id)!.state
  expect([state(other.id), state(MEMBER_B1)]).toEqual(['present', 'absent'])
})
