/**
 * An optional photo for a check-in: chosen (compressed) on the device and kept there until the
 * check-in is sent, then uploaded to the check-in's own folder in storage (src/domain/uploads.ts),
 * whose file id the check-in carries. Kept, because a check-in made offline waits in the outbox.
 */
import Taro from '@tarojs/taro'
import { checkinPhotoUpload, kilobytes, uploadPath } from '../../domain/uploads'
import { keepOnDevice } from '../../services/file-upload'
import type { PendingUpload } from '../../services/outbox'

/** The input field of `mobile.checkIn` that takes the uploaded photo's id. */
export const PHOTO_FIELD = 'photoFileId'

/**
 * Asks for a photo for check-in `checkinId`. Returns its lasting path on the device (a saved file in
 * WeChat, a `data:` URL in the browser), or null when the person closed the chooser; throws with a
 * Chinese message when the photo is too big or cannot be read.
 */
export async function choosePhoto(checkinId: string): Promise<string | null> {
  let chosen
  try {
    chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] })
  } catch {
    return null
  }
  const file = chosen.tempFiles[0]
  if (!file) return null
  const { maxBytes } = checkinPhotoUpload(checkinId)
  if (file.size > maxBytes) {
    throw new Error(`照片太大（${kilobytes(file.size)} KB）：请选择 ${kilobytes(maxBytes)} KB 以内的照片，或不附照片`)
  }
  try {
    return await keepOnDevice(file.path, `checkin-${checkinId}${extensionOf(file.path)}`)
  } catch {
    throw new Error('照片无法读取，请重新选择或不附照片')
  }
}

function extensionOf(path: string): string {
  return /\.png$/i.test(path) || path.startsWith('data:image/png') ? '.png' : '.jpg'
}

/** Where the photo of check-in `checkinId` goes in storage, and into which input field its id goes. */
export function photoUpload(checkinId: string, photoPath: string): PendingUpload {
  const ext = extensionOf(photoPath).slice(1)
  return { field: PHOTO_FIELD, filePath: photoPath, cloudPath: uploadPath(checkinPhotoUpload(checkinId), 'photo', ext) }
}
