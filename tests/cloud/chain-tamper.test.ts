/**
 * Evidence no one can rewrite unseen (issue 14 §5): whoever controls the branch's database tampers
 * directly through the store port (and file storage), the way an operator would, recomputing every
 * hash the code would — and `minutes.verify` still names the record. One test per case: an edited
 * record with every later hash and the head recomputed, the last record deleted and the head reset,
 * a middle one deleted and the rest relinked (and deleted without relinking), locked attendance and
 * the sign-in records behind it, the meeting's own title/time/place, photo bytes, 阅签 deleted or
 * altered, and the whole chain rewritten together with the 党委's anchors — caught by a member's
 * receipt and by the head printed on an export. Also: v1 chains of issue 6 still verify.
 */
import type { ActionName } from '../../src/domain/api/catalog'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import type { MeetingDetail } from '../../src/domain/api/views'
import type { ChainReport, DocxFile, GivenHead, ReadReceipt } from '../../src/domain/api/views-minutes'
import { fromBeijing } from '../../src/domain/beijing-time'
import {
  canonicalJson,
  GENESIS_HASH,
  linkPayload,
  photoUploadDir,
  type ChainEntry,
  type MinutesContent,
} from '../../src/domain/minutes'
import type { ChainAnchorDoc, ChainHeadDoc, MinutesDoc } from '../../src/cloud/documents'
import {
  amendmentHash,
  anchorId,
  chainStatus,
  entryId,
  headId,
  minutesHash,
  readHash,
  sealOf,
  sha256Hex,
} from '../../src/cloud/minutes-chain'
import type { Stored } from '../../src/cloud/ports/store'
import { DAILY_JOBS } from '../../src/cloud/jobs'
import {
  MEMBER_B1,
  PROBATIONARY_B1,
  SECRETARY_B1,
  SUPERVISOR,
  apiPerTest,
  requestIds,
  scheduleInput,
  type In,
  type Out,
  type TestApi,
} from './api-fixture'

const MIN = 60_000
const DAY = 24 * 60 * MIN
const BRANCH = 'org_b1'
const COMMITTEE = 'org_cmte'

const api = apiPerTest()
const rid = requestIds('chain-tamper')
const ok = <N extends ActionName>(memberId: string, action: N, input: In<N>, write = false): Promise<Out<N>> =>
  api.as(memberId).call(action, input, write ? rid() : undefined)
const verify = (heads?: GivenHead[]): Promise<ChainReport> =>
  ok(SUPERVISOR, 'minutes.verify', { branchId: BRANCH, ...(heads ? { heads } : {}) })

const START = fromBeijing('2026-11-22', '14:00')
const END = fromBeijing('2026-11-22', '16:00')
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A meeting held today 14:00–16:00 with everyone marked present, its draft written; the clock just after it. */
async function held(title: string): Promise<MeetingDetail> {
  api.clock.now = fromBeijing('2026-11-22', '10:00')
  const m = await ok(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00', title }),
    true,
  )
  api.clock.now = START + 10 * MIN
  for (const p of m.participants) {
    await ok(SECRETARY_B1, 'attendance.markManual', { meetingId: m.id, memberId: p.id, reason: '会场登记' }, true)
  }
  api.clock.now = END + MIN
  await ok(SECRETARY_B1, 'attendance.confirm', { meetingId: m.id }, true)
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  const c = view.content!
  const content: MinutesContent = {
    ...c,
    chair: '张建国',
    recorder: '李晓红',
    items: c.items.map((item, i) => ({ ...item, speeches: `第${i + 1}项发言`, decision: `第${i + 1}项决议` })),
  }
  await ok(SECRETARY_B1, 'minutes.saveDraft', { meetingId: m.id, version: view.version, content }, true)
  return m
}

async function finalize(meetingId: string, at: number) {
  api.clock.now = at
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId })
  return ok(SECRETARY_B1, 'minutes.finalize', { meetingId, version: view.version }, true)
}

