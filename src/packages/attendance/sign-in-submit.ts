/**
 * Sending a scan: where the member is (when the meeting asks for it), the device time, and — with
 * no network — the outbox, where the scan waits (待上传) and is sent as 离线补传 later.
 */
import Taro from '@tarojs/taro'
import type { SignInResult } from '../../domain/api/views-attendance'
import { ApiCallError, call, newRequestId } from '../../services/api'
import { enqueue } from '../../services/outbox'

export interface Place {
  lat: number
  lng: number
}

/**
 * The member's position in WGS-84: the one coordinate system both WeChat and the browser offer, so
 * a place set on one platform is measured the same on the other (GCJ-02 would be ~500 m off).
 */
export async function currentPlace(): Promise<Place> {
  try {
    const r = await Taro.getLocation({ type: 'wgs84', isHighAccuracy: true })
    return { lat: r.latitude, lng: r.longitude }
  } catch {
    throw new ApiCallError(
      'VALIDATION_FAILED',
      '没有取得你的位置：本次会议要求在会场范围内签到，请在设置中允许小程序使用位置信息后重试。',
    )
  }
}

/** Opens the in-app scanner (WeChat); null in the browser, which has none. */
export async function scanToken(): Promise<string | null> {
  if (process.env.TARO_ENV !== 'weapp') return null
  const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
  return r.result
}

export type ScanOutcome = { kind: 'signed'; result: SignInResult } | { kind: 'queued' }

export async function submitScan(
  meeting: { meetingId: string; title: string; requiresLocation: boolean },
  token: string,
): Promise<ScanOutcome> {
  const deviceTime = Date.now()
  const location = meeting.requiresLocation ? await currentPlace() : null
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
