/**
 * An in-memory stand-in for WeChat's CloudBase database servers, behind the same surface as
 * wx-server-sdk's `cloud.database()`: only the subset CloudBaseStore uses, with the behaviours of
 * the real service that matter to it:
 * - a server-side `get` returns at most 100 documents, whatever `limit` asks;
 * - `add` of a taken `_id` fails with MongoDB's E11000 duplicate-key text; an unknown collection fails;
 * - `doc(id).get()` of a missing document rejects with "document.get:fail … does not exist";
 * - `where` objects and update data are flattened into dot paths, so a nested object in `update`
 *   merges key by key unless wrapped in `_.set`, and an `undefined` value is dropped;
 * - equality on an array field matches any element; ranges compare within one type only;
 *   null/missing sort lowest;
 * - `remove` deletes; a removed `_id` may be added again;
 * - transactions read a snapshot, see their own writes (removals included), fail with a conflict when a document they
 *   write changed since the snapshot (and `runTransaction` retries), are aborted by any failed
 *   write (a duplicate `add`), and roll back on any throw;
 * - every call yields to the event loop first, so concurrent callers interleave as over a network.
 */

type Data = Record<string, unknown>
interface Entry {
  doc: Data
  /** Global write counter at this document's last write; detects transaction conflicts. */
  rev: number
}
type Tables = Map<string, Map<string, Entry>>

class QueryCommand {
  constructor(
    readonly op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in',
    readonly operand: unknown,
  ) {}
}

class LogicCommand {
  constructor(
    readonly op: 'and' | 'or',
    readonly operands: unknown[],
  ) {}
}

class UpdateCommand {
  constructor(
    readonly op: 'inc' | 'set' | 'remove',
    readonly operand?: unknown,
  ) {}
}

export const SERVER_GET_MAX = 100

class CloudSdkError extends Error {
  readonly errMsg: string
  constructor(
    message: string,
    readonly errCode: number,
    readonly code?: string,
  ) {
    super(message)
    this.errMsg = message
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve))
const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T))
const isPlainObject = (v: unknown): v is Data =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype
const variadic = (args: unknown[]): unknown[] => (Array.isArray(args[0]) ? (args[0] as unknown[]) : args)

function readPath(doc: Data, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (isPlainObject(v) ? v[k] : undefined), doc)
}

/** MongoDB's BSON type order for sorting and comparisons. */
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1
  if (typeof v === 'number') return 2
  if (typeof v === 'string') return 3
  if (isPlainObject(v)) return 4
  if (Array.isArray(v)) return 5
  if (typeof v === 'boolean') return 8
  return 9
}

function compare(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  if (typeof a === 'number' && typeof b === 'number') return a - b
  // MongoDB compares strings by their UTF-8 bytes.
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b))
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  return JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0
}

const equal = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null) || compare(a, b) === 0

/** Flattens nested plain objects into dot paths, as the SDK does to `where` and update data. */
function flatten(obj: Data, prefix = ''): Data {
  const out: Data = {}
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue
    // Like the SDK, an empty object flattens to nothing: `update({ data: { a: {} } })` changes nothing.
    if (isPlainObject(v)) Object.assign(out, flatten(v, `${prefix}${k}.`))
    else out[`${prefix}${k}`] = v
  }
  return out
}

/** Does the field value satisfy one operator, with MongoDB's array semantics? */
function matchOp(value: unknown, op: QueryCommand['op'], operand: unknown): boolean {
  const candidates = Array.isArray(value) ? [value, ...value] : [value]
  switch (op) {
    case 'eq':
      return candidates.some((c) => equal(c, operand))
    case 'neq':
      return !candidates.some((c) => equal(c, operand))
    case 'in':
      if (!Array.isArray(operand)) throw new CloudSdkError('collection.get:fail $in needs an array', -502001)
      return operand.some((o) => candidates.some((c) => equal(c, o)))
    default: {
      const sign = {
        gt: (n: number) => n > 0,
        gte: (n: number) => n >= 0,
        lt: (n: number) => n < 0,
        lte: (n: number) => n <= 0,
      }[op]
      // Type bracketing: a range only matches values of the operand's type.
      return candidates.some((c) => typeRank(c) === typeRank(operand) && c != null && sign(compare(c, operand)))
    }
  }
}

function matches(doc: Data, condition: unknown): boolean {
  if (condition instanceof LogicCommand) {
    return condition.op === 'and'
      ? condition.operands.every((c) => matches(doc, c))
      : condition.operands.some((c) => matches(doc, c))
  }
  if (!isPlainObject(condition)) throw new CloudSdkError('collection.get:fail query must be an object', -1)
  return Object.entries(flatten(condition)).every(([path, expected]) => {
    const value = readPath(doc, path)
    if (expected instanceof QueryCommand) return matchOp(value, expected.op, expected.operand)
    if (expected instanceof LogicCommand) {
      const inner = expected.operands.map((o) => ({ [path]: o }))
      return expected.op === 'and' ? inner.every((c) => matches(doc, c)) : inner.some((c) => matches(doc, c))
    }
    return matchOp(value, 'eq', expected)
  })
}

