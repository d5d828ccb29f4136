/**
 * Photos and documents on the device, for the minutes pages: a photo taken in the app, compressed
 * and uploaded to storage before `minutes.addPhoto` takes its file id (`chooseMedia` +
 * `compressImage` in WeChat, a file input and a canvas in the browser; src/services/file-upload.ts
 * puts either into storage), and a generated .docx handed over (opened with `openDocument` in
 * WeChat after downloading or writing it to a temp file, downloaded in the browser).
 */
import Taro from '@tarojs/taro'
import { newRequestId } from '../../services/api'
import { downloadInBrowser, writeUserFile } from '../../services/file-saver'
import { uploadFile } from '../../services/file-upload'
import type { PhotoSource } from '../../domain/photo-source'

/** A photo ready for `minutes.addPhoto`: uploaded into the meeting's folder in storage. */
export interface TakenPhoto {
  fileId: string
  /** Taken with the camera just now, or chosen from the album (the record flags album photos). */
  source: PhotoSource
}

/** A picked file counts as just taken when it was written this recently (the browser's only hint). */
const JUST_TAKEN_MS = 2 * 60_000

/** Long edge after compression: enough to read faces and a banner, small enough to upload. */
const MAX_EDGE = 1280
const QUALITY = 0.7

/**
 * WeChat: the compressed photo's temp file path and its source, or null when the person chose none.
 * The person picks 拍照 or 从相册选择 first, so `chooseMedia` is asked for that one `sourceType` and
 * the source is known.
 */
async function takeWeapp(): Promise<{ path: string; source: PhotoSource } | null> {
  let source: PhotoSource
  try {
    const { tapIndex } = await Taro.showActionSheet({ itemList: ['拍照', '从相册选择'] })
    source = tapIndex === 0 ? 'camera' : 'album'
  } catch {
    return null // closed without choosing
  }
  let chosen
  try {
    chosen = await Taro.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: [source],
      sizeType: ['compressed'],
    })
  } catch {
    return null // closed without choosing
  }
  const file = chosen.tempFiles[0]
  if (!file) return null
  const small = await Taro.compressImage({
    src: file.tempFilePath,
    quality: Math.round(QUALITY * 100),
    compressedWidth: MAX_EDGE,
  })
  return { path: small.tempFilePath, source }
}

/** Browser: the photo scaled down on a canvas, as a JPEG `data:` URL. */
function compressInBrowser(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file)
    const img = new window.Image()
    img.onload = () => {
      const scale = Math.min(1, MAX_EDGE / Math.max(img.width, img.height))
      const canvas = document.createElement('canvas')
      canvas.width = Math.max(1, Math.round(img.width * scale))
      canvas.height = Math.max(1, Math.round(img.height * scale))
      const g = canvas.getContext('2d')!
      // JPEG has no transparency: paint white first, or transparent areas turn black.
      g.fillStyle = '#fff'
      g.fillRect(0, 0, canvas.width, canvas.height)
      g.drawImage(img, 0, 0, canvas.width, canvas.height)
      URL.revokeObjectURL(url)
      resolve(canvas.toDataURL('image/jpeg', QUALITY))
    }
    img.onerror = () => {
      URL.revokeObjectURL(url)
      reject(new Error('这张图片无法读取，请换一张'))
    }
    img.src = url
  })
}

/**
 * Browser: the compressed photo and its source: 'camera' only when the picked file was written in
 * the last two minutes (the `capture` input on a phone), else 'album'.
 */
function takeBrowser(): Promise<{ path: string; source: PhotoSource } | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/*'
    input.setAttribute('capture', 'environment')
    input.style.display = 'none'
    input.id = 'photo-input'
    input.onchange = () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return resolve(null)
      const source: PhotoSource = Date.now() - file.lastModified <= JUST_TAKEN_MS ? 'camera' : 'album'
      compressInBrowser(file).then((path) => resolve({ path, source }), reject)
    }
    document.body.appendChild(input)
    input.click()
  })
}

/**
 * Takes or chooses a photo, compresses it and uploads it into `uploadDir` (`photoUploadDir(meetingId)`
 * in src/domain/minutes.ts). Returns its file id and source, or null when the person chose none; throws
 * ApiCallError (src/services/file-upload.ts) when the upload fails.
 */
export async function takePhoto(uploadDir: string): Promise<TakenPhoto | null> {
  const taken = process.env.TARO_ENV === 'weapp' ? await takeWeapp() : await takeBrowser()
  if (!taken) return null
  return { fileId: await uploadFile(`${uploadDir}${newRequestId()}.jpg`, taken.path), source: taken.source }
}

/** Hands a generated document to the person. */
export async function openDocx(file: {
  filename: string
  contentType: string
  base64: string | null
  fileId: string | null
}): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    // openDocument needs a local path: downloaded from cloud storage, or written from the reply.
    let filePath: string
    if (file.fileId) {
      filePath = (await Taro.cloud.downloadFile({ fileID: file.fileId })).tempFilePath
    } else {
      filePath = await writeUserFile(file.filename, file.base64 ?? '', 'base64')
    }
    await Taro.openDocument({ filePath, fileType: 'docx', showMenu: true })
    return
  }
  if (!file.base64) throw new Error('这份文件保存在云存储中，请在微信小程序中导出。')
  const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0))
  downloadInBrowser(file.filename, bytes, file.contentType)
}
