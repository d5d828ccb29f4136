/**
 * The single entry every transport calls: `main(event, context)`. It reads the declaration of the
 * named action, validates the input, identifies and authorizes the caller, makes writes idempotent
 * by the client's request id, and only then runs the handler.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { isAllowed, type Actor } from '../domain/access'
import type { CallEvent } from '../domain/api/call-event'
import { ACTIONS, type ActionName } from '../domain/api/catalog'
import type { ActionDecl } from '../domain/api/define'
import { AppError, describeIssues, type CallResult } from '../domain/errors'
import { createOnceIn, requestIds, type ActionContext } from './action-context'
import type { HandlerMap } from './actions/handler'
import type { RequestDoc } from './collections'
import type { Ports } from './ports'
import { InvalidCursor, StoreConflict, type NewDoc, type Stored } from './ports/store'

z.config(z.locales.zhCN())

const REQUEST_ID_RE = /^[A-Za-z0-9_-]{8,64}$/

export type Main = (event: unknown, context?: unknown) => Promise<CallResult<unknown>>

export function createMain(ports: Ports, handlers: HandlerMap): Main {
  return async function main(event, context) {
    try {
      return { ok: true, data: await dispatch(ports, handlers, event, context) }
    } catch (err) {
      return { ok: false, error: toAppError(err).toJSON() }
    }
  }
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err
  if (err instanceof StoreConflict) return new AppError(err.reason === 'missing' ? 'NOT_FOUND' : 'CONFLICT')
  if (err instanceof InvalidCursor) {
    return new AppError('VALIDATION_FAILED', '翻页参数无效，请下拉刷新后重试。', [
      { field: 'cursor', message: '翻页参数无效' },
    ])
  }
  console.error('[api] unexpected error', err)
  return new AppError('INTERNAL')
}

function parseEvent(event: unknown): CallEvent {
  if (!event || typeof event !== 'object' || typeof (event as CallEvent).action !== 'string') {
    throw new AppError('UNKNOWN_ACTION', '请求格式不对：缺少要调用的操作名。请更新小程序后再试。')
  }
  return event as CallEvent
}

export function validationError(issues: readonly z.core.$ZodIssue[]): AppError {
  const { fields, summary } = describeIssues(issues)
  return new AppError('VALIDATION_FAILED', summary, fields)
}

async function dispatch(ports: Ports, handlers: HandlerMap, rawEvent: unknown, context: unknown): Promise<unknown> {
  const event = parseEvent(rawEvent)
  // Own properties only: `toString`, `constructor`, `__proto__` are names of Object.prototype, not actions.
  const decl = Object.hasOwn(ACTIONS, event.action) ? (ACTIONS as Record<string, ActionDecl>)[event.action] : undefined
  if (!decl) throw new AppError('UNKNOWN_ACTION')
  if (decl.embeddedOnly && ports.host !== 'embedded') throw new AppError('NOT_AVAILABLE')

  const parsed = decl.input.safeParse(event.input ?? {})
  if (!parsed.success) throw validationError(parsed.error.issues)
  const input = parsed.data as Record<string, unknown>

  const identity = decl.access.kind === 'public' ? null : await ports.identity.identify(context)
  if (decl.access.kind !== 'public' && !identity) throw new AppError('UNAUTHENTICATED')
  const openid = identity?.openid ?? null
  const actor = openid ? await resolveActor(ports, openid) : null
  if (decl.access.kind === 'member' && !actor) throw new AppError('NOT_BOUND')

  let target: ActionContext['target'] = null
  if (decl.access.kind === 'member' && actor) {
    target = await resolveTarget(ports, decl, input, actor)
    const memberId = decl.access.target.from === 'actor' ? actor.memberId : undefined
    if (!isAllowed(actor, decl.access, { orgPath: target.org.path, memberId })) throw new AppError('FORBIDDEN')
  }

  const now = ports.clock.now()
  let requestKey: string | null = null
  let inputHash = ''
  if (decl.write) {
    if (typeof event.requestId !== 'string' || !REQUEST_ID_RE.test(event.requestId)) {
      throw new AppError('VALIDATION_FAILED', '提交缺少有效的请求编号，请刷新页面后重新提交。', [
        { field: 'requestId', message: '请求编号应为 8–64 位字母、数字、下划线或短横线' },
      ])
    }
    requestKey = sha256(`${openid ?? 'anonymous'}|${event.requestId}`).slice(0, 40)
    inputHash = sha256(JSON.stringify(event.input ?? {}))
    const earlier = await ports.store.get('requests', requestKey)
    if (earlier) return replay(earlier, decl.name, inputHash)
  }

  const ctx: ActionContext = {
    ports,
    now,
    openid,
    webSessionId: identity?.webSessionId ?? null,
    clientIp: ports.identity.clientIp(context),
    actor,
    target,
    newId: requestIds(requestKey),
    createOnce: createOnceIn(ports),
  }
  if (target) checkPreconditions(decl, target)
  const handler = handlers[decl.name as ActionName] as (c: ActionContext, i: unknown) => Promise<unknown>
  if (!requestKey) return handler(ctx, input)

  // The request record commits in the same transaction as the handler's writes, so a retry after
  // a crash finds either both (and replays the first answer) or neither (and runs afresh).
  const key = requestKey
  const outcome = await ports.store
    .writeScope(
      async () => {
        // Checked again inside: a concurrent call with this request id may have committed meanwhile.
        const first = await ports.store.get('requests', key)
        if (first) return { replayed: true, result: replay(first, decl.name, inputHash) }
        // The store may run the call again after rolling it back (a CloudBase conflict, or a query of
        // its own writes): each run makes the same ids, as a retry after a crash does.
        ctx.newId = requestIds(key)
        return { replayed: false, result: await handler(ctx, input) }
      },
      ({ replayed, result }) =>
        replayed
          ? null
          : {
              collection: 'requests',
              doc: {
                _id: key,
                action: decl.name,
                inputHash,
                memberId: actor?.memberId ?? null,
                result,
                at: now,
              } satisfies NewDoc<RequestDoc>,
            },
    )
    .catch(async (err: unknown) => {
      // Where the seal is not written in the call's transaction, a concurrent replay may finish first.
      if (err instanceof StoreConflict && err.reason === 'duplicate' && err.collection === 'requests') {
        const first = await ports.store.get('requests', key)
        if (first) return { replayed: true, result: replay(first, decl.name, inputHash) }
      }
      throw err
    })
  return outcome.result
}

function replay(earlier: RequestDoc, action: string, inputHash: string): unknown {
  if (earlier.action !== action || earlier.inputHash !== inputHash) throw new AppError('REQUEST_ID_REUSED')
  return earlier.result
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

async function resolveActor(ports: Ports, openid: string): Promise<Actor | null> {
  const binding = await ports.store.get('bindings', openid)
  if (!binding) return null
  const member = await ports.store.get('members', binding.memberId)
  if (!member || member.status === 'transferred' || member.status === 'suspended') return null
  const org = await ports.store.get('orgs', member.orgId)
  if (!org) return null
  return {
    memberId: member._id,
    name: member.name,
    orgId: member.orgId,
    orgKind: org.kind,
    groupId: member.groupId,
    roles: member.roles,
  }
}

/** Refuses the call when its target fails one of the declaration's preconditions. */
function checkPreconditions(decl: ActionDecl, target: NonNullable<ActionContext['target']>): void {
  for (const p of decl.preconditions ?? []) {
    if (p.kind === 'branch' && target.org.kind !== 'branch') {
      throw new AppError('VALIDATION_FAILED', p.message, [{ field: p.field, message: p.fieldMessage }])
    }
    if (p.kind === 'notCancelled' && target.record?.status === 'cancelled') {
      throw new AppError('VALIDATION_FAILED', p.message)
    }
  }
}

async function resolveTarget(
  ports: Ports,
  decl: ActionDecl,
  input: Record<string, unknown>,
  actor: Actor,
): Promise<NonNullable<ActionContext['target']>> {
  if (decl.access.kind !== 'member') throw new Error('target only for member actions')
  const spec = decl.access.target
  let orgId = actor.orgId
  let record: Stored<Record<string, unknown>> | null = null
  if (spec.from === 'input-org') {
    const given = input[spec.field]
    if (typeof given === 'string') orgId = given
  } else if (spec.from === 'record') {
    record = await ports.store.get<Record<string, unknown>>(spec.collection, String(input[spec.field]))
    if (!record) throw new AppError('NOT_FOUND')
    orgId = String(record[spec.orgField])
  }
  const org = await ports.store.get('orgs', orgId)
  if (!org) throw new AppError('NOT_FOUND', '找不到这个组织，请返回刷新后再试。')
  return { org, record }
}
