/**
 * Sending a scan: what was scanned (domain/scan-result.ts), where the member is (when the meeting
 * asks for it), the device time, and — with no network — the outbox, where a rotating-code scan waits
 * (待上传) and is sent as 离线补传 later.
 */
import Taro from '@tarojs/taro'
import type { SignInResult } from '../../domain/api/views-attendance'
import { readScan, type ScanTarget } from '../../domain/scan-result'
import { PAGES } from '../../domain/pages'
import { ApiCallError, call, newRequestId } from '../../services/api'
import { currentPosition, type Position } from '../../services/location'
import { navigate, openUrl } from '../../services/navigation'
import { enqueue } from '../../services/outbox'

export type Place = Position

/** This app's pages as a scanned code names them (no leading slash). */
const APP_PAGES = Object.values(PAGES).map((p) => p.replace(/^\/+/, ''))

/**
 * The member's position for signing in (WGS-84).
 *
 * @throws LocationError (an ApiCallError) whose `advice` says why there is none and how to fix it.
 */
export function currentPlace(): Promise<Place> {
  return currentPosition('sign_in')
}

/**
 * Opens WeChat's scanner (camera only, QR codes and mini-program codes) and reads what was scanned.
 *
 * @returns what the scan means, or null in the browser (no scanner) or when the person closed the
 *   scanner.
 * @throws ApiCallError with a Chinese message when the scanner could not read anything.
 */
export async function scanCode(): Promise<ScanTarget | null> {
  if (process.env.TARO_ENV !== 'weapp') return null
  let scanned: Taro.scanCode.SuccessCallbackResult
  try {
    // `wxCode` (小程序码) is a documented scanType that Taro's types do not list.
    const scanType = ['qrCode', 'wxCode'] as unknown as (keyof Taro.scanCode.ScanType)[]
    scanned = await Taro.scanCode({ onlyFromCamera: true, scanType })
  } catch (err) {
    const errMsg = String((err as { errMsg?: unknown })?.errMsg ?? '')
    if (/cancel/i.test(errMsg)) return null
    throw new ApiCallError(
      'VALIDATION_FAILED',
      '没有扫到签到码：请对准书记手机上的签到码重试；如相机打不开，请在手机设置中允许微信使用相机。',
    )
  }
  return readScan(scanned, APP_PAGES)
}

export type ScanOutcome = { kind: 'signed'; result: SignInResult } | { kind: 'queued' }

/**
 * Signs in with a rotating token; with no network the scan is queued with the time it was made.
 *
 * @param meeting the meeting of the page (its title labels the queued write).
 * @param token the scanned or typed token.
 * @param location the member's position when the meeting requires it, else null.
 * @throws ApiCallError for the server's refusals (expired code, out of range, …).
 */
export async function submitScan(
  meeting: { meetingId: string; title: string },
  token: string,
  location: Place | null,
): Promise<ScanOutcome> {
  const deviceTime = Date.now()
  const requestId = newRequestId()
  try {
    const result = await call(
      'attendance.signIn',
      { meetingId: meeting.meetingId, token: token.trim(), deviceTime, location },
      { requestId },
    )
    return { kind: 'signed', result }
  } catch (err) {
    if (!(err instanceof ApiCallError) || err.code !== 'NETWORK') throw err
    // No network: keep the scan with the time it was made; the server judges it when it arrives.
    enqueue(
      'attendance.signIn',
      { meetingId: meeting.meetingId, token: token.trim(), deviceTime, offline: true, location },
      `「${meeting.title}」签到`,
    )
    return { kind: 'queued' }
  }
}

/**
 * Signs in with a printed venue code: the position is required (the server checks the radius).
 *
 * @param scene the code's scene, `s=<16 hex>`.
 * @param location the position if already known, else null to take it now.
 * @throws LocationError when there is no position; ApiCallError for the server's refusals.
 */
export async function submitVenueCode(scene: string, location: Place | null): Promise<SignInResult> {
  const at = location ?? (await currentPlace())
  return call('attendance.signInPrinted', { scene, location: at }, { requestId: newRequestId() })
}

/** Opens the page an invitation or another page of this app leads to; false for anything else. */
export function openPageOf(target: ScanTarget): boolean {
  if (target.kind === 'invitation') {
    void navigate('bind', { code: target.code })
    return true
  }
  if (target.kind === 'app_page') {
    void openUrl(target.url)
    return true
  }
  return false
}

/** What the scanner read that is not for signing in here, in words. */
export function scanMessage(target: ScanTarget): string {
  return target.kind === 'unknown' ? target.message : '没有读到内容，请对准签到码重新扫描。'
}
