/**
 * The privacy prompt and WeChat's `onNeedPrivacyAuthorization` (services/privacy.ts): the request is
 * shown by the prompt of the page on top only; the agree button is WeChat's own open-type button and
 * its id is what the answer names; a page going away, or no page able to ask, refuses instead of
 * leaving the API waiting. WeChat is the recorded mock (tests/mocks/taro.ts `device`).
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { PrivacyPrompt } from '../../src/components/privacy-prompt'
import { PRIVACY_AGREE_BUTTON_ID, resetPrivacyForTests, startPrivacyCheck } from '../../src/services/privacy'
import { device, resetTaroMock } from '../mocks/taro'

let taroEnv: string | undefined
const env = process.env as Record<string, string | undefined>

beforeEach(() => {
  resetTaroMock()
  resetPrivacyForTests()
  taroEnv = env.TARO_ENV
  env.TARO_ENV = 'weapp'
})
afterEach(() => {
  if (taroEnv === undefined) delete env.TARO_ENV
  else env.TARO_ENV = taroEnv
})

/** WeChat asking, as it does when a privacy API runs before the guide is agreed. */
function weChatAsks(referrer = 'getLocation'): { event: string; buttonId?: string }[] {
  const answers: { event: string; buttonId?: string }[] = []
  act(() => device.privacyListener!((option) => answers.push(option), { referrer }))
  return answers
}

test('registered once, in WeChat only', () => {
  env.TARO_ENV = 'h5'
  startPrivacyCheck()
  expect(device.privacyListener).toBeNull()
  env.TARO_ENV = 'weapp'
  startPrivacyCheck()
  const first = device.privacyListener
  expect(first).not.toBeNull()
  startPrivacyCheck()
  expect(device.privacyListener).toBe(first)
})

test('nothing shows until WeChat asks; agreeing answers with the agree button’s id', async () => {
  startPrivacyCheck()
  const { container } = render(<PrivacyPrompt />)
  expect(container.querySelector('#privacy-prompt')).toBeNull()
  const answers = weChatAsks()
  expect(container.querySelector('#privacy-prompt')!.textContent).toMatch(/《党支部组织生活小程序隐私保护指引》/)
  expect(answers).toEqual([{ event: 'exposureAuthorization' }])
  await act(async () => fireEvent.click(container.querySelector('#privacy-contract')!))
  expect(device.calls).toEqual(['openPrivacyContract'])
  await act(async () => fireEvent.click(container.querySelector(`#${PRIVACY_AGREE_BUTTON_ID}`)!))
  expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID }])
  expect(container.querySelector('#privacy-prompt')).toBeNull()
})

test('only the prompt of the page on top shows the request', () => {
  startPrivacyCheck()
  const below = render(<PrivacyPrompt />)
  const top = render(<PrivacyPrompt />)
  weChatAsks()
  expect(top.container.querySelector('#privacy-prompt')).not.toBeNull()
  expect(below.container.querySelector('#privacy-prompt')).toBeNull()
})

test('the page going away while WeChat waits refuses, so the API does not wait forever', () => {
  startPrivacyCheck()
  const page = render(<PrivacyPrompt />)
  const answers = weChatAsks()
  page.unmount()
  expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }])
})

test('with no page able to ask, WeChat is answered “disagree” once the page has rendered', async () => {
  startPrivacyCheck()
  const answers = weChatAsks('chooseMedia')
  expect(answers).toEqual([])
  await waitFor(() => expect(answers).toEqual([{ event: 'disagree' }]))
})
