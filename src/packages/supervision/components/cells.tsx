/**
 * How the 党委's matrix shows a quota: each status in Chinese with its colour (never colour alone),
 * the period of a column in a few characters, the month the branch's 会议月历 opens at for a cell,
 * and the indicators as people read them.
 */
import { Text } from '@tarojs/components'
import type { MatrixCell, MatrixColumn, MatrixIndicators } from '../../../domain/api/views-supervision'
import { beijing } from '../../../domain/beijing-time'
import { kindLabel, type MeetingKind } from '../../../domain/meeting-kinds'
import { CELL_STATUS_LABELS, type CellStatus } from '../../../domain/supervision'
import './cells.scss'

/** One character per status for the phone's compact row (the full word is on the branch page). */
export const STATUS_SHORT: Record<CellStatus, string> = {
  done: '完',
  backfilled: '补',
  overdue: '逾',
  missed: '未',
  upcoming: '待',
}

/** A cell's status: its colour and its word (`short`: one character, for the phone's compact row). */
export function CellMark({
  cell,
  id,
  short = false,
  onOpen,
}: {
  cell: MatrixCell
  id: string
  short?: boolean
  onOpen: (cell: MatrixCell) => void
}) {
  return (
    <Text
      id={id}
      className={`cell cell--${cell.status} ${short ? 'cell--short' : ''}`}
      onClick={(e) => {
        e.stopPropagation()
        onOpen(cell)
      }}
    >
      {short ? STATUS_SHORT[cell.status] : CELL_STATUS_LABELS[cell.status]}
    </Text>
  )
}

/** The legend: every status's colour with its word. */
export function Legend() {
  return (
    <Text className="cell-legend" id="cell-legend">
      {(Object.keys(CELL_STATUS_LABELS) as CellStatus[]).map((s) => (
        <Text key={s} className={`cell cell--${s} cell--legend`}>
          {STATUS_SHORT[s]} {CELL_STATUS_LABELS[s]}
        </Text>
      ))}
    </Text>
  )
}

const QUARTERS = ['一', '二', '三', '四']

/** A period key (`2026-03`, `2026-Q1`, `2026-H2`, `2026`) in a few characters: `3月`, `一季度`, `下半年`, `全年`. */
export function periodShort(period: string): string {
  const [, part] = period.split('-')
  if (!part) return '全年'
  if (part.startsWith('Q')) return `${QUARTERS[Number(part.slice(1)) - 1]}季度`
  if (part.startsWith('H')) return part === 'H1' ? '上半年' : '下半年'
  return `${Number(part)}月`
}

/**
 * The month (`YYYY-MM`) a cell's period opens at in 会议月历: today's month while the period is
 * under way, else its first month. `today` is a Beijing `YYYY-MM`.
 */
export function monthOfPeriod(period: string, today: string): string {
  const [year, part] = period.split('-')
  const first = !part
    ? 1
    : part.startsWith('Q')
      ? (Number(part.slice(1)) - 1) * 3 + 1
      : part.startsWith('H')
        ? (Number(part.slice(1)) - 1) * 6 + 1
        : Number(part)
  const size = !part ? 12 : part.startsWith('Q') ? 3 : part.startsWith('H') ? 6 : 1
  const [ty, tm] = today.split('-').map(Number)
  if (ty === Number(year) && tm >= first && tm < first + size) return today
  return `${year}-${String(first).padStart(2, '0')}`
}

/** This Beijing month, `YYYY-MM`. */
export function thisMonth(): string {
  return beijing(Date.now()).format('YYYY-MM')
}

/** The columns grouped by kind, in their order: one group per kind with its periods. */
export function columnGroups(columns: MatrixColumn[]): { kind: MeetingKind; label: string; columns: MatrixColumn[] }[] {
  const groups: { kind: MeetingKind; label: string; columns: MatrixColumn[] }[] = []
  for (const c of columns) {
    const last = groups[groups.length - 1]
    if (last && last.kind === c.kind) last.columns.push(c)
    else groups.push({ kind: c.kind, label: kindLabel(c.kind), columns: [c] })
  }
  return groups
}

/** The row's cell for a column, if the row has that column (党小组 rows have only 党小组会). */
export function cellAt(cells: MatrixCell[], column: MatrixColumn): MatrixCell | undefined {
  return cells.find((c) => c.kind === column.kind && c.period === column.period)
}

/** A share or rate (0–1) as a whole percentage; `—` when there is nothing to divide by yet. */
export function percent(x: number | null): string {
  return x === null ? '—' : `${Math.round(x * 100)}%`
}

/** The indicators in their order, each with its label and text. */
export function indicatorList(i: MatrixIndicators): { key: keyof MatrixIndicators; label: string; text: string }[] {
  return [
    { key: 'onTime', label: '按时召开', text: `${i.onTime} 次` },
    { key: 'attendanceRate', label: '出席率', text: percent(i.attendanceRate) },
    { key: 'readRate', label: '阅签率', text: percent(i.readRate) },
    { key: 'backfillShare', label: '补录占比', text: percent(i.backfillShare) },
    { key: 'proxyShare', label: '代为登记占比', text: percent(i.proxyShare) },
    { key: 'offlineShare', label: '离线补传占比', text: percent(i.offlineShare) },
    { key: 'remoteShare', label: '远程参会占比', text: percent(i.remoteShare) },
    {
      key: 'daysSinceLast',
      label: '距上次组织生活',
      text: i.daysSinceLast === null ? '今年未开展' : `${i.daysSinceLast} 天`,
    },
    { key: 'mobileAtRisk', label: '流动党员预警/失联风险', text: `${i.mobileAtRisk} 人` },
  ]
}
