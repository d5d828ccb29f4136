/**
 * WeChat's privacy flow. With `__usePrivacyCheck__` (app.config.ts), the first call of a privacy API
 * (getLocation, chooseLocation, chooseImage/chooseMedia, chooseMessageFile) by someone who has not
 * agreed to the 用户隐私保护指引 raises `wx.onNeedPrivacyAuthorization` and waits. The handler keeps
 * WeChat's `resolve` and shows the PrivacyPrompt of the page on top; the prompt's agree button
 * (`open-type="agreePrivacyAuthorization"`) answers `{ event: 'agree', buttonId }`, its refuse button
 * `{ event: 'disagree' }`, and the waiting API goes on or fails with "privacy permission is not
 * authorized" (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html).
 * Only in WeChat; a browser has no such flow.
 */
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

/** What the prompt shows: which API asked and the guide's name as WeChat knows it. */
export interface PrivacyRequest {
  /** The API or component that asked (`getLocation`, `chooseMedia`, …). */
  referrer: string
  /** The guide's title, e.g. `《党支部组织生活小程序隐私保护指引》`; a generic one until WeChat says. */
  contractName: string
}

/** The id of the agree button: WeChat checks that the button with this id was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree'

const DEFAULT_CONTRACT_NAME = '《用户隐私保护指引》'

const waiting: Resolve[] = []
let request: PrivacyRequest | null = null
let contractName = DEFAULT_CONTRACT_NAME
/** Mounted prompts, the newest (the page on top) last; only that one shows the request. */
const prompts: ((r: PrivacyRequest | null) => void)[] = []
let started = false

function publish(): void {
  prompts.forEach((show, i) => show(i === prompts.length - 1 ? request : null))
}

function settle(option: Parameters<Resolve>[0]): void {
  const all = waiting.splice(0)
  request = null
  for (const resolve of all) resolve(option)
  publish()
}

/** WeChat asks for agreement: keep its resolve and show the prompt on top. */
function onNeed(resolve: Resolve, info?: { referrer?: string }): void {
  waiting.push(resolve)
  request = { referrer: info?.referrer ?? '', contractName }
  if (prompts.length > 0) {
    show(resolve)
    return
  }
  // A page calling a privacy API as it opens may do so before its prompt is mounted: look again
  // once the page has rendered. With still no prompt, refuse rather than leave the API waiting
  // unseen; the page's own failure message then offers the prompt again.
  setTimeout(() => {
    if (!waiting.includes(resolve)) return
    if (prompts.length > 0) show(resolve)
    else settle({ event: 'disagree' })
  }, 0)
}

function show(resolve: Resolve): void {
  resolve({ event: 'exposureAuthorization' })
  publish()
}

/**
 * Registers the handler once at launch (WeChat only; older base libraries without the API are
 * left to WeChat's own behaviour). Also learns the guide's name for the prompt.
 */
export function startPrivacyCheck(): void {
  if (started || process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  started = true
  Taro.onNeedPrivacyAuthorization(onNeed)
  Taro.getPrivacySetting?.({
    success: (r) => {
      if (r.privacyContractName) contractName = r.privacyContractName
    },
  })
}

/** The person agreed by tapping the agree button (call from its `onAgreePrivacyAuthorization`). */
export function agreePrivacy(): void {
  settle({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID })
}

/** The person refused: the waiting API fails with "privacy permission is not authorized". */
export function disagreePrivacy(): void {
  settle({ event: 'disagree' })
}

/** Opens the full guide as configured in 微信公众平台 (`openPrivacyContract`). */
export function openPrivacyContract(): void {
  Taro.openPrivacyContract?.({})
}

/**
 * For the PrivacyPrompt component: the request to show while this prompt is the one on top, else
 * null. A prompt that goes away while a request waits refuses it, so no API is left waiting.
 */
export function usePrivacyRequest(): PrivacyRequest | null {
  const [shown, setShown] = useState<PrivacyRequest | null>(null)
  useEffect(() => {
    const show = (r: PrivacyRequest | null) => setShown(r)
    prompts.push(show)
    publish()
    return () => {
      const i = prompts.indexOf(show)
      if (i >= 0) prompts.splice(i, 1)
      if (waiting.length > 0 && i === prompts.length) settle({ event: 'disagree' })
      else publish()
    }
  }, [])
  return shown
}

/** Forgets every request and prompt (tests only). */
export function resetPrivacyForTests(): void {
  waiting.length = 0
  prompts.length = 0
  request = null
  contractName = DEFAULT_CONTRACT_NAME
  started = false
}
