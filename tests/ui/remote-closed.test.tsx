/**
 * A way in that is closed says why and what to do (issue 20 §2): a 流动党员's upcoming meeting that
 * does not allow 远程参会 offers 请假 instead of a 远程参会 link that leads nowhere, and the 签到 page
 * opened by a 远程参会 link on such a meeting says why and where to turn; one that allows it keeps
 * the way open.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import SignInPage from '../../src/packages/attendance/pages/signin/index'
import MobileHome from '../../src/packages/mobile/pages/home/index'
import { readAll } from '../../src/cloud/actions/roster-reads'
import { eq } from '../../src/cloud/ports/store'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

const MOBILE = 'm_b1_10'

beforeEach(async () => {
  resetTaroMock()
  await openLink(MOBILE)
})
afterEach(closeLink)

/** The first upcoming 主题党日 of 第一党支部 (all members take part), with allowRemote as given. */
async function upcomingThemeDay(allowRemote: boolean): Promise<string> {
  const store = link.api!.ports.store
  const all = (await readAll(store, 'meetings', [eq('branchId', 'org_b1')], 'startAt', 5000)) as {
    _id: string
    kind: string
    startAt: number
    _version: number
  }[]
  const m = all.find((x) => x.kind === 'theme_day' && x.startAt > link.api!.clock.now)!
  await store.transaction((tx) => tx.update('meetings', m._id, { allowRemote }, m._version))
  return m._id
}

test('the 流动党员 home offers 请假, not 远程参会, on a meeting that does not allow it, and says why', async () => {
  const id = await upcomingThemeDay(false)
  const { container } = render(<MobileHome />)
  await waitFor(() => expect(container.querySelector(`#upcoming-${id}`)).not.toBeNull())
  expect(container.querySelector(`#remote-${id}`)).toBeNull()
  expect(container.querySelector(`#remote-closed-${id}`)!.textContent).toMatch(/没有开放远程参会.*请假.*支部书记/)
  await act(async () => fireEvent.click(container.querySelector(`#leave-${id}`)!))
  expect(navigation.calls.at(-1)?.url).toMatch(new RegExp(`attendance/pages/leave/index\\?meetingId=${id}`))
})

test('a meeting that allows it keeps the 远程参会 link, to the 签到 page with its remote panel', async () => {
  const id = await upcomingThemeDay(true)
  const { container } = render(<MobileHome />)
  await waitFor(() => expect(container.querySelector(`#remote-${id}`)).not.toBeNull())
  expect(container.querySelector(`#remote-closed-${id}`)).toBeNull()
  await act(async () => fireEvent.click(container.querySelector(`#remote-${id}`)!))
  expect(navigation.calls.at(-1)?.url).toMatch(/signin\/index\?meetingId=.*remote=1/)
})

test('the 签到 page opened for 远程参会 on a closed meeting says why and what to do', async () => {
  const id = await upcomingThemeDay(false)
  navigation.params = { meetingId: id, remote: '1' }
  const { container } = render(<SignInPage />)
  await waitFor(() => expect(container.querySelector('#remote-closed')).not.toBeNull())
  expect(container.querySelector('#remote-closed')!.textContent).toMatch(/不能远程参加.*请假.*允许远程参会/)
  expect(container.querySelector('#remote-panel')).toBeNull()
  expect(container.querySelector('#ask-leave')).not.toBeNull()
})

test('opened plainly (not for 远程参会), the 签到 page does not lecture about remote attendance', async () => {
  const id = await upcomingThemeDay(false)
  navigation.params = { meetingId: id }
  const { container } = render(<SignInPage />)
  await waitFor(() => expect(container.querySelector('#ask-leave')).not.toBeNull())
  expect(container.querySelector('#remote-closed')).toBeNull()
})
