/**
 * Malformed input of many shapes, sent to every action through `main()`, as nobody and as members
 * who may call it: no reply is INTERNAL, every reply is `{ ok: true, data }` or
 * `{ ok: false, error: { code, message } }` with a Chinese message, and a refused call writes
 * nothing. The inputs come from a seeded generator, so a failure names a reproducible case.
 */
import Database from 'better-sqlite3'
import path from 'node:path'
import { z } from 'zod'
import { CloudBaseStore, type CloudBaseDb } from '../../src/cloud/adapters/cloudbase-store'
import { SqliteStore } from '../../src/cloud/adapters/sqlite-store'
import { DB_FILE } from '../../src/cloud/embedded'
import { handleHttpAccess, type HttpAccessEvent } from '../../src/cloud/functions/api/http-access'
import { encodeCursor, InvalidCursor, type StorePort } from '../../src/cloud/ports/store'
import { ACTIONS } from '../../src/domain/api/catalog'
import type { ActionDecl } from '../../src/domain/api/define'
import { openTestApi, SECRETARY_B1, SUPERVISOR, type TestApi } from './api-fixture'
import { FakeCloudBaseDb } from './fake-cloudbase-db'

/** mulberry32: a small seeded PRNG, so every run sends the same inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url')

/** Cursors a client could forge: not base64, not JSON, JSON of the wrong shape, values of the wrong type. */
export const CRAFTED_CURSORS = [
  '!!!',
  'AAAA',
  '%00',
  b64('null'),
  b64('{}'),
  b64('[]'),
  b64('["a"]'),
  b64('[1,2,3]'),
  b64('[{"a":1},"m_b1_01"]'),
  b64('[[1,2],"m_b1_01"]'),
  b64('["x",{"a":1}]'),
  b64('[1e999,"x"]'),
  b64('[null,"zzzzzzzz"]'),
  b64('[true,""]'),
  b64('["2026-11-22","\\u0000"]'),
  b64('{"__proto__":{"x":1}}'),
  b64('[' + '['.repeat(200) + ']'.repeat(200) + ',"x"]'),
]

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']

/** Values of the wrong type or shape for any field. */
function junk(rnd: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const options: (() => unknown)[] = [
    () => null,
    () => undefined,
    () => pick([0, -1, -1e308, 1e308, NaN, Infinity, -Infinity, 0.5, 2 ** 53 + 1]),
    () => pick([true, false]),
    () => pick(['', ' ', '\u0000', '\ud800', '😀'.repeat(40), '党'.repeat(5000), '<script>', '../../etc/passwd']),
    () => 'x'.repeat(pick([513, 70_000, 200_000])),
    () => pick(PROTO_KEYS),
    () => pick(CRAFTED_CURSORS),
    () => pick(['m_b1_01', 'org_b1', 'org_cmte', 'm_b2_01', '2026-11-22', '14:30', 'local:uploads/x.jpg']),
    () => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
    () => (depth < 3 ? [junk(rnd, depth + 1), junk(rnd, depth + 1)] : []),
    () => (depth < 3 ? { [pick(PROTO_KEYS)]: junk(rnd, depth + 1), nested: junk(rnd, depth + 1) } : {}),
    () => Array.from({ length: 2000 }, (_, i) => i),
  ]
  return pick(options)()
}

/** A value the field's schema may well accept (so the call gets past validation), from its JSON schema. */
function plausible(schema: Record<string, any> | undefined, rnd: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  if (!schema || depth > 4) return junk(rnd)
  if (schema.enum) return pick(schema.enum)
  if (schema.const !== undefined) return schema.const
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives) return plausible(pick(alternatives), rnd, depth + 1)
  switch (schema.type) {
    case 'string':
      return pick([
        'm_b1_01',
        'm_b1_08',
        'org_b1',
        'org_b1_g1',
        'meeting_missing',
        '2026-12-04',
        '14:30',
        '测试',
        ...CRAFTED_CURSORS,
      ])
    case 'integer':
    case 'number':
      return pick(
        [1, 2, 20, 2026, 2027, 9].filter((n) => n >= (schema.minimum ?? 0) && n <= (schema.maximum ?? Infinity)),
      )
    case 'boolean':
      return rnd() < 0.5
    case 'array':
      return rnd() < 0.5 ? [] : [plausible(schema.items, rnd, depth + 1)]
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [key, sub] of Object.entries<Record<string, any>>(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(key) || rnd() < 0.5) out[key] = plausible(sub, rnd, depth + 1)
      }
      return out
    }
    default:
      return junk(rnd)
  }
}

