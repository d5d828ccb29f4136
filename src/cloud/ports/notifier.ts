/**
 * Messages to people: WeChat subscribe messages in production, an outbox table on the host.
 * Every notification is also kept in the store as the in-app 消息 list (src/cloud/notices.ts), with
 * what the notifier answered.
 */
import type { DeliveryFailure } from '../../domain/delivery'
import type { SubscribeTopic, TemplateKey } from '../../domain/subscribe-messages'

export interface Notification {
  /** Deterministic, so a replayed write does not notify twice. */
  id: string
  memberId: string
  /** The notice's topic, e.g. `meeting.scheduled` (src/domain/subscribe-messages.ts). */
  template: SubscribeTopic
  title: string
  body: string
  /** Mini-program page to open, e.g. `packages/meeting/pages/detail/index?id=...`. */
  page: string
  /** The structured fields the notice was built from (src/domain/notices.ts), e.g. its `meetingId`. */
  data: Record<string, string | number | boolean | null>
  /** The subscribe message: its template and each keyword's value by field, within WeChat's rules. */
  message: { template: TemplateKey; values: Record<string, string> }
}

/** Whether the person was reached; when not, why (a code for people, a reason for logs). */
export type DeliveryResult = { delivered: true } | { delivered: false; failure: DeliveryFailure; reason: string }

export interface NotifierPort {
  send(notification: Notification): Promise<DeliveryResult>
}
