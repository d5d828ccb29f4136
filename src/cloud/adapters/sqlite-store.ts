/**
 * Embedded document store on one SQLite file (better-sqlite3, WAL). One writer connection guarded
 * by an async lock (so a transaction's awaits cannot interleave with other writes) and one reader
 * connection that only ever sees committed data.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import Database from 'better-sqlite3'
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

type Db = Database.Database
interface Row {
  id: string
  version: number
  body: string
}

/**
 * An open write scope: one SQLite transaction on the writer, holding the store's lock for the whole
 * call. Its own writes queue on `lock` (so a nested transaction's savepoint holds only its writes).
 */
interface WriteScope {
  open: boolean
  lock: Promise<unknown>
  savepoints: number
}

/** A write call waiting for its turn in the next group commit. */
interface QueuedCall {
  run: () => Promise<unknown>
  seal: (result: unknown) => SealDoc | null
  resolve: (result: unknown) => void
  reject: (error: unknown) => void
}

/** At most this many calls share one commit, so that the first does not wait long for the last. */
const BATCH_MAX = 64
/** How long a commit waits for more calls to join it once its queue is empty (ms). */
const GATHER_MS = 1

export interface SqliteStoreOptions {
  /** Indexed fields per collection (see collections.ts). */
  indexes?: Record<string, { indexes: readonly (readonly string[])[] }>
  /** `FULL` (default) makes every acknowledged write survive a power cut, not just a crash. */
  synchronous?: 'FULL' | 'NORMAL'
}

const jsonPath = (field: string): string => {
  assertFieldName(field)
  return `json_extract(body, '$.${field}')`
}

/**
 * The SQL term `collection = '<name>'` with the name as a literal (names are checked against
 * store.ts's pattern, lower-case letters, digits and `_`): a partial index is usable only when the
 * query repeats its WHERE term literally, not through a bound parameter.
 */
function collectionIs(collection: string): string {
  assertCollectionName(collection)
  return `collection = '${collection}'`
}

const bindable = (v: Scalar): string | number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : v)

function toDoc<T>(row: Row): Stored<T> {
  return { ...(JSON.parse(row.body) as T), _id: row.id, _version: row.version }
}

function bodyOf(doc: Record<string, unknown>): string {
  const { _id: _ignoredId, _version: _ignoredVersion, ...rest } = doc
  return JSON.stringify(rest)
}

export class SqliteStore implements StorePort {
  readonly kind = 'sqlite' as const
  private readonly writer: Db
  private readonly reader: Db
  /** Declared indexes per collection: their names and fields, to steer the query planner. */
  private readonly indexesOf = new Map<string, { name: string; fields: readonly string[] }[]>()
  private lock: Promise<unknown> = Promise.resolve()
  private closed = false
  private readonly scopes = new AsyncLocalStorage<WriteScope>()
  /** Commits made on the writer since the store opened (each fsync'ed with synchronous=FULL). */
  commits = 0