/** Three meetings finalized on three days (chain entries 1–3), the second with a photo. */
async function threeRecords(): Promise<MeetingDetail[]> {
  const ms = [await held('第一次会议'), await held('第二次会议'), await held('第三次会议')]
  const bytes = Buffer.concat([PNG, Buffer.from('the photo taken at the meeting')])
  const upload = await api.ports.files.put(`${photoUploadDir(ms[1].id)}${rid()}.png`, bytes, 'image/png')
  await ok(SECRETARY_B1, 'minutes.addPhoto', { meetingId: ms[1].id, fileId: upload.fileId }, true)
  for (const [i, m] of ms.entries()) await finalize(m.id, END + (i + 1) * DAY)
  const report = await verify()
  expect(report).toMatchObject({ ok: true, entries: 3, anchorsChecked: 3, head: { seq: 3 } })
  return ms
}

// — the forger: what someone with the database (and this code) can do through the store port

/** The store port of the running test's API. */
const store = new Proxy({} as TestApi['ports']['store'], { get: (_t, key) => Reflect.get(api.ports.store, key) })

async function entries(): Promise<Stored<ChainEntry>[]> {
  const page = await store.query<ChainEntry>('minutes_chain', {
    where: [{ field: 'branchId', op: 'eq', value: BRANCH }],
    orderBy: { field: 'seq', direction: 'asc' },
    limit: 100,
  })
  return page.items
}

/** The content hash (and seal) an entry would get for its record as stored now. */
async function recomputed(e: ChainEntry): Promise<Pick<ChainEntry, 'contentHash' | 'seal'>> {
  if (e.kind === 'amendment') return { contentHash: amendmentHash((await store.get('minutes_amendments', e.refId))!) }
  if (e.kind === 'read') return { contentHash: readHash((await store.get('minutes_reads', e.refId))!) }
  const doc = (await store.get('minutes', e.refId))!
  const meeting = (await store.get('meetings', e.meetingId))!
  return { contentHash: minutesHash(doc), seal: e.v === 2 ? await sealOf(store, meeting, doc) : e.seal }
}

/**
 * Rewrites every entry from `fromSeq` on as the app would have written it over the records as they
 * are now, then resets the head; with `anchors`, rewrites the 党委's anchors to match as well.
 */
async function rehashFrom(fromSeq: number, opts: { anchors?: boolean } = {}) {
  const all = await entries()
  let prevHash = all.find((e) => e.seq === fromSeq - 1)?.hash ?? GENESIS_HASH
  let last: Stored<ChainEntry> | null = null
  for (const e of all.filter((x) => x.seq >= fromSeq)) {
    const { _id, _version, hash: _old, ...body } = e
    const next = { ...body, ...(await recomputed(e)), prevHash }
    const hash = sha256Hex(linkPayload(next))
    last = await store.update<ChainEntry>('minutes_chain', _id, { ...next, hash }, _version)
    prevHash = hash
  }
  const tail = last ?? all.filter((e) => e.seq < fromSeq).pop()!
  const head = (await store.get<ChainHeadDoc>('minutes_chain', headId(BRANCH)))!
  await store.update<ChainHeadDoc>('minutes_chain', head._id, { seq: tail.seq, hash: tail.hash }, head._version)
  if (!opts.anchors) return
  const anchors = await store.query<ChainAnchorDoc>('chain_anchors', {
    where: [{ field: 'branchId', op: 'eq', value: BRANCH }],
    orderBy: { field: 'seq', direction: 'asc' },
    limit: 100,
  })
  for (const a of anchors.items) {
    const e = (await entries()).find((x) => x.seq === a.seq)
    if (!e) await store.remove('chain_anchors', a._id, a._version)
    else if (e.hash !== a.hash) await store.update<ChainAnchorDoc>('chain_anchors', a._id, { hash: e.hash }, a._version)
  }
}

async function forgeDecision(meetingId: string, decision: string) {
  const doc = (await store.get<MinutesDoc>('minutes', meetingId))!
  const forged = { ...doc.content, items: doc.content.items.map((i) => ({ ...i, decision })) }
  await store.update<MinutesDoc>('minutes', meetingId, { content: forged }, doc._version)
}

async function removeEntry(seq: number) {
  const e = (await store.get<ChainEntry>('minutes_chain', entryId(BRANCH, seq)))!
  await store.remove('minutes_chain', e._id, e._version)
  return e
}

async function documentText(file: DocxFile): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(file.base64!, 'base64'))
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
}

