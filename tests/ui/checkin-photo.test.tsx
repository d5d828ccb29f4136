/**
 * A 报到 photo travels through storage, never inside the call (src/domain/uploads.ts), and the
 * outbox holds it while offline: the photo stays on the device (copied out of WeChat's temp files),
 * is uploaded when the network returns, and the check-in then carries its file id. As in WeChat
 * (TARO_ENV=weapp): the device's files and `cloud.uploadFile` are stand-ins at the WeChat boundary,
 * uploading into the very files the real server code reads.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import CheckinPage from '../../src/packages/mobile/pages/checkin/index'
import { flushOutbox, usePendingWrites, pendingWrites } from '../../src/services/outbox'
import { navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink, typeInto } from './real-api'

const MOBILE = 'm_b1_10'
const TEMP_PHOTO = 'http://tmp/photo-1.jpg'
const USER_DATA = 'wxfile://usr'
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('a photo from the phone camera')])

/** The phone's files: WeChat's temp files and the app's user data folder. */
const device = new Map<string, Buffer>()
const uploads: string[] = []
const missing = (path: string) => Object.assign(new Error(`no such file or directory ${path}`), { errMsg: 'fail' })

// WeChat's file and storage APIs, as far as the check-in uses them.
const wx = Taro as unknown as Record<string, unknown>
wx.env = { USER_DATA_PATH: USER_DATA }
wx.chooseImage = () => Promise.resolve({ tempFiles: [{ path: TEMP_PHOTO, size: JPEG.length }] })
wx.getFileSystemManager = () => ({
  accessSync: (path: string) => {
    if (!device.has(path)) throw missing(path)
  },
  copyFile: (o: { srcPath: string; destPath: string; success: () => void; fail: (e: unknown) => void }) => {
    const content = device.get(o.srcPath)
    if (!content) return o.fail(missing(o.srcPath))
    device.set(o.destPath, content)
    o.success()
  },
  unlinkSync: (path: string) => {
    if (!device.delete(path)) throw missing(path)
  },
})
;(wx.cloud as Record<string, unknown>).uploadFile = async (o: { cloudPath: string; filePath: string }) => {
  if (link.offline) throw { errMsg: 'cloud.uploadFile:fail request:fail network is down' }
  uploads.push(o.cloudPath)
  const stored = await link.api!.ports.files.put(o.cloudPath, device.get(o.filePath)!, 'image/jpeg')
  return { fileID: stored.fileId, statusCode: 200, errMsg: 'cloud.uploadFile:ok' }
}

const taroEnv = process.env.TARO_ENV
beforeEach(async () => {
  process.env.TARO_ENV = 'weapp'
  resetTaroMock()
  device.clear()
  device.set(TEMP_PHOTO, JPEG)
  uploads.length = 0
  await openLink(MOBILE)
  // The page stamps the device's real clock; the server must not be behind it.
  link.api!.clock.now = Date.now() + 60_000
})
afterEach(async () => {
  process.env.TARO_ENV = taroEnv
  await closeLink()
})

/** The check-ins this test made (the demo member has earlier ones). */
const newCheckins = async () =>
  (
    await link.api!.ports.store.query<{ _id: string; photoFileId: string | null }>('checkins', {
      where: [{ field: 'memberId', op: 'eq', value: MOBILE }],
      limit: 50,
    })
  ).items.filter((c) => !c._id.startsWith('ci_seed_'))

async function fillWithPhoto(container: HTMLElement) {
  typeInto(container, 'field-city', '广东省深圳市')
  typeInto(container, 'field-note', '在深圳项目部工作，参加了流入地党支部的学习。')
  await act(async () => fireEvent.click(container.querySelector('#checkin-photo')!))
  await waitFor(() => expect(container.querySelector('#checkin-photo-remove')).not.toBeNull())
}

function Refused() {
  const { refused } = usePendingWrites('mobile.checkIn')
  return <p id="refused">{refused.map((r) => r.message).join('|')}</p>
}

test('online, the photo is uploaded into the check-in folder first and the call carries only its file id', async () => {
  const { container } = render(<CheckinPage />)
  await fillWithPhoto(container)
  await act(async () => fireEvent.click(container.querySelector('#checkin-submit')!))
  await waitFor(() => expect(navigation.calls.at(-1)?.url).toMatch(/mobile\/pages\/home/))

  const sent = link.sent.find((e) => e.action === 'mobile.checkIn')!
  const input = sent.input as { id: string; photoFileId: string }
  expect(uploads).toEqual([`uploads/checkins/${input.id}/photo.jpg`])
  expect(input.photoFileId).toBe(`local:uploads/checkins/${input.id}/photo.jpg`)
  expect(JSON.stringify(sent).length).toBeLessThan(1000)
  const [saved] = await newCheckins()
  expect(await link.api!.ports.files.get(saved.photoFileId!)).toEqual(JPEG)
  // The copy kept on the device is freed once sent.
  expect([...device.keys()]).toEqual([TEMP_PHOTO])
})

test('offline, the photo waits on the device with the check-in and is uploaded when the network returns', async () => {
  const { container, unmount } = render(<CheckinPage />)
  await fillWithPhoto(container)
  link.offline = true
  await act(async () => fireEvent.click(container.querySelector('#checkin-submit')!))
  await waitFor(() => expect(navigation.calls.at(-1)?.url).toMatch(/mobile\/pages\/home/))
  unmount()

  const [queued] = pendingWrites()
  expect(queued).toMatchObject({ action: 'mobile.checkIn', input: { photoFileId: null } })
  const kept = queued.uploads![0]
  expect(kept).toMatchObject({
    field: 'photoFileId',
    cloudPath: expect.stringMatching(/^uploads\/checkins\/.+\/photo\.jpg$/),
  })
  expect(kept.filePath.startsWith(`${USER_DATA}/`)).toBe(true)
  expect(kept.fileId).toBeUndefined()
  expect(uploads).toEqual([])
  expect(await newCheckins()).toHaveLength(0)

  // The app is closed and opened again: WeChat clears its temp files, the kept copy stays.
  device.delete(TEMP_PHOTO)
  link.offline = false
  await act(async () => {
    await flushOutbox()
  })
  expect(pendingWrites()).toEqual([])
  expect(uploads).toEqual([kept.cloudPath])
  const [saved] = await newCheckins()
  expect(saved.photoFileId).toMatch(new RegExp(`^local:checkins/${MOBILE}/.+\\.jpg$`))
  expect(await link.api!.ports.files.get(saved.photoFileId!)).toEqual(JPEG)
  // The upload was only the way in, and the device copy is freed.
  await expect(link.api!.ports.files.get(`local:${kept.cloudPath}`)).rejects.toMatchObject({ code: 'ENOENT' })
  expect(device.size).toBe(0)
  // Flushing again sends nothing twice.
  await act(async () => {
    await flushOutbox()
  })
  expect(await newCheckins()).toHaveLength(1)
})

test('a check-in whose kept photo is gone from the phone is refused in Chinese, not sent without it', async () => {
  const { container, unmount } = render(<CheckinPage />)
  await fillWithPhoto(container)
  link.offline = true
  await act(async () => fireEvent.click(container.querySelector('#checkin-submit')!))
  await waitFor(() => expect(pendingWrites()).toHaveLength(1))
  unmount()

  device.clear()
  link.offline = false
  const refused = render(<Refused />)
  await act(async () => {
    await flushOutbox()
  })
  expect(pendingWrites()).toEqual([])
  expect(refused.container.querySelector('#refused')!.textContent).toMatch(/已不在手机上.*请重新选择/)
  expect(await newCheckins()).toHaveLength(0)
})
