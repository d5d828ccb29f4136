/**
 * Every recorded `getLocation` / `chooseLocation` failure gets its own kind, message and fix. The
 * shapes are those cited in src/domain/location-failure.ts (WeChat's errno table, the
 * onNeedPrivacyAuthorization reference, community reports of real devices, Taro h5's wrapping of
 * the browser's error).
 */
import {
  adviseLocationFailure,
  classifyLocationFailure,
  type LocationFailureKind,
  type LocationSettings,
} from '../../src/domain/location-failure'

const RECORDED: [string, unknown, LocationFailureKind, LocationSettings?][] = [
  ['iOS refusal', { errMsg: 'getLocation:fail auth deny' }, 'denied'],
  ['Android refusal', { errMsg: 'getLocation:fail:auth denied' }, 'denied'],
  ['refusal with errno (newer base library)', { errMsg: 'getLocation:fail auth deny', errno: 103 }, 'denied'],
  ['no answer to the permission popup', { errMsg: 'getLocation:fail authorize no response' }, 'denied'],
  ['authorize refused', { errMsg: 'authorize:fail auth deny' }, 'denied'],
  ['chooseLocation refused', { errMsg: 'chooseLocation:fail auth deny' }, 'denied'],
  [
    'Android location switch off',
    { errMsg: 'getLocation:fail:ERROR_NOCELL&WIFI_LOCATIONSWITCHOFF', errCode: 2 },
    'system_off',
  ],
  ['WeChat without system permission', { errMsg: 'getLocation:fail system permission denied' }, 'app_denied'],
  ['iOS: WeChat without system permission', { errMsg: 'getLocation:fail:system permission denied' }, 'app_denied'],
  [
    'system failure while the phone switch is off',
    { errMsg: 'getLocation:fail system permission denied' },
    'system_off',
    { locationEnabled: false, locationAuthorized: 'authorized' },
  ],
  [
    'bare failure while WeChat is denied by the phone',
    { errMsg: 'getLocation:fail' },
    'app_denied',
    { locationEnabled: true, locationAuthorized: 'denied' },
  ],
  ['privacy guide refused', { errMsg: 'getLocation:fail privacy permission is not authorized', errno: 104 }, 'privacy'],
  ['privacy, errno only', { errMsg: 'getLocation:fail', errno: 104 }, 'privacy'],
  [
    'privacy refused moments ago',
    { errMsg: 'getLocation:fail privacy permission is not authorized in gap' },
    'privacy',
  ],
  [
    'not in the privacy guide',
    { errMsg: 'getLocation:fail api scope is not declared in the privacy agreement', errno: 112 },
    'not_declared',
  ],
  [
    'not in requiredPrivateInfos',
    { errMsg: 'getLocation:fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json' },
    'not_declared',
  ],
  ['timeout (colon)', { errMsg: 'getLocation:fail:timeout', errCode: -1 }, 'timeout'],
  ['timeout (space)', { errMsg: 'getLocation:fail timeout' }, 'timeout'],
  ['no network', { errMsg: 'getLocation:fail:ERROR_NETWORK', errCode: 1 }, 'network'],
  ['no fix', { errMsg: 'getLocation:fail:ERROR_SERVER_NOT_LOCATION', errCode: 404 }, 'unavailable'],
  ['map closed', { errMsg: 'chooseLocation:fail cancel' }, 'cancelled'],
  ['browser: refused', { errMsg: 'getLocation:fail User denied Geolocation' }, 'denied'],
  [
    'browser: http page',
    { errMsg: 'getLocation:fail Only secure origins are allowed (see: https://goo.gl/Y0ZkNV).' },
    'insecure',
  ],
  ['browser: timeout', { errMsg: 'getLocation:fail Timeout expired' }, 'timeout'],
  ['browser: no position', { errMsg: 'getLocation:fail Position unavailable' }, 'unavailable'],
  ['browser: none', { errMsg: 'getLocation:fail The current browser does not support this feature' }, 'unsupported'],
  ['unexplained', { errMsg: 'getLocation:fail error' }, 'unknown'],
  ['not an object', 'boom', 'unknown'],
  ['nothing', undefined, 'unknown'],
]

test.each(RECORDED.map(([name, failure, kind, settings]) => ({ name, failure, kind, settings })))(
  '$name',
  ({ failure, kind, settings }) => {
    expect(classifyLocationFailure(failure, settings)).toBe(kind)
  },
)

test('the phone’s switches do not override what the person refused in WeChat', () => {
  expect(classifyLocationFailure({ errMsg: 'getLocation:fail auth deny' }, { locationEnabled: false })).toBe('denied')
  expect(classifyLocationFailure({ errMsg: 'getLocation:fail:timeout' }, { locationEnabled: false })).toBe('timeout')
})

const KINDS: LocationFailureKind[] = [
  'denied',
  'system_off',
  'app_denied',
  'privacy',
  'not_declared',
  'timeout',
  'network',
  'unavailable',
  'insecure',
  'unsupported',
  'unknown',
]

test('each kind has its own Chinese message that says what to do next', () => {
  for (const use of ['sign_in', 'check_in'] as const) {
    for (const platform of ['weapp', 'h5'] as const) {
      const messages = KINDS.map((k) => adviseLocationFailure(k, platform, use).message)
      expect(new Set(messages).size).toBe(KINDS.length)
      for (const m of messages) {
        expect(m).toMatch(/[\u4e00-\u9fa5]/)
        expect(m).toMatch(/请/)
      }
    }
  }
  expect(adviseLocationFailure('cancelled', 'weapp', 'check_in')).toEqual({
    kind: 'cancelled',
    message: '',
    fix: 'none',
  })
})

test('the fix leads to where the problem can be solved', () => {
  const fix = (k: LocationFailureKind, p: 'weapp' | 'h5' = 'weapp') => adviseLocationFailure(k, p, 'sign_in').fix
  expect(fix('denied')).toBe('open_setting')
  expect(fix('denied', 'h5')).toBe('retry')
  expect(fix('app_denied')).toBe('open_app_authorize_setting')
  expect(fix('system_off')).toBe('retry')
  expect(fix('privacy')).toBe('agree_privacy')
  expect(fix('timeout')).toBe('retry')
  expect(fix('network')).toBe('retry')
  expect(fix('not_declared')).toBe('none')
  expect(fix('insecure', 'h5')).toBe('none')
})

test('what is possible without a position depends on the use', () => {
  expect(adviseLocationFailure('timeout', 'weapp', 'sign_in').message).toMatch(/书记代为登记/)
  expect(adviseLocationFailure('timeout', 'weapp', 'check_in').message).toMatch(/直接填写所在城市/)
  expect(adviseLocationFailure('unknown', 'weapp', 'sign_in', 'getLocation:fail error').message).toMatch(
    /（getLocation:fail error）/,
  )
})
