/** Files on the local disk under `<DATA_DIR>/files`, addressed by a content-checked path. */
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises'
import path from 'node:path'
import { STORAGE_PATH_RE, type FilesPort, type StoredFile } from '../ports/files'

export class LocalFiles implements FilesPort {
  constructor(private readonly root: string) {}

  private resolve(fileId: string): string {
    const rel = fileId.replace(/^local:/, '')
    const full = path.resolve(this.root, rel)
    if (!full.startsWith(path.resolve(this.root) + path.sep))
      throw new Error(`file path escapes the data directory: ${fileId}`)
    return full
  }

  async put(filePath: string, content: Buffer): Promise<StoredFile> {
    const fileId = `local:${filePath}`
    const full = this.resolve(fileId)
    await mkdir(path.dirname(full), { recursive: true })
    // A name of its own per write: two writes of one path at once (a retried upload) each rename
    // a whole file into place, and the last rename wins, instead of one renaming the other's half.
    const tmp = `${full}.${randomUUID()}.tmp`
    try {
      await writeFile(tmp, content)
      await rename(tmp, full)
    } catch (err) {
      await rm(tmp, { force: true })
      throw err
    }
    return { fileId, size: content.length, sha256: createHash('sha256').update(content).digest('hex') }
  }

  get(fileId: string): Promise<Buffer> {
    return readFile(this.resolve(fileId))
  }

  pathOf(fileId: string): string | null {
    if (!fileId.startsWith('local:')) return null
    const rel = fileId.slice('local:'.length)
    return STORAGE_PATH_RE.test(rel) ? rel : null
  }

  async remove(fileId: string): Promise<void> {
    await rm(this.resolve(fileId), { force: true })
  }
}
