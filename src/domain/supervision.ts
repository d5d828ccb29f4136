/**
 * The 党委's supervision of its branches (issue 14): the status of each cell of the year matrix, the
 * risk score rows are sorted by, and the checks that flag a meeting as implausible. Pure: the
 * server passes in maintained counters and the time.
 */

/** A cell's status in the year matrix. */
export const CELL_STATUSES = ['done', 'backfilled', 'overdue', 'missed', 'upcoming'] as const
export type CellStatus = (typeof CELL_STATUSES)[number]

export const CELL_STATUS_LABELS: Record<CellStatus, string> = {
  done: '已完成',
  backfilled: '补录',
  overdue: '逾期',
  missed: '未完成',
  upcoming: '待召开',
}

/** Why a meeting is flagged for a second look. */
export const FLAG_REASONS = ['short', 'night', 'all_manual'] as const
export type FlagReason = (typeof FLAG_REASONS)[number]

export const FLAG_LABELS: Record<FlagReason, string> = {
  short: '会议时长不足 15 分钟',
  night: '会议在夜间（22:00–6:00）召开',
  all_manual: '全部签到均为代为登记',
}
