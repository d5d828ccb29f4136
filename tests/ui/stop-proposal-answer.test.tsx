/**
 * The 党委 answers a branch's 停止党籍 proposal on the member's page (tryout finding a): 不同意 with
 * a reason is recorded and shown there; the branch's secretary then reads it, with no answer form.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import MobileMember from '../../src/packages/mobile/pages/member/index'
import { MOBILE_B2, SECRETARY_B2, SUPERVISOR } from '../cloud/api-fixture'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink, typeInto } from './real-api'

afterEach(closeLink)

test('the 组织员 answers 不同意 with a reason; the branch reads it and cannot answer', async () => {
  resetTaroMock()
  await openLink(SUPERVISOR)
  await link
    .api!.as(SECRETARY_B2)
    .call('mobile.proposeStop', { memberId: MOBILE_B2, reason: '失联已满六个月，电话均联系不上。' }, 'ui-stop-propose')
  navigation.params = { id: MOBILE_B2 }
  const first = render(<MobileMember />)
  await waitFor(() => expect(first.container.querySelector('#stop-answer')).not.toBeNull())
  expect(first.container.querySelector('#stop-proposal-waiting')!.textContent).toContain('等待党委答复')
  fireEvent.click(first.container.querySelector('#stop-answer-no')!)
  // No reason: refused in Chinese, nothing recorded.
  await act(async () => fireEvent.click(first.container.querySelector('#stop-answer-submit')!))
  await waitFor(() => expect(first.container.textContent).toContain('不同意的理由'))
  typeInto(first.container, 'stop-refuse-reason', '请继续联系流入地党组织查找。')
  await act(async () => fireEvent.click(first.container.querySelector('#stop-answer-submit')!))
  await waitFor(() =>
    expect(first.container.querySelector('#stop-proposal-answer')!.textContent).toContain(
      '党委不同意：请继续联系流入地党组织查找。',
    ),
  )
  expect(first.container.querySelector('#stop-answer')).toBeNull()
  first.unmount()

  link.user = SECRETARY_B2
  const branch = render(<MobileMember />)
  await waitFor(() =>
    expect(branch.container.querySelector('#stop-proposal-answer')!.textContent).toContain('党委不同意'),
  )
  expect(branch.container.querySelector('#stop-answer')).toBeNull()
  expect(await link.api!.ports.store.get('members', MOBILE_B2)).toMatchObject({ status: 'mobile' })
})
