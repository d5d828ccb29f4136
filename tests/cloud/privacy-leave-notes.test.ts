/**
 * Issue 18 part 3: a leave note (why someone asked for leave, e.g. a hospital stay) is for the
 * member and the branch's organizers only, in every output. The board already hid it; finalize
 * copied it into the locked minutes, where minutes.get, the 会议记录本 and both .docx exports showed
 * it to every member and the 党委. The locked record keeps the note (the chain still verifies); the
 * outputs show the category alone to everyone else.
 */
import JSZip from 'jszip'
import type { ActionName } from '../../src/domain/api/catalog'
import type { MeetingDetail } from '../../src/domain/api/views'
import type { DocxFile, MinutesView } from '../../src/domain/api/views-minutes'
import { fromBeijing } from '../../src/domain/beijing-time'
import type { MinutesDoc } from '../../src/cloud/documents'
import {
  DEPUTY_B1,
  MEMBER_B1,
  ORGANIZER_B1,
  SECRETARY_B1,
  SUPERVISOR,
  apiPerTest,
  requestIds,
  scheduleInput,
  type In,
  type Out,
} from './api-fixture'

const MIN = 60_000
const api = apiPerTest()
const rid = requestIds('privacy-test')
const NOTE = '住院做胆囊手术'

const ok = <N extends ActionName>(memberId: string, action: N, input: In<N>, write = false): Promise<Out<N>> =>
  api.as(memberId).call(action, input, write ? rid() : undefined)

async function docxText(file: DocxFile): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(file.base64!, 'base64'))
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
}

/** A meeting today 14:00–16:00 where `leaver` is on approved sick leave, finalized after it ended. */
async function finalizedWithLeave(): Promise<{ m: MeetingDetail; leaver: string; final: MinutesView }> {
  const m = await ok(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00', title: '请假隐私测试' }),
    true,
  )
  const leaver = m.participants.find((p) => ![SECRETARY_B1, DEPUTY_B1, ORGANIZER_B1, MEMBER_B1].includes(p.id))!.id
  await ok(leaver, 'leave.request', { meetingId: m.id, category: 'sick', note: NOTE }, true)
  await ok(SECRETARY_B1, 'leave.decide', { meetingId: m.id, memberId: leaver, approve: true }, true)
  api.clock.now = fromBeijing('2026-11-22', '14:10')
  for (const p of m.participants) {
    if (p.id === leaver) continue
    await ok(SECRETARY_B1, 'attendance.markManual', { meetingId: m.id, memberId: p.id, reason: '会场登记' }, true)
  }
  api.clock.now = fromBeijing('2026-11-22', '16:00') + MIN
  await ok(SECRETARY_B1, 'attendance.confirm', { meetingId: m.id }, true)
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  const c = view.content!
  const content = {
    ...c,
    chair: '张建国',
    recorder: '李晓红',
    items: c.items.map((item, i) => ({ ...item, speeches: `第${i + 1}项发言`, decision: `第${i + 1}项决议` })),
  }
  const saved = await ok(SECRETARY_B1, 'minutes.saveDraft', { meetingId: m.id, version: view.version, content }, true)
  const final = await ok(SECRETARY_B1, 'minutes.finalize', { meetingId: m.id, version: saved.version }, true)
  return { m, leaver, final }
}

/** Every page of the branch's 2026 book as `viewer` reads it. */
async function wholeBook(viewer: string): Promise<Out<'minutes.book'>['items']> {
  const items: Out<'minutes.book'>['items'] = []
  let cursor: string | null = null
  do {
    const page: Out<'minutes.book'> = await ok(viewer, 'minutes.book', {
      branchId: 'org_b1',
      year: 2026,
      limit: 50,
      ...(cursor ? { cursor } : {}),
    })
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

const leaveLine = (v: MinutesView, id: string) => v.attendance!.onLeave.find((p) => p.memberId === id)

test('minutes.get shows the leave category to members and the 党委, the note to the member and the organizers', async () => {
  const { m, leaver, final } = await finalizedWithLeave()
  expect(leaveLine(final, leaver)!.note).toBe(`因病：${NOTE}`)

  for (const viewer of [MEMBER_B1, SUPERVISOR]) {
    const view = await ok(viewer, 'minutes.get', { meetingId: m.id })
    expect(leaveLine(view, leaver)!.note).toBe('因病')
    expect(JSON.stringify(view)).not.toContain(NOTE)
  }
  for (const viewer of [leaver, SECRETARY_B1, DEPUTY_B1, ORGANIZER_B1]) {
    const view = await ok(viewer, 'minutes.get', { meetingId: m.id })
    expect(leaveLine(view, leaver)!.note).toBe(`因病：${NOTE}`)
  }

  // The locked record keeps the note, and the chain over it still verifies.
  const stored = await api.ports.store.get<MinutesDoc>('minutes', m.id)
  expect(stored!.attendance!.onLeave.find((p) => p.memberId === leaver)!.note).toBe(`因病：${NOTE}`)
  expect((await ok(MEMBER_B1, 'minutes.verify', { branchId: 'org_b1' })).ok).toBe(true)
})

test('the book and both .docx exports carry the category only, except for the organizers', async () => {
  const { m, leaver } = await finalizedWithLeave()
  for (const viewer of [MEMBER_B1, SUPERVISOR]) {
    const book = await wholeBook(viewer)
    const entry = book.find((e) => e.meetingId === m.id)!
    expect(entry.attendance!.onLeave.find((p) => p.memberId === leaver)!.note).toBe('因病')
    expect(JSON.stringify(book)).not.toContain(NOTE)

    const one = await docxText(await ok(viewer, 'minutes.export', { meetingId: m.id }))
    expect(one).toContain('请假隐私测试')
    expect(one).toContain('因病')
    expect(one).not.toContain(NOTE)
    const year = await docxText(await ok(viewer, 'minutes.exportBook', { branchId: 'org_b1', year: 2026 }))
    expect(year).toContain('请假隐私测试')
    expect(year).not.toContain(NOTE)
  }
  const organizers = await docxText(await ok(SECRETARY_B1, 'minutes.export', { meetingId: m.id }))
  expect(organizers).toContain(NOTE)
  const own = await wholeBook(leaver)
  expect(JSON.stringify(own)).toContain(NOTE)
})

test('the board keeps hiding the note from other members', async () => {
  const m = await ok(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00' }),
    true,
  )
  const leaver = m.participants.find((p) => ![SECRETARY_B1, DEPUTY_B1, ORGANIZER_B1, MEMBER_B1].includes(p.id))!.id
  await ok(leaver, 'leave.request', { meetingId: m.id, category: 'sick', note: NOTE }, true)
  const member = await ok(MEMBER_B1, 'attendance.board', { meetingId: m.id })
  expect(member.people.find((p) => p.memberId === leaver)!.leave).toMatchObject({ category: 'sick', note: '' })
  const own = await ok(leaver, 'attendance.board', { meetingId: m.id })
  expect(own.people.find((p) => p.memberId === leaver)!.leave!.note).toBe(NOTE)
  const secretary = await ok(SECRETARY_B1, 'attendance.board', { meetingId: m.id })
  expect(secretary.people.find((p) => p.memberId === leaver)!.leave!.note).toBe(NOTE)
})
