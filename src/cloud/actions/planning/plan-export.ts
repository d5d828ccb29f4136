/**
 * plan.export (issue 17 §5): a published annual plan as .xlsx or .docx for the branch's notice board.
 * Each item is printed as its meeting stands now (a meeting moved or cancelled since publishing says
 * so); the generators and their libraries are lazy parts of the cloud bundle, loaded only here.
 */
import { planExport as planExportDecl } from '../../../domain/api/catalog-planning'
import { beijing, formatDate, formatTime } from '../../../domain/beijing-time'
import { WEEKDAY_NAMES, weekdayOfDate } from '../../../domain/calendar'
import { AppError } from '../../../domain/errors'
import { kindRule } from '../../../domain/meeting-kinds'
import type { MemberContext } from '../../action-context'
import { chineseDaysCalendar } from '../../adapters/chinese-days-calendar'
import { sha256Hex } from '../../minutes-chain'
import type { PlanSheet, PlanSheetRow } from '../../plan-sheet'
import { rulesFor } from '../../compliance-counters'
import { implement } from '../handler'
import { groupsOf } from '../roster'
import { planId } from './plans'
import { dayRuleText } from '../../../domain/annual-plan'
import type { DocxFile } from '../../../domain/api/views-minutes'

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60)

/** M月D日 of a 'YYYY-MM-DD' date. */
const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

/** The bytes as the client receives them: inline on the local host, through cloud storage in production. */
async function fileOf(ctx: MemberContext, filename: string, contentType: string, ext: string, content: Buffer) {
  const file = { filename, contentType, size: content.length }
  if (ctx.ports.host !== 'cloudbase') return { ...file, base64: content.toString('base64'), fileId: null }
  const stored = await ctx.ports.files.put(`exports/${sha256Hex(new Uint8Array(content))}.${ext}`, content, contentType)
  return { ...file, base64: null, fileId: stored.fileId } satisfies DocxFile
}

export const planExport = implement(planExportDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const plan = await store.get('plans', planId(branch._id, input.year))
  if (!plan) throw new AppError('NOT_FOUND', `${input.year}年还没有计划，请先一键生成并发布计划。`)
  if (plan.status !== 'published') {
    throw new AppError('CONFLICT', `${input.year}年的计划还是草稿，发布后才能导出张贴；请核对后点「发布计划」。`)
  }
  const [groups, rules, meetings] = await Promise.all([
    groupsOf(store, branch._id),
    rulesFor(store, branch),
    Promise.all(plan.items.map((i) => (i.meetingId ? store.get('meetings', i.meetingId) : Promise.resolve(null)))),
  ])
  const groupNames = new Map(groups.map((g) => [g._id, g.name]))
  const rows: PlanSheetRow[] = plan.items.map((item, n) => {
    const meeting = meetings[n]
    const date = meeting ? formatDate(meeting.startAt) : item.date
    const moved = date !== item.date
    const cancelled = meeting?.status === 'cancelled'
    const groupId = meeting ? meeting.groupId : item.groupId
    return {
      date,
      weekday: `星期${WEEKDAY_NAMES[weekdayOfDate(date)]}`,
      time: meeting
        ? `${formatTime(meeting.startAt)}–${formatTime(meeting.endAt)}`
        : `${item.startTime}–${item.endTime}`,
      kindLabel: kindRule(item.kind, rules).label,
      title: meeting?.title ?? item.title,
      groupName: groupId ? (groupNames.get(groupId) ?? '（党小组已撤销）') : null,
      place: meeting?.place ?? item.place,
      // The generator's own note (a date moved off a holiday) as the screen shows it, then what
      // happened to the meeting after publishing.
      note: [item.note ?? '', cancelled ? '已取消' : '', moved ? `已改期（原定 ${monthDay(item.date)}）` : '']
        .filter(Boolean)
        .join('；'),
      cancelled,
    }
  })
  // By day and start; otherwise in the plan's own order (the sort is stable).
  rows.sort((a, b) => a.date.localeCompare(b.date) || a.time.slice(0, 5).localeCompare(b.time.slice(0, 5)))
  const sheet: PlanSheet = {
    branchName: branch.name,
    year: plan.year,
    themeDayText: `主题党日：${dayRuleText(plan.themeDay)}`,
    publishedAt: plan.publishedAt ?? plan.updatedAt,
    exportedAt: ctx.now,
    rows,
    notes: [
      `本计划于 ${beijing(plan.publishedAt ?? plan.updatedAt).format('YYYY年M月D日')} 发布。`,
      ...(chineseDaysCalendar.hasYear(plan.year)
        ? []
        : [
            `${plan.year}年的放假和调休安排国务院尚未公布，计划已避开法定节假日；调休上班日公布后如需调整，以支部通知为准。`,
          ]),
    ],
  }
  const stamp = beijing(ctx.now).format('YYYYMMDD')
  const base = `组织生活计划_${safeName(branch.name)}_${plan.year}_${stamp}`
  if (input.format === 'xlsx') {
    const { PLAN_XLSX_TYPE, planXlsx } = await import('../../plan-xlsx')
    return fileOf(ctx, `${base}.xlsx`, PLAN_XLSX_TYPE, 'xlsx', await planXlsx(sheet))
  }
  const { PLAN_DOCX_TYPE, planDocx } = await import('../../plan-docx')
  return fileOf(ctx, `${base}.docx`, PLAN_DOCX_TYPE, 'docx', await planDocx(sheet))
})
