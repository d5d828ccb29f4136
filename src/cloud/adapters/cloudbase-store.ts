/**
 * The production document store: the CloudBase database (MongoDB underneath) through the
 * wx-server-sdk `cloud.database()` object, with the same semantics as SqliteStore so that both
 * pass tests/cloud/store-contract.
 *
 * The database object is passed in, typed by the small structural interfaces below, so this file
 * never loads wx-server-sdk and can be tested against tests/cloud/fake-cloudbase-db.ts.
 *
 * Query semantics to know (MongoDB's, which the contract only exercises where SQLite agrees):
 * - `contains` is written as plain equality `{ field: value }`: MongoDB matches an array field
 *   against a scalar when any element equals it. The flip side is that `eq`/`in`/ranges on an
 *   array field also match elements, unlike SQLite; use `contains` for array fields.
 * - `eq null` matches a missing field as well as null, like SQLite's `IS NULL`.
 * - Range operators compare within one type only (a number never matches `gt: 'a'`).
 * - Missing and null order values sort first ascending and last descending, then by `_id`.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import {
  assertCollectionName,
  assertFieldName,
  clampLimit,
  decodeCursor,
  encodeCursor,
  StoreConflict,
  type Filter,
  type NewDoc,
  type Page,
  type QueryOptions,
  type Scalar,
  type SealDoc,
  type Stored,
  type StorePort,
  type StoreTx,
} from '../ports/store'

type Data = Record<string, unknown>
/** A query or update command made by `db.command`; opaque to this adapter. */
export type CloudBaseCommandValue = unknown

export interface CloudBaseCommand {
  eq(value: unknown): CloudBaseCommandValue
  neq(value: unknown): CloudBaseCommandValue
  gt(value: unknown): CloudBaseCommandValue
  gte(value: unknown): CloudBaseCommandValue
  lt(value: unknown): CloudBaseCommandValue
  lte(value: unknown): CloudBaseCommandValue
  in(values: unknown[]): CloudBaseCommandValue
  and(conditions: unknown[]): CloudBaseCommandValue
  or(conditions: unknown[]): CloudBaseCommandValue
  inc(by: number): CloudBaseCommandValue
  set(value: unknown): CloudBaseCommandValue
  remove(): CloudBaseCommandValue
}

export interface CloudBaseQuery {
  where(condition: unknown): CloudBaseQuery
  orderBy(field: string, direction: 'asc' | 'desc'): CloudBaseQuery
  limit(max: number): CloudBaseQuery
  get(): Promise<{ data: Data[] }>
  count(): Promise<{ total: number }>
  update(options: { data: Data }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface CloudBaseDocument {
  /** Rejects with "document.get:fail document with _id … does not exist" for a missing document. */
  get(): Promise<{ data: Data | Data[] | null }>
  update(options: { data: Data }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface CloudBaseCollection extends CloudBaseQuery {
  doc(id: string): CloudBaseDocument
  add(options: { data: Data }): Promise<unknown>
}

export interface CloudBaseTransaction {
  collection(name: string): { doc(id: string): CloudBaseDocument; add(options: { data: Data }): Promise<unknown> }
}

export interface CloudBaseDb {
  readonly command: CloudBaseCommand
  collection(name: string): CloudBaseCollection
  /** Retries `run` on a transaction conflict; any other error thrown by `run` rolls back and propagates. */
  runTransaction<R>(run: (transaction: CloudBaseTransaction) => Promise<R>, retries?: number): Promise<R>
}

/** CloudBase returns at most this many documents per server-side `get`. */
export const CLOUDBASE_SERVER_GET_MAX = 100

const STORE_FIELDS = new Set(['_id', '_version'])

function errorText(err: unknown): string {
  if (typeof err === 'string') return err
  const e = err as { errMsg?: unknown; message?: unknown } | null
  return [e?.errMsg, e?.message].filter((s) => typeof s === 'string').join(' ')
}

function isMissingDocument(err: unknown): boolean {
  // Only wx-server-sdk's own not-found text; "database collection not exists" must still fail loudly.
  return /document with _id .* does not exist/.test(errorText(err))
}

function isDuplicateKey(err: unknown): boolean {
  return /E11000|duplicate key/i.test(errorText(err))
}

/** What the store returns: plain JSON, like SQLite's round trip through a JSON column. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

async function readDoc<T>(doc: CloudBaseDocument): Promise<Stored<T> | null> {
  let res: { data: Data | Data[] | null }
  try {
    res = await doc.get()
  } catch (err) {
    if (isMissingDocument(err)) return null
    throw err
  }
  // A plain `doc.get()` answers with an array underneath; in a transaction with the object itself.
  const found = Array.isArray(res.data) ? res.data[0] : res.data
  return found ? (found as Stored<T>) : null
}

function bodyOf(doc: Data): Data {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !STORE_FIELDS.has(k)))
}

/**
 * The update document for a patch with SQLite's semantics: top-level fields are replaced whole
 * and `undefined` removes a field. CloudBase's update merges nested objects key by key, so object
 * values go through `_.set`, and an `undefined` value would be silently dropped, so it becomes `_.remove()`.
 */
function patchData(_: CloudBaseCommand, patch: Data): Data {
  const data: Data = {}
  for (const [key, value] of Object.entries(patch)) {
    if (STORE_FIELDS.has(key)) continue
    assertFieldName(key)
    if (value === undefined) data[key] = _.remove()
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) data[key] = _.set(plain(value))
    else data[key] = value
  }
  return data
}

function merged<T>(current: object, patch: Data, id: string, version: number): Stored<T> {
  return { ...plain(bodyOf({ ...current, ...patch })), _id: id, _version: version } as Stored<T>
}

function readPath(doc: Data, field: string): unknown {
  return field.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Data)[k] : undefined), doc)
}