  constructor(
    readonly file: string,
    options: SqliteStoreOptions = {},
  ) {
    this.writer = new Database(file)
    this.writer.pragma('journal_mode = WAL')
    this.writer.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`)
    this.writer.pragma('busy_timeout = 5000')
    this.writer.exec(`CREATE TABLE IF NOT EXISTS documents (
      collection TEXT NOT NULL,
      id TEXT NOT NULL,
      version INTEGER NOT NULL,
      body TEXT NOT NULL CHECK (json_valid(body)),
      PRIMARY KEY (collection, id)
    ) WITHOUT ROWID`)
    // Indexes of earlier versions covered every document of every collection, so each write paid
    // for all of them (some 35 json_extract calls and B-tree inserts per row); they are replaced by
    // partial indexes, each holding only its own collection's documents.
    const legacy = this.writer
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name GLOB 'ix_*'")
      .all() as { name: string }[]
    for (const { name } of legacy) this.writer.exec(`DROP INDEX IF EXISTS "${name.replace(/"/g, '""')}"`)
    for (const [collection, spec] of Object.entries(options.indexes ?? {})) {
      assertCollectionName(collection)
      for (const fields of spec.indexes) {
        const name = `px_${collection}_${fields.join('_')}`
        this.indexesOf.set(collection, [...(this.indexesOf.get(collection) ?? []), { name, fields }])
        const exprs = fields.map(jsonPath).join(', ')
        this.writer.exec(`CREATE INDEX IF NOT EXISTS ${name} ON documents (${exprs}) WHERE ${collectionIs(collection)}`)
      }
    }
    this.reader = new Database(file, { readonly: true })
    this.reader.pragma('busy_timeout = 5000')
  }

  /** The write scope this async call runs in, if one is open. */
  private scope(): WriteScope | null {
    const scope = this.scopes.getStore()
    return scope?.open ? scope : null
  }

  /**
   * Serializes every write and transaction on the single writer connection. Inside a write scope
   * the scope already holds the store's lock, so its writes queue on the scope's own lock instead.
   */
  private exclusive<R>(fn: () => Promise<R> | R): Promise<R> {
    if (this.closed) return Promise.reject(new Error('store is closed'))
    const scope = this.scope()
    if (scope) {
      const run = scope.lock.then(fn, fn)
      scope.lock = run.catch(() => undefined)
      return run
    }
    const run = this.lock.then(fn, fn)
    this.lock = run.catch(() => undefined)
    return run
  }

  /** The writer inside a write scope (to see its uncommitted writes), else the reader. */
  private readDb(): Db {
    return this.scope() ? this.writer : this.reader
  }

  async get<T>(collection: string, id: string): Promise<Stored<T> | null> {
    return getIn<T>(this.readDb(), collection, id)
  }

  insert<T>(collection: string, doc: NewDoc<T>): Promise<Stored<T>> {
    return this.exclusive(() => this.autocommit(() => insertIn<T>(this.writer, collection, doc)))
  }

  update<T>(collection: string, id: string, patch: Partial<T>, expectedVersion: number): Promise<Stored<T>> {
    return this.exclusive(() => this.autocommit(() => updateIn<T>(this.writer, collection, id, patch, expectedVersion)))
  }

  remove(collection: string, id: string, expectedVersion: number): Promise<void> {
    return this.exclusive(() => this.autocommit(() => removeIn(this.writer, collection, id, expectedVersion)))
  }

  /** Runs one statement, counting the commit it makes when no transaction is open. */
  private autocommit<R>(fn: () => R): R {
    const inTx = this.writer.inTransaction
    const result = fn()
    if (!inTx) this.commits += 1
    return result
  }

  transaction<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R> {
    const scope = this.scope()
    return this.exclusive(async () => {
      const db = this.writer
      // Inside a write scope a transaction is a savepoint of the scope's transaction.
      const savepoint = scope ? `tx_${++scope.savepoints}` : null
      db.exec(savepoint ? `SAVEPOINT ${savepoint}` : 'BEGIN IMMEDIATE')
      const tx: StoreTx = {
        get: async <T>(c: string, id: string) => getIn<T>(db, c, id),
        insert: async <T>(c: string, doc: NewDoc<T>) => insertIn<T>(db, c, doc),
        update: async <T>(c: string, id: string, patch: Partial<T>, v: number) => updateIn<T>(db, c, id, patch, v),
        remove: async (c: string, id: string, v: number) => removeIn(db, c, id, v),
      }
      try {
        const result = await fn(tx)
        if (savepoint) db.exec(`RELEASE ${savepoint}`)
        else this.commit()
        return result
      } catch (err) {
        if (savepoint) {
          db.exec(`ROLLBACK TO ${savepoint}`)
          db.exec(`RELEASE ${savepoint}`)
        } else if (db.inTransaction) db.exec('ROLLBACK')
        throw err
      }
    })
  }

  /**
   * The call runs inside one SQLite transaction (as a savepoint of it), holding the store's lock
   * meanwhile: other calls' reads go on from the reader, their writes wait. Calls that arrive while
   * one runs join the same transaction (group commit, at most BATCH_MAX), each in its own savepoint,
   * and all answer after its one COMMIT: at most one fsync per call, fewer under load.
   */
  writeScope<R>(run: () => Promise<R>, seal: (result: R) => SealDoc | null): Promise<R> {
    if (this.scope()) return run()
    return new Promise<R>((resolve, reject) => {
      this.waitingCalls.push({ run, seal, resolve, reject } as QueuedCall)
      if (this.waitingCalls.length === 1 && !this.batchRunning) void this.exclusive(() => this.runBatch())
    })
  }

  private waitingCalls: QueuedCall[] = []
  private batchRunning = false

  /** Runs the queued calls in one transaction, each in a savepoint, then commits once and answers them. */
  private async runBatch(): Promise<void> {
    const db = this.writer
    this.batchRunning = true
    const done: { call: QueuedCall; outcome: { ok: true; result: unknown } | { ok: false; error: unknown } }[] = []
    try {
      db.exec('BEGIN IMMEDIATE')
      while (done.length < BATCH_MAX) {
        // One turn of the event loop before committing lets calls whose requests arrived meanwhile
        // join this commit: an fsync blocks the loop, so they cannot arrive during one.
        if (this.waitingCalls.length === 0) await new Promise((resolve) => setTimeout(resolve, GATHER_MS))
        const call = this.waitingCalls.shift()
        if (!call) break
        const scope: WriteScope = { open: true, lock: Promise.resolve(), savepoints: 0 }
        db.exec('SAVEPOINT call')
        let outcome: { ok: true; result: unknown } | { ok: false; error: unknown }
        try {
          outcome = { ok: true, result: await this.scopes.run(scope, call.run) }
        } catch (error) {
          outcome = { ok: false, error }
        }
        await scope.lock
        scope.open = false
        if (outcome.ok) {
          try {
            const sealed = call.seal(outcome.result)
            if (sealed) insertIn(db, sealed.collection, sealed.doc)
          } catch (error) {
            // Not sealed, not kept: the call's writes go with it.
            db.exec('ROLLBACK TO call')
            outcome = { ok: false, error }
          }
        }
        // A call that threw keeps the writes it made before, as it would without the scope.
        db.exec('RELEASE call')
        done.push({ call, outcome })
      }
      this.commit()
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK')
      for (const d of done) d.outcome = { ok: false, error }
    } finally {
      this.batchRunning = false
      // Calls that arrived after the batch was full start the next one.
      if (this.waitingCalls.length > 0) void this.exclusive(() => this.runBatch())
    }
    for (const { call, outcome } of done) {
      if (outcome.ok) call.resolve(outcome.result)
      else call.reject(outcome.error)
    }
  }

  private commit(): void {
    this.writer.exec('COMMIT')
    this.commits += 1
  }

  async query<T>(collection: string, options: QueryOptions): Promise<Page<Stored<T>>> {
    assertCollectionName(collection)
    const limit = clampLimit(options.limit)
    const { sql: whereSql, params } = whereClause(options.where ?? [])
    const clauses = [collectionIs(collection), ...whereSql]
    const args: unknown[] = [...params]
    const dir = options.orderBy?.direction === 'desc' ? 'DESC' : 'ASC'
    const orderExpr = options.orderBy ? jsonPath(options.orderBy.field) : null
    if (options.cursor) {
      const [value, id] = decodeCursor(options.cursor)
      const cmp = dir === 'ASC' ? '>' : '<'
      if (orderExpr && value === null) {
        // NULL sorts first ascending and last descending, and `= NULL` is never true.
        const tie = `(${orderExpr} IS NULL AND id ${cmp} ?)`
        clauses.push(dir === 'ASC' ? `(${orderExpr} IS NOT NULL OR ${tie})` : tie)
        args.push(id)
      } else if (orderExpr) {
        const nullsAfter = dir === 'DESC' ? ` OR ${orderExpr} IS NULL` : ''
        clauses.push(`(${orderExpr} ${cmp} ?${nullsAfter} OR (${orderExpr} = ? AND id ${cmp} ?))`)
        args.push(bindable(value), bindable(value), id)
      } else {
        clauses.push(`id ${cmp} ?`)
        args.push(id)
      }
    }
    // `+id`: without an order field the primary key would otherwise win as the access path (it
    // avoids a sort) and a filtered query would scan the whole collection instead of its index.
    const order = orderExpr ? `${orderExpr} ${dir}, id ${dir}` : `+id ${dir}`
    const index = this.indexFor(collection, options.where ?? [])
    const from = index ? `documents INDEXED BY ${index}` : 'documents'
    const sql = `SELECT id, version, body FROM ${from} WHERE ${clauses.join(' AND ')} ORDER BY ${order} LIMIT ?`
    const rows = this.readDb()
      .prepare(sql)
      .all(...args, limit + 1) as Row[]
    const items = rows.slice(0, limit).map((r) => toDoc<T>(r))
    let nextCursor: string | null = null
    if (rows.length > limit) {
      const last = items[items.length - 1] as Record<string, unknown>
      const value = options.orderBy ? (readPath(last, options.orderBy.field) as Scalar) : null
      nextCursor = encodeCursor(value, last._id as string)
    }
    return { items, nextCursor }
  }

  /**
   * The declared index whose leading field the query pins by equality (or a list), if any. With the
   * collection as a bound parameter SQLite has no statistics to prefer it over the primary key and
   * would scan the whole collection; naming it keeps a filtered read proportional to its result.
   */
  private indexFor(collection: string, where: readonly Filter[]): string | null {
    const pinned = new Set(
      where.filter((f) => (f.op === 'eq' && f.value !== null) || f.op === 'in').map((f) => f.field),
    )
    let best: { name: string; score: number } | null = null
    for (const ix of this.indexesOf.get(collection) ?? []) {
      let score = 0
      while (score < ix.fields.length && pinned.has(ix.fields[score])) score += 1
      if (score > 0 && (!best || score > best.score)) best = { name: ix.name, score }
    }
    return best?.name ?? null
  }

  async count(collection: string, where: readonly Filter[] = []): Promise<number> {
    assertCollectionName(collection)
    const { sql, params } = whereClause(where)
    const index = this.indexFor(collection, where)
    const from = index ? `documents INDEXED BY ${index}` : 'documents'
    const row = this.readDb()
      .prepare(`SELECT COUNT(*) AS n FROM ${from} WHERE ${[collectionIs(collection), ...sql].join(' AND ')}`)
      .get(...params) as { n: number }
    return row.n
  }

  /** Waits for queued writes, checkpoints the WAL into the main file and closes both connections. */
  async close(): Promise<void> {
    if (this.closed) return
    await this.lock
    this.closed = true
    this.writer.pragma('wal_checkpoint(TRUNCATE)')
    this.reader.close()
    this.writer.close()
  }
}

