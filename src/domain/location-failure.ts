/**
 * Why a position could not be had, and what the person should do about it. `wx.getLocation` and
 * `wx.chooseLocation` fail with an `errMsg` whose wording differs between iOS, Android, the developer
 * tool and base library versions, and newer base libraries add an `errno`. Recorded shapes and where
 * they come from:
 *
 * - the person refused this mini-program the location permission: `getLocation:fail auth deny`
 *   (iOS, developer tool), `getLocation:fail:auth denied` (Android), `getLocation:fail authorize no
 *   response`, `authorize:fail auth deny`, `chooseLocation:fail auth deny` / `:fail:auth denied`;
 *   with `errno: 103` in newer base libraries. Sources: WeChat community threads
 *   https://developers.weixin.qq.com/community/develop/doc/00062c38bdce7086c967ba2b25b000 (iOS vs Android
 *   wording), https://developers.weixin.qq.com/community/develop/doc/00080a25610700b071b685c595fc00
 *   (chooseLocation), the question "获取定位 getLocation 报错 103" (`{"errMsg":"getLocation:fail auth
 *   deny","errno":103}`), and the summary at https://cnblogs.com/1zero1/p/14246676.html.
 * - the phone's location service is off: `getLocation:fail:ERROR_NOCELL&WIFI_LOCATIONSWITCHOFF` with
 *   `errCode: 2` (Android; reported in the community question "wx.getLocation的错误回调都有哪些?").
 * - WeChat itself lacks the system permission: `getLocation:fail system permission denied` (and the
 *   iOS `getLocation:fail:system permission denied`), same sources. Which of the two system causes it
 *   is, WeChat tells exactly through `wx.getSystemSetting().locationEnabled` and
 *   `wx.getAppAuthorizeSetting().locationAuthorized`; they are read after a failure and passed in.
 * - the 用户隐私保护指引 is not agreed: `…:fail privacy permission is not authorized`, errno 104 (also
 *   what `resolve({ event: 'disagree' })` of `wx.onNeedPrivacyAuthorization` produces; its
 *   documentation); `… in gap` right after a refusal (mini-game privacy guide, 报错提示信息 table).
 * - not declared by the developer: `api scope is not declared in the privacy agreement`, errno 112
 *   (same table), or `getLocation:fail the api need to be declared in the requiredPrivateInfos field
 *   in app.json/ext.json` (https://jishuzhan.net/article/1925530248729448449).
 * - timeout: `getLocation:fail:timeout` / `getLocation:fail timeout` (errCode -1); no network:
 *   `getLocation:fail:ERROR_NETWORK`; no fix: `getLocation:fail:ERROR_SERVER_NOT_LOCATION` (errCode
 *   404) — community question "wx.getLocation 获取位置很多用户返回失败或者无回调".
 * - the person closed the map of `chooseLocation`: `chooseLocation:fail cancel`.
 * - in the browser (Taro h5 wraps the W3C error's message): `getLocation:fail User denied
 *   Geolocation`, `… Timeout expired`, `… Only secure origins are allowed`, `… Position unavailable`,
 *   `getLocation:fail The current browser does not support this feature`.
 *
 * Errno values per WeChat's general table (https://developers.weixin.qq.com/miniprogram/dev/framework/usability/PublicErrno.html)
 * win over the wording when present. Pure: the failure and the settings are passed in.
 */

export type LocationFailureKind =
  /** This mini-program (or, in a browser, this site) was refused the location permission. */
  | 'denied'
  /** The phone's location service (GPS) is switched off. */
  | 'system_off'
  /** The phone does not let WeChat use location. */
  | 'app_denied'
  /** The person has not agreed to the 用户隐私保护指引. */
  | 'privacy'
  /** The app did not declare location (privacy guide, or `requiredPrivateInfos`): an administrator's fix. */
  | 'not_declared'
  | 'timeout'
  | 'network'
  /** The device could not work out a position (no signal). */
  | 'unavailable'
  /** A browser page on plain http: browsers offer location only on https. */
  | 'insecure'
  /** A browser without location. */
  | 'unsupported'
  /** The person closed the map without choosing (chooseLocation). */
  | 'cancelled'
  | 'unknown'

