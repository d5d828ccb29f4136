/**
 * 会议记录 against the real embedded API: drafts with version conflicts, finalize only after the
 * meeting ended and attendance was confirmed, the lock, amendments that keep the original, the 补录
 * flag exactly at its threshold, the hash chain naming a record changed behind the app's back, 阅签,
 * photos and the .docx exports.
 */
import type { ActionName } from '../../src/domain/api/catalog'
import path from 'node:path'
import Database from 'better-sqlite3'
import JSZip from 'jszip'
import type { MeetingDetail } from '../../src/domain/api/views'
import type { DocxFile, MinutesView } from '../../src/domain/api/views-minutes'
import { fromBeijing } from '../../src/domain/beijing-time'
import { HANDLERS } from '../../src/cloud/actions'
import { DB_FILE } from '../../src/cloud/embedded'
import type { FilesPort } from '../../src/cloud/ports/files'
import { photoUploadDir, type MinutesContent } from '../../src/domain/minutes'
import { createMain } from '../../src/cloud/router'
import type { CallResult } from '../../src/domain/errors'
import { sha256Hex } from '../../src/cloud/minutes-chain'
import {
  MEMBER_B1,
  MEMBER_B2,
  ORGANIZER_B1,
  PROBATIONARY_B1,
  SECRETARY_B1,
  SECRETARY_B2,
  SUPERVISOR,
  apiPerTest,
  scheduleInput,
  type In,
  type Out,
  requestIds,
} from './api-fixture'

const MIN = 60_000
const DAY = 24 * 60 * MIN

const api = apiPerTest()
const rid = requestIds('minutes-test')

/** The typed answer of `memberId`'s call; `write` gives it a fresh request id. */
const ok = <N extends ActionName>(memberId: string, action: N, input: In<N>, write = false): Promise<Out<N>> =>
  api.as(memberId).call(action, input, write ? rid() : undefined)

async function refused(memberId: string, action: string, input: unknown, write = true) {
  const r = await api.as(memberId).raw(action, input, write ? rid() : undefined)
  if (r.ok) throw new Error(`${action} was expected to be refused`)
  return r.error
}

/** Today 14:00–16:00 (the fixture's clock is 10:00 on 2026-11-22). */
const START = fromBeijing('2026-11-22', '14:00')
const END = fromBeijing('2026-11-22', '16:00')

async function schedule(overrides: Record<string, unknown> = {}): Promise<MeetingDetail> {
  return ok(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00', ...overrides }),
    true,
  )
}

/**
 * Attendance through the attendance actions: everyone but `absent` marked present by the
 * secretary during the meeting, then confirmed after it. Leaves the clock just after the end.
 */
async function holdMeeting(m: MeetingDetail, absent: string[] = []) {
  api.clock.now = START + 10 * MIN
  for (const p of m.participants) {
    if (absent.includes(p.id)) continue
    await ok(SECRETARY_B1, 'attendance.markManual', { meetingId: m.id, memberId: p.id, reason: '会场登记' }, true)
  }
  api.clock.now = END + MIN
  await ok(SECRETARY_B1, 'attendance.confirm', { meetingId: m.id }, true)
}

function written(view: MinutesView, patch: Partial<MinutesContent> = {}): MinutesContent {
  const c = view.content!
  return {
    ...c,
    chair: '张建国',
    recorder: '李晓红',
    items: c.items.map((item, i) => ({
      ...item,
      speeches: `第${i + 1}项发言：大家踊跃发言，王某提出不同意见`,
      decision: `第${i + 1}项决议`,
    })),
    ...patch,
  }
}

async function draft(meetingId: string, patch: Partial<MinutesContent> = {}): Promise<MinutesView> {
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId })
  return ok(
    SECRETARY_B1,
    'minutes.saveDraft',
    { meetingId, version: view.version, content: written(view, patch) },
    true,
  )
}

async function finalize(meetingId: string): Promise<MinutesView> {
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId })
  return ok(SECRETARY_B1, 'minutes.finalize', { meetingId, version: view.version }, true)
}

