/**
 * The 党委's exports: the year matrix with its indicators as .xlsx (for 督查) and one branch's
 * 述职评议 packet as .docx. The generators and their libraries (exceljs, docx) load only here.
 * Files are handed over as minutes.export does: inline on the local host, through cloud storage in
 * production.
 */
import { implement } from '../handler'
import {
  supervisionExportMatrix as supervisionExportMatrixDecl,
  supervisionExportPacket as supervisionExportPacketDecl,
} from '../../../domain/api/catalog-supervision'
import type { ExportFile, MatrixRow } from '../../../domain/api/views-supervision'
import { beijing, formatDate, fromBeijing } from '../../../domain/beijing-time'
import { kindLabel } from '../../../domain/meeting-kinds'
import { lateAfterDays } from '../../../domain/minutes'
import { CONTACT_STATE_LABELS, contactState, daysSince } from '../../../domain/mobile'
import { CELL_STATUS_LABELS } from '../../../domain/supervision'
import { periodsOfYear } from '../../../domain/periods'
import type { MemberContext } from '../../action-context'
import { rulesFor } from '../../compliance-counters'
import { sha256Hex, verifyChain } from '../../minutes-chain'
import { eq } from '../../ports/store'
import { rowId } from '../../supervision-rows'
import type { PacketMeeting } from '../../supervision-docx'
import { minutesRulesFor } from '../minutes/records'
import { mobileRulesFor } from '../mobile/registry'
import { membersByIds, readAll } from '../roster-reads'
import { matrixPage, type MatrixFilters } from './matrix'

/** Branches one export holds at most (a 党委 has some hundreds to a few thousand). */
const MAX_EXPORT_BRANCHES = 5000
const MAX_YEAR_MEETINGS = 2000

/** The file as the client receives it (see minutes.export). */
async function exportFile(
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

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60)

/** The filters in Chinese, for the workbook's 说明 sheet. */
function filtersText(f: MatrixFilters): string {
  const parts: string[] = []
  if (f.kinds?.length) parts.push(`会议类型：${f.kinds.map(kindLabel).join('、')}`)
  if (f.statuses?.length) parts.push(`状态：${f.statuses.map((s) => CELL_STATUS_LABELS[s]).join('、')}`)
  if (f.parentId) parts.push(`党总支：${f.parentId}`)
  if (f.search) parts.push(`名称含“${f.search}”`)
  return parts.join('；')
}

export const supervisionExportMatrix = implement(supervisionExportMatrixDecl, async (ctx, input) => {
  const { orgId: _orgId, ...filters } = input
  const org = ctx.target.org
  const rows: MatrixRow[] = []
  let cursor: string | null = null
  let columns: Awaited<ReturnType<typeof matrixPage>>['columns'] = []
  let branches = 0
  do {
    const page = await matrixPage(ctx.ports.store, org, filters, cursor, 100, ctx.now)
    columns = page.columns
    rows.push(...page.rows)
    branches += page.rows.filter((r) => r.orgKind === 'branch').length
    cursor = page.nextCursor
  } while (cursor && branches < MAX_EXPORT_BRANCHES)
  const { XLSX_TYPE, matrixXlsx } = await import('../../supervision-xlsx')
  const content = await matrixXlsx({
    orgName: org.name,
    year: filters.year,
    columns,
    rows,
    filters: filtersText(filters),
    exportedAt: ctx.now,
  })
  const name = `组织生活年度矩阵_${safeName(org.name)}_${filters.year}_${beijing(ctx.now).format('YYYYMMDD')}.xlsx`
  return exportFile(ctx, name, XLSX_TYPE, 'xlsx', content)
})