function readPath(doc: Record<string, unknown>, field: string): unknown {
  return field
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc)
}

function whereClause(filters: readonly Filter[]): { sql: string[]; params: unknown[] } {
  const sql: string[] = []
  const params: unknown[] = []
  for (const f of filters) {
    if (f.field === '_id') {
      if (f.op === 'in' && Array.isArray(f.value)) {
        sql.push(`id IN (${f.value.map(() => '?').join(', ') || 'NULL'})`)
        params.push(...f.value)
      } else if (f.op === 'eq') {
        sql.push('id = ?')
        params.push(f.value)
      } else {
        throw new Error(`unsupported filter on _id: ${f.op}`)
      }
      continue
    }
    const expr = jsonPath(f.field)
    const value = f.value
    switch (f.op) {
      case 'eq':
        if (value === null) sql.push(`${expr} IS NULL`)
        else {
          sql.push(`${expr} = ?`)
          params.push(bindable(value as Scalar))
        }
        break
      case 'ne':
        if (value === null) sql.push(`${expr} IS NOT NULL`)
        else {
          sql.push(`(${expr} IS NULL OR ${expr} != ?)`)
          params.push(bindable(value as Scalar))
        }
        break
      case 'in': {
        if (!Array.isArray(value)) throw new Error('`in` needs an array')
        sql.push(`${expr} IN (${value.map(() => '?').join(', ') || 'NULL'})`)
        params.push(...value.map((v) => bindable(v as Scalar)))
        break
      }
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[f.op]
        sql.push(`${expr} ${op} ?`)
        params.push(bindable(value as Scalar))
        break
      }
      case 'contains':
        assertFieldName(f.field)
        sql.push(`EXISTS (SELECT 1 FROM json_each(body, '$.${f.field}') WHERE value = ?)`)
        params.push(bindable(value as Scalar))
        break
    }
  }
  return { sql, params }
}

