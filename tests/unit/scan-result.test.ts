/**
 * What each shape `wx.scanCode` hands back leads to. The fixtures follow the documented result
 * (`result`, `scanType`, `charSet`, `path`, `rawData` base64; wx.scanCode reference) and the shapes
 * recorded in WeChat's community: a mini-program code of this app has an empty `result` and its page
 * in `path` with the scene URL-encoded on iOS and plain on Android; another mini-program's code has
 * only `rawData` (the recorded 场所码 payload `l8Kw0~HWs1c=sBGD78.8$y8L4,cp=0`).
 */
import { signInToken } from '../../src/domain/attendance-token'
import { BIND_PAGE } from '../../src/domain/invitation'
import { queryParams, readScan, SIGN_IN_PAGE, type ScanCodeResult } from '../../src/domain/scan-result'
import { PAGES } from '../../src/domain/pages'

const APP_PAGES = Object.values(PAGES).map((p) => p.slice(1))
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const qr = (result: string): ScanCodeResult => ({
  result,
  scanType: 'QR_CODE',
  charSet: 'UTF-8',
  rawData: base64(result),
})
const wxCode = (path: string): ScanCodeResult => ({
  result: '',
  scanType: 'WX_CODE',
  charSet: 'UTF-8',
  path,
  rawData: base64('l80123456789abcdef'),
})

const VENUE = 's=0123456789abcdef'
const HOST = 'http://192.168.1.20:10086'

test('the pages the codes name are the app’s own', () => {
  expect(`/${SIGN_IN_PAGE}`).toBe(PAGES.signIn)
  expect(`/${BIND_PAGE}`).toBe(PAGES.bind)
})

test('a rotating sign-in token (plain text QR) signs in to the meeting it names', () => {
  const token = signInToken('ab'.repeat(32), 'mtg_42-x', 1_780_000_000_000)
  expect(readScan(qr(token), APP_PAGES)).toEqual({ kind: 'sign_in_token', token, meetingId: 'mtg_42-x' })
  expect(readScan(qr(`  ${token}\n`), APP_PAGES)).toEqual({ kind: 'sign_in_token', token, meetingId: 'mtg_42-x' })
})

test('the printed venue code scanned in the app: WX_CODE with the page in path, scene encoded (iOS) or not (Android)', () => {
  const ios = wxCode(`${SIGN_IN_PAGE}?scene=${encodeURIComponent(VENUE)}`)
  const android = wxCode(`${SIGN_IN_PAGE}?scene=${VENUE}`)
  expect(readScan(ios, APP_PAGES)).toEqual({ kind: 'venue_code', scene: VENUE })
  expect(readScan(android, APP_PAGES)).toEqual({ kind: 'venue_code', scene: VENUE })
  expect(readScan(wxCode(`/${SIGN_IN_PAGE}?scene=${encodeURIComponent(VENUE)}`), APP_PAGES)).toEqual({
    kind: 'venue_code',
    scene: VENUE,
  })
})

test('the venue code on the local host is a URL QR of the h5 page with ?s=', () => {
  const url = `${HOST}/#/${SIGN_IN_PAGE}?${VENUE}`
  expect(readScan(qr(url), APP_PAGES)).toEqual({ kind: 'venue_code', scene: VENUE })
})

test('an invitation: WX_CODE of the binding page with scene code=…, or the host’s URL QR with ?code=', () => {
  expect(readScan(wxCode(`${BIND_PAGE}?scene=code%3DABCD2345`), APP_PAGES)).toEqual({
    kind: 'invitation',
    code: 'ABCD2345',
  })
  expect(readScan(wxCode(`${BIND_PAGE}?scene=code=abcd2345`), APP_PAGES)).toEqual({
    kind: 'invitation',
    code: 'ABCD2345',
  })
  expect(readScan(qr(`${HOST}/#/${BIND_PAGE}?code=ABCD2345`), APP_PAGES)).toEqual({
    kind: 'invitation',
    code: 'ABCD2345',
  })
  const bad = readScan(wxCode(`${BIND_PAGE}?scene=code%3DAB01`), APP_PAGES)
  expect(bad).toMatchObject({ kind: 'unknown', message: expect.stringContaining('重新生成邀请') })
})