function newDocData(collection: string, doc: NewDoc<unknown>): Data {
  assertCollectionName(collection)
  const id = (doc as Data)._id
  if (typeof id !== 'string' || id.length === 0) throw new Error('a document needs a string _id')
  return { ...plain(bodyOf(doc as Data)), _id: id, _version: 1 }
}

/** An open write scope: the transaction every store call of the write call goes through. */
interface WriteScope {
  tx: StoreTx
  /** Documents written so far, to tell whether a failed nested transaction left writes behind. */
  writes: number
  /** Set when a nested transaction failed after writing: the whole scope must roll back. */
  aborted: ScopeAbort | null
  /** Collections the scope has written to: a query of one of them cannot see those writes. */
  written: Set<string>
  /** Set when the call queried a collection it had written: the scope rolls back and runs sequentially. */
  queried?: QueryAfterWrite
}

/**
 * Thrown inside an atomic scope when the call queries (or counts) a collection it has already
 * written to: CloudBase transactions cannot query, so the answer would miss the call's own writes.
 * The transaction rolls back (nothing of the call is kept) and the call runs again with its seal
 * written after its writes.
 */
class QueryAfterWrite extends Error {
  constructor(readonly collection: string) {
    super(`a write scope queried ${collection} after writing to it`)
  }
}

/** Thrown inside a scope's transaction to roll all of it back; carries the error to rethrow. */
class ScopeAbort extends Error {
  constructor(readonly cause: unknown) {
    super('write scope rolled back')
  }
}

/** wx-server-sdk's own failures (a conflict, an aborted transaction) carry a numeric errCode. */
function isDatabaseError(err: unknown): boolean {
  return typeof (err as { errCode?: unknown } | null)?.errCode === 'number'
}

export class CloudBaseStore implements StorePort {
  readonly kind = 'cloudbase' as const
  private readonly scopes = new AsyncLocalStorage<WriteScope>()

  /**
   * `atomicWriteScopes` (on unless `false`) runs each write scope as one CloudBase transaction: the
   * call's writes and its seal (the request record) commit together, so a retry after a crash
   * replays the first answer. CloudBase transactions cannot query, so a call that queries a
   * collection it has already written to (binding.unbind's member detail) would miss its own
   * writes: such a call is rolled back as soon as it asks and run again with the seal written after
   * its writes (a crash between the two then loses the seal, as with `atomicWriteScopes: false`).
   */
  constructor(
    private readonly db: CloudBaseDb,
    private readonly options: { atomicWriteScopes?: boolean } = {},
  ) {}

  private get _(): CloudBaseCommand {
    return this.db.command
  }

  async get<T>(collection: string, id: string): Promise<Stored<T> | null> {
    const scope = this.scopes.getStore()
    if (scope) return scope.tx.get<T>(collection, id)
    assertCollectionName(collection)
    return readDoc<T>(this.db.collection(collection).doc(id))
  }

