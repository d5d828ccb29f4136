/**
 * SQLite's declared indexes are partial, one collection each: a write pays only for its own
 * collection's indexes (the sign-in path's cost), filtered reads still go through them, and the
 * whole-table indexes of earlier versions are dropped when an old file is opened.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { SqliteStore } from '../../src/cloud/adapters/sqlite-store'
import { eq } from '../../src/cloud/ports/store'

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'party-ix-'))
  file = path.join(dir, 'ix.sqlite')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const INDEXES = {
  attendance: { indexes: [['meetingId'], ['memberId', 'signedAt']] },
  meetings: { indexes: [['branchId', 'startAt']] },
}

/** Entries in each index (from ANALYZE's statistics), read through a plain connection. */
function entries(): Record<string, number> {
  const db = new Database(file)
  try {
    db.exec('ANALYZE')
    const rows = db.prepare('SELECT idx, stat FROM sqlite_stat1 WHERE idx IS NOT NULL').all() as {
      idx: string
      stat: string
    }[]
    return Object.fromEntries(rows.map((r) => [r.idx, Number(r.stat.split(' ')[0])]))
  } finally {
    db.close()
  }
}

test('a write adds entries only to its own collection’s indexes, and filtered reads use them', async () => {
  const store = new SqliteStore(file, { indexes: INDEXES, synchronous: 'NORMAL' })
  for (let i = 0; i < 5; i += 1) {
    await store.insert('attendance', { _id: `a${i}`, meetingId: `m${i % 2}`, memberId: `p${i}`, signedAt: i })
  }
  await store.insert('meetings', { _id: 'm0', branchId: 'b1', startAt: 10 })
  await store.insert('requests', { _id: 'r1', action: 'x', result: { ok: true } })

  const schema = new Database(file, { readonly: true })
  const indexSql = schema
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
    .all() as { name: string; sql: string }[]
  const plan = schema
    .prepare(
      "EXPLAIN QUERY PLAN SELECT id FROM documents WHERE collection = 'attendance' AND json_extract(body, '$.meetingId') = 'm0'",
    )
    .all() as { detail: string }[]
  schema.close()
  expect(indexSql.map((i) => i.name)).toEqual([
    'px_attendance_meetingId',
    'px_attendance_memberId_signedAt',
    'px_meetings_branchId_startAt',
  ])
  for (const i of indexSql) expect(i.sql).toMatch(/WHERE collection = '(attendance|meetings)'$/)
  expect(plan.map((p) => p.detail).join(' ')).toContain('px_attendance_meetingId')
  await store.close()
  const counts = entries()
  expect(counts.px_attendance_meetingId).toBe(5)
  expect(counts.px_attendance_memberId_signedAt).toBe(5)
  expect(counts.px_meetings_branchId_startAt).toBe(1)

  const again = new SqliteStore(file, { indexes: INDEXES })
  const page = await again.query('attendance', { where: [eq('meetingId', 'm0')], limit: 10 })
  expect(page.items.map((d) => d._id).sort()).toEqual(['a0', 'a2', 'a4'])
  expect(await again.count('attendance', [eq('memberId', 'p3')])).toBe(1)
  const byBranch = await again.query('meetings', {
    where: [eq('branchId', 'b1')],
    orderBy: { field: 'startAt', direction: 'asc' },
    limit: 10,
  })
  expect(byBranch.items.map((d) => d._id)).toEqual(['m0'])
  await again.close()
})

test('an older file’s whole-table indexes are dropped and its documents found through the new ones', async () => {
  const old = new Database(file)
  old.exec(`CREATE TABLE documents (collection TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body)), PRIMARY KEY (collection, id)) WITHOUT ROWID`)
  old.exec("CREATE INDEX ix_attendance_meetingId ON documents (collection, json_extract(body, '$.meetingId'))")
  old
    .prepare('INSERT INTO documents (collection, id, version, body) VALUES (?, ?, 1, ?)')
    .run('attendance', 'a1', JSON.stringify({ meetingId: 'm1' }))
  old.close()

  const store = new SqliteStore(file, { indexes: INDEXES })
  const page = await store.query('attendance', { where: [eq('meetingId', 'm1')], limit: 10 })
  expect(page.items.map((d) => d._id)).toEqual(['a1'])
  await store.close()
  const counts = entries()
  expect(counts.ix_attendance_meetingId).toBeUndefined()
  expect(counts.px_attendance_meetingId).toBe(1)
})
