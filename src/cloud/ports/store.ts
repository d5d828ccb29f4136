/**
 * The document store every action writes through. Implemented by SQLite (embedded host, tests)
 * and by the CloudBase database (production); both pass tests/cloud/store-contract.
 *
 * Each method is typed by the collection it names (src/cloud/collections.ts): `get('meetings', id)`
 * answers a `Stored<MeetingDoc>`. The second, untyped signature of each (a type argument and any
 * collection name) remains for the call sites not yet moved to the registry.
 */
import type { CollectionName, DocOf } from '../collections'

export interface StoredDoc {
  _id: string
  /** Starts at 1 and grows by one with every update; used for conditional updates. */
  _version: number
}

export type Stored<T> = T & StoredDoc

export type FilterOp = 'eq' | 'ne' | 'in' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains'
export type Scalar = string | number | boolean | null

export interface Filter {
  field: string
  op: FilterOp
  /** An array for `in`; a scalar otherwise (for `contains`, an element of an array field). */
  value: Scalar | readonly Scalar[]
}

/** The filter "`field` equals `value`" (`[eq('meetingId', id)]` reads as the where-clause it is). */
export function eq(field: string, value: Scalar): Filter {
  return { field, op: 'eq', value }
}

export interface QueryOptions {
  where?: readonly Filter[]
  /** Results are ordered by this field, then by `_id`, so cursors are stable. */
  orderBy?: { field: string; direction: 'asc' | 'desc' }
  /** At most MAX_PAGE; there are no unbounded reads. */
  limit: number
  cursor?: string | null
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export const MAX_PAGE = 100

/** A document body without the store's own fields. */
export type NewDoc<T> = T & { _id: string }

export interface StoreReader {
  /** The document `id` of `collection`, or null when there is none. */
  get<C extends CollectionName>(collection: C, id: string): Promise<Stored<DocOf<C>> | null>
  get<T>(collection: string, id: string): Promise<Stored<T> | null>
}

export interface StoreWriter {
  /** Fails with StoreConflict('duplicate') when the id exists. */
  insert<C extends CollectionName>(collection: C, doc: NoInfer<NewDoc<DocOf<C>>>): Promise<Stored<DocOf<C>>>
  insert<T>(collection: string, doc: NewDoc<T>): Promise<Stored<T>>
  /** Applies `patch` only if the stored version is `expectedVersion`; else StoreConflict('version'). */
  update<C extends CollectionName>(
    collection: C,
    id: string,
    patch: NoInfer<Partial<DocOf<C>>>,
    expectedVersion: number,
  ): Promise<Stored<DocOf<C>>>
  update<T>(collection: string, id: string, patch: Partial<T>, expectedVersion: number): Promise<Stored<T>>
  /**
   * Deletes the document only if the stored version is `expectedVersion`; else StoreConflict('version'),
   * or StoreConflict('missing') when there is none. The id may be inserted again afterwards.
   */
  remove(collection: string, id: string, expectedVersion: number): Promise<void>
}

export type StoreTx = StoreReader & StoreWriter

export interface StorePort extends StoreTx {
  readonly kind: 'sqlite' | 'cloudbase'
  /** One page of `collection` matching `options`, in its order. */
  query<C extends CollectionName>(collection: C, options: QueryOptions): Promise<Page<Stored<DocOf<C>>>>
  query<T>(collection: string, options: QueryOptions): Promise<Page<Stored<T>>>
  count(collection: string, where?: readonly Filter[]): Promise<number>
  /** Runs `fn` atomically: all its writes land or none do. Only gets, inserts, updates and removes inside. */
  transaction<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R>
  /**
   * Runs one write call exactly once across crashes: every write `run` makes through this store
   * (directly or in its own `transaction`s) and the document `seal(result)` names land in one
   * atomic commit, so after a crash either both are stored or neither is. `seal` returns null to
   * write nothing more (a replay answered from an earlier seal). Reads inside `run` see its own
   * writes by id. When `run` throws, the writes it made before are kept (as they would be without
   * the scope) and nothing is sealed; the error propagates. Calls nested inside `run` join it.
   */
  writeScope<R>(run: () => Promise<R>, seal: (result: R) => SealDoc | null): Promise<R>
  /** Flushes and releases resources; pending writes finish first. */
  close(): Promise<void>
}

/** The document a write scope commits together with the call's writes (its request record). */
export interface SealDoc {
  collection: string
  doc: NewDoc<unknown>
}

export class StoreConflict extends Error {
  constructor(
    readonly reason: 'duplicate' | 'version' | 'missing',
    readonly collection: string,
    readonly id: string,
  ) {
    super(`${reason} conflict on ${collection}/${id}`)
  }
}

const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/
const COLLECTION_RE = /^[a-z][a-z0-9_]*$/

export function assertFieldName(field: string): void {
  if (!FIELD_RE.test(field)) throw new Error(`invalid field name: ${field}`)
}

export function assertCollectionName(collection: string): void {
  if (!COLLECTION_RE.test(collection)) throw new Error(`invalid collection name: ${collection}`)
}

export function clampLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`invalid page limit: ${limit}`)
  return Math.min(limit, MAX_PAGE)
}

/** Cursor = the order value and id of the last item seen, opaque to callers. */
export function encodeCursor(value: Scalar, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url')
}

/**
 * Reads a cursor made by `encodeCursor`: returns the order value (a string, finite number, boolean
 * or null) and the id. Throws InvalidCursor for anything else a client may send (not base64url,
 * not JSON, another shape, an object, array or non-finite number as the value).
 */
export function decodeCursor(cursor: string): [Scalar, string] {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new InvalidCursor()
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string') throw new InvalidCursor()
  const value: unknown = parsed[0]
  const scalar =
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  if (!scalar) throw new InvalidCursor()
  return [value, parsed[1]]
}

export class InvalidCursor extends Error {
  constructor() {
    super('invalid cursor')
  }
}
