/**
 * WeChat's scanner, location and privacy flow on the 签到 and 报到 pages, in jsdom against the real
 * server code. The device APIs answer with recorded shapes (tests/mocks/taro.ts `device`): each
 * scanned shape lands where it belongs, the printed venue code signs in whether scanned in the app
 * or opened from WeChat's camera, and each location failure shows its own message and a button that
 * leads to the fix, after which the sign-in goes through.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { TextEncoder } from 'node:util'
import type { MeetingDetail } from '../../src/domain/api/views'
import type { PrintedCodeView, SignInCodeView } from '../../src/domain/api/views-attendance'
import { signInToken } from '../../src/domain/attendance-token'
import CheckinPage from '../../src/packages/mobile/pages/checkin/index'
import SignInPage from '../../src/packages/attendance/pages/signin/index'
import { pendingWrites } from '../../src/services/outbox'
import { resetPrivacyForTests, startPrivacyCheck } from '../../src/services/privacy'
import { MEMBER_B1, scheduleInput, SECRETARY_B1 } from '../cloud/api-fixture'
import { device, navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

const PLACE = { lat: 31.2304, lng: 121.4737, radius: 100, label: '党群服务中心' }
const AT_VENUE = { latitude: 31.2305, longitude: 121.4738 }
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

let meeting: MeetingDetail
let code: SignInCodeView
let taroEnv: string | undefined

beforeEach(async () => {
  resetTaroMock()
  resetPrivacyForTests()
  // The pages take their WeChat branch (the scanner, the settings pages); read when they run.
  taroEnv = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
  startPrivacyCheck()
  const api = await openLink(MEMBER_B1)
  jest.spyOn(Date, 'now').mockImplementation(() => api.clock.now)
  meeting = await api
    .as(SECRETARY_B1)
    .call(
      'meeting.schedule',
      scheduleInput({ date: '2026-11-22', startTime: '10:30', endTime: '12:00' }),
      'ui-scan-sched',
    )
  code = await api.as(SECRETARY_B1).call('attendance.openCode', { meetingId: meeting.id }, 'ui-scan-code')
  navigation.params = { meetingId: meeting.id }
})
afterEach(async () => {
  // Assigning undefined to process.env would store the string "undefined".
  const env = process.env as Record<string, string | undefined>
  if (taroEnv === undefined) delete env.TARO_ENV
  else env.TARO_ENV = taroEnv
  jest.restoreAllMocks()
  await closeLink()
})

/** Sets the venue and returns the printed code as the server makes it. */
async function printedCode(): Promise<PrintedCodeView> {
  const api = link.api!
  const settings = { meetingId: meeting.id, opensBefore: 30, lateAfter: 5, place: PLACE, allowRemote: false }
  await api.as(SECRETARY_B1).call('attendance.configure', settings, 'ui-scan-configure')
  // The server draws the code with `qrcode`, which needs Node's TextEncoder (jsdom has none). Lent
  // for this server call only, so the client code under test still runs without it, as in WeChat.
  const g = globalThis as { TextEncoder?: unknown }
  g.TextEncoder = TextEncoder
  try {
    return await api.as(SECRETARY_B1).call('attendance.printedCode', { meetingId: meeting.id }, 'ui-scan-printed')
  } finally {
    delete g.TextEncoder
  }
}

const record = () =>
  link.api!.ports.store.get<{ via: string; location?: unknown }>('attendance', `${meeting.id}.${MEMBER_B1}`)
const signIns = () => link.sent.filter((e) => e.action.startsWith('attendance.signIn'))

async function tapScan(container: HTMLElement) {
  await waitFor(() => expect(container.querySelector('#scan')).not.toBeNull())
  await act(async () => fireEvent.click(container.querySelector('#scan')!))
}

test('a rotating code scanned in the app (plain text QR) signs in', async () => {
  const token = signInToken(code.secret, meeting.id, link.api!.clock.now)
  device.scans.push({ ok: { result: token, scanType: 'QR_CODE', charSet: 'UTF-8', rawData: base64(token) } })
  const { container } = render(<SignInPage />)
  await tapScan(container)
  await waitFor(() => expect(container.querySelector('#signin-done')!.textContent).toMatch(/已签到/))
  expect(await record()).toMatchObject({ via: 'qr' })
  expect(device.calls).toEqual(['scanCode'])
})