  async insert<T>(collection: string, doc: NewDoc<T>): Promise<Stored<T>> {
    const scope = this.scopes.getStore()
    if (scope) return scope.tx.insert<T>(collection, doc)
    const data = newDocData(collection, doc)
    const id = data._id as string
    try {
      await this.db.collection(collection).add({ data })
    } catch (err) {
      if (isDuplicateKey(err)) throw new StoreConflict('duplicate', collection, id)
      // The duplicate-key text is CloudBase's, not a documented contract: if the add failed and the
      // id is taken, that is a duplicate whatever the message said.
      if (await this.get(collection, id).catch(() => null)) throw new StoreConflict('duplicate', collection, id)
      throw err
    }
    return data as Stored<T>
  }

  async update<T>(collection: string, id: string, patch: Partial<T>, expectedVersion: number): Promise<Stored<T>> {
    const scope = this.scopes.getStore()
    if (scope) return scope.tx.update<T>(collection, id, patch, expectedVersion)
    assertCollectionName(collection)
    const coll = this.db.collection(collection)
    // Read first: the port returns the updated document, and the version check makes it exactly this one.
    const current = await readDoc<T>(coll.doc(id))
    if (!current) throw new StoreConflict('missing', collection, id)
    if (current._version !== expectedVersion) throw new StoreConflict('version', collection, id)
    const res = await coll
      .where({ _id: id, _version: expectedVersion })
      .update({ data: { ...patchData(this._, patch as Data), _version: this._.inc(1) } })
    if (res.stats.updated === 0) {
      // Someone else updated (or removed) it between the read and the conditional write.
      const now = await readDoc<T>(coll.doc(id))
      throw new StoreConflict(now ? 'version' : 'missing', collection, id)
    }
    return merged<T>(current, patch as Data, id, expectedVersion + 1)
  }

  async remove(collection: string, id: string, expectedVersion: number): Promise<void> {
    const scope = this.scopes.getStore()
    if (scope) return scope.tx.remove(collection, id, expectedVersion)
    assertCollectionName(collection)
    const coll = this.db.collection(collection)
    const current = await readDoc(coll.doc(id))
    if (!current) throw new StoreConflict('missing', collection, id)
    if (current._version !== expectedVersion) throw new StoreConflict('version', collection, id)
    const res = await coll.where({ _id: id, _version: expectedVersion }).remove()
    if (res.stats.removed === 0) {
      const now = await readDoc(coll.doc(id))
      throw new StoreConflict(now ? 'version' : 'missing', collection, id)
    }
  }

  /** Refuses a query inside an atomic scope of a collection the scope has written (see QueryAfterWrite). */
  private checkQueryable(collection: string): void {
    const scope = this.scopes.getStore()
    if (scope?.written.has(collection)) {
      const abort = new QueryAfterWrite(collection)
      // Kept on the scope too: a handler that catches the error still has its call rolled back.
      scope.queried ??= abort
      throw abort
    }
  }

  async query<T>(collection: string, options: QueryOptions): Promise<Page<Stored<T>>> {
    assertCollectionName(collection)
    this.checkQueryable(collection)
    const limit = clampLimit(options.limit)
    const desc = options.orderBy?.direction === 'desc'
    const field = options.orderBy && options.orderBy.field !== '_id' ? options.orderBy.field : null
    if (field) assertFieldName(field)
    const conditions = this.conditions(options.where ?? [])
    if (options.cursor) conditions.push(this.after(field, desc, decodeCursor(options.cursor)))

    const coll = this.db.collection(collection)
    const run = async (extra: unknown[], max: number): Promise<Data[]> => {
      let q = this.filtered(coll, [...conditions, ...extra])
      if (field) q = q.orderBy(field, desc ? 'desc' : 'asc')
      q = q.orderBy('_id', desc ? 'desc' : 'asc')
      return (await q.limit(max).get()).data
    }

    // One extra row tells whether there is a next page, unless the server cap forbids asking for it.
    const fetch = Math.min(limit + 1, CLOUDBASE_SERVER_GET_MAX)
    const rows = await run([], fetch)
    const items = rows.slice(0, limit) as Stored<T>[]
    const last = items[items.length - 1] as Data | undefined
    const orderValue = (doc: Data): Scalar => (field ? ((readPath(doc, field) ?? null) as Scalar) : null)
    let more = rows.length > limit
    if (!more && last && rows.length === fetch && fetch === limit) {
      more = (await run([this.after(field, desc, [orderValue(last), last._id as string])], 1)).length > 0
    }
    return { items, nextCursor: more && last ? encodeCursor(orderValue(last), last._id as string) : null }
  }

