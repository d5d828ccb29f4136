/**
 * The development session of the browser build, kept in local storage. The WeChat build has no
 * session of its own: WeChat identifies the caller to the cloud function.
 */
import Taro from '@tarojs/taro'
import type { SessionGrant } from '../domain/api/views'

const KEY = 'party.session'

export function readSession(now = Date.now()): SessionGrant | null {
  try {
    const stored = Taro.getStorageSync(KEY) as SessionGrant | '' | undefined
    if (!stored || typeof stored !== 'object' || typeof stored.token !== 'string') return null
    return stored.expiresAt > now ? stored : null
  } catch {
    return null
  }
}

export function saveSession(grant: SessionGrant): void {
  Taro.setStorageSync(KEY, grant)
}

export function clearSession(): void {
  Taro.removeStorageSync(KEY)
}

export const usesDevLogin = process.env.TARO_ENV !== 'weapp'
