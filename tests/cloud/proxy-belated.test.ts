/**
 * How each person attended is on the record (issue 18 §4), through the real router on the embedded
 * store: 代为登记 (who, when, why), 离线补传 (confirmed by whom, when), 迟到 and 补登 — 代为登记 more
 * than 24 hours (rule data) after the end — appear in the locked minutes, the .docx and the book.
 * The finding: a secretary marked members present ten days after a 党员大会 and nothing said so.
 */
import JSZip from 'jszip'
import type { MinutesContent } from '../../src/domain/minutes'
import type { DocxFile, MinutesBook, MinutesView } from '../../src/domain/api/views-minutes'
import { DEFAULT_ATTENDANCE_RULES } from '../../src/domain/attendance'
import { signInToken } from '../../src/domain/attendance-token'
import { fromBeijing } from '../../src/domain/beijing-time'
import { SECRETARY_B1, apiPerTest, meetingAt, okData, requestIds } from './api-fixture'

const api = apiPerTest()
/** The first branch's secretary, who schedules, marks, confirms and finalizes. */
const sec = () => api.as(SECRETARY_B1)
const rid = requestIds('proxy-belated')

const HOUR = 3_600_000
const DAY = 24 * HOUR
const START = fromBeijing('2026-11-22', '14:00')
const END = fromBeijing('2026-11-22', '16:00')
const ON_TIME = 'm_b1_04'
const EXACT = 'm_b1_05'
const TEN_DAYS = ['m_b1_06', 'm_b1_07', 'm_b1_08']
const OFFLINE = 'm_b1_09'

async function documentText(file: DocxFile): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(file.base64!, 'base64'))
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
}

function written(view: MinutesView): MinutesContent {
  const c = view.content!
  return {
    ...c,
    chair: '张建国',
    recorder: '李晓红',
    items: c.items.map((item, i) => ({ ...item, speeches: `第${i + 1}项发言`, decision: `第${i + 1}项决议` })),
  }
}

test('代为登记 late is 补登 and every mark of how someone attended is in the minutes, the .docx and the book', async () => {
  expect(DEFAULT_ATTENDANCE_RULES.manualBelatedAfterMs).toBe(DAY)
  const m = await meetingAt(api, 'signin-open', { kind: 'branch_congress', title: '支部党员大会' })
  const code = await sec().call('attendance.openCode', { meetingId: m.id }, rid())
  const secretary = (await api.ports.store.get<{ name: string }>('members', SECRETARY_B1))!.name

  // During the meeting: one marked by hand at 14:20 (迟到 is not judged for 代为登记), one offline scan.
  api.clock.now = START + 20 * 60_000
  await sec().call('attendance.markManual', { meetingId: m.id, memberId: ON_TIME, reason: '手机没电' }, rid())
  const scanned = START + 2 * 60_000
  const token = signInToken(code.secret, m.id, scanned)
  api.clock.now = END + HOUR
  await okData(
    api.as(OFFLINE).raw('attendance.signIn', { meetingId: m.id, token, offline: true, deviceTime: scanned }, rid()),
  )
  await sec().call('attendance.offlineConfirm', { meetingId: m.id, memberIds: [OFFLINE] }, rid())

  // Exactly 24 hours after the end is not yet 补登; ten days later is.
  api.clock.now = END + DAY
  await sec().call('attendance.markManual', { meetingId: m.id, memberId: EXACT, reason: '会后补记' }, rid())
  api.clock.now = END + 10 * DAY
  for (const id of TEN_DAYS) {
    await sec().call('attendance.markManual', { meetingId: m.id, memberId: id, reason: '会后补记' }, rid())
  }
  const board = await sec().call('attendance.board', { meetingId: m.id })
  const on = (id: string) => board.people.find((p) => p.memberId === id)!
  expect(on(ON_TIME).belated).toBe(false)
  expect(on(EXACT).belated).toBe(false)
  expect(TEN_DAYS.every((id) => on(id).belated)).toBe(true)

  await sec().call('attendance.confirm', { meetingId: m.id }, rid())
  const view = await sec().call('minutes.get', { meetingId: m.id })
  const draft = await sec().call(
    'minutes.saveDraft',
    { meetingId: m.id, version: view.version, content: written(view) },
    rid(),
  )
  const final = await sec().call('minutes.finalize', { meetingId: m.id, version: draft.version }, rid())

  const noteOf = (id: string) => final.attendance!.attended.find((p) => p.memberId === id)!.note
  expect(noteOf(ON_TIME)).toBe(`代为登记：${secretary}于11月22日 14:20登记，原因：手机没电`)
  expect(noteOf(EXACT)).toBe(`代为登记：${secretary}于11月23日 16:00登记，原因：会后补记`)
  expect(noteOf(TEN_DAYS[0])).toBe(`补登·代为登记：${secretary}于12月02日 16:00登记，原因：会后补记`)
  expect(noteOf(OFFLINE)).toBe(`迟到；离线补传：${secretary}于11月22日 17:00确认`)

  const docx = await documentText(await sec().call('minutes.export', { meetingId: m.id }))
  expect(docx).toContain(`补登·代为登记：${secretary}于12月02日 16:00登记，原因：会后补记`)
  expect(docx).toContain(`离线补传：${secretary}于11月22日 17:00确认`)

  const entries = []
  let cursor: string | null = null
  do {
    const page: MinutesBook = await sec().call('minutes.book', { branchId: m.branchId, year: 2026, cursor })
    entries.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  const entry = entries.find((e) => e.meetingId === m.id)!
  expect(entry.attendance!.attended.find((p) => p.memberId === TEN_DAYS[1])!.note).toMatch(/^补登·代为登记：/)
})