function applyUpdate(doc: Data, data: Data, api: string): Data {
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    throw new CloudSdkError(`${api}:fail options.data should not be empty`, -1)
  }
  if ('_id' in data) throw new CloudSdkError(`${api}:fail 不能更新_id的值`, -1)
  const next = clone(doc)
  for (const [path, value] of Object.entries(flatten(data))) {
    const keys = path.split('.')
    let target = next
    for (const k of keys.slice(0, -1)) {
      if (!isPlainObject(target[k])) target[k] = {}
      target = target[k] as Data
    }
    const last = keys[keys.length - 1]
    if (value instanceof UpdateCommand) {
      if (value.op === 'remove') delete target[last]
      else if (value.op === 'set') target[last] = clone(value.operand)
      else target[last] = ((target[last] as number | undefined) ?? 0) + (value.operand as number)
    } else {
      target[last] = clone(value)
    }
  }
  return next
}

export interface FakeCloudBaseStats {
  gets: number
  /** The largest `limit` a caller asked of one `get`, to show the server cap was met, not assumed. */
  largestLimitAsked: number
}

/** The `cloud.database()` object. Collections must be created first, as on CloudBase. */
export class FakeCloudBaseDb {
  readonly stats: FakeCloudBaseStats = { gets: 0, largestLimitAsked: 0 }
  private readonly tables: Tables = new Map()
  private revision = 0

  readonly command = {
    eq: (v: unknown) => new QueryCommand('eq', v),
    neq: (v: unknown) => new QueryCommand('neq', v),
    gt: (v: unknown) => new QueryCommand('gt', v),
    gte: (v: unknown) => new QueryCommand('gte', v),
    lt: (v: unknown) => new QueryCommand('lt', v),
    lte: (v: unknown) => new QueryCommand('lte', v),
    in: (v: unknown[]) => new QueryCommand('in', v),
    and: (...args: unknown[]) => new LogicCommand('and', variadic(args)),
    or: (...args: unknown[]) => new LogicCommand('or', variadic(args)),
    inc: (n: number) => new UpdateCommand('inc', n),
    set: (v: unknown) => new UpdateCommand('set', v),
    remove: () => new UpdateCommand('remove'),
  }

  constructor(collections: readonly string[] = []) {
    for (const c of collections) this.tables.set(c, new Map())
  }

  async createCollection(name: string): Promise<void> {
    await tick()
    if (this.tables.has(name))
      throw new CloudSdkError(`createCollection:fail collection ${name} already exists`, -501001)
    this.tables.set(name, new Map())
  }

  collection(name: string): FakeCollection {
    return new FakeCollection(this, name, null)
  }

  /** The stored documents of a collection, for assertions. */
  dump(name: string): Data[] {
    return [...(this.tables.get(name)?.values() ?? [])].map((e) => clone(e.doc))
  }

  table(name: string, api: string, tx: FakeTransaction | null): Map<string, Entry> {
    const t = (tx ? tx.snapshot : this.tables).get(name)
    if (!t) {
      throw new CloudSdkError(
        `${api}:fail -502005 database collection not exists. [ResourceNotFound] Db or Table not exist: ${name}`,
        -502005,
      )
    }
    return t
  }

  /** Reads one document as `tx` (or outside any transaction) sees it. */
  read(name: string, id: string, api: string, tx: FakeTransaction | null): Data | null {
    const own = tx?.writes.get(name)?.get(id)
    // A document this transaction removed reads as missing.
    if (own !== undefined) return own
    return this.table(name, api, tx).get(id)?.doc ?? null
  }

  /** All documents of a collection as `tx` sees them. */
  scan(name: string, api: string, tx: FakeTransaction | null): Data[] {
    const docs = new Map([...this.table(name, api, tx)].map(([id, e]) => [id, e.doc]))
    for (const [id, doc] of tx?.writes.get(name) ?? []) {
      if (doc) docs.set(id, doc)
      else docs.delete(id)
    }
    return [...docs.values()]
  }

  /** Writes a document, or removes it when `doc` is null. */
  write(name: string, id: string, doc: Data | null, api: string, tx: FakeTransaction | null): void {
    if (tx) {
      tx.checkUnchanged(name, id)
      if (!tx.writes.has(name)) tx.writes.set(name, new Map())
      tx.writes.get(name)!.set(id, doc)
      return
    }
    if (doc) this.table(name, api, null).set(id, { doc, rev: ++this.revision })
    else this.table(name, api, null).delete(id)
  }

