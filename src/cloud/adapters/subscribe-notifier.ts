/**
 * Notifications in production: a WeChat subscribe message through
 * `cloud.openapi.subscribeMessage.send`, which needs the cloud function's openapi permission
 * `subscribeMessage.send` (src/cloud/functions/api/function.json).
 *
 * Every notification is first written to the `outbox` collection, in OutboxNotifier's document
 * shape, as the in-app list. Its id is deterministic, so a replayed write finds it there and
 * sends nothing: a member is messaged at most once per notification, even if the first send failed.
 */
import type { Notification, NotifierPort } from '../ports/notifier'
import { StoreConflict, type StorePort } from '../ports/store'
import type { OutboxEntry } from './outbox-notifier'

export type MiniprogramState = 'developer' | 'trial' | 'formal'

export interface SubscribeSendParam {
  touser: string
  templateId: string
  page: string
  data: Record<string, { value: string }>
  miniprogramState: MiniprogramState
  lang: 'zh_CN'
}

export interface SubscribeMessageApi {
  openapi: { subscribeMessage: { send(param: SubscribeSendParam): Promise<{ errCode?: number; errMsg?: string }> } }
}

/**
 * A template key (`meeting.scheduled`) maps to the template id chosen in the mini-program console,
 * and optionally says which notification value fills each of the template's keywords
 * (`{ "thing1": "title", "time2": "startAt" }`; `title`, `body` or a key of `data`). Without
 * `fields`, the notification's `data` keys must be the keywords themselves.
 */
export type SubscribeTemplate = string | { id: string; fields?: Record<string, string> }
export type SubscribeTemplates = Record<string, SubscribeTemplate>

export interface SubscribeNotifierOptions {
  templates: SubscribeTemplates
  /** Which version of the mini-program a tap on the message opens. */
  miniprogramState?: MiniprogramState
}

interface Binding {
  memberId: string
}

/** WeChat's length limits per keyword kind; a longer value makes the whole send fail (47003). */
const KEYWORD_LIMITS: [RegExp, number][] = [
  [/^thing\d+$/, 20],
  [/^phrase\d+$/, 5],
  [/^name\d+$/, 10],
  [/^(character_string|number|letter)\d+$/, 32],
]

function fit(keyword: string, value: string): string {
  const limit = KEYWORD_LIMITS.find(([re]) => re.test(keyword))?.[1]
  const chars = [...value]
  return limit && chars.length > limit ? `${chars.slice(0, limit - 1).join('')}…` : value
}

/** Reads the `SUBSCRIBE_TEMPLATES` JSON; an absent value means no messages are sent, only listed. */
export function parseSubscribeTemplates(json: string | undefined): SubscribeTemplates {
  if (!json || !json.trim()) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    throw new Error('SUBSCRIBE_TEMPLATES is not valid JSON')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('SUBSCRIBE_TEMPLATES must be a JSON object of template key to template id')
  }
  for (const [key, t] of Object.entries(parsed)) {
    const ok =
      (typeof t === 'string' && t.length > 0) ||
      (t !== null && typeof t === 'object' && typeof (t as { id?: unknown }).id === 'string')
    if (!ok) throw new Error(`SUBSCRIBE_TEMPLATES.${key} must be a template id or { "id": ..., "fields": {...} }`)
  }
  return parsed as SubscribeTemplates
}

export class SubscribeNotifier implements NotifierPort {
  private readonly state: MiniprogramState

  constructor(
    private readonly cloud: SubscribeMessageApi,
    private readonly store: StorePort,
    private readonly clock: { now(): number },
    private readonly options: SubscribeNotifierOptions,
  ) {
    this.state = options.miniprogramState ?? 'formal'
  }

  async send(n: Notification): Promise<{ delivered: boolean; reason?: string }> {
    const { id, ...rest } = n
    try {
      await this.store.insert<OutboxEntry>('outbox', { _id: id, ...rest, queuedAt: this.clock.now() })
    } catch (err) {
      if (err instanceof StoreConflict && err.reason === 'duplicate') {
        return { delivered: false, reason: `notification ${id} was handled by an earlier call` }
      }
      throw err
    }

    const template = this.options.templates[n.template]
    if (!template) return { delivered: false, reason: `no subscribe template configured for ${n.template}` }
    const page = await this.store.query<Binding>('bindings', {
      where: [{ field: 'memberId', op: 'eq', value: n.memberId }],
      limit: 1,
    })
    const openid = page.items[0]?._id
    if (!openid) return { delivered: false, reason: `member ${n.memberId} has no WeChat binding` }

    try {
      const res = await this.cloud.openapi.subscribeMessage.send({
        touser: openid,
        templateId: typeof template === 'string' ? template : template.id,
        page: n.page,
        data: this.dataFor(n, typeof template === 'string' ? undefined : template.fields),
        miniprogramState: this.state,
        lang: 'zh_CN',
      })
      if (res.errCode) return { delivered: false, reason: `subscribeMessage.send: ${res.errCode} ${res.errMsg ?? ''}` }
      return { delivered: true }
    } catch (err) {
      // Most often 43101: the member has not accepted (or has used up) this subscription. The
      // notification stays in the in-app list; the write that caused it must not fail.
      const e = err as { errCode?: unknown; errMsg?: unknown; message?: unknown }
      return {
        delivered: false,
        reason: `subscribeMessage.send failed: ${String(e.errCode ?? '')} ${String(e.errMsg ?? e.message)}`,
      }
    }
  }

  private dataFor(n: Notification, fields: Record<string, string> | undefined): Record<string, { value: string }> {
    const source: Record<string, string> = { ...n.data, title: n.title, body: n.body }
    const pairs = fields
      ? Object.entries(fields).map(([keyword, from]) => [keyword, source[from] ?? ''] as const)
      : Object.entries(n.data)
    return Object.fromEntries(pairs.map(([keyword, value]) => [keyword, { value: fit(keyword, value) }]))
  }
}
