/**
 * 签到看板 with 离线补传 claims (issue 18 §2), against the real server code: the organizer sees the
 * pending names, confirms one, then the rest with 一键确认; only confirmed claims count as 实到.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import AttendanceBoardPage from '../../src/packages/attendance/pages/board/index'
import { signInToken } from '../../src/domain/attendance-token'
import { MEMBER_B1, meetingAt, SECRETARY_B1 } from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

const PROBATIONARY = 'm_b1_14'
const OTHER = 'm_b1_05'

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

test('pending offline claims are listed by name, confirmed one by one or all in one tap, and only then counted', async () => {
  const api = link.api!
  const m = await meetingAt(api, 'signin-open')
  const code = await api.as(SECRETARY_B1).call('attendance.openCode', { meetingId: m.id }, 'ui-offline-code')
  const scanned = api.clock.now + 30 * 60_000
  const token = signInToken(code.secret, m.id, scanned)
  api.clock.now = scanned + 2.5 * 3_600_000 // half an hour after the 2-hour meeting ended
  for (const who of [MEMBER_B1, PROBATIONARY, OTHER]) {
    const input = { meetingId: m.id, token, offline: true, deviceTime: scanned }
    await api.as(who).call('attendance.signIn', input, `ui-offline-${who}`)
  }
  navigation.params = { meetingId: m.id }
  const { container } = render(<AttendanceBoardPage />)
  await waitFor(() => expect(container.querySelector('#board-offline')).not.toBeNull())
  const names = await Promise.all(
    [MEMBER_B1, PROBATIONARY, OTHER].map(
      async (id) => (await api.ports.store.get<{ name: string }>('members', id))!.name,
    ),
  )
  const listed = container.querySelector('#board-offline')!.textContent!
  expect(listed).toMatch(/离线补传待确认（3 人）/)
  for (const name of names) expect(listed).toContain(name)
  expect(container.querySelector('#board-present')!.textContent).toBe('0')
  expect(container.querySelector(`#person-${MEMBER_B1}`)!.textContent).toMatch(/离线补传待确认/)

  await click(container, `confirm-offline-${MEMBER_B1}`)
  await waitFor(() => expect(container.querySelector('#board-present')!.textContent).toBe('1'))
  expect(container.querySelector('#board-offline')!.textContent).toMatch(/（2 人）/)

  await click(container, 'confirm-offline-all')
  await waitFor(() => expect(container.querySelector('#board-offline')).toBeNull())
  expect(container.querySelector('#board-present')!.textContent).toBe('3')
  const confirms = link.sent.filter((e) => e.action === 'attendance.offlineConfirm')
  // One by one, then 一键确认 with every name still pending (in the board's order).
  expect(confirms.map((e) => e.input)).toEqual([
    { meetingId: m.id, memberIds: [MEMBER_B1] },
    { meetingId: m.id, memberIds: expect.arrayContaining([PROBATIONARY, OTHER]) },
  ])
  expect((confirms[1].input as { memberIds: string[] }).memberIds).toHaveLength(2)
})