  async count(collection: string, where: readonly Filter[] = []): Promise<number> {
    assertCollectionName(collection)
    this.checkQueryable(collection)
    const res = await this.filtered(this.db.collection(collection), this.conditions(where)).count()
    return res.total
  }

  /**
   * CloudBase may run `fn` more than once: it retries the whole callback on a write conflict with a
   * concurrent writer. The port allows only store calls inside, so a retry repeats nothing else.
   */
  transaction<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R> {
    const scope = this.scopes.getStore()
    if (scope) return this.nested(scope, fn)
    return this.db.runTransaction(async (t) => fn(this.txOf(t)))
  }

  /**
   * A transaction inside a write scope joins the scope's transaction. MongoDB has no savepoints:
   * when it fails after writing, the whole scope rolls back and the call runs again without the
   * scope's transaction (see writeScope), where that transaction is undone alone.
   */
  private async nested<R>(scope: WriteScope, fn: (tx: StoreTx) => Promise<R>): Promise<R> {
    const before = scope.writes
    try {
      return await fn(scope.tx)
    } catch (err) {
      if (scope.writes !== before && !(err instanceof ScopeAbort)) {
        scope.aborted = new ScopeAbort(err)
        throw scope.aborted
      }
      throw err
    }
  }

  /**
   * One CloudBase transaction around the whole call: its gets, inserts, updates and removes go
   * through it, and the seal is added last, so the call's writes and its seal commit together.
   * Queries and counts inside read committed data (CloudBase transactions cannot query): one of a
   * collection the call already wrote, or a nested transaction that fails after writing, rolls the
   * transaction back and runs the call again with its seal written after its writes. On a write
   * conflict CloudBase runs the call again from the start, as it does any transaction.
   */
  async writeScope<R>(run: () => Promise<R>, seal: (result: R) => SealDoc | null): Promise<R> {
    if (this.scopes.getStore()) return run()
    if (this.options.atomicWriteScopes === false) return this.sequentialScope(run, seal)
    let failure: { error: unknown } | null = null
    let result: R | undefined
    try {
      await this.db.runTransaction(async (t) => {
        failure = null
        const scope: WriteScope = { tx: this.txOf(t), writes: 0, aborted: null, written: new Set() }
        const counted = scope.tx
        const wrote = <W>(collection: string, written: W): W => {
          scope.writes += 1
          scope.written.add(collection)
          return written
        }
        scope.tx = {
          get: counted.get,
          insert: async (c: string, doc: NewDoc<never>) => wrote(c, await counted.insert(c, doc)),
          update: async (c: string, id: string, patch: Partial<never>, v: number) =>
            wrote(c, await counted.update(c, id, patch, v)),
          remove: async (c: string, id: string, v: number) => wrote(c, await counted.remove(c, id, v)),
        } as StoreTx
        try {
          result = await this.scopes.run(scope, run)
          if (scope.queried) throw scope.queried
          if (scope.aborted) throw scope.aborted
        } catch (error) {
          // A refusal keeps the writes made before it, as without the scope; the database's own
          // failures (a conflict to retry, an aborted transaction), a failed nested transaction and
          // a query of the call's own writes roll back.
          if (scope.queried) throw scope.queried
          if (scope.aborted) throw scope.aborted
          if (error instanceof ScopeAbort || isDatabaseError(error)) throw error
          failure = { error }
          return
        }
        const sealed = seal(result)
        if (sealed) await counted.insert(sealed.collection, sealed.doc)
      })
    } catch (err) {
      // Nothing of the call was kept: it runs again, its seal after its writes, where its nested
      // transactions are CloudBase's own (one that fails is undone alone, as on SQLite) and its
      // queries see what it wrote.
      if (err instanceof QueryAfterWrite || err instanceof ScopeAbort) return this.sequentialScope(run, seal)
      throw err
    }
    if (failure) throw (failure as { error: unknown }).error
    return result as R
  }

  /**
   * The seal written after the call's own writes, outside any transaction: what this adapter does
   * until queries inside a scope see the scope's own writes (a crash between the two loses the seal).
   */
  private async sequentialScope<R>(run: () => Promise<R>, seal: (result: R) => SealDoc | null): Promise<R> {
    const result = await run()
    const sealed = seal(result)
    if (sealed) await this.insert(sealed.collection, sealed.doc)
    return result
  }

