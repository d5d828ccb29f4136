/**
 * The slice of `@tarojs/taro` the app uses, for jsdom (UI tests only): storage in memory, navigation
 * recorded so a test can assert where the app went, lifecycle hooks that run like React effects.
 */
import { useEffect } from 'react'

const storage = new Map<string, unknown>()
export const navigation: { calls: { method: string; url: string }[]; params: Record<string, string> } = {
  calls: [],
  params: {},
}

export function resetTaroMock(): void {
  storage.clear()
  navigation.calls.length = 0
  navigation.params = {}
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
  stopPullDownRefresh: () => undefined,
  cloud: {
    init: () => undefined,
    callFunction: () => Promise.reject(new Error('no WeChat cloud in jsdom')),
  },
}

export default Taro

export function useDidShow(fn: () => void): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(fn, [])
}
export function usePullDownRefresh(_fn: () => void): void {}
export function useRouter() {
  return { params: navigation.params }
}
export function useLoad(fn: () => void): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(fn, [])
}
