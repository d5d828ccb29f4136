/**
 * 扫一扫 for a browser's login QR inside the app (WeChat's own scanner opens the confirm page by
 * itself; this is the way from 我的 › 网页版登录).
 */
import Taro from '@tarojs/taro'
import { PAGES } from '../../domain/pages'
import { readScan, WEB_LOGIN_PAGE } from '../../domain/scan-result'
import { openUrl } from '../../services/navigation'

/** This app's pages as a scanned code names them (no leading slash). */
const APP_PAGES = Object.values(PAGES).map((p) => p.replace(/^\/+/, ''))

const NOT_LOGIN = '扫到的不是网页版登录二维码。请在电脑上打开网页版，扫描登录页上的二维码。'

/**
 * Opens WeChat's scanner (camera only, QR codes and mini-program codes); a browser's login code
 * opens the confirm page.
 *
 * @returns '' when the confirm page was opened or the person closed the scanner, else a Chinese
 *   message saying what was scanned and what to scan instead. Never throws.
 */
export async function scanLoginCode(): Promise<string> {
  let scanned: Taro.scanCode.SuccessCallbackResult
  try {
    // `wxCode` (小程序码) is a documented scanType that Taro's types do not list.
    const scanType = ['qrCode', 'wxCode'] as unknown as (keyof Taro.scanCode.ScanType)[]
    scanned = await Taro.scanCode({ onlyFromCamera: true, scanType })
  } catch (err) {
    const errMsg = String((err as { errMsg?: unknown })?.errMsg ?? '')
    if (/cancel/i.test(errMsg)) return ''
    return '没有扫到二维码：请对准电脑上的登录二维码重试；如相机打不开，请在手机设置中允许微信使用相机。'
  }
  const target = readScan(scanned, APP_PAGES)
  if (target.kind === 'app_page' && target.url.startsWith(`/${WEB_LOGIN_PAGE}?`)) {
    await openUrl(target.url)
    return ''
  }
  if (target.kind === 'unknown' && /网页版登录码/.test(target.message)) return target.message
  return NOT_LOGIN
}
