/**
 * Forms keep what the person typed in local storage as they type, so a failed submission, a lost
 * network or a closed app never loses it. Cleared only when the server has accepted the write.
 */
import Taro from '@tarojs/taro'

const PREFIX = 'party.draft.'

export function loadDraft<T>(key: string): T | null {
  try {
    const value = Taro.getStorageSync(PREFIX + key) as T | ''
    return value === '' || value == null ? null : value
  } catch {
    return null
  }
}

export function saveDraft<T>(key: string, value: T): void {
  try {
    Taro.setStorageSync(PREFIX + key, value)
  } catch {
    // Storage full or unavailable: the form still holds the value on screen.
  }
}

export function clearDraft(key: string): void {
  Taro.removeStorageSync(PREFIX + key)
}