// — the cases

test('an edited record with every later hash and the head recomputed is named by the 党委 anchor at its place', async () => {
  const [, second] = await threeRecords()
  // Edited alone, the record no longer matches its entry, and verify names the part that changed.
  await forgeDecision(second.id, '事后改写的决议')
  expect((await verify()).firstProblem).toMatchObject({
    seq: 2,
    meetingId: second.id,
    meetingTitle: '第二次会议',
    field: 'content',
    message: expect.stringContaining('记录正文'),
  })
  // Now the forger recomputes entry 2, every entry after it and the head: the chain is consistent again…
  await rehashFrom(2)
  const report = await verify()
  // …but not with what the 党委 witnessed when each was written.
  expect(report.ok).toBe(false)
  expect(report.firstProblem).toMatchObject({ seq: 2, meetingTitle: '第二次会议', field: 'anchor' })
  expect(report.firstProblem!.message).toMatch(/^第 2 条记录与 2026-11-24 的锚点不一致/)
})

test('the last record deleted and the head reset: reported missing, and the meeting is not shown as a paper record', async () => {
  const [, , third] = await threeRecords()
  const last = await removeEntry(3)
  const doc = (await store.get('minutes', third.id))!
  await store.remove('minutes', doc._id, doc._version)
  await rehashFrom(3) // resets the head to entry 2
  expect((await store.get<ChainHeadDoc>('minutes_chain', headId(BRANCH)))!.seq).toBe(2)

  const report = await verify()
  expect(report.firstProblem).toMatchObject({
    seq: 3,
    seqTo: 3,
    kind: 'minutes',
    meetingId: last.meetingId,
    meetingTitle: '第三次会议',
    field: 'missing',
  })
  expect(report.firstProblem!.message).toMatch(/^第 3 条记录缺失/)
  // Its meeting still says final; the record is missing, not 纸质记录.
  const book: Out<'minutes.book'>['items'] = []
  let cursor: string | null = null
  do {
    const page: Out<'minutes.book'> = await ok(MEMBER_B1, 'minutes.book', {
      branchId: BRANCH,
      year: 2026,
      limit: 50,
      cursor,
    })
    book.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  expect(book.find((e) => e.meetingId === third.id)).toMatchObject({ missing: true, legacy: false })
  expect(book.some((e) => e.legacy && !e.missing)).toBe(true) // the demo's paper records stay paper
  const exported = await documentText(await ok(SUPERVISOR, 'minutes.exportBook', { branchId: BRANCH, year: 2026 }))
  expect(exported).toContain('【记录缺失】')
  const view = await ok(MEMBER_B1, 'minutes.get', { meetingId: third.id })
  expect(view).toMatchObject({ missing: true, legacy: false })
  // The branch can go on finalizing; the 党委's anchor of the deleted entry stays and keeps naming it.
  const next = await held('删除之后的会议')
  await finalize(next.id, END + 5 * DAY)
  expect((await verify()).firstProblem).toMatchObject({ seq: 3, field: 'anchor', meetingTitle: '删除之后的会议' })
  const write = await api.as(SECRETARY_B1).raw(
    'minutes.saveDraft',
    {
      meetingId: third.id,
      version: 0,
      content: {
        chair: 'x',
        recorder: 'y',
        place: 'z',
        items: [],
        absenceNotes: [],
        notes: '',
      },
    },
    rid(),
  )
  expect(!write.ok && write.error.message).toMatch(/找不到了/)
})

test('the last two records deleted and the head reset: named as a run, and the daily job reports it', async () => {
  await threeRecords()
  await removeEntry(3)
  await removeEntry(2)
  await rehashFrom(2)
  const report = await verify()
  expect(report.firstProblem).toMatchObject({ seq: 2, seqTo: 3, field: 'missing', meetingTitle: '第二次会议' })
  expect(report.firstProblem!.message).toMatch(
    /^第 2–3 条记录缺失（第 2 条原为「第二次会议」的会议记录）：党委留存的锚点记到第 3 条，而记录链只到第 1 条/,
  )
  const job = DAILY_JOBS.find((j) => j.name === 'chain-anchors')!
  const run = await job.run(api.ports, api.clock.now + DAY)
  expect(run.details).toEqual(['第一党支部：记录链只到第 1 条，党委的锚点已记到第 3 条，记录可能被删除，请核验'])
  // The job never lowers the 党委's record to the forged head.
  expect(await store.get('chain_anchors', anchorId(COMMITTEE, BRANCH, 3))).not.toBeNull()
})

test('a middle record deleted: a gap is named; relinked and renumbered, the anchor at its place names it', async () => {
  await threeRecords()
  const gone = await removeEntry(2)
  expect((await verify()).firstProblem).toMatchObject({
    seq: 2,
    field: 'missing',
    meetingId: gone.meetingId,
    message: expect.stringMatching(/^第 2 条记录缺失/),
  })
  // Relink: entry 3 becomes entry 2, every hash recomputed, the head reset.
  const third = await removeEntry(3)
  const { _id, _version, ...body } = third
  await store.insert<ChainEntry>('minutes_chain', { ...body, _id: entryId(BRANCH, 2), seq: 2 })
  await rehashFrom(2)
  const report = await verify()
  expect(report.entries).toBe(2)
  expect(report.firstProblem).toMatchObject({ seq: 2, field: 'anchor', meetingTitle: '第三次会议' })
})

test('locked attendance edited in the record, and a sign-in record changed after finalize, are named', async () => {
  const [first] = await threeRecords()
  const doc = (await store.get<MinutesDoc>('minutes', first.id))!
  const att = doc.attendance!
  const [moved, ...rest] = att.attended
  await store.update<MinutesDoc>(
    'minutes',
    first.id,
    {
      attendance: { ...att, present: att.present - 1, attended: rest, absent: [...att.absent, { ...moved, note: '' }] },
    },
    doc._version,
  )
  expect((await verify()).firstProblem).toMatchObject({
    seq: 1,
    field: 'content',
    message: '第 1 条：会议记录的定稿时锁定的出席名单在定稿后被改动过',
  })
  await rehashFrom(1)
  expect((await verify()).firstProblem).toMatchObject({ seq: 1, field: 'anchor' })
  await store.update<MinutesDoc>(
    'minutes',
    first.id,
    { attendance: att },
    (await store.get('minutes', first.id))!._version,
  )
  await rehashFrom(1)
  // Restored exactly, the chain verifies again: the anchors were never touched.
  expect((await verify()).ok).toBe(true)

  // The sign-in record itself (the attendance collection) changed behind the app.
  const record = (await store.get('attendance', `${first.id}.${MEMBER_B1}`))!
  await store.update('attendance', record._id, { mode: 'remote', manualReason: null }, record._version)
  expect((await verify()).firstProblem).toMatchObject({
    seq: 1,
    field: 'attendance',
    message: '第 1 条：黄晓明的签到记录在定稿后被改动',
  })
  const changed = (await store.get('attendance', record._id))!
  await store.remove('attendance', changed._id, changed._version)
  expect((await verify()).firstProblem!.message).toBe('第 1 条：黄晓明的签到记录在定稿后被删除')
})

test("the meeting's own title, time and place changed after finalize are named", async () => {
  const [, second] = await threeRecords()
  const edit = async (patch: Record<string, unknown>) => {
    const m = (await store.get('meetings', second.id))!
    await store.update('meetings', m._id, patch, m._version)
    return verify()
  }
  const original = (await store.get('meetings', second.id))!
  let report = await edit({ title: '改过的标题' })
  expect(report.firstProblem).toMatchObject({ seq: 2, field: 'meeting', meetingTitle: '第二次会议' })
  expect(report.firstProblem!.message).toBe('第 2 条：会议名称在定稿后被改动（定稿时为「第二次会议」）')
  report = await edit({ title: original.title, startAt: original.startAt - 2 * DAY, endAt: original.endAt - 2 * DAY })
  expect(report.firstProblem!.message).toMatch(/^第 2 条：会议时间在定稿后被改动（定稿时为 2026年11月22日/)
  report = await edit({ startAt: original.startAt, endAt: original.endAt, place: '别处' })
  expect(report.firstProblem!.message).toBe('第 2 条：会议地点在定稿后被改动（定稿时为「党员活动室」）')
  report = await edit({ place: original.place, kind: 'party_lecture' })
  expect(report.firstProblem!.message).toBe('第 2 条：会议类型在定稿后被改动')
  expect((await edit({ kind: original.kind })).ok).toBe(true)
})

test("a photo's bytes replaced in storage are re-hashed at verify and named", async () => {
  const [, second] = await threeRecords()
  const photo = (await ok(MEMBER_B1, 'minutes.get', { meetingId: second.id })).photos[0]
  const stored = (await store.get('photos', photo.id))!
  const path = api.ports.files.pathOf(stored.fileId)!
  await api.ports.files.put(path, Buffer.concat([PNG, Buffer.from('another picture')]), 'image/png')
  const report = await verify()
  expect(report.firstProblem).toMatchObject({
    seq: 2,
    meetingTitle: '第二次会议',
    field: 'photo',
    message: '第 2 条：照片 1 的内容与定稿时不一致',
  })
})

test('a 阅签 is sealed on the chain; deleted or altered later it is named', async () => {
  const [first] = await threeRecords()
  const confirmed = await ok(PROBATIONARY_B1, 'minutes.confirmRead', { meetingId: first.id }, true)
  expect(confirmed.receipt).toMatchObject({ branchId: BRANCH, seq: 4, meetingId: first.id, meetingTitle: '第一次会议' })
  expect(confirmed.receipt.hash).toBe((await store.get<ChainEntry>('minutes_chain', entryId(BRANCH, 4)))!.hash)
  // Confirming again gives the same receipt and adds nothing.
  const again = await ok(PROBATIONARY_B1, 'minutes.confirmRead', { meetingId: first.id }, true)
  expect(again.receipt).toEqual(confirmed.receipt)
  await ok(MEMBER_B1, 'minutes.confirmRead', { meetingId: first.id }, true)
  expect(await verify()).toMatchObject({ ok: true, entries: 5 })

  const read = (await store.get('minutes_reads', `${first.id}.${PROBATIONARY_B1}`))!
  await store.update('minutes_reads', read._id, { at: read.at - DAY }, read._version)
  const altered = await verify()
  expect(altered.firstProblem).toMatchObject({ seq: 4, kind: 'read', field: 'read' })
  expect(altered.firstProblem!.message).toMatch(/^第 4 条：.+的阅签记录被改动过$/)
  const now = (await store.get('minutes_reads', read._id))!
  await store.remove('minutes_reads', now._id, now._version)
  expect((await verify()).firstProblem!.message).toMatch(/^第 4 条：.+的阅签记录已被删除$/)
})

test('the whole chain rewritten together with the 党委 anchors is caught by a receipt and by an exported head', async () => {
  const [first, second] = await threeRecords()
  const receipt: ReadReceipt = (await ok(MEMBER_B1, 'minutes.confirmRead', { meetingId: first.id }, true)).receipt
  // The exported record prints the head: 序号 + the first 16 hex digits, the full hash small.
  const text = await documentText(await ok(SUPERVISOR, 'minutes.export', { meetingId: second.id }))
  const printed = /记录链链头：第 (\d+) 条 · ([0-9a-f]{16})/.exec(text)
  expect(printed).not.toBeNull()
  expect(Number(printed![1])).toBe(4)
  expect(text).toContain(receipt.hash)

  await forgeDecision(first.id, '整条链重写后的决议')
  await rehashFrom(1, { anchors: true })
  // Chain and anchors agree with each other: alone, verify cannot tell.
  expect((await verify()).ok).toBe(true)
  // The member's receipt, kept on the phone, can.
  const byReceipt = await verify([{ seq: receipt.seq, hash: receipt.hash }])
  expect(byReceipt.firstProblem).toMatchObject({ seq: 4, field: 'anchor' })
  expect(byReceipt.firstProblem!.message).toMatch(/^第 4 条记录与你提供的链头（第 4 条 · [0-9a-f]{16}）不一致/)
  // So can the head typed from the printout (序号 and 16 hex digits).
  const byPrintout = await verify([{ seq: Number(printed![1]), hash: printed![2].toUpperCase() }])
  expect(byPrintout.firstProblem).toMatchObject({ seq: 4, field: 'anchor' })
  // A printed head beyond the end of a truncated chain names the missing records.
  const e4 = await removeEntry(4)
  await rehashFrom(4, { anchors: true })
  expect((await verify()).ok).toBe(true)
  const truncated = await verify([{ seq: 4, hash: e4.hash }])
  expect(truncated.firstProblem).toMatchObject({ seq: 4, field: 'missing' })
  expect(truncated.firstProblem!.message).toMatch(/^第 4 条记录缺失：你提供的链头记到第 4 条/)
})

test('a chain of issue 6 (v1 entries) still verifies, v2 entries extend it, and a v1 record edited is named', async () => {
  const first = await held('旧格式的会议')
  await finalize(first.id, END + DAY)
  // Rewrite entry 1 as issue 6 wrote it: no format field, no seal; the head follows; no anchor yet.
  const e = (await store.get<ChainEntry>('minutes_chain', entryId(BRANCH, 1)))!
  const v1 = {
    branchId: e.branchId,
    seq: e.seq,
    kind: e.kind,
    refId: e.refId,
    meetingId: e.meetingId,
    contentHash: e.contentHash,
    prevHash: e.prevHash,
    at: e.at,
  }
  await store.remove('minutes_chain', e._id, e._version)
  await store.insert('minutes_chain', { _id: e._id, ...v1, hash: sha256Hex(canonicalJson(v1)) })
  const head = (await store.get<ChainHeadDoc>('minutes_chain', headId(BRANCH)))!
  await store.update<ChainHeadDoc>('minutes_chain', head._id, { hash: sha256Hex(canonicalJson(v1)) }, head._version)
  const anchor = (await store.get<ChainAnchorDoc>('chain_anchors', anchorId(COMMITTEE, BRANCH, 1)))!
  await store.remove('chain_anchors', anchor._id, anchor._version)
  expect(await verify()).toMatchObject({ ok: true, entries: 1, anchorsChecked: 0 })

  // The daily job witnesses the old head; later records are v2 on the same chain.
  const job = DAILY_JOBS.find((j) => j.name === 'chain-anchors')!
  const run = await job.run(api.ports, END + 2 * DAY)
  expect(run.details.join('\n')).toContain('第一党支部')
  expect((await store.get<ChainAnchorDoc>('chain_anchors', anchorId(COMMITTEE, BRANCH, 1)))!.by).toBe('daily')
  const second = await held('新格式的会议')
  await finalize(second.id, END + 3 * DAY)
  expect((await store.get<ChainEntry>('minutes_chain', entryId(BRANCH, 2)))!.v).toBe(2)
  expect(await verify()).toMatchObject({ ok: true, entries: 2, anchorsChecked: 2 })
  // A second run on the same head writes nothing new.
  expect((await job.run(api.ports, END + 4 * DAY)).details).toEqual([])

  await forgeDecision(first.id, '改写旧记录')
  expect((await verify()).firstProblem).toMatchObject({
    seq: 1,
    field: 'content',
    message: '第 1 条：对应的会议记录内容在定稿后被改动过',
  })
})

test('chainStatus gives the 述职评议 packet the head and the verification', async () => {
  await threeRecords()
  const status = await chainStatus(api.ports, BRANCH, api.clock.now)
  expect(status.head).toMatchObject({ branchId: BRANCH, seq: 3 })
  expect(status.report).toMatchObject({ ok: true, entries: 3, headHash: status.head!.hash })
  await removeEntry(3)
  const broken = await chainStatus(api.ports, BRANCH, api.clock.now)
  expect(broken.report.ok).toBe(false)
})

test('no action writes the 党委 anchors: only the chain module and the daily job write the collection', () => {
  const root = path.join(__dirname, '../../src')
  const writers: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name)
      if (statSync(file).isDirectory()) walk(file)
      else if (
        /\.tsx?$/.test(name) &&
        /\.(insert|update|remove)(<[^>]*>)?\(\s*['"]chain_anchors['"]/.test(readFileSync(file, 'utf8'))
      ) {
        writers.push(path.relative(root, file))
      }
    }
  }
  walk(root)
  expect(writers.sort()).toEqual(['cloud/jobs/chain-anchors.ts', 'cloud/minutes-chain.ts'])
})
