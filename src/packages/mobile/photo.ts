/**
 * An optional photo for a check-in: chosen (compressed) on the device and read as base64. In WeChat
 * through the file system manager; in the browser by reading the chosen image's blob.
 */
import Taro from '@tarojs/taro'

/** The server takes up to about 300 KB. */
export const MAX_PHOTO_BYTES = 300 * 1024

async function readBase64(path: string): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    return new Promise<string>((resolve, reject) =>
      Taro.getFileSystemManager().readFile({
        filePath: path,
        encoding: 'base64',
        success: (r) => resolve(r.data as string),
        fail: reject,
      }),
    )
  }
  const blob = await (await fetch(path)).blob()
  return new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(blob)
  })
}

/** Null when the person closed the chooser; throws with a Chinese message when the photo is too big. */
export async function choosePhoto(): Promise<string | null> {
  let chosen
  try {
    chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] })
  } catch {
    return null
  }
  const file = chosen.tempFiles[0]
  if (!file) return null
  if (file.size > MAX_PHOTO_BYTES) throw new Error('照片太大：请选择 300 KB 以内的照片，或不附照片')
  return readBase64(file.path)
}