/** A failure as WeChat (or Taro h5) rejects it: any of these may be missing. */
export interface LocationFailure {
  errMsg?: string
  errno?: number
  errCode?: number
}

/** What WeChat says about the phone after a failure (`getSystemSetting`, `getAppAuthorizeSetting`). */
export interface LocationSettings {
  /** The phone's location switch. */
  locationEnabled?: boolean
  /** Whether the phone lets WeChat use location. */
  locationAuthorized?: 'authorized' | 'denied' | 'not determined'
}

/** errno values of WeChat's general table that concern location. */
const ERRNO_KIND: Record<number, LocationFailureKind> = {
  103: 'denied',
  104: 'privacy',
  112: 'not_declared',
}

const WORDING: [RegExp, LocationFailureKind][] = [
  [/privacy permission is not authori[sz]ed|privacy authorization fail|agree privacy/i, 'privacy'],
  [/not declared in the privacy agreement|requiredPrivateInfos|please go to mp to announce/i, 'not_declared'],
  [/:\s*fail[: ]\s*cancel\b/i, 'cancelled'],
  [/LOCATIONSWITCHOFF|location ?switch ?off|location service/i, 'system_off'],
  [/system permission denied/i, 'app_denied'],
  [/auth den(y|ied)|authorize no response|user denied|permission denied|not have permission/i, 'denied'],
  [/only secure origins|secure context/i, 'insecure'],
  [/does not support|not supported|unsupported/i, 'unsupported'],
  [/time ?out|timeout expired/i, 'timeout'],
  [/ERROR_NETWORK|network/i, 'network'],
  [/ERROR_SERVER_NOT_LOCATION|position unavailable|unavailable|ERROR_NOCELL/i, 'unavailable'],
]

/**
 * Classifies a failed `getLocation` / `chooseLocation`.
 *
 * @param failure what the API rejected with (an object with `errMsg`, `errno`, `errCode`; anything
 *   else counts as unknown).
 * @param settings the phone's switches read after the failure, when available (WeChat only): they
 *   decide between "location off" and "WeChat not allowed" for the ambiguous system failures.
 * @returns the kind of failure. Never throws.
 */
export function classifyLocationFailure(failure: unknown, settings: LocationSettings = {}): LocationFailureKind {
  const f = (typeof failure === 'object' && failure !== null ? failure : {}) as LocationFailure
  const errMsg = typeof f.errMsg === 'string' ? f.errMsg : ''
  const byErrno = typeof f.errno === 'number' ? ERRNO_KIND[f.errno] : undefined
  if (byErrno) return byErrno
  let kind: LocationFailureKind = WORDING.find(([re]) => re.test(errMsg))?.[1] ?? 'unknown'
  if (kind === 'unknown' && f.errCode === 2) kind = 'system_off'
  if (kind === 'unknown' && f.errCode === -1) kind = 'timeout'
  // The switches are the truth about the phone: they settle the system failures and explain the
  // unexplained ones (an old client's bare "getLocation:fail").
  if (kind === 'system_off' || kind === 'app_denied' || kind === 'unknown' || kind === 'unavailable') {
    if (settings.locationEnabled === false) return 'system_off'
    if (settings.locationAuthorized === 'denied') return 'app_denied'
  }
  return kind
}

/** What the button next to the message does. */
export type LocationFix =
  /** `openSetting`: this mini-program's permissions. */
  | 'open_setting'
  /** `openAppAuthorizeSetting`: the phone's settings page for WeChat. */
  | 'open_app_authorize_setting'
  /** Show the privacy guide and let the person agree (`requirePrivacyAuthorize`). */
  | 'agree_privacy'
  | 'retry'
  | 'none'

export interface LocationAdvice {
  kind: LocationFailureKind
  /** Chinese, says what happened and what to do next; empty for a cancelled map. */
  message: string
  fix: LocationFix
}

