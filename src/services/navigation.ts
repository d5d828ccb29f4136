/**
 * Moving between pages, by the page table (src/domain/pages.ts): `navigate('meetingDetail', { id })`
 * opens a page on top, `redirect` replaces this one, `relaunch` starts over from it. A tab page is
 * always opened with switchTab (WeChat refuses navigateTo to one). `openUrl` takes an address made
 * elsewhere (a notice's page from the server, a scanned code of this app, a list of shortcuts).
 */
import Taro from '@tarojs/taro'
import { pageUrl, PAGES, TAB_PAGES, type PageArgs, type PageName } from '../domain/pages'

const TABS: readonly string[] = TAB_PAGES.map((name) => PAGES[name])

/**
 * Opens an address of this app: a tab page by switchTab (its query dropped, as WeChat does), any
 * other page on top of this one. Accepts the path with or without its leading slash.
 *
 * @returns WeChat's answer; rejects as Taro does when the page cannot be opened.
 */
export function openUrl(url: string): Promise<TaroGeneral.CallbackResult> {
  const full = url.startsWith('/') ? url : `/${url}`
  const path = full.split('?')[0]
  return TABS.includes(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url: full })
}

/** Opens page `name` with its query on top of this one (a tab page: switches to it). */
export function navigate<N extends PageName>(name: N, ...params: PageArgs<N>): Promise<TaroGeneral.CallbackResult> {
  return openUrl(pageUrl(name, ...params))
}

/** Replaces this page with page `name` (a tab page: switches to it, closing the others). */
export function redirect<N extends PageName>(name: N, ...params: PageArgs<N>): Promise<TaroGeneral.CallbackResult> {
  const url = pageUrl(name, ...params)
  return (TAB_PAGES as readonly PageName[]).includes(name)
    ? Taro.switchTab({ url: url.split('?')[0] })
    : Taro.redirectTo({ url })
}

/** Closes every page and opens page `name` (after login, after binding, when the session ended). */
export function relaunch<N extends PageName>(name: N, ...params: PageArgs<N>): Promise<TaroGeneral.CallbackResult> {
  return Taro.reLaunch({ url: pageUrl(name, ...params) })
}