test('offline, a scanned rotating code waits in the outbox as before', async () => {
  const token = signInToken(code.secret, meeting.id, link.api!.clock.now)
  device.scans.push({ ok: { result: token, scanType: 'QR_CODE', charSet: 'UTF-8', rawData: base64(token) } })
  const { container } = render(<SignInPage />)
  await waitFor(() => expect(container.querySelector('#scan')).not.toBeNull())
  link.offline = true
  await tapScan(container)
  await waitFor(() => expect(container.querySelector('#signin-pending')!.textContent).toMatch(/待上传/))
  expect(pendingWrites()).toHaveLength(1)
  expect(await record()).toBeNull()
})

test('the printed venue code scanned in the app (WX_CODE, page in path, scene encoded) signs in at the venue', async () => {
  const printed = await printedCode()
  device.locations.push({ ok: AT_VENUE })
  device.scans.push({
    ok: {
      result: '',
      scanType: 'WX_CODE',
      charSet: 'UTF-8',
      path: `${printed.page}?scene=${encodeURIComponent(printed.scene)}`,
      rawData: base64('l8printed'),
    },
  })
  const { container } = render(<SignInPage />)
  await tapScan(container)
  await waitFor(() => expect(container.querySelector('#signin-done')!.textContent).toMatch(/会场码签到/))
  expect(await record()).toMatchObject({ via: 'printed_code' })
  // The position was taken once, before the scanner opened.
  expect(device.calls).toEqual(['getLocation', 'scanCode'])
})

test.each([
  ['iOS (scene URL-encoded)', (scene: string) => ({ scene: encodeURIComponent(scene) })],
  ['Android (scene as it is)', (scene: string) => ({ scene })],
  ['the local host’s QR (?s=)', (scene: string) => ({ s: scene.slice(2) })],
])('the venue code opening the app from WeChat’s camera signs in: %s', async (_name, params) => {
  const printed = await printedCode()
  navigation.params = params(printed.scene)
  device.locations.push({ ok: AT_VENUE })
  const { container } = render(<SignInPage />)
  await waitFor(() => expect(container.querySelector('#signin-done')!.textContent).toMatch(/会场码签到/))
  expect(await record()).toMatchObject({ via: 'printed_code' })
})

test('an invitation scanned on the 签到 page opens the binding page; nothing is signed', async () => {
  device.scans.push({
    ok: {
      result: '',
      scanType: 'WX_CODE',
      charSet: 'UTF-8',
      path: 'packages/roster/pages/bind/index?scene=code%3DABCD2345',
      rawData: '',
    },
  })
  const { container } = render(<SignInPage />)
  await tapScan(container)
  await waitFor(() =>
    expect(navigation.calls).toEqual([
      { method: 'navigateTo', url: '/packages/roster/pages/bind/index?code=ABCD2345' },
    ]),
  )
  expect(signIns()).toHaveLength(0)
})

test.each([
  [
    'a web address',
    { result: 'https://mp.weixin.qq.com/s/AbCdEf', scanType: 'QR_CODE', charSet: 'UTF-8' },
    /扫到的是一个网址，不是本支部的签到码：https:\/\/mp\.weixin\.qq\.com\/s\/AbCdEf/,
  ],
  ['a barcode', { result: '6901234567892', scanType: 'EAN_13', charSet: 'UTF-8' }, /商品条形码/],
  [
    'another mini-program’s code',
    { result: '', scanType: 'WX_CODE', charSet: '', rawData: base64('l8Kw0~HWs1c=sBGD78.8$y8L4,cp=0') },
    /其他小程序的小程序码/,
  ],
  ['garbage', { result: '\u0000\u0001�', scanType: 'QR_CODE', charSet: 'ISO8859-1' }, /不是签到码/],
])('%s is named in a message and nothing is sent', async (_name, scan, message) => {
  device.scans.push({ ok: scan })
  const { container } = render(<SignInPage />)
  await tapScan(container)
  await waitFor(() => expect(container.querySelector('#signin-error')!.textContent).toMatch(message))
  expect(signIns()).toHaveLength(0)
  expect(navigation.calls).toHaveLength(0)
})