  committedRev(name: string, id: string): number | undefined {
    return this.tables.get(name)?.get(id)?.rev
  }

  snapshotTables(): Tables {
    return new Map([...this.tables].map(([name, t]) => [name, new Map(t)]))
  }

  async runTransaction<R>(run: (t: FakeTransaction) => Promise<R>, retries = 3): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      await tick()
      const tx = new FakeTransaction(this)
      try {
        const result = await run(tx)
        await tick()
        tx.commit()
        return result
      } catch (err) {
        if ((err as CloudSdkError).code === 'DATABASE_TRANSACTION_CONFLICT' && attempt < retries) continue
        throw err
      }
    }
  }

  applyCommit(tx: FakeTransaction): void {
    for (const [name, docs] of tx.writes) for (const id of docs.keys()) tx.checkUnchanged(name, id)
    for (const [name, docs] of tx.writes) {
      for (const [id, doc] of docs) {
        if (doc) this.tables.get(name)!.set(id, { doc, rev: ++this.revision })
        else this.tables.get(name)!.delete(id)
      }
    }
  }
}

export class FakeTransaction {
  readonly snapshot: Tables
  /** Documents written by this transaction; null for a removed one. */
  readonly writes = new Map<string, Map<string, Data | null>>()
  private aborted = false

  constructor(private readonly db: FakeCloudBaseDb) {
    this.snapshot = db.snapshotTables()
  }

  collection(name: string): FakeCollection {
    return new FakeCollection(this.db, name, this)
  }

  /** A document this transaction writes must not have changed since its snapshot (MongoDB WriteConflict). */
  checkUnchanged(name: string, id: string): void {
    if (this.db.committedRev(name, id) !== this.snapshot.get(name)?.get(id)?.rev) {
      throw new CloudSdkError('database transaction conflict', -502001, 'DATABASE_TRANSACTION_CONFLICT')
    }
  }

  /** MongoDB aborts a transaction on any failed write; everything after that fails too. */
  abort(): void {
    this.aborted = true
  }

  assertActive(api: string): void {
    if (this.aborted) {
      throw new CloudSdkError(
        `${api}:fail -502001 database request fail. [NoSuchTransaction] transaction aborted`,
        -502001,
      )
    }
  }

  commit(): void {
    this.assertActive('transaction.commit')
    this.db.applyCommit(this)
  }
}

interface QueryState {
  where: unknown[]
  orderBy: [string, 'asc' | 'desc'][]
  skip: number
  limit: number | null
}

class FakeQuery {
  constructor(
    protected readonly db: FakeCloudBaseDb,
    readonly collectionName: string,
    protected readonly tx: FakeTransaction | null,
    protected readonly state: QueryState = { where: [], orderBy: [], skip: 0, limit: null },
  ) {}

  private with(change: Partial<QueryState>): FakeQuery {
    return new FakeQuery(this.db, this.collectionName, this.tx, { ...this.state, ...change })
  }

  where(condition: unknown): FakeQuery {
    if (!(condition instanceof LogicCommand) && !isPlainObject(condition)) {
      throw new CloudSdkError('collection.where:fail query参数必须为对象', -1)
    }
    return this.with({ where: [...this.state.where, condition] })
  }

  orderBy(field: string, direction: 'asc' | 'desc'): FakeQuery {
    if (direction !== 'asc' && direction !== 'desc')
      throw new CloudSdkError('orderBy:fail direction must be asc or desc', -1)
    return this.with({ orderBy: [...this.state.orderBy, [field, direction]] })
  }

  skip(n: number): FakeQuery {
    return this.with({ skip: n })
  }

  limit(n: number): FakeQuery {
    if (!Number.isInteger(n) || n < 1)
      throw new CloudSdkError('collection.limit:fail limit must be a positive integer', -1)
    return this.with({ limit: n })
  }

  private selected(api: string): Data[] {
    const docs = this.db
      .scan(this.collectionName, api, this.tx)
      .filter((d) => this.state.where.every((w) => matches(d, w)))
    const order = this.state.orderBy
    return docs.sort((a, b) => {
      for (const [field, dir] of order) {
        const c = compare(readPath(a, field), readPath(b, field))
        if (c !== 0) return dir === 'asc' ? c : -c
      }
      return 0
    })
  }

  async get(): Promise<{ data: Data[]; errMsg: string }> {
    await tick()
    this.tx?.assertActive('collection.get')
    this.db.stats.gets += 1
    this.db.stats.largestLimitAsked = Math.max(this.db.stats.largestLimitAsked, this.state.limit ?? 0)
    const max = Math.min(this.state.limit ?? SERVER_GET_MAX, SERVER_GET_MAX)
    const data = this.selected('collection.get').slice(this.state.skip, this.state.skip + max)
    return { data: data.map(clone), errMsg: 'collection.get:ok' }
  }

