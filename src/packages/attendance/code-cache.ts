/**
 * The 签到码 screen's secret, kept on the secretary's phone once fetched so the code keeps rotating
 * with no network, with the difference between the phone's clock and the server's.
 */
import Taro from '@tarojs/taro'
import type { SignInCodeView } from '../../domain/api/views-attendance'

export interface CachedCode {
  code: SignInCodeView
  /** serverNow − phone time when fetched: added to Date.now() to follow the server's clock. */
  offset: number
}

const key = (meetingId: string) => `party.signin-code.${meetingId}`

export function loadCode(meetingId: string): CachedCode | null {
  try {
    const v = Taro.getStorageSync(key(meetingId)) as CachedCode | ''
    return v && v.code ? v : null
  } catch {
    return null
  }
}

export function saveCode(code: SignInCodeView, phoneNow: number): CachedCode {
  const cached = { code, offset: code.serverNow - phoneNow }
  try {
    Taro.setStorageSync(key(code.meetingId), cached)
  } catch {
    // Storage full: the code still rotates while the page stays open.
  }
  return cached
}