/** Prepared statements per connection, by SQL text: preparing costs more than running a point read. */
const statements = new WeakMap<Db, Map<string, Database.Statement>>()

function statement(db: Db, sql: string): Database.Statement {
  let byText = statements.get(db)
  if (!byText) statements.set(db, (byText = new Map()))
  let stmt = byText.get(sql)
  if (!stmt) byText.set(sql, (stmt = db.prepare(sql)))
  return stmt
}

function getIn<T>(db: Db, collection: string, id: string): Stored<T> | null {
  assertCollectionName(collection)
  const row = statement(db, 'SELECT id, version, body FROM documents WHERE collection = ? AND id = ?').get(
    collection,
    id,
  ) as Row | undefined
  return row ? toDoc<T>(row) : null
}

function insertIn<T>(db: Db, collection: string, doc: NewDoc<T>): Stored<T> {
  assertCollectionName(collection)
  const id = doc._id
  if (typeof id !== 'string' || id.length === 0) throw new Error('a document needs a string _id')
  const body = bodyOf(doc as Record<string, unknown>)
  try {
    statement(db, 'INSERT INTO documents (collection, id, version, body) VALUES (?, ?, 1, ?)').run(collection, id, body)
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT'))
      throw new StoreConflict('duplicate', collection, id)
    throw err
  }
  return { ...(JSON.parse(body) as T), _id: id, _version: 1 }
}

