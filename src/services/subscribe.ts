/**
 * WeChat subscribe messages (订阅消息): a mini-program may send a person a message only after they
 * agreed to that template at a tap. `requestSubscribe(tap)` asks, at one of the consent taps declared
 * in src/domain/subscribe-messages.ts (CONSENT_TAPS), for that tap's templates; in the browser (h5) it
 * does nothing. WeChat allows it only in a tap's handler, so call it first thing there, before any
 * `await`. The template ids come from 微信公众平台 (订阅消息 › 我的模板) and are filled in
 * SUBSCRIBE_TEMPLATE_IDS (see docs/deploy.md); the cloud function maps the same template keys to the
 * same ids (SUBSCRIBE_TEMPLATES).
 */
import Taro from '@tarojs/taro'
import {
  CONSENT_TAPS,
  MAX_TEMPLATES_PER_REQUEST,
  type ConsentTap,
  type TemplateKey,
} from '../domain/subscribe-messages'

export { SUBSCRIBE_TOPICS, type ConsentTap, type SubscribeTopic } from '../domain/subscribe-messages'

/**
 * To be filled with the template ids of the mini-program's account (the same as SUBSCRIBE_TEMPLATES
 * on the server); a template left empty is not asked for, its notices stay in the in-app 消息 list.
 */
export const SUBSCRIBE_TEMPLATE_IDS: Record<TemplateKey, string> = {
  'meeting.notice': '',
  'meeting.reminder': '',
  'leave.notice': '',
  'minutes.notice': '',
  'quota.atRisk': '',
  'plan.published': '',
  'mobile.checkinDue': '',
  'mobile.alert': '',
  'review.pending': '',
  'review.done': '',
}

/** The person's answer per template: WeChat's `accept`, `reject`, `ban` or `filter`. */
export type SubscribeAnswer = Partial<Record<TemplateKey, 'accept' | 'reject' | 'ban' | 'filter'>>

/**
 * Asks the person to allow the notices of a consent tap (at most three templates, WeChat's limit).
 * Resolves when they have answered (or at once when nothing is asked) with the answer per template.
 * Never rejects: declining, an unconfigured template or the browser simply means the notices stay in
 * the in-app 消息 list only.
 */
export async function requestSubscribe(tap: ConsentTap): Promise<SubscribeAnswer> {
  if (process.env.TARO_ENV !== 'weapp') return {}
  const wanted = CONSENT_TAPS[tap].templates
    .filter((t) => SUBSCRIBE_TEMPLATE_IDS[t])
    .slice(0, MAX_TEMPLATES_PER_REQUEST)
  if (wanted.length === 0) return {}
  try {
    const res = (await Taro.requestSubscribeMessage({
      tmplIds: wanted.map((t) => SUBSCRIBE_TEMPLATE_IDS[t]),
      entityIds: [],
    } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, string>
    const out: SubscribeAnswer = {}
    for (const t of wanted) {
      const answer = res[SUBSCRIBE_TEMPLATE_IDS[t]]
      if (answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter') out[t] = answer
    }
    return out
  } catch {
    return {}
  }
}
