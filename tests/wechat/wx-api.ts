/**
 * The `wx` object of the simulated mini-program: only the WeChat APIs the app's launch and tab
 * pages use, each recorded, with WeChat's calling convention (an options object with
 * success/fail/complete called asynchronously and an `errMsg` of `<api>:ok` or `<api>:fail …`;
 * a Promise when no callback is given). APIs the app calls elsewhere that need a device (scanning,
 * location, files, subscribe messages …) exist, so Taro wraps them as it does in WeChat, but throw
 * when called; any other name is simply absent, as on an older WeChat, and reading it is recorded.
 */

/** One call the app made on `wx`, in order. */
export interface WxCall {
  api: string
  /** The options or arguments, JSON-copied at the time of the call (callbacks dropped). */
  args: unknown[]
  /** Virtual time of the call, epoch ms. */
  at: number
}

/** What `wx` needs from the simulator around it. */
export interface WxHost {
  /** The virtual clock, epoch ms. */
  now(): number
  /** Runs `fn` later, as WeChat calls API callbacks (after the current task). */
  later(fn: () => void): void
  /** Registers host work (a cloud call) the simulator waits for before it calls itself idle. */
  track<T>(work: Promise<T>): Promise<T>
  /** Copies a value into the app's realm, as WeChat's bridge does (JSON). */
  toApp<T>(value: T): T
  /** The app realm's Promise, so promises the app receives are its own. */
  AppPromise: PromiseConstructor
  /** Page navigation; each returns the `errMsg` suffix on failure or null on success. */
  navigate(kind: NavigationKind, options: { url?: string; delta?: number }): string | null
  /** The `api` cloud function and any other: the server's result for `data`, as the caller's OPENID. */
  callFunction(name: string, data: unknown): Promise<unknown>
  /** Whether the app is running a tap's handler right now (WeChat allows some APIs only then). */
  inTapGesture(): boolean
  /** The person and their phone: what they agreed to and how they answer WeChat's dialogs. */
  device: DeviceState
}

/** What WeChat knows about the person on this phone, and how they answer its dialogs. */
export interface DeviceState {
  /** Whether they have agreed to the mini-program's 用户隐私保护指引. */
  privacyAgreed: boolean
  /** The guide's name as set on 微信公众平台. */
  privacyContractName: string
  /** Their answer in the subscribe-message dialog, per template id. */
  subscribeAnswer(tmplId: string): 'accept' | 'reject' | 'ban' | 'filter'
}

/** WeChat's limit on templates in one requestSubscribeMessage. */
const MAX_SUBSCRIBE_TEMPLATES = 3

export type NavigationKind = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack'

/** A failure with WeChat's `errMsg` (e.g. `navigateTo:fail page "x" is not found`). */
class WxFail extends Error {
  constructor(readonly errMsg: string) {
    super(errMsg)
  }
}

type Options = Record<string, unknown> & {
  success?: (res: unknown) => void
  fail?: (res: unknown) => void
  complete?: (res: unknown) => void
}

/**
 * APIs the app's source calls (src/**: `Taro.<api>`) that this simulation cannot answer faithfully:
 * they need a camera, GPS, the file system, WeChat's system dialogs or its servers. Calling one throws.
 */
export const DEVICE_ONLY_APIS = [
  'scanCode',
  'getLocation',
  'chooseLocation',
  'chooseMedia',
  'chooseImage',
  'chooseMessageFile',
  'compressImage',
  'openDocument',
  'shareFileMessage',
  'getFileSystemManager',
  'openSetting',
  'requirePrivacyAuthorize',
  'openPrivacyContract',
  'openAppAuthorizeSetting',
  'getAppAuthorizeSetting',
  'getSystemSetting',
  'showModal',
  'uploadFile',
  'downloadFile',
  'saveFile',
] as const

