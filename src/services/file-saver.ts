/**
 * Handing a generated file to the person: a download in the browser; in WeChat the file is written
 * to the app's own storage and offered to forward to a chat (where a secretary keeps such files).
 */
import Taro from '@tarojs/taro'

export async function saveTextFile(filename: string, content: string, mime: string): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
    await new Promise<void>((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({
        filePath,
        data: content,
        encoding: 'utf8',
        success: () => resolve(),
        fail: reject,
      }),
    )
    await Taro.shareFileMessage({ filePath, fileName: filename })
    return
  }
  const url = URL.createObjectURL(new Blob([content], { type: mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
