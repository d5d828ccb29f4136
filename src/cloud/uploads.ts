/**
 * Reading what a client uploaded before its call (src/domain/uploads.ts): the file must be one of
 * this host's storage, in the folder the action names, not empty and within the size limit. Every
 * refusal is a VALIDATION_FAILED naming the input field, in Chinese that says what to do.
 */
import { AppError } from '../domain/errors'
import { kilobytes, type UploadKind } from '../domain/uploads'
import { isMissingFile, type FilesPort } from './ports/files'

function refuse(field: string, message: string, summary = message): never {
  throw new AppError('VALIDATION_FAILED', summary, [{ field, message }])
}

/**
 * The content of an uploaded file. Takes the Files port, the file id from the input, the kind of
 * upload (folder, size limit, what it is called) and the input field's name. Returns its bytes;
 * throws AppError VALIDATION_FAILED when the id is not this storage's, the file is outside the
 * kind's folder, gone, empty or too big. Storage failures other than a missing file propagate.
 */
export async function readUpload(files: FilesPort, fileId: string, kind: UploadKind, field: string): Promise<Buffer> {
  const path = files.pathOf(fileId)
  if (path === null) {
    refuse(field, `${kind.what}的文件编号不是本系统存储中的，请重新选择${kind.what}后再提交。`)
  }
  if (!path.startsWith(kind.dir)) {
    refuse(field, `这个${kind.what}不是为这里上传的，请在本页重新选择${kind.what}后再提交。`)
  }
  let content: Buffer
  try {
    content = await files.get(fileId)
  } catch (err) {
    if (isMissingFile(err)) refuse(field, `${kind.what}已不在存储中（上传未完成或已被清理），请重新选择${kind.what}。`)
    throw err
  }
  if (content.length === 0) refuse(field, `${kind.what}是空的，请重新选择。`)
  if (content.length > kind.maxBytes) {
    refuse(
      field,
      `${kind.what}太大（${kilobytes(content.length)} KB），最大 ${kilobytes(kind.maxBytes)} KB，请压缩或换一个文件后重新选择。`,
    )
  }
  return content
}

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** The image format of some bytes, read from their signature; null for anything else. */
export function imageTypeOf(bytes: Buffer): ImageType | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png'
  if (bytes.length > 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    return 'image/webp'
  }
  return null
}

/** The file extension for an image type. */
export const IMAGE_EXTENSIONS: Record<ImageType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
}