  /** The port's transaction calls over one CloudBase transaction. */
  private txOf(t: CloudBaseTransaction): StoreTx {
    {
      const docIn = (collection: string, id: string): CloudBaseDocument => {
        assertCollectionName(collection)
        return t.collection(collection).doc(id)
      }
      const tx: StoreTx = {
        get: <T>(collection: string, id: string) => readDoc<T>(docIn(collection, id)),
        insert: async <T>(collection: string, doc: NewDoc<T>) => {
          const data = newDocData(collection, doc)
          const id = data._id as string
          // Checked before writing: a failed write aborts a MongoDB transaction, and a caller may
          // want to catch the conflict and go on, as it can on SQLite.
          if (await readDoc(docIn(collection, id))) throw new StoreConflict('duplicate', collection, id)
          try {
            await t.collection(collection).add({ data })
          } catch (err) {
            if (isDuplicateKey(err)) throw new StoreConflict('duplicate', collection, id)
            throw err
          }
          return data as Stored<T>
        },
        update: async <T>(collection: string, id: string, patch: Partial<T>, expectedVersion: number) => {
          const ref = docIn(collection, id)
          const current = await readDoc<T>(ref)
          if (!current) throw new StoreConflict('missing', collection, id)
          if (current._version !== expectedVersion) throw new StoreConflict('version', collection, id)
          // The transaction reads a snapshot and a concurrent write to this document aborts it, so
          // the version read above is still the one being replaced.
          await ref.update({ data: { ...patchData(this._, patch as Data), _version: expectedVersion + 1 } })
          return merged<T>(current, patch as Data, id, expectedVersion + 1)
        },
        remove: async (collection: string, id: string, expectedVersion: number) => {
          const ref = docIn(collection, id)
          const current = await readDoc(ref)
          if (!current) throw new StoreConflict('missing', collection, id)
          if (current._version !== expectedVersion) throw new StoreConflict('version', collection, id)
          await ref.remove()
        },
      }
      return tx
    }
  }

  /** Nothing to release: wx-server-sdk holds no connection of its own between calls. */
  async close(): Promise<void> {}

  private filtered(coll: CloudBaseCollection, conditions: unknown[]): CloudBaseQuery {
    if (conditions.length === 0) return coll
    return coll.where(conditions.length === 1 ? conditions[0] : this._.and(conditions))
  }

  /** One condition object per filter, joined by `_.and`, so two filters on one field both apply. */
  private conditions(filters: readonly Filter[]): unknown[] {
    const _ = this._
    return filters.map((f) => {
      if (f.field !== '_id') assertFieldName(f.field)
      const value = f.value
      if (value === undefined) throw new Error(`filter on ${f.field} has no value`)
      if (f.op === 'in') {
        if (!Array.isArray(value)) throw new Error('`in` needs an array')
        return { [f.field]: _.in([...value]) }
      }
      if (Array.isArray(value)) throw new Error(`\`${f.op}\` needs a scalar`)
      switch (f.op) {
        case 'eq':
          return { [f.field]: _.eq(value) }
        case 'ne':
          return { [f.field]: _.neq(value) }
        case 'gt':
          return { [f.field]: _.gt(value) }
        case 'gte':
          return { [f.field]: _.gte(value) }
        case 'lt':
          return { [f.field]: _.lt(value) }
        case 'lte':
          return { [f.field]: _.lte(value) }
        case 'contains':
          // MongoDB equality on an array field matches when any element equals the value.
          return { [f.field]: value }
      }
      throw new Error(`unsupported filter op: ${String(f.op)}`)
    })
  }

  /** Documents strictly after (orderValue, id) in the query's order; null order values sort lowest. */
  private after(field: string | null, desc: boolean, [value, id]: [Scalar, string]): unknown {
    const _ = this._
    const pastId = { _id: desc ? _.lt(id) : _.gt(id) }
    if (!field) return pastId
    const tie = _.and([{ [field]: _.eq(value) }, pastId])
    if (value === null) return desc ? tie : _.or([{ [field]: _.neq(null) }, tie])
    const beyond = { [field]: desc ? _.lt(value) : _.gt(value) }
    return desc ? _.or([beyond, { [field]: _.eq(null) }, tie]) : _.or([beyond, tie])
  }
}