export const supervisionExportPacket = implement(supervisionExportPacketDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const { year } = input
  const [rules, minutesRules, mobileRules, committee, state] = await Promise.all([
    rulesFor(store, branch),
    minutesRulesFor(store, branch),
    mobileRulesFor(store, branch),
    store.get('orgs', branch.path[0]),
    store.get('supervision_state', rowId(branch._id, year)),
  ])
  const meetings = await readAll(
    store,
    'meetings',
    [
      eq('branchId', branch._id),
      { field: 'startAt', op: 'gte', value: fromBeijing(`${year}-01-01`, '00:00') },
      { field: 'startAt', op: 'lt', value: fromBeijing(`${year + 1}-01-01`, '00:00') },
    ],
    'startAt',
    MAX_YEAR_MEETINGS,
  )
  // 代为登记 at each held meeting, with the member's name and the reason given.
  const manualByMeeting = new Map<string, { memberId: string; reason: string }[]>()
  for (const m of meetings) {
    if (m.status === 'cancelled' || !m.attendanceRecordedAt) continue
    const records = await readAll(store, 'attendance', [eq('meetingId', m._id)], 'signedAt', 1000)
    const manual = records.filter((r) => r.via === 'manual')
    if (manual.length)
      manualByMeeting.set(
        m._id,
        manual.map((r) => ({ memberId: r.memberId, reason: r.manualReason ?? '' })),
      )
  }
  const profiles = await readAll(store, 'mobile_profiles', [eq('branchId', branch._id)], 'lastContactAt', 500)
  const people = await membersByIds(store, [
    ...new Set([...[...manualByMeeting.values()].flat().map((x) => x.memberId), ...profiles.map((p) => p.memberId)]),
  ])
  const nameOf = new Map(people.map((p) => [p._id, p.name]))
  const packetMeetings: PacketMeeting[] = meetings.map((m) => {
    const state =
      m.status === 'cancelled'
        ? '已取消'
        : m.minutesFinalizedAt
          ? m.minutesLate
            ? '补录'
            : '已定稿'
          : m.attendanceRecordedAt
            ? '未定稿'
            : m.startAt > ctx.now
              ? '待召开'
              : '未登记考勤'
    const summary = m.attendanceSummary
    return {
      kind: m.kind,
      title: m.title,
      startAt: m.startAt,
      endAt: m.endAt,
      attendance: m.attendanceRecordedAt && summary ? { expected: summary.expected, present: summary.present } : null,
      state,
      lateReason:
        m.status !== 'cancelled' && m.minutesFinalizedAt && m.minutesLate
          ? `会议记录于 ${formatDate(m.minutesFinalizedAt)} 定稿，晚于会议结束超过 ${lateAfterDays(minutesRules)}`
          : null,
      manual: (manualByMeeting.get(m._id) ?? []).map((x) => ({
        name: nameOf.get(x.memberId) ?? x.memberId,
        reason: x.reason || '（未填写原因）',
      })),
    }
  })
  const quotas = rules
    .filter((r) => r.audience !== 'pair')
    .map((rule) => {
      const cells = (state?.cells ?? []).filter((c) => c.kind === rule.kind)
      const owners = rule.audience === 'group' ? new Set(cells.map((c) => c.owner)).size || 1 : 1
      return {
        kind: rule.kind,
        required: rule.requiredCount * periodsOfYear(year, rule.period).length * owners,
        counted: cells.reduce((n, c) => n + c.counter.counted, 0),
        backfilled: cells.reduce((n, c) => n + c.lateCounted, 0),
      }
    })
  const chain = await verifyChain(ctx.ports, branch, ctx.now)
  const { PACKET_DOCX_TYPE, packetDocx } = await import('../../supervision-docx')
  const content = await packetDocx({
    branchName: branch.name,
    committeeName: committee?.name ?? '',
    year,
    meetings: packetMeetings,
    quotas,
    mobile: profiles
      .filter((p) => people.some((m) => m._id === p.memberId && m.status === 'mobile'))
      .map((p) => ({
        name: nameOf.get(p.memberId) ?? p.memberId,
        city: p.city,
        state: CONTACT_STATE_LABELS[contactState(p.lastContactAt, ctx.now, mobileRules.thresholds)],
        days: daysSince(p.lastContactAt, ctx.now),
      })),
    chain: {
      head: chain.head,
      ok: chain.ok,
      entries: chain.entries,
      problem: chain.firstProblem?.message ?? null,
      checkedAt: chain.checkedAt,
    },
    exportedAt: ctx.now,
  })
  return exportFile(ctx, `述职评议材料_${safeName(branch.name)}_${year}.docx`, PACKET_DOCX_TYPE, 'docx', content)
})
