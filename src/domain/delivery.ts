/**
 * Why a notice did not reach someone on WeChat. The notice itself is always kept in their in-app 消息;
 * the branch's organizers see who was not reached, with these reasons, so they can tell them another way.
 */
export const DELIVERY_FAILURES = [
  'no-template',
  'no-binding',
  'not-subscribed',
  'invalid-content',
  'send-failed',
  'earlier-attempt',
] as const
export type DeliveryFailure = (typeof DELIVERY_FAILURES)[number]

/** For the secretary: what happened, in a few words. */
export const DELIVERY_FAILURE_LABELS: Record<DeliveryFailure, string> = {
  'no-template': '小程序尚未配置这类微信提醒',
  'no-binding': '未绑定微信',
  'not-subscribed': '未同意接收这类微信提醒',
  'invalid-content': '提醒内容不符合微信要求',
  'send-failed': '微信发送失败',
  'earlier-attempt': '此前已尝试发送，结果不明',
}

/** What the notifier answered for one notice, kept with it. */
export interface NoticeDelivery {
  status: 'delivered' | 'undelivered'
  failure: DeliveryFailure | null
  /** The notifier's own words, for logs (English). */
  reason: string | null
  /** When it was answered (epoch ms). */
  at: number
}
