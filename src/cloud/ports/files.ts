/** Binary files (photos, exports): local disk on the host, cloud storage in production. */
export interface StoredFile {
  /** Opaque id: a path under the data directory, or a CloudBase `cloud://` file id. */
  fileId: string
  size: number
  /** Hex SHA-256 of the content. */
  sha256: string
}

export interface FilesPort {
  put(path: string, content: Buffer, contentType: string): Promise<StoredFile>
  get(fileId: string): Promise<Buffer>
  remove(fileId: string): Promise<void>
}
