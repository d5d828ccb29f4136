/**
 * Notifications in production: a WeChat subscribe message through
 * `cloud.openapi.subscribeMessage.send`, which needs the cloud function's openapi permission
 * `subscribeMessage.send` (src/cloud/functions/api/function.json).
 *
 * The keyword values come made to WeChat's rules by the catalogue (src/domain/notices.ts); this
 * adapter only maps them to the keyword ids of the template configured in the 微信公众平台 and checks
 * them once more (a value that breaks a rule is not sent: WeChat would refuse it with 47003).
 *
 * Every notification is first written to the `outbox` collection, in OutboxNotifier's document
 * shape. Its id is deterministic, so a replayed write finds it there and sends nothing: a member is
 * messaged at most once per notification, even if the first send failed.
 */
import { messageProblems } from '../../domain/notices'
import { KEYWORD_TYPES, type KeywordType } from '../../domain/subscribe-keywords'
import { MESSAGE_TEMPLATES, TEMPLATE_KEYS, type KeywordDecl, type TemplateKey } from '../../domain/subscribe-messages'
import type { DeliveryResult, Notification, NotifierPort } from '../ports/notifier'
import { StoreConflict, type StorePort } from '../ports/store'

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
 * A template key of the catalogue (`meeting.notice`) maps to the template id chosen in 微信公众平台,
 * and optionally says which of the catalogue's keyword fields fills each of WeChat's keyword ids
 * (`{ "thing1": "title", "time3": "startAt" }`). Without `fields`, the ids are the catalogue's
 * defaults: `<type><position>` in the declared order (thing1, time2, thing3, phrase4).
 */
export type SubscribeTemplate = string | { id: string; fields?: Record<string, string> }
export type SubscribeTemplates = Partial<Record<TemplateKey, SubscribeTemplate>>

export interface SubscribeNotifierOptions {
  templates: SubscribeTemplates
  /** Which version of the mini-program a tap on the message opens. */
  miniprogramState?: MiniprogramState
}

/** WeChat's keyword ids are the kind and a number: `thing1`, `character_string12`. */
const KEYWORD_ID = /^([a-z_]+?)(\d+)$/

/** The keyword ids a template is sent with when the configuration names none. */
export function defaultKeywordIds(template: TemplateKey): Record<string, string> {
  const keywords: readonly KeywordDecl[] = MESSAGE_TEMPLATES[template].keywords
  return Object.fromEntries(keywords.map((k, i) => [`${k.type}${i + 1}`, k.field]))
}

/**
 * Reads the `SUBSCRIBE_TEMPLATES` JSON; an absent value means no messages are sent, only listed.
 * Throws an Error naming the problem when it is not JSON, names a template the catalogue does not
 * have, or maps a keyword to a field the template lacks or of another kind (`time2` to a `thing`).
 */
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
    if (!(TEMPLATE_KEYS as string[]).includes(key)) {
      throw new Error(`SUBSCRIBE_TEMPLATES.${key} is not a template; the templates are ${TEMPLATE_KEYS.join(', ')}`)
    }
    const ok =
      (typeof t === 'string' && t.length > 0) ||
      (t !== null &&
        typeof t === 'object' &&
        typeof (t as { id?: unknown }).id === 'string' &&
        (t as { id: string }).id.length > 0)
    if (!ok) throw new Error(`SUBSCRIBE_TEMPLATES.${key} must be a template id or { "id": ..., "fields": {...} }`)
    const fields = typeof t === 'string' ? undefined : (t as { fields?: unknown }).fields
    if (fields !== undefined) checkFields(key as TemplateKey, fields)
  }
  return parsed as SubscribeTemplates
}

