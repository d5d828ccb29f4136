/**
 * Handing a generated file to the person: a download in the browser; in WeChat the file is written
 * to the app's own storage, then offered to forward to a chat (where a secretary keeps such files)
 * or opened (documents).
 */
import Taro from '@tarojs/taro'
import type { ExportFile } from '../domain/api/views-supervision'

/** Writes a file into the mini-program's own storage and returns its path (WeChat only). */
export function writeUserFile(filename: string, data: string, encoding: 'utf8' | 'base64'): Promise<string> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
  return new Promise<string>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath, data, encoding, success: () => resolve(filePath), fail: reject }),
  )
}

/** Offers the bytes as a download (browser only). */
export function downloadInBrowser(filename: string, data: BlobPart, mime: string): void {
  const url = URL.createObjectURL(new Blob([data], { type: mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Hands over an exported file as the server gives it (`ExportFile`: inline base64 on the local
 * host, a cloud `fileId` in production). In WeChat a workbook or document opens with
 * `openDocument` (forwardable from its menu) and any other file (a CSV) is offered to forward to a
 * chat; in the browser it is downloaded. Throws an Error with a Chinese message when the browser
 * gets a file kept only in cloud storage; WeChat's own failures propagate.
 */
export async function saveExportFile(file: ExportFile): Promise<void> {
  const ext = file.filename.slice(file.filename.lastIndexOf('.') + 1).toLowerCase()
  if (process.env.TARO_ENV === 'weapp') {
    const filePath = file.fileId
      ? (await Taro.cloud.downloadFile({ fileID: file.fileId })).tempFilePath
      : await writeUserFile(file.filename, file.base64 ?? '', 'base64')
    if (DOCUMENT_TYPES.has(ext)) await Taro.openDocument({ filePath, fileType: ext as 'xlsx', showMenu: true })
    else await Taro.shareFileMessage({ filePath, fileName: file.filename })
    return
  }
  if (!file.base64) throw new Error('这份文件保存在云存储中，请在微信小程序中导出。')
  const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0))
  downloadInBrowser(file.filename, bytes, file.contentType)
}

/** What `openDocument` opens in WeChat. */
const DOCUMENT_TYPES = new Set(['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'])