  async count(): Promise<{ total: number; errMsg: string }> {
    await tick()
    return { total: this.selected('collection.count').length, errMsg: 'collection.count:ok' }
  }

  async update(options: { data: Data }): Promise<{ stats: { updated: number }; errMsg: string }> {
    await tick()
    this.tx?.assertActive('collection.update')
    const hits = this.selected('collection.update')
    for (const doc of hits) {
      const next = applyUpdate(doc, options.data, 'collection.update')
      this.db.write(this.collectionName, doc._id as string, next, 'collection.update', this.tx)
    }
    return { stats: { updated: hits.length }, errMsg: 'collection.update:ok' }
  }

  async remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    await tick()
    this.tx?.assertActive('collection.remove')
    const hits = this.selected('collection.remove')
    for (const doc of hits) this.db.write(this.collectionName, doc._id as string, null, 'collection.remove', this.tx)
    return { stats: { removed: hits.length }, errMsg: 'collection.remove:ok' }
  }
}

class FakeCollection extends FakeQuery {
  doc(id: string): FakeDocument {
    if (typeof id !== 'string' && typeof id !== 'number') throw new CloudSdkError('docId必须为字符串或数字', -1)
    return new FakeDocument(this.db, this.collectionName, String(id), this.tx)
  }

  async add(options: { data: Data }): Promise<{ _id: string; errMsg: string }> {
    await tick()
    this.tx?.assertActive('collection.add')
    if (!isPlainObject(options?.data)) throw new CloudSdkError('collection.add:fail data must be an object', -1)
    const doc = clone(options.data)
    const id = typeof doc._id === 'string' ? doc._id : Math.random().toString(16).slice(2).padEnd(32, '0')
    doc._id = id
    if (this.db.read(this.collectionName, id, 'collection.add', this.tx)) {
      this.tx?.abort()
      throw new CloudSdkError(
        `collection.add:fail -502001 database request fail. [FailedOperation] E11000 duplicate key error collection: ` +
          `fake-env.${this.collectionName} index: _id_ dup key: { _id: "${id}" }`,
        -502001,
      )
    }
    this.db.write(this.collectionName, id, doc, 'collection.add', this.tx)
    return { _id: id, errMsg: 'collection.add:ok' }
  }
}

class FakeDocument {
  constructor(
    private readonly db: FakeCloudBaseDb,
    private readonly collectionName: string,
    private readonly id: string,
    private readonly tx: FakeTransaction | null,
  ) {}

  async get(): Promise<{ data: Data; errMsg: string }> {
    await tick()
    this.tx?.assertActive('document.get')
    const doc = this.db.read(this.collectionName, this.id, 'document.get', this.tx)
    if (!doc) throw new CloudSdkError(`document.get:fail document with _id ${this.id} does not exist`, -1)
    return { data: clone(doc), errMsg: 'document.get:ok' }
  }

  async set(options: { data: Data }): Promise<{ _id: string; stats: { updated: number; created: number } }> {
    await tick()
    this.tx?.assertActive('document.set')
    if (!isPlainObject(options?.data) || '_id' in options.data) {
      throw new CloudSdkError('document.set:fail 不能更新_id的值', -1)
    }
    const existed = Boolean(this.db.read(this.collectionName, this.id, 'document.set', this.tx))
    this.db.write(this.collectionName, this.id, { ...clone(options.data), _id: this.id }, 'document.set', this.tx)
    return { _id: this.id, stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 } }
  }

  async update(options: { data: Data }): Promise<{ stats: { updated: number }; errMsg: string }> {
    await tick()
    this.tx?.assertActive('document.update')
    const doc = this.db.read(this.collectionName, this.id, 'document.update', this.tx)
    if (!doc) return { stats: { updated: 0 }, errMsg: 'document.update:ok' }
    this.db.write(
      this.collectionName,
      this.id,
      applyUpdate(doc, options.data, 'document.update'),
      'document.update',
      this.tx,
    )
    return { stats: { updated: 1 }, errMsg: 'document.update:ok' }
  }

  async remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    await tick()
    this.tx?.assertActive('document.remove')
    if (!this.db.read(this.collectionName, this.id, 'document.remove', this.tx)) {
      return { stats: { removed: 0 }, errMsg: 'document.remove:ok' }
    }
    this.db.write(this.collectionName, this.id, null, 'document.remove', this.tx)
    return { stats: { removed: 1 }, errMsg: 'document.remove:ok' }
  }
}
