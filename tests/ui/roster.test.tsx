/** The member editor and the binding page in jsdom, against the real server code. */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import MemberEditPage from '../../src/packages/roster/pages/edit/index'
import { codeFromParams } from '../../src/packages/roster/invite-code'
import { SECRETARY_B1 } from '../cloud/api-fixture'
import { navigation } from '../mocks/taro'
import { link, typeInto, linkPerTest } from './real-api'

linkPerTest(SECRETARY_B1)

const historyCount = () => link.api!.ports.store.count('member_history')

test('a new member without a name is refused in Chinese before anything is sent', async () => {
  const members = await link.api!.ports.store.count('members')
  const { container } = render(<MemberEditPage />)
  typeInto(container, 'field-phone', '13912345678')
  fireEvent.click(container.querySelector('#save-member')!)
  expect(container.querySelector('#form-error')!.textContent).toMatch(/请填写姓名/)
  // Only the read of the groups to choose from went out; no write.
  expect(link.sent.map((e) => e.action)).toEqual(['org.listGroups'])
  expect(await link.api!.ports.store.count('members')).toBe(members)
})

test('an edit that lost a race to another editor is refused, keeps what was typed and writes nothing', async () => {
  navigation.params = { id: 'm_b1_12' }
  const { container } = render(<MemberEditPage />)
  await waitFor(() => expect((container.querySelector('#field-name input') as HTMLInputElement).value).toBe('孙立新'))

  // Meanwhile another editor changes the same member.
  const other = await link
    .api!.as('m_b1_03')
    .result(
      'roster.update',
      { memberId: 'm_b1_12', version: 1, status: 'mobile', reason: '外出务工' },
      'other-editor-1',
    )
  expect(other.ok).toBe(true)
  const before = await historyCount()

  fireEvent.click(container.querySelector('#status-lost')!)
  typeInto(container, 'field-reason', '半年联系不上')
  await act(async () => fireEvent.click(container.querySelector('#save-member')!))
  await waitFor(() => expect(container.querySelector('#form-error')!.textContent).toMatch(/修改过/))
  expect((container.querySelector('#field-reason textarea') as HTMLTextAreaElement).value).toBe('半年联系不上')
  expect(container.querySelector('#reload-latest')).not.toBeNull()
  expect(await historyCount()).toBe(before)
  const stored = await link.api!.ports.store.get<{ status: string }>('members', 'm_b1_12')
  expect(stored!.status).toBe('mobile')
  expect(navigation.calls).toHaveLength(0)
})

test('a status change is saved with its reason in the member’s history', async () => {
  navigation.params = { id: 'm_b1_12' }
  const { container } = render(<MemberEditPage />)
  await waitFor(() => expect((container.querySelector('#field-name input') as HTMLInputElement).value).toBe('孙立新'))
  fireEvent.click(container.querySelector('#status-mobile')!)
  typeInto(container, 'field-reason', '外出务工')
  await act(async () => fireEvent.click(container.querySelector('#save-member')!))
  await waitFor(() =>
    expect(navigation.calls).toEqual([{ method: 'redirectTo', url: expect.stringContaining('m_b1_12') }]),
  )
  const detail = await link.api!.as(SECRETARY_B1).result('roster.get', { memberId: 'm_b1_12' })
  expect(detail.ok && detail.data.history[0]).toMatchObject({ field: 'status', to: 'mobile', reason: '外出务工' })
})

test('the binding page takes its code from ?code= or from a mini-program code’s scene', () => {
  expect(codeFromParams({ code: 'abcd2345' })).toBe('ABCD2345')
  expect(codeFromParams({ scene: encodeURIComponent('code=K7Q2M9XA') })).toBe('K7Q2M9XA')
  expect(codeFromParams({})).toBe('')
})
