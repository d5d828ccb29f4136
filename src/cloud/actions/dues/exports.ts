/** The branch's yearly 党费 ledger as .xlsx (exceljs loads only here, lazily). */
import { implement } from '../handler'
import { duesExportLedger as exportDecl } from '../../../domain/api/catalog-dues'
import type { ExportFile } from '../../../domain/api/views-supervision'
import { beijing } from '../../../domain/beijing-time'
import { monthsOfYear } from '../../../domain/dues'
import type { MemberContext } from '../../action-context'
import { entriesBetween } from '../../dues-ledger'
import { sha256Hex } from '../../minutes-chain'
import { membersOf } from '../roster-reads'
import { branchLedger } from './reads'
import { correctedBy, entryView } from './views'

/** The file as the client receives it: inline on the local host, through cloud storage in production. */
async function handOver(
  ctx: MemberContext,
  filename: string,
  contentType: string,
  content: Buffer,
): Promise<ExportFile> {
  const file = { filename, contentType, size: content.length }
  if (ctx.ports.host !== 'cloudbase') return { ...file, base64: content.toString('base64'), fileId: null }
  const stored = await ctx.ports.files.put(`exports/${sha256Hex(new Uint8Array(content))}.xlsx`, content, contentType)
  return { ...file, base64: null, fileId: stored.fileId }
}

export const duesExportLedger = implement(exportDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const months = monthsOfYear(input.year)
  const [ledger, entries, members] = await Promise.all([
    branchLedger(store, branch, input.year, ctx.now),
    entriesBetween(store, { branchId: branch._id }, months[0], months[11]),
    membersOf(store, branch._id),
  ])
  const names = new Map(members.map((m) => [m._id, m.name]))
  const replaced = correctedBy(entries)
  const views = [...entries]
    .sort((a, b) => a.recordedAt - b.recordedAt)
    .map((e) => entryView(e, names.get(e.memberId) ?? '', replaced.get(e._id) ?? null))
  const { XLSX_TYPE, duesLedgerXlsx } = await import('../../dues-xlsx')
  const content = await duesLedgerXlsx({ ledger, entries: views, exportedAt: ctx.now })
  const safe = branch.name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60)
  return handOver(ctx, `党费台账_${safe}_${input.year}_${beijing(ctx.now).format('YYYYMMDD')}.xlsx`, XLSX_TYPE, content)
})