test('closing the scanner changes nothing and says nothing', async () => {
  const { container } = render(<SignInPage />)
  await tapScan(container) // no answer queued: scanCode:fail cancel
  await waitFor(() => expect(device.calls).toEqual(['scanCode']))
  expect(container.querySelector('#signin-error')).toBeNull()
  expect(signIns()).toHaveLength(0)
})

describe('location failures at the venue code', () => {
  async function openedByCamera() {
    const printed = await printedCode()
    navigation.params = { scene: encodeURIComponent(printed.scene) }
    return render(<SignInPage />)
  }
  const problem = (container: HTMLElement) => container.querySelector('#location-problem') as HTMLElement | null

  test('refused in WeChat: “去设置” opens the mini-program settings and, once allowed, signs in', async () => {
    device.locations.push({ fail: { errMsg: 'getLocation:fail auth deny', errno: 103 } }, { ok: AT_VENUE })
    device.authSetting = { 'scope.userLocation': true }
    const { container } = await openedByCamera()
    await waitFor(() => expect(problem(container)!.dataset.kind).toBe('denied'))
    expect(problem(container)!.textContent).toMatch(/你没有允许本小程序使用位置信息/)
    expect(container.querySelector('#location-fix')!.textContent).toBe('去设置')
    expect(await record()).toBeNull()
    await act(async () => fireEvent.click(container.querySelector('#location-fix')!))
    await waitFor(() => expect(container.querySelector('#signin-done')!.textContent).toMatch(/会场码签到/))
    expect(device.calls).toEqual(['getLocation', 'openSetting', 'getLocation'])
  })

  test('still refused in the settings page: no retry, the message stays', async () => {
    device.locations.push({ fail: { errMsg: 'getLocation:fail:auth denied' } })
    device.authSetting = { 'scope.userLocation': false }
    const { container } = await openedByCamera()
    await waitFor(() => expect(problem(container)!.dataset.kind).toBe('denied'))
    await act(async () => fireEvent.click(container.querySelector('#location-fix')!))
    expect(device.calls).toEqual(['getLocation', 'openSetting'])
    expect(problem(container)).not.toBeNull()
  })

  test('the phone’s location switch is off (WeChat says so): the instruction and 重试', async () => {
    device.locations.push({ fail: { errMsg: 'getLocation:fail system permission denied' } }, { ok: AT_VENUE })
    device.systemSetting = { locationEnabled: false }
    const { container } = await openedByCamera()
    await waitFor(() => expect(problem(container)!.dataset.kind).toBe('system_off'))
    expect(problem(container)!.textContent).toMatch(/打开“位置信息\/定位服务”/)
    expect(container.querySelector('#location-fix')!.textContent).toBe('重试')
    await act(async () => fireEvent.click(container.querySelector('#location-fix')!))
    await waitFor(() => expect(container.querySelector('#signin-done')).not.toBeNull())
  })

  test('WeChat lacks the phone’s permission: “去开启” opens WeChat’s system settings, then 重试 signs in', async () => {
    device.locations.push({ fail: { errMsg: 'getLocation:fail:system permission denied' } }, { ok: AT_VENUE })
    device.systemSetting = { locationEnabled: true }
    device.appAuthorizeSetting = { locationAuthorized: 'denied' }
    const { container } = await openedByCamera()
    await waitFor(() => expect(problem(container)!.dataset.kind).toBe('app_denied'))
    expect(container.querySelector('#location-fix')!.textContent).toBe('去开启')
    await act(async () => fireEvent.click(container.querySelector('#location-fix')!))
    expect(device.calls).toEqual(['getLocation', 'openAppAuthorizeSetting'])
    await act(async () => fireEvent.click(container.querySelector('#location-retry')!))
    await waitFor(() => expect(container.querySelector('#signin-done')).not.toBeNull())
  })

  test('timeout: 重试 tries again', async () => {
    device.locations.push({ fail: { errMsg: 'getLocation:fail:timeout', errCode: -1 } }, { ok: AT_VENUE })
    const { container } = await openedByCamera()
    await waitFor(() => expect(problem(container)!.dataset.kind).toBe('timeout'))
    expect(problem(container)!.textContent).toMatch(/定位超时/)
    await act(async () => fireEvent.click(container.querySelector('#location-fix')!))
    await waitFor(() => expect(container.querySelector('#signin-done')).not.toBeNull())
  })

  test('not declared by the administrator: the message says who fixes it, no button', async () => {
    device.locations.push({
      fail: { errMsg: 'getLocation:fail api scope is not declared in the privacy agreement', errno: 112 },
    })
    const { container } = await openedByCamera()
    await waitFor(() => expect(problem(container)!.dataset.kind).toBe('not_declared'))
    expect(problem(container)!.textContent).toMatch(/管理员在微信公众平台补充声明/)
    expect(container.querySelector('#location-fix')).toBeNull()
  })

  test('the privacy guide: WeChat asks, the prompt shows; refused, the message offers it again; agreed, the sign-in goes on', async () => {
    device.privacyNeeded = true
    device.locations.push({ ok: AT_VENUE })
    const { container } = await openedByCamera()
    await waitFor(() => expect(container.querySelector('#privacy-prompt')).not.toBeNull())
    expect(container.querySelector('#privacy-prompt')!.textContent).toMatch(/《党支部组织生活小程序隐私保护指引》/)
    expect(container.querySelector('#privacy-prompt')!.textContent).toMatch(/位置信息：签到时确认你在会场范围内/)
    await act(async () => fireEvent.click(container.querySelector('#privacy-disagree')!))
    await waitFor(() => expect(problem(container)!.dataset.kind).toBe('privacy'))
    expect(container.querySelector('#privacy-prompt')).toBeNull()
    expect(await record()).toBeNull()

    await act(async () => fireEvent.click(container.querySelector('#location-fix')!))
    await waitFor(() => expect(container.querySelector('#privacy-prompt')).not.toBeNull())
    const agree = container.querySelector('#privacy-agree') as HTMLElement
    expect(agree.dataset.openType).toBe('agreePrivacyAuthorization')
    await act(async () => fireEvent.click(agree))
    await waitFor(() => expect(container.querySelector('#signin-done')!.textContent).toMatch(/会场码签到/))
    expect(device.privacyAnswers).toEqual([
      { event: 'exposureAuthorization' },
      { event: 'disagree' },
      { event: 'exposureAuthorization' },
      { event: 'agree', buttonId: 'privacy-agree' },
    ])
    expect(device.calls).toEqual(['getLocation', 'requirePrivacyAuthorize', 'getLocation'])
  })
})

