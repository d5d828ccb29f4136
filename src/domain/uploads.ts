/**
 * Files travel to storage before the call that uses them: a cloud function's request is kept under
 * 100 KB (src/domain/api/request-size.ts), so a photo or a roster file is uploaded first and the
 * action takes the id storage gave it. Each kind of upload has a declared folder and a size limit;
 * the server reads only files under the folder the action names, and checks size and content there.
 *
 * The WeChat client uploads with `Taro.cloud.uploadFile` into cloud storage (`cloud://…` ids); the
 * browser posts to the local host's `POST /api/upload`, which writes the same path into the host's
 * local files (`local:…` ids). Either way the server reads it through the Files port.
 */
import { photoUploadDir } from './minutes'

/** Every client upload goes under this folder, and the local host accepts uploads nowhere else. */
export const UPLOAD_ROOT = 'uploads/'

export interface UploadKind {
  /** The folder (ending in `/`) the file must be in. */
  dir: string
  /** The largest file accepted, in bytes. */
  maxBytes: number
  /** What the person calls the file, for messages: 报到照片, 名单文件. */
  what: string
}

/** A 报到 photo: in its check-in's own folder, so it can serve that check-in only. Up to 1 MB. */
export const checkinPhotoUpload = (checkinId: string): UploadKind => ({
  dir: `${UPLOAD_ROOT}checkins/${checkinId}/`,
  maxBytes: 1024 * 1024,
  what: '报到照片',
})

/** A roster CSV to import; 512 KB holds several thousand rows, far above MAX_IMPORT_ROWS. */
export const rosterFileUpload: UploadKind = { dir: `${UPLOAD_ROOT}roster/`, maxBytes: 512 * 1024, what: '名单文件' }

/** A photo for a meeting's minutes, in that meeting's folder; the device compresses well below 1 MB. */
export const minutesPhotoUpload = (meetingId: string): UploadKind => ({
  dir: photoUploadDir(meetingId),
  maxBytes: 1_050_000,
  what: '照片',
})

/**
 * The storage path of a new upload: `name` must be unique (the client makes it, e.g. a request id)
 * and `ext` is the file's extension without the dot. Returns e.g. `uploads/roster/r_abc.csv`.
 */
export function uploadPath(kind: UploadKind, name: string, ext: string): string {
  return `${kind.dir}${name}.${ext}`
}

/** Size in KB, one decimal, for messages. */
export const kilobytes = (bytes: number): string => (bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)