/** A PNG as the phone uploads it into the meeting's folder (src/domain/uploads.ts); returns its file id. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
async function uploadPhoto(meetingId: string, bytes: Buffer): Promise<string> {
  return (await api.ports.files.put(`${photoUploadDir(meetingId)}${rid()}.png`, bytes, 'image/png')).fileId
}

async function documentXml(file: DocxFile): Promise<string> {
  // The embedded host returns documents inline.
  expect(file.fileId).toBeNull()
  const zip = await JSZip.loadAsync(Buffer.from(file.base64!, 'base64'))
  const xml = await zip.file('word/document.xml')!.async('string')
  // Words may be split over runs; the text alone is what a reader sees.
  return xml.replace(/<[^>]+>/g, '')
}

test('the template pre-fills the agenda from the meeting; members see no draft, writers do', async () => {
  const m = await schedule({ kind: 'life_meeting', agenda: ['通报上次整改情况'] })
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  expect(view.status).toBe('none')
  expect(view.content!.items.map((i) => i.topic)).toEqual([
    '通报上次整改情况',
    '支部班子对照检查',
    '党员个人对照检查，开展批评和自我批评',
    '整改措施',
  ])
  expect(view.content!.place).toBe('党员活动室')
  await draft(m.id)
  const asMember = await ok(MEMBER_B1, 'minutes.get', { meetingId: m.id })
  expect(asMember.status).toBe('draft')
  expect(asMember.content).toBeNull()
  expect(asMember.canWrite).toBe(false)
  const error = await refused(MEMBER_B1, 'minutes.saveDraft', { meetingId: m.id, version: 1, content: view.content })
  expect(error.code).toBe('FORBIDDEN')
})

test('two writers on one draft: the second gets a conflict naming the first, nothing is overwritten', async () => {
  const m = await schedule()
  const base = await draft(m.id, { notes: '初稿' })
  const mine = await ok(
    ORGANIZER_B1,
    'minutes.saveDraft',
    { meetingId: m.id, version: base.version, content: { ...base.content!, notes: '组织委员的修改' } },
    true,
  )
  expect(mine.version).toBe(base.version + 1)
  const error = await refused(SECRETARY_B1, 'minutes.saveDraft', {
    meetingId: m.id,
    version: base.version,
    content: { ...base.content!, notes: '书记的修改' },
  })
  expect(error.code).toBe('CONFLICT')
  expect(error.message).toMatch(/已被.+保存过/)
  const now = await ok(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  expect(now.content!.notes).toBe('组织委员的修改')
  // Resolving: save again on the version now seen.
  const resolved = await ok(
    SECRETARY_B1,
    'minutes.saveDraft',
    { meetingId: m.id, version: now.version, content: { ...now.content!, notes: '书记的修改' } },
    true,
  )
  expect(resolved.content!.notes).toBe('书记的修改')
})

test('finalize before the meeting ends is refused and changes nothing; so is finalize before attendance', async () => {
  const m = await schedule()
  api.clock.now = START + 30 * MIN
  const d = await draft(m.id)
  const early = await refused(SECRETARY_B1, 'minutes.finalize', { meetingId: m.id, version: d.version })
  expect(early.code).toBe('CONFLICT')
  expect(early.message).toMatch(/会议还没有结束/)
  api.clock.now = END + MIN
  const noAttendance = await refused(SECRETARY_B1, 'minutes.finalize', { meetingId: m.id, version: d.version })
  expect(noAttendance.message).toMatch(/考勤还没有确认/)
  const after = await ok(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  expect(after.status).toBe('draft')
  expect(await api.ports.store.count('minutes_chain')).toBe(0)
  expect((await api.ports.store.get<{ minutesFinalizedAt?: number }>('meetings', m.id))!.minutesFinalizedAt).toBeFalsy()
})

test('finalize stamps server time, freezes attendance, locks the record and makes the meeting count', async () => {
  const m = await schedule()
  const absentee = m.participants.find((p) => p.id === MEMBER_B1)!.id
  await holdMeeting(m, [absentee])
  await draft(m.id, { absenceNotes: [{ memberId: absentee, reason: '出差在外' }] })
  const before = await ok(SECRETARY_B1, 'meeting.get', { meetingId: m.id })
  expect(before.counts).toBe(false)

  api.clock.now = END + 2 * DAY
  const final = await finalize(m.id)
  expect(final.status).toBe('final')
  expect(final.finalizedAt).toBe(api.clock.now)
  expect(final.late).toBe(false)
  expect(final.attendance!.expected).toBe(m.participantCount)
  expect(final.attendance!.present).toBe(m.participantCount - 1)
  expect(final.attendance!.absent).toEqual([{ memberId: absentee, name: '黄晓明', note: '出差在外' }])
  expect(final.contentHash).toMatch(/^[0-9a-f]{64}$/)

  const meeting = await ok(SECRETARY_B1, 'meeting.get', { meetingId: m.id })
  expect(meeting.minutesFinal).toBe(true)
  expect(meeting.minutesLate).toBe(false)
  expect(meeting.counts).toBe(true)

  // Locked: no more draft saves or photos, and the stored record is unchanged.
  const edit = await refused(SECRETARY_B1, 'minutes.saveDraft', {
    meetingId: m.id,
    version: final.version,
    content: final.content,
  })
  expect(edit.code).toBe('CONFLICT')
  expect(edit.message).toMatch(/已经定稿锁定/)
  const photo = await refused(SECRETARY_B1, 'minutes.addPhoto', {
    meetingId: m.id,
    fileId: await uploadPhoto(m.id, Buffer.concat([PNG, Buffer.from('late photo bytes')])),
  })
  expect(photo.code).toBe('CONFLICT')
  const again = await ok(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  expect(again.version).toBe(final.version)
  expect(again.photos).toHaveLength(0)
  const twice = await refused(SECRETARY_B1, 'minutes.finalize', { meetingId: m.id, version: final.version })
  expect(twice.code).toBe('CONFLICT')

  // Members now read it; participants confirm it once (阅签 x / y).
  const asMember = await ok(PROBATIONARY_B1, 'minutes.get', { meetingId: m.id })
  expect(asMember.content!.chair).toBe('张建国')
  const read = await ok(PROBATIONARY_B1, 'minutes.confirmRead', { meetingId: m.id }, true)
  expect(read.reads).toMatchObject({ confirmed: 1, expected: m.participantCount, iConfirmed: true })
  const readAgain = await ok(PROBATIONARY_B1, 'minutes.confirmRead', { meetingId: m.id }, true)
  expect(readAgain.reads.confirmed).toBe(1)
  // The other branch cannot read it; the 党委 above can.
  expect((await refused(SECRETARY_B2, 'minutes.get', { meetingId: m.id }, false)).code).toBe('FORBIDDEN')
  expect((await ok(SUPERVISOR, 'minutes.get', { meetingId: m.id })).status).toBe('final')
})

test('an amendment is appended with its reason; the original stays readable', async () => {
  const m = await schedule()
  await holdMeeting(m)
  await draft(m.id)
  const final = await finalize(m.id)
  const original = final.content!
  const amended = await ok(
    SECRETARY_B1,
    'minutes.amend',
    {
      meetingId: m.id,
      reason: '记录人姓名写错',
      changes: [
        { field: 'recorder', text: '李晓虹' },
        { field: 'items.0.decision', text: '全体党员重温入党誓词' },
      ],
    },
    true,
  )
  expect(amended.content).toEqual(original)
  expect(amended.corrected!.recorder).toBe('李晓虹')
  expect(amended.corrected!.items[0].decision).toBe('全体党员重温入党誓词')
  expect(amended.amendments).toEqual([
    expect.objectContaining({
      seq: 1,
      reason: '记录人姓名写错',
      by: { id: SECRETARY_B1, name: '张建国' },
      changes: [
        { field: 'recorder', label: '记录人', before: '李晓红', after: '李晓虹' },
        { field: 'items.0.decision', label: '第 1 项决议', before: '第1项决议', after: '全体党员重温入党誓词' },
      ],
    }),
  ])
  expect(amended.contentHash).toBe(final.contentHash)
  const noReason = await refused(SECRETARY_B1, 'minutes.amend', {
    meetingId: m.id,
    reason: ' ',
    changes: [{ field: 'notes', text: 'x' }],
  })
  expect(noReason.code).toBe('VALIDATION_FAILED')
  const report = await ok(MEMBER_B1, 'minutes.verify', { branchId: 'org_b1' })
  expect(report).toMatchObject({ ok: true, entries: 2, firstProblem: null })
})

test('the 补录 flag appears exactly past the threshold: 3 days − 1 ms is on time, + 1 ms is late', async () => {
  const onTime = await schedule({ title: '按时定稿的主题党日' })
  const late = await schedule({ title: '补录的主题党日' })
  await holdMeeting(onTime)
  await holdMeeting(late)
  await draft(onTime.id)
  await draft(late.id)

  api.clock.now = END + 3 * DAY - 1
  expect((await finalize(onTime.id)).late).toBe(false)
  api.clock.now = END + 3 * DAY + 1
  const lateView = await finalize(late.id)
  expect(lateView.late).toBe(true)
  expect(lateView.lateAfter).toBe('3 天')

  const list = await ok(SECRETARY_B1, 'meeting.listBranch', { when: 'past', limit: 10 })
  const flag = (id: string) => list.items.find((s) => s.id === id)!.minutesLate
  expect(flag(onTime.id)).toBe(false)
  expect(flag(late.id)).toBe(true)
  const book = await ok(MEMBER_B1, 'minutes.book', { branchId: 'org_b1', year: 2026, limit: 50 })
  expect(book.items.find((e) => e.meetingId === late.id)).toMatchObject({ status: 'final', late: true })
  expect(book.items.find((e) => e.meetingId === onTime.id)).toMatchObject({ status: 'final', late: false })
  const xml = await documentXml(await ok(MEMBER_B1, 'minutes.export', { meetingId: late.id }))
  expect(xml).toContain('【补录】')
  const onTimeXml = await documentXml(await ok(MEMBER_B1, 'minutes.export', { meetingId: onTime.id }))
  expect(onTimeXml).not.toContain('补录')
})

test('the late threshold is a rule value a 党委 can set, not a literal', async () => {
  await api.ports.store.insert('rule_sets', {
    _id: 'org_cmte',
    orgId: 'org_cmte',
    overrides: [],
    minutesLateAfterMs: DAY,
  })
  const m = await schedule()
  await holdMeeting(m)
  await draft(m.id)
  api.clock.now = END + DAY + 1
  const view = await finalize(m.id)
  expect(view.late).toBe(true)
  expect(view.lateAfter).toBe('1 天')
})

test('changing a stored record behind the app makes verify name it: content through the store, link through SQLite', async () => {
  const first = await schedule({ title: '第一次会议' })
  const second = await schedule({ title: '被改动的会议' })
  const third = await schedule({ title: '第三次会议' })
  for (const m of [first, second, third]) {
    await holdMeeting(m)
    await draft(m.id)
  }
  api.clock.now = END + DAY
  for (const m of [first, second, third]) await finalize(m.id)
  expect(await ok(SUPERVISOR, 'minutes.verify', { branchId: 'org_b1' })).toMatchObject({
    ok: true,
    entries: 3,
  })

  // Someone edits the decision of the second meeting directly in the database.
  const doc = (await api.ports.store.get<{ content: MinutesContent }>('minutes', second.id))!
  const forged = { ...doc.content, items: doc.content.items.map((i) => ({ ...i, decision: '事后改写的决议' })) }
  await api.ports.store.update('minutes', second.id, { content: forged }, doc._version)
  const report = await ok(MEMBER_B1, 'minutes.verify', { branchId: 'org_b1' })
  expect(report.ok).toBe(false)
  expect(report.firstProblem).toMatchObject({
    seq: 2,
    kind: 'minutes',
    meetingId: second.id,
    meetingTitle: '被改动的会议',
    meetingDate: '2026-11-22',
    field: 'content',
  })
  // Put it back: verified again.
  const tampered = (await api.ports.store.get('minutes', second.id))!
  await api.ports.store.update('minutes', second.id, { content: doc.content }, tampered._version)
  expect((await ok(MEMBER_B1, 'minutes.verify', { branchId: 'org_b1' })).ok).toBe(true)

  // Now the third entry's stored content hash is rewritten with SQL on the data file, to match a forged record.
  const db = new Database(path.join(api.dataDir, DB_FILE))
  db.prepare(
    `UPDATE documents SET body = json_set(body, '$.contentHash', ?) WHERE collection = 'minutes_chain' AND json_extract(body, '$.seq') = 3 AND json_extract(body, '$.branchId') = 'org_b1'`,
  ).run(sha256Hex('forged'))
  db.close()
  const linkReport = await ok(MEMBER_B1, 'minutes.verify', { branchId: 'org_b1' })
  expect(linkReport.firstProblem).toMatchObject({
    seq: 3,
    meetingId: third.id,
    meetingTitle: '第三次会议',
    field: 'link',
  })
})

test('concurrent finalizes in one branch serialize on the chain head and never fork it', async () => {
  const meetings = [
    await schedule({ title: '并发一' }),
    await schedule({ title: '并发二' }),
    await schedule({ title: '并发三' }),
  ]
  for (const m of meetings) {
    await holdMeeting(m)
    await draft(m.id)
  }
  const views = await Promise.all(meetings.map((m) => ok(SECRETARY_B1, 'minutes.get', { meetingId: m.id })))
  const results = await Promise.all(
    meetings.map((m, i) =>
      api.as(SECRETARY_B1).result('minutes.finalize', { meetingId: m.id, version: views[i].version }, rid()),
    ),
  )
  const done = results.filter((r) => r.ok).length
  // Each one either landed or was told to retry; retry the rest.
  for (const [i, r] of results.entries()) if (!r.ok) await finalize(meetings[i].id)
  expect(done).toBeGreaterThanOrEqual(1)
  const chain = await api.ports.store.query<{ seq: number }>('minutes_chain', {
    where: [{ field: 'branchId', op: 'eq', value: 'org_b1' }],
    orderBy: { field: 'seq', direction: 'asc' },
    limit: 10,
  })
  expect(chain.items.map((e) => e.seq)).toEqual([1, 2, 3])
  expect(await ok(MEMBER_B1, 'minutes.verify', { branchId: 'org_b1' })).toMatchObject({
    ok: true,
    entries: 3,
  })
})

// Untyped votes, as kept by kinds without typed decisions (a 党员大会's are typed: tests/cloud/decisions.test.ts).
test('votes: the pass rule is checked, impossible counts refuse finalize, the outcome is shown and exported', async () => {
  const m = await schedule({
    kind: 'member_review',
    title: '民主评议党员',
    agenda: ['民主测评'],
  })
  await holdMeeting(m)
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  expect(view.kindVotes).toBe(true)
  const entitled = view.attendance!.votingEntitled
  const present = view.attendance!.votingPresent
  const withVote = (votes: { for: number; against: number; abstain: number }) =>
    written(view, { items: written(view).items.map((i, n) => (n === 0 ? { ...i, vote: votes } : i)) })

  let saved = await ok(
    SECRETARY_B1,
    'minutes.saveDraft',
    { meetingId: m.id, version: view.version, content: withVote({ for: present, against: 1, abstain: 0 }) },
    true,
  )
  expect(saved.votes[0]!.problem).toMatch(/超过了到会有表决权/)
  const error = await refused(SECRETARY_B1, 'minutes.finalize', { meetingId: m.id, version: saved.version })
  expect(error.code).toBe('VALIDATION_FAILED')
  expect(error.fields).toEqual([expect.objectContaining({ field: 'content.items.0.vote' })])

  const needed = Math.floor(entitled / 2) + 1
  saved = await ok(
    SECRETARY_B1,
    'minutes.saveDraft',
    { meetingId: m.id, version: saved.version, content: withVote({ for: needed - 1, against: 1, abstain: 0 }) },
    true,
  )
  expect(saved.votes[0]).toMatchObject({ passes: false, needed, problem: null })
  saved = await ok(
    SECRETARY_B1,
    'minutes.saveDraft',
    { meetingId: m.id, version: saved.version, content: withVote({ for: needed, against: 0, abstain: 1 }) },
    true,
  )
  expect(saved.votes[0]).toMatchObject({ passes: true, needed })
  const final = await finalize(m.id)
  expect(final.votes[0]!.passes).toBe(true)
  const xml = await documentXml(await ok(MEMBER_B1, 'minutes.export', { meetingId: m.id }))
  expect(xml).toContain(`赞成 ${needed} 票，反对 0 票，弃权 1 票，通过`)
})

test('photos are stored with their hash and the server time, and locked into the record', async () => {
  const m = await schedule()
  await holdMeeting(m)
  const bytes = Buffer.concat([PNG, Buffer.from('fake photo bytes for the test')])
  const upload = await uploadPhoto(m.id, bytes)
  const view = await ok(ORGANIZER_B1, 'minutes.addPhoto', { meetingId: m.id, fileId: upload }, true)
  expect(view.photos).toEqual([
    expect.objectContaining({
      sha256: sha256Hex(new Uint8Array(bytes)),
      receivedAt: api.clock.now,
      size: bytes.length,
    }),
  ])
  const file = await ok(MEMBER_B1, 'minutes.photo', { meetingId: m.id, photoId: view.photos[0].id })
  expect(Buffer.from(file.base64, 'base64').equals(bytes)).toBe(true)
  expect(view.photos[0].contentType).toBe('image/png')
  // The upload was only the way in: the kept copy is the content-addressed one.
  await expect(api.ports.files.get(upload)).rejects.toMatchObject({ code: 'ENOENT' })
  // The same photo twice is one photo.
  const again = await ok(
    ORGANIZER_B1,
    'minutes.addPhoto',
    { meetingId: m.id, fileId: await uploadPhoto(m.id, bytes) },
    true,
  )
  expect(again.photos).toHaveLength(1)
  // What is not a JPEG, PNG or WebP image is refused, whatever its name says.
  const text = await refused(ORGANIZER_B1, 'minutes.addPhoto', {
    meetingId: m.id,
    fileId: await uploadPhoto(m.id, Buffer.from('not an image at all')),
  })
  expect(text.message).toMatch(/只能是 JPG、PNG 或 WebP/)
  await draft(m.id)
  await finalize(m.id)
  const doc = (await api.ports.store.get<{ photos: { sha256: string }[] }>('minutes', m.id))!
  expect(doc.photos.map((p) => p.sha256)).toEqual([sha256Hex(new Uint8Array(bytes))])
})

test('the exported .docx opens and holds every field; the book exports the year', async () => {
  const m = await schedule({ title: '导出测试主题党日' })
  await holdMeeting(m, [MEMBER_B1])
  await draft(m.id, { notes: '会后整理学习笔记', absenceNotes: [{ memberId: MEMBER_B1, reason: '出差' }] })
  const final = await finalize(m.id)
  await ok(
    SECRETARY_B1,
    'minutes.amend',
    { meetingId: m.id, reason: '补充决议', changes: [{ field: 'notes', text: '会后一周内交学习笔记' }] },
    true,
  )
  const file = await ok(MEMBER_B1, 'minutes.export', { meetingId: m.id })
  expect(file.filename).toMatch(/\.docx$/)
  const xml = await documentXml(file)
  const a = final.attendance!
  for (const text of [
    '导出测试主题党日',
    '主题党日',
    '第一党支部',
    '2026年11月22日',
    '党员活动室',
    '主持人：张建国',
    '记录人：李晓红',
    // 应到 / 实到 once, in the attendance table (issue 20 §7).
    `应到${a.expected} 人实到${a.present} 人`,
    '黄晓明（出差）',
    a.attended[0].name,
    '重温入党誓词',
    '第1项发言：大家踊跃发言，王某提出不同意见',
    '第2项决议',
    '其他事项：会后整理学习笔记',
    '更正 1',
    '补充决议',
    '会后一周内交学习笔记',
    final.contentHash!,
    '记录人（签字）',
    '主持人（签字）',
  ]) {
    expect(xml).toContain(text)
  }

  const book = await ok(SUPERVISOR, 'minutes.exportBook', { branchId: 'org_b1', year: 2026 })
  const bookXml = await documentXml(book)
  // The cover: branch, 会议记录本, year (issue 20 §7).
  expect(bookXml).toMatch(/第一党支部会议记录本2026 年/)
  expect(bookXml).toContain('导出测试主题党日')
  // The demo's past meetings were kept on paper before the app: listed, marked as such.
  expect(bookXml).toContain('系统中没有电子记录')
})

test('only branches have a book and a chain; another branch is refused', async () => {
  expect((await refused(SUPERVISOR, 'minutes.verify', {}, false)).code).toBe('VALIDATION_FAILED')
  expect((await refused(MEMBER_B2, 'minutes.verify', { branchId: 'org_b1' }, false)).code).toBe('FORBIDDEN')
  expect(await ok(MEMBER_B2, 'minutes.verify', {})).toMatchObject({
    branchId: 'org_b2',
    ok: true,
    entries: 0,
  })
})

test('meetings whose minutes were finalized on paper before the app are shown as such and cannot be written', async () => {
  const past = await ok(SECRETARY_B1, 'meeting.listBranch', { when: 'past', limit: 5 })
  const kept = past.items.find((s) => s.minutesFinal)!
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId: kept.id })
  expect(view).toMatchObject({ legacy: true, status: 'none', content: null, canWrite: false, canFinalize: false })
  const error = await refused(SECRETARY_B1, 'minutes.saveDraft', {
    meetingId: kept.id,
    version: 0,
    content: { chair: 'x', recorder: 'y', place: 'z', items: [], absenceNotes: [], notes: '' },
  })
  expect(error.code).toBe('CONFLICT')
  expect(error.message).toMatch(/纸质记录/)
  expect(await api.ports.store.get('minutes', kept.id)).toBeNull()
})

test('a cancelled meeting has no minutes to write', async () => {
  const m = await schedule()
  await ok(SECRETARY_B1, 'meeting.cancel', { meetingId: m.id, version: m.version, reason: '与上级会议冲突' }, true)
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  expect(view).toMatchObject({ cancelled: true, content: null, canWrite: false, canFinalize: false })
  const error = await refused(SECRETARY_B1, 'minutes.saveDraft', {
    meetingId: m.id,
    version: 0,
    content: { chair: 'x', recorder: 'y', place: 'z', items: [], absenceNotes: [], notes: '' },
  })
  expect(error.message).toMatch(/已经取消/)
})

test('in production, photos arrive through cloud storage and documents leave through it', async () => {
  // The same handlers on CloudBase-like ports: files in a map keyed by `cloud://` ids.
  const stored = new Map<string, Buffer>()
  const files: FilesPort = {
    put: async (p, content) => {
      stored.set(`cloud://env-1.abc/${p}`, content)
      return { fileId: `cloud://env-1.abc/${p}`, size: content.length, sha256: sha256Hex(new Uint8Array(content)) }
    },
    get: async (id) => {
      const f = stored.get(id)
      if (!f) throw new Error('missing')
      return f
    },
    remove: async (id) => void stored.delete(id),
    pathOf: (id) => /^cloud:\/\/env-1\.abc\/(.+)$/.exec(id)?.[1] ?? null,
  }
  const cloud = createMain({ ...api.ports, host: 'cloudbase', files }, HANDLERS)
  const as = <T>(action: string, input: unknown, requestId?: string) =>
    cloud({ action, input, requestId }, { sessionToken: api.tokenFor(SECRETARY_B1) }) as Promise<CallResult<T>>

  const m = await schedule()
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('a compressed jpeg from the phone')])
  const upload = `cloud://env-1.abc/uploads/minutes/${m.id}/1700000000000.jpg`
  stored.set(upload, bytes)
  const added = await as<MinutesView>('minutes.addPhoto', { meetingId: m.id, fileId: upload }, rid())
  expect(added.ok && added.data.photos).toEqual([expect.objectContaining({ sha256: sha256Hex(new Uint8Array(bytes)) })])
  // The upload was moved to the content-addressed path.
  expect(stored.has(upload)).toBe(false)

  // A file uploaded for another meeting is refused.
  const other = `cloud://env-1.abc/uploads/minutes/mtg_other/1.jpg`
  stored.set(other, bytes)
  const refusedOther = await as('minutes.addPhoto', { meetingId: m.id, fileId: other }, rid())
  expect(!refusedOther.ok && refusedOther.error.message).toMatch(/不是为这里上传的/)
  // The local host takes no cloud file ids.
  const local = await refused(SECRETARY_B1, 'minutes.addPhoto', { meetingId: m.id, fileId: upload })
  expect(local.message).toMatch(/不是本系统存储中的/)

  await holdMeeting(m)
  await draft(m.id)
  await finalize(m.id)
  const exported = await as<DocxFile>('minutes.export', { meetingId: m.id })
  expect(exported.ok).toBe(true)
  const file = exported.ok ? exported.data : null
  expect(file!.base64).toBeNull()
  expect(file!.fileId).toMatch(/^cloud:\/\/env-1\.abc\/exports\/[0-9a-f]{64}\.docx$/)
  const zip = await JSZip.loadAsync(stored.get(file!.fileId!)!)
  expect(await zip.file('word/document.xml')!.async('string')).toContain('张建国')
})
