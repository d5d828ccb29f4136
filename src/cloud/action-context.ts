/** What a handler receives besides its validated input. */
import { createHash } from 'node:crypto'
import type { Actor } from '../domain/access'
import type { Org } from '../domain/org'
import type { CollectionName, DocOf } from './collections'
import type { Ports } from './ports'
import { StoreConflict, type NewDoc, type Stored } from './ports/store'

export interface ActionContext {
  ports: Ports
  /** Server time when the call arrived. */
  now: number
  openid: string | null
  /** The browser session (扫码登录) the call came with; null for WeChat's own and development calls. */
  webSessionId: string | null
  /** The caller's IP address as an HTTP transport saw it; null from WeChat's callFunction. */
  clientIp: string | null
  /** The bound member; the router guarantees it for actions with member access. */
  actor: Actor | null
  /** The org the action touches, resolved and authorized by the router. */
  target: { org: Stored<Org>; record: Stored<Record<string, unknown>> | null } | null
  /** Ids for a write, derived from its request id so a replay produces the same ids. */
  newId(prefix: string): string
  /** Inserts, or returns the existing document when a replay already inserted it. */
  createOnce: CreateOnce
}

/** Inserts into a collection, or returns the document a replay already inserted (typed like insert). */
export interface CreateOnce {
  <C extends CollectionName>(collection: C, doc: NewDoc<DocOf<C>>): Promise<Stored<DocOf<C>>>
  <T>(collection: string, doc: NewDoc<T>): Promise<Stored<T>>
}

export type MemberContext = ActionContext & { actor: Actor; target: NonNullable<ActionContext['target']> }

export function requestIds(requestKey: string | null): (prefix: string) => string {
  let n = 0
  return (prefix) => {
    if (!requestKey) throw new Error('ids can only be made inside a write')
    n += 1
    return `${prefix}_${createHash('sha256').update(`${requestKey}:${n}`).digest('hex').slice(0, 20)}`
  }
}

export function createOnceIn(ports: Ports): CreateOnce {
  return async <T>(collection: string, doc: NewDoc<T>): Promise<Stored<T>> => {
    try {
      return await ports.store.insert<T>(collection, doc)
    } catch (err) {
      if (err instanceof StoreConflict && err.reason === 'duplicate') {
        const existing = await ports.store.get<T>(collection, doc._id)
        if (existing) return existing
      }
      throw err
    }
  }
}
