/**
 * Handing a generated file to the person: a download in the browser; in WeChat the file is written
 * to the app's own storage, then offered to forward to a chat (where a secretary keeps such files)
 * or opened (documents).
 */
import Taro from '@tarojs/taro'

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

export async function saveTextFile(filename: string, content: string, mime: string): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const filePath = await writeUserFile(filename, content, 'utf8')
    await Taro.shareFileMessage({ filePath, fileName: filename })
    return
  }
  downloadInBrowser(filename, content, mime)
}
