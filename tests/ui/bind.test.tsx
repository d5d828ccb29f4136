/** The binding page in jsdom, against the real server code, as a WeChat user not bound yet. */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { newInvitation } from '../../src/domain/invitation'
import BindPage from '../../src/packages/roster/pages/bind/index'
import { SECRETARY_B1 } from '../cloud/api-fixture'
import { navigation } from '../mocks/taro'
import { link, linkPerTest, typeInto } from './real-api'

/** A development identity with no binding (openid `dev_guest_h1`). */
linkPerTest('guest_h1')

/** 郭子涵 of 第一党支部, 13800001555, seeded without a binding. */
const INVITEE = { id: 'm_b1_16', name: '郭子涵', phone: '13800001555' }

const bindings = () => link.api!.ports.store.count('bindings', [{ field: 'memberId', op: 'eq', value: INVITEE.id }])

/**
 * Stores the secretary's invitation for the invitee (straight into the store: jsdom lacks the
 * TextEncoder the QR image needs) and opens the page as its QR code does, with `?code=`.
 */
async function openInvitation() {
  const code = 'K7Q2M9XA'
  const made = { memberId: INVITEE.id, branchId: 'org_b1', createdBy: SECRETARY_B1, createdAt: link.api!.clock.now }
  await link.api!.ports.store.insert('invitations', { _id: code, requestRef: 'ui-bind', ...newInvitation(made) })
  navigation.params = { code }
  const view = render(<BindPage />)
  await waitFor(() => expect(view.container.querySelector('#bind-branch')?.textContent).toBe('第一党支部'))
  return view.container
}

test('the page asks the full phone number and says why; a wrong one is refused as 信息不一致 and binds nothing', async () => {
  const container = await openInvitation()
  const text = container.textContent!
  expect(text).toContain('邀请 郭*涵 绑定微信')
  expect(text).toMatch(/完整的 11 位手机号：支部里/)
  expect(text).toMatch(/其他人只能看到隐去中间四位的号码.*别人拿到邀请码也绑不走/)
  expect(text).toMatch(/最多核对 5 次.*邀请作废.*支部书记重新生成/)
  expect(container.querySelector('#field-phone')!.textContent).toContain('手机号（完整 11 位）')
  expect(container.querySelector('#field-phone input')!.getAttribute('maxlength')).toBe('11')
  expect(text).not.toContain('后四位')

  typeInto(container, 'field-name', INVITEE.name)
  typeInto(container, 'field-phone', '13800009999')
  await act(async () => fireEvent.click(container.querySelector('#submit-bind')!))
  await waitFor(() =>
    expect(container.querySelector('#form-error')!.textContent).toMatch(/信息不一致.*还可以核对 4 次/),
  )
  expect(await bindings()).toBe(0)
  expect(navigation.calls).toHaveLength(0)
})

test('the right name and full number bind this WeChat and open 首页', async () => {
  const container = await openInvitation()
  typeInto(container, 'field-name', INVITEE.name)
  typeInto(container, 'field-phone', INVITEE.phone)
  await act(async () => fireEvent.click(container.querySelector('#submit-bind')!))
  await waitFor(() => expect(navigation.calls).toEqual([{ method: 'reLaunch', url: expect.stringContaining('index') }]))
  expect(await bindings()).toBe(1)
  expect(link.sent.find((e) => e.action === 'binding.bind')!.input).toEqual({
    code: navigation.params.code,
    name: INVITEE.name,
    phone: INVITEE.phone,
  })
})
