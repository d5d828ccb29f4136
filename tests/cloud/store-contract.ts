/**
 * The behaviour every StorePort must have, run against each implementation by
 * store-contract.test.ts. Actions are written against these semantics and nothing more.
 */
import {
  InvalidCursor,
  MAX_PAGE,
  StoreConflict,
  type Filter,
  type Stored,
  type StorePort,
} from '../../src/cloud/ports/store'

/** The collections the suite writes; a real database must have them created and emptied. */
export const CONTRACT_COLLECTIONS = ['ct_items', 'ct_pages'] as const

export interface ContractStore {
  store: StorePort
  dispose(): Promise<void>
}

interface Item {
  n: number
  name: string
  group: string
  tags: string[]
  meta: { level: number; owner: string }
  flag: boolean
  note: string | null
  maybe?: number
}

interface Ranked {
  rank: number
  score?: number | null
}

const pad = (i: number) => String(i).padStart(3, '0')

function item(i: number): Item & { _id: string } {
  return {
    _id: `i${pad(i)}`,
    n: i,
    name: `成员${pad(11 - i)}`,
    group: ['a', 'b', 'c'][i % 3],
    tags: i % 2 ? ['odd', `t${i}`] : ['even'],
    meta: { level: i % 4, owner: `o${i % 2}` },
    flag: i % 2 === 0,
    note: i % 5 === 0 ? null : `note${i}`,
    ...(i < 6 ? { maybe: i } : {}),
  }
}

/** Inserts in small parallel batches: quick on a remote database, still serialized by SQLite. */
async function insertAll<T>(store: StorePort, collection: string, docs: (T & { _id: string })[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 25) {
    await Promise.all(docs.slice(i, i + 25).map((d) => store.insert<T>(collection, d)))
  }
}

const ids = (docs: { _id: string }[]) => docs.map((d) => d._id)
const iids = (...ns: number[]) => ns.map((n) => `i${pad(n)}`)

async function conflictOf(promise: Promise<unknown>): Promise<StoreConflict> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(StoreConflict)
  return err as StoreConflict
}

/** Pages through a whole query, checking each page's size on the way. */
async function pageAll<T>(
  store: StorePort,
  collection: string,
  options: { where?: Filter[]; orderBy?: { field: string; direction: 'asc' | 'desc' }; limit: number },
): Promise<{ items: Stored<T>[]; pages: number }> {
  const items: Stored<T>[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const page: { items: Stored<T>[]; nextCursor: string | null } = await store.query<T>(collection, {
      ...options,
      cursor,
    })
    pages += 1
    if (page.nextCursor) expect(page.items).toHaveLength(Math.min(options.limit, MAX_PAGE))
    items.push(...page.items)
    cursor = page.nextCursor
    if (pages > 1000) throw new Error('paging does not end')
  } while (cursor)
  return { items, pages }
}

/** Sorts like the store: order value (null lowest), then `_id`, both reversed for desc. */
function expectedOrder<T extends { _id: string }>(
  docs: T[],
  field: keyof T | null,
  direction: 'asc' | 'desc',
): string[] {
  const sign = direction === 'asc' ? 1 : -1
  const key = (d: T) => (field ? ((d[field] as number | null | undefined) ?? null) : null)
  return [...docs]
    .sort((a, b) => {
      const ka = key(a)
      const kb = key(b)
      if (ka !== kb) return sign * (ka === null ? -1 : kb === null ? 1 : ka - kb)
      return sign * (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)
    })
    .map((d) => d._id)
}

