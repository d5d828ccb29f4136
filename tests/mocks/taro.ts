/**
 * The slice of `@tarojs/taro` the app uses, for jsdom (UI tests only): storage in memory, navigation
 * recorded so a test can assert where the app went, page lifecycle hooks whose callbacks a test
 * fires (`showPage()`, `hidePage()`, `pullDownRefresh()`) as WeChat fires onShow, onHide and
 * onPullDownRefresh; `useDidShow` and `useLoad` also run once on mount, as the page first appears.
 */
import { useEffect, useRef } from 'react'

const storage = new Map<string, unknown>()
export const navigation: { calls: { method: string; url: string }[]; params: Record<string, string> } = {
  calls: [],
  params: {},
}

/** The page events WeChat fires on a shown page, and the callbacks of the mounted pages for each. */
type PageEvent = 'show' | 'hide' | 'pullDownRefresh'
const pageListeners: Record<PageEvent, Set<() => void>> = {
  show: new Set(),
  hide: new Set(),
  pullDownRefresh: new Set(),
}

/** One recorded answer of a WeChat device API: its success result, or what it rejects with. */
export type DeviceAnswer<T> = { ok: T } | { fail: unknown }
type PrivacyResolve = (option: { event: string; buttonId?: string }) => void

/**
 * WeChat's device APIs as recorded answers (scanning, location, settings, the privacy flow): a test
 * queues what WeChat would hand back, and reads which APIs the app called.
 */
export const device = {
  /** Answers of `scanCode`, in order; with none left the scanner is closed (`scanCode:fail cancel`). */
  scans: [] as DeviceAnswer<Record<string, unknown>>[],
  /** Answers of `getLocation`, in order; with none left it times out. */
  locations: [] as DeviceAnswer<{ latitude: number; longitude: number }>[],
  /** Answers of `chooseLocation`, in order; with none left the map is closed. */
  chosenPlaces: [] as DeviceAnswer<{ name: string; address: string; latitude: number; longitude: number }>[],
  /** What `openSetting` returns as the person's choices. */
  authSetting: {} as Record<string, boolean>,
  /** What `getSystemSetting` / `getAppAuthorizeSetting` return. */
  systemSetting: {} as { locationEnabled?: boolean },
  appAuthorizeSetting: {} as { locationAuthorized?: string },
  /** Whether privacy APIs must wait for the 隐私保护指引 to be agreed. */
  privacyNeeded: false,
  /** The app's `onNeedPrivacyAuthorization` listener, and what it resolved. */
  privacyListener: null as null | ((resolve: PrivacyResolve, info: { referrer: string }) => void),
  privacyAnswers: [] as { event: string; buttonId?: string }[],
  /** Device APIs called, by name, in order. */
  calls: [] as string[],
  /** The template ids of each `requestSubscribeMessage`, in order; every one is answered `accept`. */
  subscribeRequests: [] as string[][],
  /** What `setClipboardData` last put on the clipboard. */
  clipboard: '',
  /** The titles `setNavigationBarTitle` set, in order. */
  titles: [] as string[],
  /** The page's `useShareAppMessage` handler, as WeChat calls it when the person shares. */
  share: null as null | (() => { title?: string; path?: string }),
}

export function resetTaroMock(): void {
  storage.clear()
  navigation.calls.length = 0
  navigation.params = {}
  device.scans.length = 0
  device.locations.length = 0
  device.chosenPlaces.length = 0
  device.authSetting = {}
  device.systemSetting = {}
  device.appAuthorizeSetting = {}
  device.privacyNeeded = false
  device.privacyListener = null
  device.privacyAnswers.length = 0
  device.calls.length = 0
  device.subscribeRequests.length = 0
  device.clipboard = ''
  device.titles.length = 0
  device.share = null
  for (const listeners of Object.values(pageListeners)) listeners.clear()
}

/**
 * As WeChat does for a privacy API while the guide is not agreed: asks the app's listener and waits;
 * `agree` lets the API go on, `disagree` fails it with errno 104.
 */
function privacyGate(api: string): Promise<void> {
  const listener = device.privacyListener
  if (!device.privacyNeeded || !listener) return Promise.resolve()
  return new Promise((resolve, reject) =>
    listener(
      (option) => {
        device.privacyAnswers.push(option)
        if (option.event === 'agree') {
          device.privacyNeeded = false
          resolve()
        } else if (option.event === 'disagree') {
          reject({ errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 })
        }
      },
      { referrer: api },
    ),
  )
}

function answer<T>(api: string, queue: DeviceAnswer<T>[], none: unknown): Promise<T & { errMsg: string }> {
  device.calls.push(api)
  return privacyGate(api).then(() => {
    const next = queue.shift()
    if (!next) return Promise.reject(none)
    if ('fail' in next) return Promise.reject(next.fail)
    return { errMsg: `${api}:ok`, ...next.ok }
  })
}

const nav = (method: string) => (opts: { url: string }) => {
  navigation.calls.push({ method, url: opts.url })
  return Promise.resolve({ errMsg: `${method}:ok` })
}

