/**
 * A published annual plan as it is printed for the branch's notice board (issue 17 §5): the shape
 * both exports (plan-xlsx.ts, plan-docx.ts) write. No library here, so the handler can build it
 * before loading either lazy part.
 */

/** One meeting of the plan as it stands now (after any 改期 or 取消 since publishing). */
export interface PlanSheetRow {
  /** Beijing date 'YYYY-MM-DD'. */
  date: string
  /** 星期一 … 星期日. */
  weekday: string
  /** e.g. 15:00–17:00 (Beijing). */
  time: string
  /** 主题党日, 支委会 … */
  kindLabel: string
  title: string
  /** The 党小组 of a 党小组会; null otherwise. */
  groupName: string | null
  place: string
  /** 已改期（原定 3月6日）, 已取消, or empty. */
  note: string
  cancelled: boolean
}

export interface PlanSheet {
  branchName: string
  year: number
  /** e.g. 主题党日：每月第一个星期五. */
  themeDayText: string
  /** Server time of publishing and of the export (epoch ms). */
  publishedAt: number
  exportedAt: number
  rows: PlanSheetRow[]
  /** Plan-wide notes in Chinese (e.g. the year's 调休 not yet published); may be empty. */
  notes: string[]
}

/** The document's title, e.g. 第一党支部2027年组织生活计划. */
export function planSheetTitle(sheet: Pick<PlanSheet, 'branchName' | 'year'>): string {
  return `${sheet.branchName}${sheet.year}年组织生活计划`
}
