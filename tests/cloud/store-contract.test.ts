/**
 * The StorePort contract against every implementation: SQLite on a temporary file, CloudBaseStore
 * over the in-memory stand-in for WeChat's servers, and CloudBaseStore over a real CloudBase
 * environment when credentials are given (TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CLOUDBASE_SERVER_GET_MAX, CloudBaseStore, type CloudBaseDb } from '../../src/cloud/adapters/cloudbase-store'
import { SqliteStore } from '../../src/cloud/adapters/sqlite-store'
import { eq } from '../../src/cloud/ports/store'
import { FakeCloudBaseDb } from './fake-cloudbase-db'
import { CONTRACT_COLLECTIONS, runStoreContract } from './store-contract'

runStoreContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'party-store-'))
  const store = new SqliteStore(path.join(dir, 'contract.sqlite'), { synchronous: 'NORMAL' })
  return {
    store,
    dispose: async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
})

const fakeDbs: FakeCloudBaseDb[] = []
runStoreContract('CloudBase over the in-memory fake', async () => {
  const db = new FakeCloudBaseDb(CONTRACT_COLLECTIONS)
  fakeDbs.push(db)
  return { store: new CloudBaseStore(db as unknown as CloudBaseDb), dispose: async () => undefined }
})

describe('CloudBaseStore over the fake: what the contract cannot see', () => {
  test('no get of the contract run above asked CloudBase for more than its server cap', () => {
    expect(fakeDbs.length).toBeGreaterThan(10)
    const asked = Math.max(...fakeDbs.map((db) => db.stats.largestLimitAsked))
    expect(asked).toBe(CLOUDBASE_SERVER_GET_MAX)
  })

  test('an unknown collection fails loudly instead of reading as empty', async () => {
    const store = new CloudBaseStore(new FakeCloudBaseDb(['ct_items']) as unknown as CloudBaseDb)
    await expect(store.get('nowhere', 'x')).rejects.toThrow(/collection not exists/)
    await expect(store.insert('nowhere', { _id: 'x' })).rejects.toThrow(/collection not exists/)
  })

  test('a nested object in a patch replaces the stored object instead of merging into it', async () => {
    const db = new FakeCloudBaseDb(['ct_items'])
    const store = new CloudBaseStore(db as unknown as CloudBaseDb)
    await store.insert('ct_items', { _id: 'a', meta: { level: 1, owner: 'o1' }, gone: 1 })
    await store.update('ct_items', 'a', { meta: { level: 2 }, gone: undefined }, 1)
    expect(db.dump('ct_items')).toEqual([{ _id: 'a', meta: { level: 2 }, _version: 2 }])
  })
})

describe('CloudBaseStore with atomic write scopes (the default), over the fake', () => {
  const make = () => {
    const db = new FakeCloudBaseDb(['ct_items', 'requests'])
    return { db, store: new CloudBaseStore(db as unknown as CloudBaseDb) }
  }

  test('a call that queries what it wrote is rolled back and run again with the seal after its writes', async () => {
    const { db, store } = make()
    await store.insert('ct_items', { _id: 'old', kind: 'x' })
    let runs = 0
    const result = await store.writeScope(
      async () => {
        runs += 1
        await store.insert('ct_items', { _id: `new${runs}`, kind: 'x' })
        // Caught by the handler: the call is rolled back all the same.
        const page = await store.query('ct_items', { where: [eq('kind', 'x')], limit: 10 }).catch(() => null)
        return page ? page.items.map((d) => d._id).sort() : 'stale'
      },
      (ids) => ({ collection: 'requests', doc: { _id: 'r-query', ids } }),
    )
    expect(runs).toBe(2)
    // The first run's insert went with its transaction; the second saw its own write.
    expect(result).toEqual(['new2', 'old'])
    expect(
      db
        .dump('ct_items')
        .map((d) => d._id)
        .sort(),
    ).toEqual(['new2', 'old'])
    expect(db.dump('requests')).toEqual([{ _id: 'r-query', ids: ['new2', 'old'], _version: 1 }])
  })

  test('a query before the call writes that collection stays in the transaction', async () => {
    const { db, store } = make()
    await store.insert('ct_items', { _id: 'old', kind: 'x' })
    let outsideDuring: unknown = 'unread'
    let runs = 0
    await store.writeScope(
      async () => {
        runs += 1
        const before = await store.count('ct_items', [eq('kind', 'x')])
        await store.insert('ct_items', { _id: 'second', kind: 'x', before })
        outsideDuring = db.dump('ct_items').length
        return before
      },
      (before) => ({ collection: 'requests', doc: { _id: 'r-count', before } }),
    )
    expect(runs).toBe(1)
    expect(outsideDuring).toBe(1)
    expect(db.dump('requests')).toEqual([{ _id: 'r-count', before: 1, _version: 1 }])
  })

  test('atomicWriteScopes: false writes the seal after the call, outside its transaction', async () => {
    const db = new FakeCloudBaseDb(['ct_items', 'requests'])
    const store = new CloudBaseStore(db as unknown as CloudBaseDb, { atomicWriteScopes: false })
    let outsideDuring: unknown = 'unread'
    await store.writeScope(
      async () => {
        await store.insert('ct_items', { _id: 'a' })
        outsideDuring = db.dump('ct_items').length
      },
      () => ({ collection: 'requests', doc: { _id: 'r-seq' } }),
    )
    expect(outsideDuring).toBe(1)
    expect(db.dump('requests')).toHaveLength(1)
  })

  test('the call writes and its seal commit together; nothing is visible outside before the commit', async () => {
    const { db, store } = make()
    let outsideDuring: unknown = 'unread'
    const result = await store.writeScope(
      async () => {
        await store.insert('ct_items', { _id: 'a', n: 1 })
        const inside = await store.get<{ n: number }>('ct_items', 'a')
        outsideDuring = db.dump('ct_items').length
        return inside?.n
      },
      (n) => ({ collection: 'requests', doc: { _id: 'r1', n } }),
    )
    expect(result).toBe(1)
    expect(outsideDuring).toBe(0)
    expect(db.dump('ct_items')).toHaveLength(1)
    expect(db.dump('requests')).toEqual([{ _id: 'r1', n: 1, _version: 1 }])
  })

  test('a failed seal or a failed inner transaction that wrote rolls back the whole call', async () => {
    const { db, store } = make()
    await store.insert('requests', { _id: 'taken' })
    await expect(
      store.writeScope(
        async () => store.insert('ct_items', { _id: 'b' }),
        () => ({ collection: 'requests', doc: { _id: 'taken' } }),
      ),
    ).rejects.toMatchObject({ reason: 'duplicate' })
    await expect(
      store.writeScope(
        async () =>
          store.transaction(async (tx) => {
            await tx.insert('ct_items', { _id: 'c' })
            throw new Error('refused')
          }),
        () => null,
      ),
    ).rejects.toThrow('refused')
    expect(db.dump('ct_items')).toEqual([])
  })
})

const realEnv = process.env.TCB_ENV
const secretId = process.env.TENCENTCLOUD_SECRETID
const secretKey = process.env.TENCENTCLOUD_SECRETKEY
if (realEnv && secretId && secretKey) {
  // Loaded only here: wx-server-sdk needs credentials to reach the environment from outside WeChat.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk')
  cloud.init({ env: realEnv, secretId, secretKey })
  const db = cloud.database()
  let prepared = false
  runStoreContract(
    `CloudBase environment ${realEnv}`,
    async () => {
      if (!prepared) {
        for (const c of CONTRACT_COLLECTIONS) await db.createCollection(c).catch(() => undefined)
        prepared = true
      }
      // Each test starts from empty collections, as the temporary SQLite file does.
      for (const c of CONTRACT_COLLECTIONS)
        await db
          .collection(c)
          .where({ _id: db.command.exists(true) })
          .remove()
      return { store: new CloudBaseStore(db as CloudBaseDb), dispose: async () => undefined }
    },
    { timeoutMs: 120_000 },
  )
} else {
  describe.skip('StorePort contract: a real CloudBase environment', () => {
    console.log(
      'Skipping the StorePort contract against a real CloudBase environment: set TCB_ENV, ' +
        'TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY to run it.',
    )
    test('needs TCB_ENV, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY', () => undefined)
  })
}
