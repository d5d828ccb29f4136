/**
 * Handing a generated file (.xlsx, .docx, .csv) to the client, as minutes.export and the 党委's
 * exports do: inline as base64 on the local host, through cloud storage in production (a cloud
 * function's answer is kept small, and WeChat opens a downloaded file with `openDocument`).
 */
import type { ExportFile } from '../domain/api/views-supervision'
import type { MemberContext } from './action-context'
import { sha256Hex } from './minutes-chain'

/**
 * The file as the client receives it. Takes the action's context, the name the person sees, the
 * MIME type, the extension (without the dot) of the stored copy and the bytes. In production the
 * bytes go to `exports/<sha256>.<ext>` in cloud storage and only the file id is returned; storage
 * failures propagate.
 */
export async function exportFile(
  ctx: MemberContext,
  filename: string,
  contentType: string,
  ext: string,
  content: Buffer,
): Promise<ExportFile> {
  const file = { filename, contentType, size: content.length }
  if (ctx.ports.host !== 'cloudbase') return { ...file, base64: content.toString('base64'), fileId: null }
  const stored = await ctx.ports.files.put(`exports/${sha256Hex(new Uint8Array(content))}.${ext}`, content, contentType)
  return { ...file, base64: null, fileId: stored.fileId }
}
