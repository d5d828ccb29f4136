/**
 * Invitations that travel (issue 20 §6) in jsdom against the real server code: the invite page
 * shows the address its QR holds (the configured public address, not this computer's own), names a
 * 127.0.0.1 address as one phones cannot open and says what to do, copies a message with the code and
 * the link, and gives WeChat's share the binding page with the code; a link opened without a session
 * keeps its code through the login and comes back to binding with it.
 */
import { TextEncoder } from 'node:util'
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import InvitePage from '../../src/packages/roster/pages/invite/index'
import BindPage from '../../src/packages/roster/pages/bind/index'
import Login from '../../src/pages/login/index'
import { SECRETARY_B1 } from '../cloud/api-fixture'
import { device, navigation, resetTaroMock } from '../mocks/taro'
import { link, linkPerTest } from './real-api'

// The QR image (qrcode → pngjs) needs the TextEncoder jsdom leaves out; Node's is the same API.
Object.assign(globalThis, { TextEncoder: (globalThis as { TextEncoder?: unknown }).TextEncoder ?? TextEncoder })

linkPerTest(SECRETARY_B1)

/** 郭子涵 of 第一党支部, seeded without a binding. */
const INVITEE = 'm_b1_16'
const BIND = 'packages/roster/pages/bind/index'

async function openInvite() {
  navigation.params = { memberId: INVITEE }
  const view = render(<InvitePage />)
  await waitFor(() => expect(view.container.querySelector('#invite-code')).not.toBeNull())
  return { container: view.container, code: view.container.querySelector('#invite-code')!.textContent! }
}

test('the link is the configured public address; 复制邀请 copies the code and the link; 转发 shares the binding page', async () => {
  link.api!.ports.codes.setPublicUrl!('http://192.168.1.20:10086')
  const { container, code } = await openInvite()
  expect(container.querySelector('#invite-link')!.textContent).toBe(`http://192.168.1.20:10086/#/${BIND}?code=${code}`)
  expect(container.querySelector('#invite-link-problem')).toBeNull()
  // In a browser there is no chat to share into: only the copy.
  expect(container.querySelector('#share-invite')).toBeNull()

  await act(async () => fireEvent.click(container.querySelector('#copy-invite')!))
  expect(device.calls).toContain('setClipboardData')
  expect(device.clipboard).toContain(`邀请郭子涵绑定微信`)
  expect(device.clipboard).toContain(`输入邀请码 ${code}`)
  expect(device.clipboard).toContain(`http://192.168.1.20:10086/#/${BIND}?code=${code}`)
  expect(device.clipboard).toMatch(/前有效，只能使用一次/)

  expect(device.share!()).toEqual({ title: '第一党支部邀请郭子涵绑定微信', path: `/${BIND}?code=${code}` })
})

test('a link holding 127.0.0.1 is named as one phones cannot open, with what to do', async () => {
  link.api!.ports.codes.setPublicUrl!('http://127.0.0.1:10086')
  const { container, code } = await openInvite()
  expect(container.querySelector('#invite-link')!.textContent).toBe(`http://127.0.0.1:10086/#/${BIND}?code=${code}`)
  const problem = container.querySelector('#invite-link-problem')!.textContent!
  expect(problem).toMatch(/本机地址.*打不开/)
  expect(problem).toContain('npm start -- --lan')
  expect(problem).toContain('PUBLIC_URL')
})

test('a link opened without a session keeps its code through the login and returns to binding with it', async () => {
  link.api!.ports.codes.setPublicUrl!('http://192.168.1.20:10086')
  const { code } = await openInvite()
  resetTaroMock()

  // The invited person opens the link in a browser with no session: the page is sent to login.
  link.user = null
  navigation.params = { code }
  const bind = render(<BindPage />)
  await waitFor(() => expect(navigation.calls).toEqual([{ method: 'reLaunch', url: '/pages/login/index' }]))
  bind.unmount()

  // On the login page they enter (here as a new WeChat user) and come back to the invitation.
  navigation.params = {}
  const login = render(<Login />)
  await waitFor(() => expect(login.container.querySelector('#login-new-user')).not.toBeNull())
  await act(async () => fireEvent.click(login.container.querySelector('#login-new-user')!))
  await waitFor(() => expect(navigation.calls.at(-1)).toEqual({ method: 'redirectTo', url: `/${BIND}?code=${code}` }))
  login.unmount()

  // The code is given once: a later login goes to 首页.
  const again = render(<Login />)
  await waitFor(() => expect(again.container.querySelector('#login-new-user')).not.toBeNull())
  await act(async () => fireEvent.click(again.container.querySelector('#login-new-user')!))
  await waitFor(() => expect(navigation.calls.at(-1)!.url).toBe('/pages/index/index'))
})