const Taro = {
  getStorageSync: (key: string) => (storage.has(key) ? JSON.parse(JSON.stringify(storage.get(key))) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.parse(JSON.stringify(value))),
  removeStorageSync: (key: string) => void storage.delete(key),
  navigateTo: nav('navigateTo'),
  redirectTo: nav('redirectTo'),
  reLaunch: nav('reLaunch'),
  switchTab: nav('switchTab'),
  showToast: () => Promise.resolve(),
  scanCode: () => answer('scanCode', device.scans, { errMsg: 'scanCode:fail cancel' }),
  getLocation: () => answer('getLocation', device.locations, { errMsg: 'getLocation:fail:timeout', errCode: -1 }),
  chooseLocation: () => answer('chooseLocation', device.chosenPlaces, { errMsg: 'chooseLocation:fail cancel' }),
  openSetting: () => {
    device.calls.push('openSetting')
    return Promise.resolve({ errMsg: 'openSetting:ok', authSetting: { ...device.authSetting } })
  },
  openAppAuthorizeSetting: () => {
    device.calls.push('openAppAuthorizeSetting')
    return Promise.resolve({ errMsg: 'openAppAuthorizeSetting:ok' })
  },
  getSystemSetting: () => ({ ...device.systemSetting }),
  getAppAuthorizeSetting: () => ({ ...device.appAuthorizeSetting }),
  onNeedPrivacyAuthorization: (listener: typeof device.privacyListener) => {
    device.privacyListener = listener
  },
  requirePrivacyAuthorize: (opts: { success?: () => void; fail?: (e: unknown) => void }) => {
    device.calls.push('requirePrivacyAuthorize')
    privacyGate('requirePrivacyAuthorize').then(() => opts.success?.(), opts.fail)
  },
  getPrivacySetting: (opts: { success?: (r: { needAuthorization: boolean; privacyContractName: string }) => void }) =>
    opts.success?.({
      needAuthorization: device.privacyNeeded,
      privacyContractName: '《党支部组织生活小程序隐私保护指引》',
    }),
  openPrivacyContract: () => {
    device.calls.push('openPrivacyContract')
  },
  requestSubscribeMessage: (opts: { tmplIds: string[] }) => {
    device.calls.push('requestSubscribeMessage')
    device.subscribeRequests.push([...opts.tmplIds])
    return Promise.resolve({
      errMsg: 'requestSubscribeMessage:ok',
      ...Object.fromEntries(opts.tmplIds.map((id) => [id, 'accept'])),
    })
  },
  stopPullDownRefresh: () => undefined,
  setClipboardData: (opts: { data: string }) => {
    device.calls.push('setClipboardData')
    device.clipboard = opts.data
    return Promise.resolve({ errMsg: 'setClipboardData:ok' })
  },
  setNavigationBarTitle: (opts: { title: string }) => {
    device.titles.push(opts.title)
    return Promise.resolve({ errMsg: 'setNavigationBarTitle:ok' })
  },
  cloud: {
    init: () => undefined,
    callFunction: () => Promise.reject(new Error('no WeChat cloud in jsdom')),
  },
}

export default Taro

/** Keeps the latest `fn` of a mounted component as a listener of `event`, until it unmounts. */
function usePageEvent(event: PageEvent, fn: () => void): void {
  const latest = useRef(fn)
  latest.current = fn
  useEffect(() => {
    const listener = () => latest.current()
    pageListeners[event].add(listener)
    return () => {
      pageListeners[event].delete(listener)
    }
  }, [event])
}

function fire(event: PageEvent): number {
  const listeners = [...pageListeners[event]]
  for (const listener of listeners) listener()
  return listeners.length
}

/**
 * WeChat's onShow for the rendered pages, as when the person comes back from a sub-page or from
 * the background: runs every `useDidShow` callback of the mounted components, and returns how many
 * ran. Wrap it in `act()`.
 */
export const showPage = (): number => fire('show')
/** WeChat's onHide (a sub-page opened, or the app sent to the background); returns how many ran. */
export const hidePage = (): number => fire('hide')
/** WeChat's onPullDownRefresh (the person pulled the page down); returns how many callbacks ran. */
export const pullDownRefresh = (): number => fire('pullDownRefresh')

export function useDidShow(fn: () => void): void {
  // WeChat shows a page as it first appears: once on mount, then at every showPage().
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(fn, [])
  usePageEvent('show', fn)
}
export function useDidHide(fn: () => void): void {
  usePageEvent('hide', fn)
}
export function usePullDownRefresh(fn: () => void): void {
  usePageEvent('pullDownRefresh', fn)
}
export function useRouter() {
  return { params: navigation.params }
}
/** Keeps the page's share handler where a test can call it as WeChat would (`device.share`). */
export function useShareAppMessage(fn: () => { title?: string; path?: string }): void {
  device.share = fn
}
export function useLoad(fn: () => void): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(fn, [])
}
