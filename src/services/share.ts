/**
 * Passing something on from a page: copying text to the clipboard (Taro.setClipboardData, in WeChat
 * and in the browser) and whether this platform can share the page into a WeChat chat (the 转发 button
 * with `open-type="share"` and the page's onShareAppMessage, WeChat only).
 */
import Taro from '@tarojs/taro'

/** True in the mini-program, where a button can share the page into a chat. */
export const canShareToChat = process.env.TARO_ENV === 'weapp'

/**
 * Puts `text` on the clipboard; WeChat shows its own 内容已复制 toast.
 *
 * @returns true when copied, false when the platform refused (e.g. a browser without clipboard access)
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await Taro.setClipboardData({ data: text })
    return true
  } catch {
    return false
  }
}