/** ~`count` malformed inputs for one action: whole-input junk, one bad field among plausible ones, prototype keys, crafted cursors. */
function inputsFor(decl: ActionDecl, count: number, rnd: () => number): unknown[] {
  let schema: Record<string, any> = {}
  try {
    schema = z.toJSONSchema(decl.input, { io: 'input', unrepresentable: 'any' }) as Record<string, any>
  } catch {
    schema = {}
  }
  const fields = Object.keys(schema.properties ?? {})
  const out: unknown[] = [null, 'input', [], 42]
  // Every crafted cursor, on an input otherwise meant to pass (required fields only).
  if (fields.includes('cursor')) {
    for (const cursor of CRAFTED_CURSORS) {
      const base = plausible(schema, rnd) as Record<string, unknown>
      const required = Object.entries(base).filter(([key]) => (schema.required ?? []).includes(key))
      out.push({ ...Object.fromEntries(required), cursor })
    }
  }
  const target = out.length + count
  while (out.length < target) {
    const base = plausible(schema, rnd) as Record<string, unknown>
    const kind = rnd()
    if (kind < 0.5 && fields.length) {
      base[fields[Math.floor(rnd() * fields.length)]] = junk(rnd)
    } else if (kind < 0.65) {
      base[PROTO_KEYS[Math.floor(rnd() * PROTO_KEYS.length)]] = junk(rnd)
    } else if (kind < 0.8 && fields.includes('cursor')) {
      base.cursor = CRAFTED_CURSORS[Math.floor(rnd() * CRAFTED_CURSORS.length)]
    } else if (kind < 0.9) {
      out.push(JSON.parse(JSON.stringify({ ...base, __proto__: { isAdmin: true } })))
      continue
    }
    out.push(base)
  }
  return out
}

const CHINESE = /[\u4e00-\u9fff]/
const INPUTS_PER_ACTION = 20

let api: TestApi
let db: Database.Database
beforeAll(async () => {
  api = await openTestApi()
  db = new Database(path.join(api.dataDir, DB_FILE), { readonly: true })
})
afterAll(async () => {
  db.close()
  await api.close()
})

/**
 * Derived read models a read builds on first use from the records (the 党委's supervision matrix
 * rows), whatever the input turns out to be: not an effect of the call.
 */
const DERIVED = ['supervision_rows']

/** The documents' count, versions and last key, outside DERIVED: changes with any insert, update or removal. */
function storeState(): string {
  const sql =
    "SELECT count(*) AS n, total(version) AS v, max(collection || '/' || id) AS last FROM documents" +
    ` WHERE collection NOT IN (${DERIVED.map(() => '?').join(', ')})`
  return JSON.stringify(db.prepare(sql).get(...DERIVED))
}

test('every action answers malformed input of any shape in its own JSON shape, never INTERNAL, and a refusal writes nothing', async () => {
  const rnd = prng(18_06)
  // As nobody, and as a member whose roles the action names (the branch secretary, else the 党委's).
  const secretaryRoles: readonly string[] = (await api.ports.store.get('members', SECRETARY_B1))!.roles
  const memberFor = (decl: ActionDecl) =>
    decl.access.kind === 'member' && !decl.access.roles.some((r) => secretaryRoles.includes(r))
      ? SUPERVISOR
      : SECRETARY_B1
  const problems: string[] = []
  let calls = 0
  let accepted = 0
  for (const [name, decl] of Object.entries(ACTIONS as Record<string, ActionDecl>)) {
    const tokens = [null, api.tokenFor(memberFor(decl))]
    for (const [i, input] of inputsFor(decl, INPUTS_PER_ACTION, rnd).entries()) {
      for (const token of tokens) {
        const before = storeState()
        const reply = await api.main(
          { action: name, input, requestId: `fuzz-${calls.toString(36).padStart(8, '0')}` },
          token ? { sessionToken: token } : {},
        )
        calls += 1
        const where = `${name} #${i} as ${token ? 'member' : 'nobody'}`
        const shown = JSON.parse(JSON.stringify(reply)) as typeof reply
        if (shown.ok === true) {
          accepted += 1
          continue
        }
        if (shown.ok !== false || typeof shown.error?.code !== 'string') {
          problems.push(`${where}: not the API's shape: ${JSON.stringify(reply).slice(0, 200)}`)
          continue
        }
        if (shown.error.code === 'INTERNAL') problems.push(`${where}: INTERNAL`)
        if (!CHINESE.test(shown.error.message)) problems.push(`${where}: message not Chinese: ${shown.error.message}`)
        if (storeState() !== before) problems.push(`${where}: refused (${shown.error.code}) but wrote to the store`)
      }
    }
  }
  expect(calls).toBeGreaterThan(Object.keys(ACTIONS).length * INPUTS_PER_ACTION)
  // Enough of the inputs got past validation to reach the handlers.
  expect(accepted).toBeGreaterThan(50)
  expect(problems).toEqual([])
}, 120_000)

