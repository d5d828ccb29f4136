/**
 * 补登 and photo flags in the record (issue 18 §4), through the real router on the embedded store:
 * 代为登记 later than 24 hours (rule data) after the end makes the minutes carry a 补登 flag like 补录
 * — locked with the attendance, in minutes.get, the book and the .docx — and the 党委's matrix flags the
 * meeting for a second look; verifying the chain lists album photos and photos received long after the
 * meeting, and refuses a photo whose recorded source was changed after finalize.
 */
import JSZip from 'jszip'
import type { BookEntry, DocxFile, MinutesBook, MinutesView } from '../../src/domain/api/views-minutes'
import { DEFAULT_ATTENDANCE_RULES } from '../../src/domain/attendance'
import { belatedNames } from '../../src/domain/minutes-attendance'
import { photoUploadDir } from '../../src/domain/minutes'
import { FLAG_LABELS } from '../../src/domain/supervision'
import { MEMBER_B1, PROBATIONARY_B1, SECRETARY_B1, SUPERVISOR, apiPerTest, meetingAt, requestIds } from './api-fixture'

const api = apiPerTest()
const rid = requestIds('belated-flags')
const HOUR = 3_600_000
const sec = () => api.as(SECRETARY_B1)

async function finalize(meetingId: string): Promise<MinutesView> {
  await sec().call('attendance.confirm', { meetingId }, rid())
  const view = await sec().call('minutes.get', { meetingId })
  const content = {
    ...view.content!,
    chair: '张建国',
    recorder: '李晓红',
    items: view.content!.items.map((item) => ({ ...item, speeches: '发言', decision: '决议' })),
  }
  const draft = await sec().call('minutes.saveDraft', { meetingId, version: view.version, content }, rid())
  await sec().call('minutes.finalize', { meetingId, version: draft.version }, rid())
  return sec().call('minutes.get', { meetingId })
}

async function docxText(file: DocxFile): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(file.base64!, 'base64'))
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
}

test('代为登记 after the limit is 补登: flagged in the locked minutes, the book, the .docx and the matrix', async () => {
  expect(DEFAULT_ATTENDANCE_RULES.manualBelatedAfterMs).toBe(24 * HOUR)
  const m = await meetingAt(api, 'ended')
  const end = m.endAt
  // Exactly at the limit is not 补登; a millisecond after it is.
  api.clock.now = end + 24 * HOUR
  await sec().call('attendance.markManual', { meetingId: m.id, memberId: MEMBER_B1, reason: '会场登记' }, rid())
  api.clock.now = end + 24 * HOUR + 1
  await sec().call('attendance.markManual', { meetingId: m.id, memberId: PROBATIONARY_B1, reason: '漏签' }, rid())

  const view = await finalize(m.id)
  const late = view.attendance!.attended.find((p) => p.memberId === PROBATIONARY_B1)!
  expect(view.attendance!.belated).toEqual([PROBATIONARY_B1])
  expect(belatedNames(view.attendance)).toEqual([late.name])
  const locked = await api.ports.store.get<{ attendance: { belated?: string[] } }>('minutes', m.id)
  expect(locked!.attendance.belated).toEqual([PROBATIONARY_B1])

  const entries: BookEntry[] = []
  let cursor: string | null = null
  do {
    const page: MinutesBook = await sec().call('minutes.book', { branchId: m.branchId, year: 2026, cursor })
    entries.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  expect(belatedNames(entries.find((e) => e.meetingId === m.id)!.attendance)).toEqual([late.name])
  const text = await docxText(await sec().call('minutes.export', { meetingId: m.id }))
  expect(text).toContain(`【补登】${late.name} 的出席是会议结束超过规定时限后代为登记的`)

  const matrix = await api.as(SUPERVISOR).call('supervision.matrix', { orgId: 'org_cmte', year: 2026 })
  const row = matrix.rows.find((r) => r.orgId === 'org_b1')!
  expect(row.flags).toContainEqual(
    expect.objectContaining({ meetingId: m.id, reason: 'belated', label: FLAG_LABELS.belated }),
  )
  // The chain still verifies with the flag locked in.
  expect((await sec().call('minutes.verify', { branchId: m.branchId })).ok).toBe(true)
})

test('代为登记 within the limit carries no 补登 flag anywhere', async () => {
  const m = await meetingAt(api, 'ended')
  await sec().call('attendance.markManual', { meetingId: m.id, memberId: MEMBER_B1, reason: '会场登记' }, rid())
  const view = await finalize(m.id)
  expect(view.attendance!.belated).toBeUndefined()
  expect(belatedNames(view.attendance)).toEqual([])
  expect(await docxText(await sec().call('minutes.export', { meetingId: m.id }))).not.toContain('【补登】')
  const matrix = await api.as(SUPERVISOR).call('supervision.matrix', { orgId: 'org_cmte', year: 2026 })
  const row = matrix.rows.find((r) => r.orgId === 'org_b1')!
  expect(row.flags.filter((f) => f.meetingId === m.id && f.reason === 'belated')).toEqual([])
})

test('verify lists album and late photos, and refuses a photo whose source was changed after finalize', async () => {
  const m = await meetingAt(api, 'ended')
  const png = (label: string) =>
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(label)])
  const put = async (label: string) =>
    (await api.ports.files.put(`${photoUploadDir(m.id)}${rid()}.png`, png(label), 'image/png')).fileId
  await sec().call('minutes.addPhoto', { meetingId: m.id, fileId: await put('camera'), source: 'camera' }, rid())
  await sec().call('minutes.addPhoto', { meetingId: m.id, fileId: await put('album'), source: 'album' }, rid())
  api.clock.now = m.endAt + 2 * 24 * HOUR
  await sec().call('minutes.addPhoto', { meetingId: m.id, fileId: await put('late'), source: 'camera' }, rid())
  await finalize(m.id)

  const report = await sec().call('minutes.verify', { branchId: m.branchId })
  expect(report.ok).toBe(true)
  const mine = report.photoFlags.filter((f) => f.meetingId === m.id)
  expect(mine.map((f) => [f.photo, f.flag])).toEqual([
    [2, '相册选取'],
    [3, '会后 2 天收到'],
  ])
  expect(mine[0].meetingTitle).toBe(m.title)

  // Rewriting the album photo's record as taken with the camera is caught by the chain.
  const locked = await api.ports.store.get<{ photos: { id: string }[] }>('minutes', m.id)
  const photo = await api.ports.store.get<{ source: string }>('photos', locked!.photos[1].id)
  await api.ports.store.update('photos', photo!._id, { source: 'camera' }, photo!._version)
  const tampered = await sec().call('minutes.verify', { branchId: m.branchId })
  expect(tampered.ok).toBe(false)
  expect(tampered.firstProblem).toMatchObject({ field: 'photo', meetingId: m.id })
  expect(tampered.firstProblem!.message).toContain('照片 2 的来源记录在定稿后被改动（定稿时为相册选取）')
})