describe('报到: the city from chooseLocation', () => {
  // A 流动党员 of the first branch.
  beforeEach(() => {
    link.user = 'm_b1_10'
  })
  const city = (container: HTMLElement) => (container.querySelector('#checkin-city') as HTMLInputElement).value

  test('a chosen place fills in the city; a closed map changes nothing and says nothing', async () => {
    device.chosenPlaces.push({
      ok: { name: '深圳湾科技生态园', address: '广东省深圳市南山区高新南十道', latitude: 22.52, longitude: 113.95 },
    })
    const { container } = render(<CheckinPage />)
    await act(async () => fireEvent.click(container.querySelector('#checkin-locate')!))
    await waitFor(() => expect(city(container)).toBe('广东省深圳市'))
    await act(async () => fireEvent.click(container.querySelector('#checkin-locate')!))
    expect(container.querySelector('#location-problem')).toBeNull()
    expect(container.querySelector('#checkin-message')?.textContent ?? '').toBe('')
    expect(city(container)).toBe('广东省深圳市')
  })

  test('refused: the message offers the settings or typing the city; once allowed, the map opens again', async () => {
    device.chosenPlaces.push(
      { fail: { errMsg: 'chooseLocation:fail auth deny' } },
      { ok: { name: '', address: '四川省成都市武侯区天府大道', latitude: 30.5, longitude: 104.06 } },
    )
    device.authSetting = { 'scope.userLocation': true }
    const { container } = render(<CheckinPage />)
    await act(async () => fireEvent.click(container.querySelector('#checkin-locate')!))
    await waitFor(() => expect(container.querySelector('#location-problem')!.textContent).toMatch(/直接填写所在城市/))
    await act(async () => fireEvent.click(container.querySelector('#location-fix')!))
    await waitFor(() => expect(city(container)).toBe('四川省成都市'))
    expect(device.calls).toEqual(['chooseLocation', 'openSetting', 'chooseLocation'])
    expect(container.querySelector('#location-problem')).toBeNull()
  })
})