function updateIn<T>(db: Db, collection: string, id: string, patch: Partial<T>, expectedVersion: number): Stored<T> {
  const current = getIn<T>(db, collection, id)
  if (!current) throw new StoreConflict('missing', collection, id)
  if (current._version !== expectedVersion) throw new StoreConflict('version', collection, id)
  const next = { ...current, ...patch } as Record<string, unknown>
  const body = bodyOf(next)
  const res = statement(
    db,
    'UPDATE documents SET version = version + 1, body = ? WHERE collection = ? AND id = ? AND version = ?',
  ).run(body, collection, id, expectedVersion)
  if (res.changes !== 1) throw new StoreConflict('version', collection, id)
  return { ...(JSON.parse(body) as T), _id: id, _version: expectedVersion + 1 }
}

function removeIn(db: Db, collection: string, id: string, expectedVersion: number): void {
  const current = getIn(db, collection, id)
  if (!current) throw new StoreConflict('missing', collection, id)
  if (current._version !== expectedVersion) throw new StoreConflict('version', collection, id)
  const res = statement(db, 'DELETE FROM documents WHERE collection = ? AND id = ? AND version = ?').run(
    collection,
    id,
    expectedVersion,
  )
  if (res.changes !== 1) throw new StoreConflict('version', collection, id)
}
