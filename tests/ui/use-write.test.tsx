/**
 * useWrite against the real server code: a retry of the same submission reuses its request id (one
 * meeting however often it is sent), a different submission gets a new id, a second tap while the
 * first is on its way sends nothing, refusals come back as Chinese messages, and an action given an
 * outbox waits there with the id it was tried with.
 */
import { act, renderHook } from '@testing-library/react'
import { defaultForm, toInput, type ScheduleInput } from '../../src/packages/meeting/schedule-form'
import { pendingWrites } from '../../src/services/outbox'
import { useWrite } from '../../src/services/use-write'
import { resetTaroMock } from '../mocks/taro'
import { SECRETARY_B1 } from '../cloud/api-fixture'
import { closeLink, link, openLink } from './real-api'

beforeEach(async () => {
  resetTaroMock()
  await openLink(SECRETARY_B1)
})
afterEach(closeLink)

const meetings = () => link.api!.ports.store.count('meetings')

/** A valid meeting after the fixture's clock (or on `date`, e.g. one already past). */
function meeting(title: string, date = '2026-12-04'): ScheduleInput {
  const form = defaultForm(Date.now())
  return toInput({ ...form, title, place: '党员活动室', agenda: ['重温入党誓词'], date })
}

test('a retry after a network failure reuses the request id and makes one meeting', async () => {
  const before = await meetings()
  const { result } = renderHook(() => useWrite('meeting.schedule'))
  const input = meeting('学习支部工作条例')

  link.offline = true
  let outcome = await act(() => result.current.run(input))
  expect(outcome.status).toBe('failed')
  expect(result.current.message).toMatch(/网络连接失败/)
  expect(await meetings()).toBe(before)

  link.offline = false
  outcome = await act(() => result.current.run(input))
  expect(outcome.status).toBe('done')
  expect(result.current.error).toBeNull()
  expect(link.sent).toHaveLength(2)
  expect(link.sent[1].requestId).toBe(link.sent[0].requestId)
  expect(await meetings()).toBe(before + 1)
})

test('a new submission gets a new id: after a success, and when the input changed', async () => {
  const { result } = renderHook(() => useWrite('meeting.schedule'))
  await act(() => result.current.run(meeting('第一次会议')))
  await act(() => result.current.run(meeting('第二次会议')))
  link.offline = true
  await act(() => result.current.run(meeting('第三次会议')))
  link.offline = false
  await act(() => result.current.run(meeting('改过主题的第三次会议')))
  const ids = link.sent.map((e) => e.requestId)
  expect(ids).toHaveLength(4)
  expect(new Set(ids).size).toBe(4)
})

test('a second tap while the first is on its way sends nothing', async () => {
  const before = await meetings()
  const { result } = renderHook(() => useWrite('meeting.schedule'))
  const input = meeting('只安排一次')
  let first!: Promise<unknown>
  let second!: Promise<unknown>
  await act(async () => {
    first = result.current.run(input)
    second = result.current.run(input)
    await Promise.all([first, second])
  })
  await expect(second).resolves.toEqual({ status: 'busy' })
  await expect(first).resolves.toMatchObject({ status: 'done' })
  expect(link.sent).toHaveLength(1)
  expect(await meetings()).toBe(before + 1)
  expect(result.current.busy).toBe(false)
})

test('a refusal shows the server’s Chinese message and field problems; the next try is a new write', async () => {
  const { result } = renderHook(() => useWrite('meeting.schedule'))
  const past = meeting('已经过去的会议', '2026-11-01')
  const outcome = await act(() => result.current.run(past))
  expect(outcome.status).toBe('failed')
  expect(result.current.message).toMatch(/已经过去/)
  await act(() => result.current.run(past))
  expect(link.sent[1].requestId).not.toBe(link.sent[0].requestId)
})

test('a page’s own check shows as the error, with its field problems', () => {
  const { result } = renderHook(() => useWrite('meeting.schedule'))
  act(() => result.current.fail('请填写会议主题', [{ field: 'title', message: '请填写会议主题' }]))
  expect(result.current.message).toBe('请填写会议主题')
  expect(result.current.problem('title')).toBe('请填写会议主题')
  expect(result.current.problem('place')).toBeUndefined()
  act(() => result.current.clear())
  expect(result.current.message).toBe('')
})

test('with an outbox, a write made offline waits there with the id it was tried with', async () => {
  const { result } = renderHook(() => useWrite('meeting.schedule', { outbox: (i) => `「${i.title}」` }))
  link.offline = true
  const outcome = await act(() => result.current.run(meeting('离线安排的会议')))
  expect(outcome).toEqual({ status: 'queued', requestId: link.sent[0].requestId })
  expect(result.current.error).toBeNull()
  const queued = pendingWrites().find((p) => p.requestId === link.sent[0].requestId)
  expect(queued).toMatchObject({ action: 'meeting.schedule', label: '「离线安排的会议」' })
})

test('with a draft key, the unsettled attempt outlives the page: a retry after reopening reuses its id', async () => {
  const input = meeting('关掉再开的会议')
  const first = renderHook(() => useWrite('meeting.schedule', { draftKey: 'test.write' }))
  link.offline = true
  await act(() => first.result.current.run(input))
  first.unmount()
  link.offline = false
  const second = renderHook(() => useWrite('meeting.schedule', { draftKey: 'test.write' }))
  await act(() => second.result.current.run(input))
  expect(link.sent[1].requestId).toBe(link.sent[0].requestId)
})
