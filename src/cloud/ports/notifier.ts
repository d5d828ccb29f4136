/**
 * Messages to people: WeChat subscribe messages in production, an outbox table on the host.
 * Every notification is also kept in the store as the in-app 消息 list (later issues).
 */
export interface Notification {
  /** Deterministic, so a replayed write does not notify twice. */
  id: string
  memberId: string
  /** Template key, e.g. `meeting.scheduled`; production maps it to a subscribe template id. */
  template: string
  title: string
  body: string
  /** Mini-program page to open, e.g. `packages/meeting/pages/detail/index?id=...`. */
  page: string
  data: Record<string, string>
}

export interface NotifierPort {
  send(notification: Notification): Promise<{ delivered: boolean; reason?: string }>
}
