/** Binary files (photos, exports): local disk on the host, cloud storage in production. */
export interface StoredFile {
  /** Opaque id: a path under the data directory, or a CloudBase `cloud://` file id. */
  fileId: string
  size: number
  /** Hex SHA-256 of the content. */
  sha256: string
}

export interface FilesPort {
  /** Stores `content` at `path` (relative, slash-separated), replacing what was there. */
  put(path: string, content: Buffer, contentType: string): Promise<StoredFile>
  /** The content of a stored file; rejects when there is none (see `isMissingFile`). */
  get(fileId: string): Promise<Buffer>
  /** Removes a file; one already gone is not an error. */
  remove(fileId: string): Promise<void>
  /**
   * The storage path a file id of this store points to (`uploads/roster/x.csv`), or null when the
   * id is not one this store gives out (a `cloud://` id on the local host, a `local:` id in
   * CloudBase) or its path climbs out of storage. Lets an action check which folder a client's
   * upload is in before reading it.
   */
  pathOf(fileId: string): string | null
}

/** Paths are relative, slash-separated and never climb (no empty, `.` or `..` segment). */
export const STORAGE_PATH_RE = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))(?!.*\/\/)[^\\\0]+$/

/** Whether `get` failed because the file is not there (as opposed to storage being unreachable). */
export function isMissingFile(err: unknown): boolean {
  const e = err as { code?: unknown; errMsg?: unknown; message?: unknown } | null
  if (e?.code === 'ENOENT') return true
  return /STORAGE_FILE_NONEXIST|not ?exist|no such file/i.test(String(e?.errMsg ?? e?.message ?? ''))
}
