/**
 * WeChat subscribe messages (订阅消息): a mini-program may send a person a message only after they
 * agreed to that template at a tap. `requestSubscribe(topics)` asks at the taps that lead to a notice
 * (安排会议, 请假, 报到); in the browser (h5) it does nothing. The template ids come from the
 * 微信公众平台 (订阅消息 › 我的模板) and are filled in SUBSCRIBE_TEMPLATE_IDS (see docs/deploy.md);
 * the cloud function maps the same topics to the same ids (SUBSCRIBE_TEMPLATES).
 */
import Taro from '@tarojs/taro'

/** The notices a person can subscribe to; the server's notice templates use the same names. */
export const SUBSCRIBE_TOPICS = [
  'meeting.scheduled',
  'meeting.rescheduled',
  'meeting.cancelled',
  'meeting.reminder',
  'leave.requested',
  'leave.decided',
  'meeting.guest',
  'minutes.overdue',
  'quota.atRisk',
  'plan.published',
  'mobile.checkinDue',
] as const
export type SubscribeTopic = (typeof SUBSCRIBE_TOPICS)[number]

/** To be filled with the template ids of the mini-program's account; empty ids are skipped. */
export const SUBSCRIBE_TEMPLATE_IDS: Record<SubscribeTopic, string> = {
  'meeting.scheduled': '',
  'meeting.rescheduled': '',
  'meeting.cancelled': '',
  'meeting.reminder': '',
  'leave.requested': '',
  'leave.decided': '',
  'meeting.guest': '',
  'minutes.overdue': '',
  'quota.atRisk': '',
  'plan.published': '',
  'mobile.checkinDue': '',
}

/** WeChat shows at most three templates in one request. */
const MAX_PER_REQUEST = 3

export type SubscribeAnswer = Partial<Record<SubscribeTopic, 'accept' | 'reject' | 'ban' | 'filter'>>

/**
 * Asks the person to allow these notices. Never throws: declining, an unconfigured template or the
 * browser simply means the notice stays in the in-app 消息 list only.
 */
export async function requestSubscribe(topics: readonly SubscribeTopic[]): Promise<SubscribeAnswer> {
  if (process.env.TARO_ENV !== 'weapp') return {}
  const wanted = topics.filter((t) => SUBSCRIBE_TEMPLATE_IDS[t]).slice(0, MAX_PER_REQUEST)
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