test('another page of this app opens that page', () => {
  expect(readScan(wxCode('packages/meeting/pages/detail/index?id=m1'), APP_PAGES)).toEqual({
    kind: 'app_page',
    url: '/packages/meeting/pages/detail/index?id=m1',
  })
  expect(readScan(qr(`${HOST}/#/pages/meetings/index`), APP_PAGES)).toEqual({
    kind: 'app_page',
    url: '/pages/meetings/index',
  })
  expect(readScan(qr(`${HOST}/#/${SIGN_IN_PAGE}?meetingId=m9`), APP_PAGES)).toEqual({
    kind: 'app_page',
    url: `/${SIGN_IN_PAGE}?meetingId=m9`,
  })
})

test('an empty scan is nothing to do', () => {
  expect(readScan({ result: '', scanType: 'QR_CODE', charSet: 'UTF-8', rawData: '' }, APP_PAGES)).toEqual({
    kind: 'empty',
  })
  expect(readScan({}, APP_PAGES)).toEqual({ kind: 'empty' })
})

test('what is not ours is named in a Chinese message that says what to scan instead', () => {
  const cases: [ScanCodeResult, RegExp][] = [
    // A product barcode.
    [
      { result: '6901234567892', scanType: 'EAN_13', charSet: 'UTF-8', rawData: base64('6901234567892') },
      /商品条形码（6901234567892）/,
    ],
    // Another mini-program's code: WeChat hides its content (recorded 场所码 payload).
    [
      { result: '', scanType: 'WX_CODE', charSet: '', rawData: base64('l8Kw0~HWs1c=sBGD78.8$y8L4,cp=0') },
      /其他小程序的小程序码/,
    ],
    // A web address that is not one of our pages.
    [
      qr('https://mp.weixin.qq.com/s/AbCdEf'),
      /扫到的是一个网址，不是本支部的签到码：https:\/\/mp\.weixin\.qq\.com\/s\/AbCdEf/,
    ],
    [qr(`${HOST}/#/pages/unknown/index`), /网址/],
    // Plain text and garbage.
    [qr('WIFI:S:党员活动室;T:WPA;P:12345678;;'), /不是签到码：“WIFI:S:党员活动室/],
    [qr('\u0000\u0001\u00ff�'), /不是签到码/],
    // A token cut short (a blurred frame), and a printed code whose scene is not ours.
    [qr('S1.mtg-1.89000'), /签到码不完整/],
    [wxCode(`${SIGN_IN_PAGE}?scene=s%3Dnot-hex`), /会场签到码无法识别/],
    // A code for a page this version does not have.
    [wxCode('packages/old/pages/gone/index?scene=x'), /已不存在/],
  ]
  for (const [scan, message] of cases) {
    const target = readScan(scan, APP_PAGES)
    expect(target.kind).toBe('unknown')
    if (target.kind !== 'unknown') continue
    expect(target.message).toMatch(message)
    expect(target.message).toMatch(/请/)
  }
})

test('long content is shortened in the message', () => {
  const long = `https://example.com/${'x'.repeat(500)}`
  const target = readScan(qr(long), APP_PAGES)
  expect(target.kind === 'unknown' && target.message.length).toBeLessThan(140)
  expect(target.kind === 'unknown' && target.message).toMatch(/…/)
})

test('query parameters: the first "=" splits, values are decoded, bad escapes kept as they are', () => {
  expect([...queryParams('?scene=s%3Dab&x=1')]).toEqual([
    ['scene', 's=ab'],
    ['x', '1'],
  ])
  expect(queryParams('scene=code=AB').get('scene')).toBe('code=AB')
  expect(queryParams('scene=%E0%A4%A').get('scene')).toBe('%E0%A4%A')
  expect(queryParams('').size).toBe(0)
})