test('names of Object.prototype and other non-actions are UNKNOWN_ACTION, for nobody and for a member', async () => {
  const names = [...PROTO_KEYS, 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable', 'toLocaleString', '']
  for (const token of [null, api.tokenFor(SECRETARY_B1)]) {
    for (const action of names) {
      const reply = await api.main(
        { action, input: {}, requestId: 'fuzz-proto-0001' },
        token ? { sessionToken: token } : {},
      )
      expect(reply).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_ACTION', message: expect.stringMatching(CHINESE) },
      })
    }
  }
})

test('both store adapters refuse a crafted cursor as InvalidCursor and still page with their own', async () => {
  const sqlite = new SqliteStore(path.join(api.dataDir, 'cursor-check.sqlite'))
  const cloudbase = new CloudBaseStore(new FakeCloudBaseDb(['things']) as unknown as CloudBaseDb)
  const stores: [string, StorePort][] = [
    ['sqlite', sqlite],
    ['cloudbase', cloudbase],
  ]
  try {
    for (const [name, store] of stores) {
      for (const n of [1, 2, 3]) await store.insert('things', { _id: `t${n}`, rank: n })
      for (const orderBy of [undefined, { field: 'rank', direction: 'asc' as const }]) {
        for (const cursor of CRAFTED_CURSORS) {
          const outcome = await store.query('things', { limit: 2, orderBy, cursor }).then(
            () => 'answered',
            (err: unknown) => (err instanceof InvalidCursor ? 'invalid' : `${name}: ${String(err)}`),
          )
          // A cursor that happens to decode to a scalar and an id just pages from there.
          expect(['answered', 'invalid']).toContain(outcome)
        }
        const own = await store.query('things', { limit: 2, orderBy, cursor: encodeCursor(1, 't1') })
        expect(own.items.map((d) => d._id)).toEqual(['t2', 't3'])
      }
      await expect(store.query('things', { limit: 2, cursor: b64('[{"a":1},"t1"]') })).rejects.toBeInstanceOf(
        InvalidCursor,
      )
      await expect(store.query('things', { limit: 2, cursor: b64('[[1],"t1"]') })).rejects.toBeInstanceOf(InvalidCursor)
    }
  } finally {
    await sqlite.close()
  }
})

test('the cloud function over HTTP access answers malformed integration requests in JSON, never INTERNAL', async () => {
  const rnd = prng(18_07)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const bodies: unknown[] = [
    undefined,
    null,
    '',
    '{',
    'null',
    '[]',
    '"x"',
    '{"action":"toString"}',
    '{"action":"__proto__","input":{}}',
    JSON.stringify({ action: 'meeting.listMine', input: { when: 'upcoming', cursor: CRAFTED_CURSORS[8] } }),
    JSON.stringify({ action: 'session.whoami', input: { pad: 'x'.repeat(110 * 1024) } }),
    '%E0%A4%A',
    { action: 'session.whoami' },
    42,
    Buffer.from('{"action":"session.whoami"}').toString('base64'),
  ]
  const token = api.tokenFor(SECRETARY_B1)
  for (let i = 0; i < 80; i++) {
    const event = {
      path: pick(['/api', '/api/%ZZ', '/..%2F..%2Fetc', '']),
      httpMethod: pick(['POST', 'POST', 'post', 'GET', 'OPTIONS', 'DELETE']),
      headers: pick([
        {},
        { authorization: `Bearer ${token}` },
        { Authorization: 42 },
        { authorization: 'Bearer ' + 'x'.repeat(5000), origin: 'https://evil.example' },
        { 'x-forwarded-for': ',,,', 'x-real-ip': null },
      ]),
      body: pick(bodies),
      isBase64Encoded: pick([false, true, 'true', 'false', 'yes', undefined]),
    } as unknown as HttpAccessEvent
    const before = storeState()
    const reply = await handleHttpAccess(event, api.main, { webOrigin: 'https://party.example.cn' })
    if (reply.statusCode === 204) continue
    expect(reply.headers['content-type']).toMatch(/^application\/json/)
    const body = JSON.parse(reply.body) as { ok: boolean; error?: { code: string; message: string } }
    if (body.ok) continue
    expect(body.error!.code).not.toBe('INTERNAL')
    expect(body.error!.message).toMatch(CHINESE)
    expect(storeState()).toBe(before)
  }
})