function checkFields(template: TemplateKey, fields: unknown): void {
  const where = `SUBSCRIBE_TEMPLATES.${template}.fields`
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) {
    throw new Error(`${where} must map WeChat keyword ids to the template's fields`)
  }
  const keywords: readonly KeywordDecl[] = MESSAGE_TEMPLATES[template].keywords
  for (const [id, field] of Object.entries(fields)) {
    const decl = keywords.find((k) => k.field === field)
    if (!decl) {
      throw new Error(
        `${where}.${id}: ${String(field)} is not a field of ${template} (${keywords.map((k) => k.field).join(', ')})`,
      )
    }
    const type = KEYWORD_ID.exec(id)?.[1]
    if (!type || !(KEYWORD_TYPES as readonly string[]).includes(type)) {
      throw new Error(`${where}.${id} is not a WeChat keyword id such as thing1 or time2`)
    }
    if ((type as KeywordType) !== decl.type) {
      throw new Error(`${where}.${id}: ${decl.field} is a ${decl.type}, so its WeChat keyword must be ${decl.type}<n>`)
    }
  }
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

  async send(n: Notification): Promise<DeliveryResult> {
    const { id, ...rest } = n
    try {
      await this.store.insert('outbox', { _id: id, ...rest, queuedAt: this.clock.now() })
    } catch (err) {
      if (err instanceof StoreConflict && err.reason === 'duplicate') {
        return {
          delivered: false,
          failure: 'earlier-attempt',
          reason: `notification ${id} was handled by an earlier call`,
        }
      }
      throw err
    }

    const key = n.message.template
    const template = this.options.templates[key]
    if (!template) {
      return { delivered: false, failure: 'no-template', reason: `no subscribe template configured for ${key}` }
    }
    const problems = messageProblems(key, n.message.values)
    if (problems.length > 0) {
      return {
        delivered: false,
        failure: 'invalid-content',
        reason: `not sent, WeChat would refuse: ${problems.join('; ')}`,
      }
    }
    const page = await this.store.query('bindings', {
      where: [{ field: 'memberId', op: 'eq', value: n.memberId }],
      limit: 1,
    })
    const openid = page.items[0]?._id
    if (!openid)
      return { delivered: false, failure: 'no-binding', reason: `member ${n.memberId} has no WeChat binding` }

    try {
      const res = await this.cloud.openapi.subscribeMessage.send({
        touser: openid,
        templateId: typeof template === 'string' ? template : template.id,
        page: n.page,
        data: this.dataFor(key, n.message.values, typeof template === 'string' ? undefined : template.fields),
        miniprogramState: this.state,
        lang: 'zh_CN',
      })
      if (res.errCode) return failed(res.errCode, res.errMsg)
      return { delivered: true }
    } catch (err) {
      // Most often 43101: the member has not accepted (or has used up) this subscription. The
      // notification stays in the in-app list; the write that caused it must not fail.
      const e = err as { errCode?: unknown; errMsg?: unknown; message?: unknown }
      return failed(e.errCode, e.errMsg ?? e.message)
    }
  }

  /** The catalogue's values under the template's WeChat keyword ids. */
  private dataFor(
    key: TemplateKey,
    values: Record<string, string>,
    fields: Record<string, string> | undefined,
  ): Record<string, { value: string }> {
    const ids = fields ?? defaultKeywordIds(key)
    return Object.fromEntries(Object.entries(ids).map(([keyword, field]) => [keyword, { value: values[field] ?? '' }]))
  }
}

/**
 * WeChat's answer as a failure: 43101 (not subscribed, or the one-time consent used up) and 47003
 * (a keyword value refused) have their own codes. wx-server-sdk puts the openapi code in `errCode`
 * or, behind its own code (-604101), in `errMsg`; both are looked at.
 */
function failed(errCode: unknown, errMsg: unknown): DeliveryResult {
  const reason = `subscribeMessage.send failed: ${String(errCode ?? '')} ${String(errMsg ?? '')}`.trim()
  const says = (code: number) => Number(errCode) === code || new RegExp(`\\b${code}\\b`).test(String(errMsg ?? ''))
  if (says(43101)) return { delivered: false, failure: 'not-subscribed', reason }
  if (says(47003)) return { delivered: false, failure: 'invalid-content', reason }
  return { delivered: false, failure: 'send-failed', reason }
}