/** The simulated `wx`, its call log, the listeners the app registered and the reads of absent APIs. */
export interface SimulatedWx {
  wx: Record<string, unknown>
  calls: WxCall[]
  /** Event listeners registered with `wx.on…` (e.g. `onAppShow`), by event name. */
  listeners: Map<string, ((...args: unknown[]) => void)[]>
  /** Names read from `wx` that it does not have. */
  absent: string[]
  /** Storage as the app left it (key → JSON text). */
  storage: Map<string, string>
}

const USER_DATA_PATH = 'http://usr'
const STORAGE_LIMIT = 10 * 1024 * 1024
const STORAGE_KEY_LIMIT = 1024 * 1024

/**
 * Creates the simulated `wx` for one mini-program run.
 * @param host the simulator's clock, scheduling, realm bridge, navigation and cloud functions.
 */
export function createWx(host: WxHost): SimulatedWx {
  const calls: WxCall[] = []
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>()
  const storage = new Map<string, string>()
  const absent: string[] = []
  let cloudInitialized = false

  const record = (api: string, args: unknown[]) => {
    calls.push({ api, args: args.map(jsonCopy), at: host.now() })
  }

  /** WeChat's asynchronous API shape around `impl`, which returns the result or throws WxFail. */
  const asyncApi =
    (api: string, impl: (o: Options) => Record<string, unknown> | Promise<Record<string, unknown>>) =>
    (options: Options = {}) => {
      record(api, [options])
      const settle = (outcome: Promise<Record<string, unknown>>) =>
        outcome.then(
          (res) => {
            const out = host.toApp({ ...res, errMsg: `${api}:ok` })
            host.later(() => {
              options.success?.(out)
              options.complete?.(out)
            })
            return out
          },
          (err: unknown) => {
            const errMsg = err instanceof WxFail ? err.errMsg : `${api}:fail ${(err as Error).message}`
            const out = host.toApp({ errMsg })
            host.later(() => {
              options.fail?.(out)
              options.complete?.(out)
            })
            throw out
          },
        )
      let outcome: Promise<Record<string, unknown>>
      try {
        outcome = Promise.resolve(impl(options))
      } catch (err) {
        outcome = Promise.reject(err)
      }
      const tracked = host.track(settle(outcome))
      if (options.success || options.fail || options.complete) {
        tracked.catch(() => undefined)
        return undefined
      }
      return new host.AppPromise((resolve, reject) => tracked.then(resolve, reject))
    }

  const onApi = (event: string) => (fn: (...args: unknown[]) => void) => {
    record(`on${event}`, [])
    listeners.set(event, [...(listeners.get(event) ?? []), fn])
  }
  const offApi = (event: string) => (fn?: (...args: unknown[]) => void) => {
    record(`off${event}`, [])
    listeners.set(event, fn ? (listeners.get(event) ?? []).filter((l) => l !== fn) : [])
  }

  const navigation = (kind: NavigationKind) =>
    asyncApi(kind, (o) => {
      const problem = host.navigate(kind, { url: o.url as string | undefined, delta: o.delta as number | undefined })
      if (problem) throw new WxFail(`${kind}:fail ${problem}`)
      return {}
    })

  const storedBytes = () => [...storage].reduce((n, [k, v]) => n + k.length + v.length, 0)

  const wx: Record<string, unknown> = {
    env: { USER_DATA_PATH },

    // Storage: values cross as JSON, as WeChat keeps them; a missing key reads as ''.
    getStorageSync(key: string) {
      record('getStorageSync', [key])
      const text = storage.get(String(key))
      return text === undefined ? '' : host.toApp(JSON.parse(text))
    },
    setStorageSync(key: string, data: unknown) {
      record('setStorageSync', [key, data])
      if (typeof key !== 'string' || key === '')
        throw new Error('setStorageSync:fail parameter error: key should be a non-empty string')
      const text = JSON.stringify(data === undefined ? null : data)
      if (text.length > STORAGE_KEY_LIMIT) throw new Error('setStorageSync:fail exceed max size 1MB for a key')
      if (storedBytes() + text.length > STORAGE_LIMIT)
        throw new Error('setStorageSync:fail exceed storage max size 10MB')
      storage.set(key, text)
    },
    removeStorageSync(key: string) {
      record('removeStorageSync', [key])
      storage.delete(String(key))
    },

    onAppShow: onApi('AppShow'),
    offAppShow: offApi('AppShow'),
    onAppHide: onApi('AppHide'),
    offAppHide: offApi('AppHide'),
    onNetworkStatusChange: onApi('NetworkStatusChange'),
    offNetworkStatusChange: offApi('NetworkStatusChange'),
    onNeedPrivacyAuthorization: onApi('NeedPrivacyAuthorization'),
    onError: onApi('Error'),
    offError: offApi('Error'),
    onUnhandledRejection: onApi('UnhandledRejection'),
    offUnhandledRejection: offApi('UnhandledRejection'),

    getNetworkType: asyncApi('getNetworkType', () => ({ networkType: 'wifi' })),

    getPrivacySetting: asyncApi('getPrivacySetting', () => ({
      needAuthorization: !host.device.privacyAgreed,
      privacyContractName: host.device.privacyContractName,
    })),

    // WeChat shows its dialog only for a tap; after an await or from a timer it refuses.
    requestSubscribeMessage: (options: Options = {}) => {
      const gesture = host.inTapGesture()
      return asyncApi('requestSubscribeMessage', (o) => {
        const ids = o.tmplIds
        if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id)) {
          throw new WxFail(
            'requestSubscribeMessage:fail parameter error: parameter.tmplIds should be a non-empty Array',
          )
        }
        if (ids.length > MAX_SUBSCRIBE_TEMPLATES)
          throw new WxFail('requestSubscribeMessage:fail TmplIds count exceeds max limit')
        if (!gesture) throw new WxFail('requestSubscribeMessage:fail can only be invoked by user TAP gesture.')
        return Object.fromEntries(ids.map((id: string) => [id, host.device.subscribeAnswer(id)]))
      })(options)
    },

    navigateTo: navigation('navigateTo'),
    redirectTo: navigation('redirectTo'),
    switchTab: navigation('switchTab'),
    reLaunch: navigation('reLaunch'),
    navigateBack: navigation('navigateBack'),

    // The person sees these; the simulation records them (the call log is the assertion).
    showToast: asyncApi('showToast', () => ({})),
    hideToast: asyncApi('hideToast', () => ({})),
    showLoading: asyncApi('showLoading', () => ({})),
    hideLoading: asyncApi('hideLoading', () => ({})),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', () => ({})),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', () => ({})),

    cloud: {
      init(options: Record<string, unknown> = {}) {
        record('cloud.init', [options])
        cloudInitialized = true
      },
      callFunction: asyncApi('cloud.callFunction', async (o) => {
        // WeChat's own refusal when the app forgot wx.cloud.init().
        if (!cloudInitialized)
          throw new WxFail('cloud.callFunction:fail 请先调用 wx.cloud.init() 完成初始化后再调用其他云 API')
        if (typeof o.name !== 'string' || !o.name)
          throw new WxFail('cloud.callFunction:fail parameter.name should be String')
        const result = await host.callFunction(o.name, jsonCopy(o.data ?? {}))
        return { result, requestID: `sim-${calls.length}` }
      }),
    },
  }

  for (const api of DEVICE_ONLY_APIS) {
    wx[api] = (...args: unknown[]) => {
      record(api, args)
      throw new Error(`wx.${api} is not simulated here: it needs a device (see tests/wechat/wx-api.ts)`)
    }
  }

  // Reads of names wx lacks are recorded (feature detection is legitimate; a later call then fails).
  const proxy = new Proxy(wx, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(key in target) && key !== 'webpackJsonp') absent.push(key)
      return Reflect.get(target, key, receiver)
    },
  })
  return { wx: proxy, calls, listeners, absent, storage }
}

function jsonCopy(value: unknown): unknown {
  if (value === undefined) return undefined
  if (typeof value === 'function') return '[function]'
  try {
    return JSON.parse(JSON.stringify(value))
  } catch {
    return String(value)
  }
}
