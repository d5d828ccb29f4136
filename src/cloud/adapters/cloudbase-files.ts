/**
 * Files in CloudBase storage through wx-server-sdk's `uploadFile` / `downloadFile` / `deleteFile`,
 * passed in as a small structural interface so tests can stand in for WeChat's servers.
 */
import { createHash } from 'node:crypto'
import { STORAGE_PATH_RE, type FilesPort, type StoredFile } from '../ports/files'

export interface CloudStorageApi {
  uploadFile(param: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  downloadFile(param: { fileID: string }): Promise<{ fileContent: Buffer }>
  deleteFile(param: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number; errMsg: string }[] }>
}

/** A CloudBase file id: `cloud://<env>.<bucket>/<path>`. */
const FILE_ID_RE = /^cloud:\/\/[^/]+\/(.+)$/

export class CloudBaseFiles implements FilesPort {
  constructor(private readonly cloud: CloudStorageApi) {}

  async put(path: string, content: Buffer): Promise<StoredFile> {
    if (!STORAGE_PATH_RE.test(path)) throw new Error(`invalid storage path: ${path}`)
    // CloudBase picks the content type from the extension; the port's contentType has nowhere to go.
    const { fileID } = await this.cloud.uploadFile({ cloudPath: path, fileContent: content })
    return { fileId: fileID, size: content.length, sha256: createHash('sha256').update(content).digest('hex') }
  }

  async get(fileId: string): Promise<Buffer> {
    const { fileContent } = await this.cloud.downloadFile({ fileID: fileId })
    return fileContent
  }

  pathOf(fileId: string): string | null {
    const path = FILE_ID_RE.exec(fileId)?.[1]
    return path && STORAGE_PATH_RE.test(path) ? path : null
  }

  /** Like LocalFiles, removing a file that is already gone is not an error. */
  async remove(fileId: string): Promise<void> {
    const { fileList } = await this.cloud.deleteFile({ fileList: [fileId] })
    const result = fileList.find((f) => f.fileID === fileId) ?? fileList[0]
    if (!result || result.status === 0) return
    if (/not ?exist|NONEXIST/i.test(result.errMsg)) return
    throw new Error(`deleteFile failed for ${fileId}: ${result.status} ${result.errMsg}`)
  }
}