/** What the position was for: sign-in at the venue, or filling in the city of a 报到. */
export type LocationUse = 'sign_in' | 'check_in'

const NEED: Record<LocationUse, string> = {
  sign_in: '本次签到要确认你在会场范围内',
  check_in: '用当前位置填写城市需要位置信息',
}
/** What is possible without a position. */
const OTHERWISE: Record<LocationUse, string> = {
  sign_in: '如仍无法定位，可请书记代为登记。',
  check_in: '也可以直接填写所在城市。',
}

/**
 * The message and the fix for a failure.
 *
 * @param kind from `classifyLocationFailure`.
 * @param platform `weapp` (WeChat, where settings pages can be opened) or `h5` (a browser).
 * @param use what the position was for, which shapes what the person can do instead.
 * @param errMsg the raw failure, quoted in the message of an unknown failure so it can be reported.
 * @returns the advice; `message` is empty only for `cancelled`.
 */
export function adviseLocationFailure(
  kind: LocationFailureKind,
  platform: 'weapp' | 'h5',
  use: LocationUse,
  errMsg = '',
): LocationAdvice {
  const need = NEED[use]
  const otherwise = OTHERWISE[use]
  const advice = (message: string, fix: LocationFix): LocationAdvice => ({ kind, message, fix })
  switch (kind) {
    case 'denied':
      return platform === 'weapp'
        ? advice(
            `你没有允许本小程序使用位置信息，${need}。请点“去设置”，打开“位置信息”后回到这里，会自动重试。${otherwise}`,
            'open_setting',
          )
        : advice(
            `浏览器没有允许本网页使用你的位置，${need}。请在浏览器地址栏旁的网站设置中允许“位置”，再点“重试”。${otherwise}`,
            'retry',
          )
    case 'system_off':
      return advice(
        `手机的定位服务（GPS）没有打开，${need}。请从屏幕顶部下拉，或在手机“设置”中打开“位置信息/定位服务”，再点“重试”。`,
        'retry',
      )
    case 'app_denied':
      return platform === 'weapp'
        ? advice(
            `手机没有允许微信使用位置信息，${need}。请点“去开启”，在系统设置中允许微信访问位置，回来后点“重试”。`,
            'open_app_authorize_setting',
          )
        : advice(`手机没有允许浏览器使用位置信息，${need}。请在手机“设置”中允许浏览器访问位置，再点“重试”。`, 'retry')
    case 'privacy':
      return advice(
        `你还没有同意本小程序的《用户隐私保护指引》，微信暂不允许读取位置。请点“查看并同意”，同意后会自动重试。${otherwise}`,
        'agree_privacy',
      )
    case 'not_declared':
      return advice(
        `小程序尚未完成位置信息的使用声明，暂时无法定位。请告诉支部书记，由管理员在微信公众平台补充声明。${otherwise}`,
        'none',
      )
    case 'timeout':
      return advice(`定位超时（信号弱）。请走到窗边或室外，稍等几秒再点“重试”。${otherwise}`, 'retry')
    case 'network':
      return advice(`定位需要网络，当前网络不通。请检查网络后点“重试”。${otherwise}`, 'retry')
    case 'unavailable':
      return advice(`暂时取不到你的位置。请确认手机定位服务已打开，走到信号好的地方再点“重试”。${otherwise}`, 'retry')
    case 'insecure':
      return advice(`浏览器只允许 https 网址使用定位，当前网址无法定位。请改在微信小程序中操作。${otherwise}`, 'none')
    case 'unsupported':
      return advice(`这个浏览器不支持定位。请改在微信小程序中操作。${otherwise}`, 'none')
    case 'cancelled':
      return advice('', 'none')
    case 'unknown':
      return advice(
        `没有取得你的位置${errMsg ? `（${errMsg.slice(0, 80)}）` : ''}。请稍后点“重试”。${otherwise}`,
        'retry',
      )
  }
}
