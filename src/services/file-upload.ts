/**
 * Putting a file from the device into storage before the call that uses it (src/domain/uploads.ts):
 * `Taro.cloud.uploadFile` into cloud storage in WeChat, the local host's `POST /api/upload` in the
 * browser. Either gives back the file id the action takes. A file that must wait for the network
 * (a 报到 photo made offline) is first copied where WeChat keeps it across restarts.
 */
import Taro from '@tarojs/taro'
import { ApiCallError, NETWORK_MESSAGE } from './api'
import { readSession } from './session'

/** The local host's stand-in for WeChat's storage upload (scripts/local-host.ts). */
export const UPLOAD_PATH = '/api/upload'

const isWeapp = () => process.env.TARO_ENV === 'weapp'

const gone = () =>
  new ApiCallError('VALIDATION_FAILED', '要上传的文件已不在手机上（可能已被微信清理），请重新选择后再提交。')

async function uploadWeapp(cloudPath: string, filePath: string): Promise<string> {
  try {
    Taro.getFileSystemManager().accessSync(filePath)
  } catch {
    throw gone()
  }
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath })
    return res.fileID
  } catch {
    // The file is there, so it is the way to storage that failed: try again when online.
    throw new ApiCallError('NETWORK', NETWORK_MESSAGE)
  }
}

async function uploadBrowser(cloudPath: string, filePath: string): Promise<string> {
  let body: Blob
  try {
    body = await (await fetch(filePath)).blob()
  } catch {
    throw gone()
  }
  const session = readSession()
  let res: Response
  try {
    res = await fetch(`${UPLOAD_PATH}?path=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: {
        'content-type': body.type || 'application/octet-stream',
        ...(session ? { authorization: `Bearer ${session.token}` } : {}),
      },
      body,
    })
  } catch {
    throw new ApiCallError('NETWORK', NETWORK_MESSAGE)
  }
  const reply = (await res.json().catch(() => null)) as {
    fileID?: string
    error?: { code?: string; message?: string }
  } | null
  if (res.ok && reply?.fileID) return reply.fileID
  const code = reply?.error?.code === 'UNAUTHENTICATED' ? 'UNAUTHENTICATED' : 'VALIDATION_FAILED'
  throw new ApiCallError(code, reply?.error?.message ?? `文件没有上传成功（HTTP ${res.status}），请稍后重试。`)
}

/**
 * Uploads the device file at `filePath` (a temp or saved file path in WeChat; a `data:` or `blob:`
 * URL in the browser) to `cloudPath` in storage. Returns the file id. Throws ApiCallError: NETWORK
 * when storage cannot be reached (retry later), VALIDATION_FAILED when the file is no longer on the
 * device or the upload was refused, with a Chinese message saying what to do.
 */
export function uploadFile(cloudPath: string, filePath: string): Promise<string> {
  return isWeapp() ? uploadWeapp(cloudPath, filePath) : uploadBrowser(cloudPath, filePath)
}

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(blob)
  })
}

/**
 * A copy of a chosen file that lasts until it is sent: WeChat clears temp files when the app
 * closes, so the file is copied into the app's own user data folder (`name` makes it unique); in the
 * browser a `blob:` URL dies with the page, so it becomes a `data:` URL, kept with the draft.
 * Returns the lasting path; throws when the file cannot be read.
 */
export async function keepOnDevice(filePath: string, name: string): Promise<string> {
  if (!isWeapp()) return filePath.startsWith('data:') ? filePath : dataUrlOf(await (await fetch(filePath)).blob())
  const dest = `${Taro.env.USER_DATA_PATH}/${name}`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().copyFile({ srcPath: filePath, destPath: dest, success: () => resolve(), fail: reject }),
  )
  return dest
}

/** Removes a copy made by `keepOnDevice` once its file has been sent; anything else is left alone. */
export function discardDeviceFile(filePath: string): void {
  if (!isWeapp() || !filePath.startsWith(`${Taro.env.USER_DATA_PATH}/`)) return
  try {
    Taro.getFileSystemManager().unlinkSync(filePath)
  } catch {
    // Already gone: nothing to free.
  }
}
