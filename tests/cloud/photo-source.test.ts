/**
 * Minutes photos record camera or album (issue 18 §4), through the real router on the embedded
 * store: the finding was that a photo chosen from the album days later got only today's server
 * stamp. Now the record says where it came from and flags album photos, photos of unknown source
 * and photos received more than 24 hours (rule data) after the meeting ended; the .docx says so too.
 */
import JSZip from 'jszip'
import type { DocxFile, MinutesView } from '../../src/domain/api/views-minutes'
import { fromBeijing } from '../../src/domain/beijing-time'
import { photoUploadDir } from '../../src/domain/minutes'
import { PHOTO_LATE_AFTER_MS } from '../../src/domain/photo-source'
import { ORGANIZER_B1, SECRETARY_B1, apiPerTest, meetingAt, okData, requestIds } from './api-fixture'

const api = apiPerTest()
const rid = requestIds('photo-source')
const END = fromBeijing('2026-11-22', '16:00')
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

async function upload(meetingId: string, label: string): Promise<string> {
  const bytes = Buffer.concat([PNG, Buffer.from(`photo ${label}`)])
  return (await api.ports.files.put(`${photoUploadDir(meetingId)}${rid()}.png`, bytes, 'image/png')).fileId
}

test('each photo records its source; album, unknown and long-after photos are flagged, in the view and the .docx', async () => {
  expect(PHOTO_LATE_AFTER_MS).toBe(24 * 3_600_000)
  const m = await meetingAt(api, 'ended')
  const add = async (label: string, source?: string) => {
    const fileId = await upload(m.id, label)
    const input = source === undefined ? { meetingId: m.id, fileId } : { meetingId: m.id, fileId, source }
    return api.as(ORGANIZER_B1).raw('minutes.addPhoto', input, rid())
  }
  const wrong = await add('screenshot', 'screenshot')
  expect(!wrong.ok && wrong.error.message).toMatch(/照片来源只能是现场拍摄或相册选取/)

  await add('camera', 'camera')
  await add('album', 'album')
  await add('unknown')
  api.clock.now = END + PHOTO_LATE_AFTER_MS
  await add('at the limit', 'camera')
  api.clock.now = END + 3 * 24 * 3_600_000 - 60_000
  const last = await okData<MinutesView>(add('three days later', 'camera'))
  const photos = last.photos.map((p) => ({ source: p.source, flag: p.flag, receivedAt: p.receivedAt }))
  expect(photos).toEqual([
    { source: 'camera', flag: '', receivedAt: END + 10 * 60_000 },
    { source: 'album', flag: '相册选取', receivedAt: END + 10 * 60_000 },
    { source: null, flag: '来源未知', receivedAt: END + 10 * 60_000 },
    { source: 'camera', flag: '', receivedAt: END + PHOTO_LATE_AFTER_MS },
    { source: 'camera', flag: '会后 3 天收到', receivedAt: END + 3 * 24 * 3_600_000 - 60_000 },
  ])

  const file: DocxFile = await api.as(SECRETARY_B1).call('minutes.export', { meetingId: m.id })
  const zip = await JSZip.loadAsync(Buffer.from(file.base64!, 'base64'))
  const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
  expect(text).toContain('相册选取')
  expect(text).toContain('会后 3 天收到')
})

test('the source is locked with the minutes, and the book .docx flags an album photo', async () => {
  const m = await meetingAt(api, 'ended')
  const sec = () => api.as(SECRETARY_B1)
  await sec().call('minutes.addPhoto', { meetingId: m.id, fileId: await upload(m.id, 'album'), source: 'album' }, rid())
  await sec().call('attendance.confirm', { meetingId: m.id }, rid())
  const view = await sec().call('minutes.get', { meetingId: m.id })
  const content = {
    ...view.content!,
    chair: '张建国',
    recorder: '李晓红',
    items: view.content!.items.map((item) => ({ ...item, speeches: '发言', decision: '决议' })),
  }
  const draft = await sec().call('minutes.saveDraft', { meetingId: m.id, version: view.version, content }, rid())
  await sec().call('minutes.finalize', { meetingId: m.id, version: draft.version }, rid())
  const locked = await api.ports.store.get<{ photos: { source?: string | null }[] }>('minutes', m.id)
  expect(locked!.photos.map((p) => p.source)).toEqual(['album'])

  const book: DocxFile = await sec().call('minutes.exportBook', { branchId: m.branchId, year: 2026 })
  const zip = await JSZip.loadAsync(Buffer.from(book.base64!, 'base64'))
  const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
  expect(text).toContain('相册选取')
})