export function runStoreContract(
  name: string,
  makeStore: () => Promise<ContractStore>,
  options: { timeoutMs?: number } = {},
): void {
  const timeout = options.timeoutMs ?? 15_000

  describe(`StorePort contract: ${name}`, () => {
    let harness: ContractStore
    let store: StorePort
    beforeEach(async () => {
      harness = await makeStore()
      store = harness.store
    }, timeout)
    afterEach(async () => {
      await harness.dispose()
    }, timeout)

    describe('documents', () => {
      test(
        'get of a missing id is null; insert stores the body at version 1 and get returns it as JSON',
        async () => {
          expect(await store.get('ct_items', 'i000')).toBeNull()
          const stored = await store.insert<Item>('ct_items', { ...item(0), _version: 7 } as Item & { _id: string })
          const expected = { ...item(0), _version: 1 }
          expect(stored).toEqual(expected)
          expect(await store.get<Item>('ct_items', 'i000')).toEqual(expected)
          expect(await store.get('ct_items', 'i001')).toBeNull()
        },
        timeout,
      )

      test(
        'inserting a taken id fails with a duplicate conflict and leaves the first document',
        async () => {
          await store.insert<Item>('ct_items', item(1))
          const conflict = await conflictOf(store.insert<Item>('ct_items', { ...item(2), _id: 'i001' }))
          expect(conflict).toMatchObject({ reason: 'duplicate', collection: 'ct_items', id: 'i001' })
          expect(await store.get<Item>('ct_items', 'i001')).toEqual({ ...item(1), _version: 1 })
        },
        timeout,
      )

      test(
        'a document needs a string id and a valid collection name',
        async () => {
          await expect(store.insert('ct_items', { _id: '' } as never)).rejects.toThrow(/_id/)
          await expect(store.insert('ct_items', { n: 1 } as never)).rejects.toThrow(/_id/)
          await expect(store.insert('Bad-Name', { _id: 'x' })).rejects.toThrow(/collection name/)
          await expect(store.get('Bad-Name', 'x')).rejects.toThrow(/collection name/)
        },
        timeout,
      )

      test(
        'update by version replaces the patched top-level fields whole and bumps the version',
        async () => {
          await store.insert<Item>('ct_items', item(3))
          const updated = await store.update<Item>(
            'ct_items',
            'i003',
            {
              name: '新名字',
              meta: { level: 9 } as Item['meta'],
              tags: ['x'],
              maybe: undefined,
              _id: 'hijack',
            } as never,
            1,
          )
          const { maybe: _dropped, ...rest } = item(3)
          const expected = { ...rest, name: '新名字', meta: { level: 9 }, tags: ['x'], _version: 2 }
          expect(updated).toEqual(expected)
          expect(await store.get<Item>('ct_items', 'i003')).toEqual(expected)
          expect(await store.get('ct_items', 'hijack')).toBeNull()
          const again = await store.update<Item>('ct_items', 'i003', { note: null }, 2)
          expect(again).toEqual({ ...expected, note: null, _version: 3 })
        },
        timeout,
      )

      test(
        'a stale version fails with a version conflict and changes nothing; a missing id with a missing conflict',
        async () => {
          await store.insert<Item>('ct_items', item(4))
          await store.update<Item>('ct_items', 'i004', { n: 40 }, 1)
          const stale = await conflictOf(store.update<Item>('ct_items', 'i004', { n: 41 }, 1))
          expect(stale).toMatchObject({ reason: 'version', collection: 'ct_items', id: 'i004' })
          expect(await store.get<Item>('ct_items', 'i004')).toMatchObject({ n: 40, _version: 2 })
          const missing = await conflictOf(store.update<Item>('ct_items', 'nobody', { n: 1 }, 1))
          expect(missing).toMatchObject({ reason: 'missing', collection: 'ct_items', id: 'nobody' })
          expect(await store.get('ct_items', 'nobody')).toBeNull()
        },
        timeout,
      )
      test(
        'remove by version deletes the document; a stale version or a missing id conflicts; the id is free again',
        async () => {
          await store.insert<Item>('ct_items', item(5))
          await store.update<Item>('ct_items', 'i005', { n: 50 }, 1)
          const stale = await conflictOf(store.remove('ct_items', 'i005', 1))
          expect(stale).toMatchObject({ reason: 'version', collection: 'ct_items', id: 'i005' })
          expect(await store.get<Item>('ct_items', 'i005')).toMatchObject({ n: 50, _version: 2 })
          await store.remove('ct_items', 'i005', 2)
          expect(await store.get('ct_items', 'i005')).toBeNull()
          expect(await store.count('ct_items')).toBe(0)
          const missing = await conflictOf(store.remove('ct_items', 'i005', 2))
          expect(missing).toMatchObject({ reason: 'missing', collection: 'ct_items', id: 'i005' })
          expect(await store.insert<Item>('ct_items', item(5))).toEqual({ ...item(5), _version: 1 })
        },
        timeout,
      )
    })

    describe('queries', () => {
      beforeEach(async () => {
        await insertAll<Item>(
          store,
          'ct_items',
          Array.from({ length: 12 }, (_, i) => item(i)),
        )
      }, timeout)

      const find = async (where: Filter[]) => ids((await store.query<Item>('ct_items', { where, limit: 100 })).items)

      test(
        'eq, ne, in and the ranges select by value; results default to _id order',
        async () => {
          expect(await find([])).toEqual(iids(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))
          expect(await find([{ field: 'group', op: 'eq', value: 'a' }])).toEqual(iids(0, 3, 6, 9))
          expect(await find([{ field: 'group', op: 'ne', value: 'a' }])).toEqual(iids(1, 2, 4, 5, 7, 8, 10, 11))
          expect(await find([{ field: 'group', op: 'in', value: ['a', 'c'] }])).toEqual(iids(0, 2, 3, 5, 6, 8, 9, 11))
          expect(await find([{ field: 'group', op: 'in', value: [] }])).toEqual([])
          expect(await find([{ field: 'n', op: 'gt', value: 8 }])).toEqual(iids(9, 10, 11))
          expect(await find([{ field: 'n', op: 'gte', value: 8 }])).toEqual(iids(8, 9, 10, 11))
          expect(await find([{ field: 'n', op: 'lt', value: 2 }])).toEqual(iids(0, 1))
          expect(await find([{ field: 'n', op: 'lte', value: 2 }])).toEqual(iids(0, 1, 2))
          expect(await find([{ field: 'flag', op: 'eq', value: true }])).toEqual(iids(0, 2, 4, 6, 8, 10))
          expect(await find([{ field: 'name', op: 'lt', value: '成员002' }])).toEqual(iids(10, 11))
        },
        timeout,
      )

      test(
        'two filters on one field both apply, and filters on different fields are joined by AND',
        async () => {
          expect(
            await find([
              { field: 'n', op: 'gte', value: 3 },
              { field: 'n', op: 'lt', value: 6 },
            ]),
          ).toEqual(iids(3, 4, 5))
          expect(
            await find([
              { field: 'group', op: 'eq', value: 'b' },
              { field: 'tags', op: 'contains', value: 'odd' },
            ]),
          ).toEqual(iids(1, 7))
        },
        timeout,
      )

      test(
        'null and missing fields: eq null matches both, ne null neither, ne matches documents without the field',
        async () => {
          expect(await find([{ field: 'note', op: 'eq', value: null }])).toEqual(iids(0, 5, 10))
          expect(await find([{ field: 'maybe', op: 'eq', value: null }])).toEqual(iids(6, 7, 8, 9, 10, 11))
          expect(await find([{ field: 'maybe', op: 'ne', value: null }])).toEqual(iids(0, 1, 2, 3, 4, 5))
          expect(await find([{ field: 'maybe', op: 'ne', value: 2 }])).toEqual(iids(0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11))
        },
        timeout,
      )

      test(
        'contains matches an element of an array field; nested fields are addressed with dots',
        async () => {
          expect(await find([{ field: 'tags', op: 'contains', value: 'odd' }])).toEqual(iids(1, 3, 5, 7, 9, 11))
          expect(await find([{ field: 'tags', op: 'contains', value: 't7' }])).toEqual(iids(7))
          expect(await find([{ field: 'tags', op: 'contains', value: 'none' }])).toEqual([])
          expect(await find([{ field: 'meta.level', op: 'eq', value: 1 }])).toEqual(iids(1, 5, 9))
          expect(await find([{ field: 'meta.level', op: 'gt', value: 2 }])).toEqual(iids(3, 7, 11))
          expect(await find([{ field: 'meta.owner', op: 'in', value: ['o1'] }])).toEqual(iids(1, 3, 5, 7, 9, 11))
        },
        timeout,
      )

      test(
        '_id can be filtered by eq and in',
        async () => {
          expect(await find([{ field: '_id', op: 'in', value: ['i001', 'i004', 'zzz'] }])).toEqual(iids(1, 4))
          expect(await find([{ field: '_id', op: 'eq', value: 'i010' }])).toEqual(iids(10))
        },
        timeout,
      )

      test(
        'ordering by a field, ascending and descending, breaks ties by _id in the same direction',
        async () => {
          const by = async (field: string, direction: 'asc' | 'desc') =>
            ids((await store.query<Item>('ct_items', { orderBy: { field, direction }, limit: 100 })).items)
          expect(await by('meta.level', 'asc')).toEqual(iids(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11))
          expect(await by('meta.level', 'desc')).toEqual(iids(11, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0))
          expect(await by('name', 'asc')).toEqual(iids(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0))
          expect(await by('group', 'desc')).toEqual(iids(11, 8, 5, 2, 10, 7, 4, 1, 9, 6, 3, 0))
        },
        timeout,
      )

      test(
        'count counts what the same filters select',
        async () => {
          expect(await store.count('ct_items')).toBe(12)
          expect(await store.count('ct_items', [{ field: 'group', op: 'eq', value: 'a' }])).toBe(4)
          expect(await store.count('ct_items', [{ field: 'tags', op: 'contains', value: 'odd' }])).toBe(6)
          expect(
            await store.count('ct_items', [
              { field: 'n', op: 'gte', value: 3 },
              { field: 'maybe', op: 'eq', value: null },
            ]),
          ).toBe(6)
          expect(await store.count('ct_pages')).toBe(0)
        },
        timeout,
      )
    })

    describe('paging', () => {
      // Ranks with many ties, ids in an order unrelated to the rank.
      const docs: (Ranked & { _id: string })[] = Array.from({ length: 250 }, (_, i) => ({
        _id: `p${pad((i * 37) % 250)}`,
        rank: i % 7,
      }))
      beforeEach(async () => {
        await insertAll<Ranked>(store, 'ct_pages', docs)
      }, timeout * 2)

      test(
        'cursor paging through 250 documents returns each exactly once, in order, in both directions',
        async () => {
          const asc = await pageAll<Ranked>(store, 'ct_pages', {
            orderBy: { field: 'rank', direction: 'asc' },
            limit: 40,
          })
          expect(asc.pages).toBe(7)
          expect(ids(asc.items)).toEqual(expectedOrder(docs, 'rank', 'asc'))
          const desc = await pageAll<Ranked>(store, 'ct_pages', {
            orderBy: { field: 'rank', direction: 'desc' },
            limit: 33,
          })
          expect(ids(desc.items)).toEqual(expectedOrder(docs, 'rank', 'desc'))
          const byId = await pageAll<Ranked>(store, 'ct_pages', { limit: 60 })
          expect(ids(byId.items)).toEqual(expectedOrder(docs, null, 'asc'))
          expect(new Set(ids(asc.items)).size).toBe(250)
        },
        timeout * 2,
      )

      test(
        'pages of the largest size end exactly: no empty last page when the rows run out on a page boundary',
        async () => {
          const all = await pageAll<Ranked>(store, 'ct_pages', {
            orderBy: { field: 'rank', direction: 'desc' },
            limit: 100,
          })
          expect(all.pages).toBe(3)
          expect(ids(all.items)).toEqual(expectedOrder(docs, 'rank', 'desc'))
          // Exactly 100 matching rows at the largest page size: the store cannot ask for a 101st
          // row on CloudBase, and must still answer that there is no next page.
          const hundred = docs.filter((d) => d.rank !== 6).slice(0, 100)
          const exact = await store.query<Ranked>('ct_pages', {
            where: [{ field: '_id', op: 'in', value: ids(hundred) }],
            orderBy: { field: 'rank', direction: 'asc' },
            limit: 100,
          })
          expect(exact.items).toHaveLength(100)
          expect(exact.nextCursor).toBeNull()
          const oneMore = await store.query<Ranked>('ct_pages', {
            where: [{ field: '_id', op: 'in', value: [...ids(hundred), 'p999'] }],
            limit: 99,
          })
          expect(oneMore.items).toHaveLength(99)
          const rest = await store.query<Ranked>('ct_pages', {
            where: [{ field: '_id', op: 'in', value: ids(hundred) }],
            limit: 99,
            cursor: oneMore.nextCursor,
          })
          expect(rest.items).toHaveLength(1)
          expect(rest.nextCursor).toBeNull()
        },
        timeout * 2,
      )

      test(
        'paging with a filter only walks the matching documents',
        async () => {
          const where: Filter[] = [{ field: 'rank', op: 'ne', value: 3 }]
          const got = await pageAll<Ranked>(store, 'ct_pages', {
            where,
            orderBy: { field: 'rank', direction: 'asc' },
            limit: 30,
          })
          expect(ids(got.items)).toEqual(
            expectedOrder(
              docs.filter((d) => d.rank !== 3),
              'rank',
              'asc',
            ),
          )
        },
        timeout * 2,
      )

      test(
        'limit is clamped to MAX_PAGE and must be a positive integer',
        async () => {
          const page = await store.query<Ranked>('ct_pages', { limit: 1000 })
          expect(page.items).toHaveLength(MAX_PAGE)
          expect(page.nextCursor).not.toBeNull()
          for (const bad of [0, -1, 2.5]) await expect(store.query('ct_pages', { limit: bad })).rejects.toThrow(/limit/)
        },
        timeout,
      )

      test(
        'a cursor that was not made by the store is refused as invalid',
        async () => {
          for (const cursor of ['garbage!!', Buffer.from('{"a":1}').toString('base64url'), 'W10']) {
            await expect(store.query('ct_pages', { limit: 10, cursor })).rejects.toBeInstanceOf(InvalidCursor)
          }
        },
        timeout,
      )
    })

    test(
      'paging by a field that is null or missing on some documents still visits each document once',
      async () => {
        const docs: (Ranked & { _id: string })[] = Array.from({ length: 30 }, (_, i) => ({
          _id: `s${pad((i * 7) % 30)}`,
          rank: 0,
          ...(i % 3 === 0 ? {} : { score: i % 3 === 1 ? null : i % 4 }),
        }))
        await insertAll<Ranked>(store, 'ct_pages', docs)
        for (const direction of ['asc', 'desc'] as const) {
          const got = await pageAll<Ranked>(store, 'ct_pages', { orderBy: { field: 'score', direction }, limit: 4 })
          expect(ids(got.items)).toEqual(expectedOrder(docs, 'score', direction))
        }
      },
      timeout * 2,
    )

    describe('transactions', () => {
      beforeEach(async () => {
        await store.insert<Item>('ct_items', item(1))
      }, timeout)

      test(
        'writes inside commit together; the transaction sees its own writes and returns its result',
        async () => {
          const result = await store.transaction(async (tx) => {
            await tx.insert<Item>('ct_items', item(2))
            expect(await tx.get<Item>('ct_items', 'i002')).toEqual({ ...item(2), _version: 1 })
            const updated = await tx.update<Item>('ct_items', 'i001', { n: 100 }, 1)
            expect(updated).toEqual({ ...item(1), n: 100, _version: 2 })
            expect(await tx.get<Item>('ct_items', 'i001')).toEqual(updated)
            return 'committed'
          })
          expect(result).toBe('committed')
          expect(await store.get<Item>('ct_items', 'i002')).toEqual({ ...item(2), _version: 1 })
          expect(await store.get<Item>('ct_items', 'i001')).toEqual({ ...item(1), n: 100, _version: 2 })
        },
        timeout,
      )

      test(
        'a throw inside rolls every write back and the same error reaches the caller',
        async () => {
          const boom = new Error('boom')
          await expect(
            store.transaction(async (tx) => {
              await tx.insert<Item>('ct_items', item(2))
              await tx.update<Item>('ct_items', 'i001', { n: 100 }, 1)
              throw boom
            }),
          ).rejects.toBe(boom)
          expect(await store.get('ct_items', 'i002')).toBeNull()
          expect(await store.get<Item>('ct_items', 'i001')).toEqual({ ...item(1), _version: 1 })
        },
        timeout,
      )

      test(
        'conflicts inside a transaction are StoreConflicts; an uncaught one rolls back, a caught one does not',
        async () => {
          const stale = await conflictOf(
            store.transaction(async (tx) => {
              await tx.insert<Item>('ct_items', item(2))
              await tx.update<Item>('ct_items', 'i001', { n: 5 }, 7)
            }),
          )
          expect(stale.reason).toBe('version')
          const missing = await conflictOf(
            store.transaction((tx) => tx.update<Item>('ct_items', 'nobody', { n: 5 }, 1)),
          )
          expect(missing.reason).toBe('missing')
          expect(await store.get('ct_items', 'i002')).toBeNull()

          await store.transaction(async (tx) => {
            const dup = await conflictOf(tx.insert<Item>('ct_items', item(1)))
            expect(dup.reason).toBe('duplicate')
            await tx.insert<Item>('ct_items', item(3))
          })
          expect(await store.get('ct_items', 'i003')).not.toBeNull()
          expect(await store.get<Item>('ct_items', 'i001')).toEqual({ ...item(1), _version: 1 })
        },
        timeout,
      )

      test(
        'a remove inside a transaction lands with the commit and is rolled back by a throw',
        async () => {
          await store.insert<Item>('ct_items', item(2))
          await expect(
            store.transaction(async (tx) => {
              await tx.remove('ct_items', 'i001', 1)
              expect(await tx.get('ct_items', 'i001')).toBeNull()
              throw new Error('boom')
            }),
          ).rejects.toThrow('boom')
          expect(await store.get<Item>('ct_items', 'i001')).toEqual({ ...item(1), _version: 1 })
          const stale = await conflictOf(store.transaction((tx) => tx.remove('ct_items', 'i001', 3)))
          expect(stale.reason).toBe('version')
          await store.transaction(async (tx) => {
            await tx.remove('ct_items', 'i001', 1)
            await tx.update<Item>('ct_items', 'i002', { n: 20 }, 1)
            await tx.insert<Item>('ct_items', item(1))
          })
          expect(await store.get<Item>('ct_items', 'i001')).toEqual({ ...item(1), _version: 1 })
          expect(await store.get<Item>('ct_items', 'i002')).toMatchObject({ n: 20, _version: 2 })
          await store.transaction((tx) => tx.remove('ct_items', 'i002', 2))
          expect(await store.get('ct_items', 'i002')).toBeNull()
        },
        timeout,
      )

      test(
        'concurrent transactions lose no update: every one that succeeds is counted',
        async () => {
          const bump = () =>
            store.transaction(async (tx) => {
              const doc = (await tx.get<Item>('ct_items', 'i001'))!
              return tx.update<Item>('ct_items', 'i001', { n: doc.n + 1 }, doc._version)
            })
          const results = await Promise.allSettled(Array.from({ length: 4 }, bump))
          const won = results.filter((r) => r.status === 'fulfilled').length
          expect(won).toBeGreaterThanOrEqual(1)
          for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(Error)
          expect(await store.get<Item>('ct_items', 'i001')).toMatchObject({ n: 1 + won, _version: 1 + won })
        },
        timeout * 2,
      )
    })

    describe('concurrency', () => {
      test(
        'of concurrent updates from the same version exactly one wins; the rest get version conflicts',
        async () => {
          await store.insert<Item>('ct_items', item(1))
          const results = await Promise.allSettled(
            Array.from({ length: 8 }, (_, k) => store.update<Item>('ct_items', 'i001', { n: 100 + k }, 1)),
          )
          const won = results.filter((r): r is PromiseFulfilledResult<Stored<Item>> => r.status === 'fulfilled')
          expect(won).toHaveLength(1)
          for (const r of results) {
            if (r.status === 'rejected') expect(r.reason).toMatchObject({ reason: 'version' })
          }
          expect(await store.get<Item>('ct_items', 'i001')).toEqual(won[0].value)
          expect(won[0].value._version).toBe(2)
        },
        timeout,
      )

      test(
        'of concurrent inserts of one id exactly one wins; the rest get duplicate conflicts',
        async () => {
          const results = await Promise.allSettled(
            Array.from({ length: 6 }, (_, k) => store.insert<Item>('ct_items', { ...item(k), _id: 'same' })),
          )
          const won = results.filter((r): r is PromiseFulfilledResult<Stored<Item>> => r.status === 'fulfilled')
          expect(won).toHaveLength(1)
          for (const r of results) {
            if (r.status === 'rejected') expect(r.reason).toMatchObject({ reason: 'duplicate' })
          }
          expect(await store.get<Item>('ct_items', 'same')).toEqual(won[0].value)
        },
        timeout,
      )
    })

    describe('write scopes', () => {
      const seal = (id: string) => ({ collection: 'ct_pages', doc: { _id: id, rank: 1 } })

      test(
        'the writes of the call and its seal land together; reads inside see the call own writes',
        async () => {
          await store.insert<Item>('ct_items', item(1))
          const seen = await store.writeScope(
            async () => {
              await store.insert<Item>('ct_items', item(2))
              const one = await store.get<Item>('ct_items', 'i001')
              await store.update<Item>('ct_items', 'i001', { name: 'changed' }, one!._version)
              await store.transaction(async (tx) => tx.insert<Item>('ct_items', item(3)))
              return (await store.get<Item>('ct_items', 'i002'))?.n ?? null
            },
            () => seal('sealed'),
          )
          expect(seen).toBe(2)
          expect((await store.get<Item>('ct_items', 'i001'))?.name).toBe('changed')
          expect(await store.get('ct_items', 'i003')).not.toBeNull()
          expect(await store.get('ct_pages', 'sealed')).toMatchObject({ rank: 1 })
        },
        timeout,
      )

      test(
        'a call that throws keeps the writes it made and is not sealed; its failed transaction is undone',
        async () => {
          const failing = store.writeScope(
            async () => {
              await store.insert<Item>('ct_items', item(4))
              await store
                .transaction(async (tx) => {
                  await tx.insert<Item>('ct_items', item(5))
                  throw new Error('refused')
                })
                .catch(() => undefined)
              throw new Error('no')
            },
            () => seal('never'),
          )
          await expect(failing).rejects.toThrow('no')
          expect(await store.get('ct_items', 'i004')).not.toBeNull()
          expect(await store.get('ct_items', 'i005')).toBeNull()
          expect(await store.get('ct_pages', 'never')).toBeNull()
        },
        timeout,
      )

      test(
        'a null seal writes nothing more; writes outside the scope go on meanwhile',
        async () => {
          const [inside] = await Promise.all([
            store.writeScope(
              async () => (await store.insert<Item>('ct_items', item(6))).n,
              () => null,
            ),
            store.insert<Item>('ct_items', item(7)),
          ])
          expect(inside).toBe(6)
          expect(await store.count('ct_items')).toBe(2)
          expect(await store.count('ct_pages')).toBe(0)
        },
        timeout,
      )
    })
  })
}
