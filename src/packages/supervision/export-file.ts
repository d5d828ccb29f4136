/**
 * Handing an export of the 党委's pages to the person: the matrix (.xlsx) or a branch's 述职评议
 * packet (.docx). In WeChat the file is written to (or downloaded into) the app's storage and opened
 * with `openDocument` (from where it can be forwarded); in the browser it is downloaded.
 */
import Taro from '@tarojs/taro'
import type { ExportFile } from '../../domain/api/views-supervision'
import { downloadInBrowser, writeUserFile } from '../../services/file-saver'

/**
 * Opens or downloads `file` (as `supervision.exportMatrix` / `.exportPacket` return it: inline
 * base64, or a cloud `fileId` in production). `fileType` is what `openDocument` needs. Throws an
 * Error with a Chinese message when the browser gets a file kept only in cloud storage.
 */
export async function handOver(file: ExportFile, fileType: 'xlsx' | 'docx'): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const filePath = file.fileId
      ? (await Taro.cloud.downloadFile({ fileID: file.fileId })).tempFilePath
      : await writeUserFile(file.filename, file.base64 ?? '', 'base64')
    await Taro.openDocument({ filePath, fileType, showMenu: true })
    return
  }
  if (!file.base64) throw new Error('这份文件保存在云存储中，请在微信小程序中导出。')
  const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0))
  downloadInBrowser(file.filename, bytes, file.contentType)
}
