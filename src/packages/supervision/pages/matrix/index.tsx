/**
 * 组织生活监督 (`?year=`): the 党委's year at a glance. Every branch below it (and each 党小组 for
 * 党小组会) is a row; every kind × period of the year a cell, its status in words and colour
 * (已完成, 补录, 逾期, 未完成, 待召开). A cell opens the meetings behind it or the branch's 会议月历 at
 * that period; a row opens the branch page. Filters by kind, status and 党总支, search by name, sort
 * by risk or name, 50 rows a page, and the whole filtered matrix exported as .xlsx. At desk width
 * (browser build) a table, the name frozen on the left; on the phone (and in WeChat) one card per
 * row with a compact row of cells.
 * Read-only: the 党委 supervises here, the branches keep their own records.
 */
import { Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Button } from '../../../../components/nut'
import { Empty, ErrorState, Loaded } from '../../../../components/page-state'
import { UnboundNotice } from '../../../../components/unbound-notice'
import type { InputOf } from '../../../../domain/api/define'
import type { Actions } from '../../../../domain/api/catalog'
import type { MatrixColumn, MatrixRow, MatrixView } from '../../../../domain/api/views-supervision'
import { beijing } from '../../../../domain/beijing-time'
import { kindLabel, type MeetingKind } from '../../../../domain/meeting-kinds'
import { CELL_STATUS_LABELS, CELL_STATUSES, type CellStatus } from '../../../../domain/supervision'
import { asCallError, call, errorMessage, type ApiCallError } from '../../../../services/api'
import { useDeskLayout } from '../../../../services/desk-media'
import { navigate } from '../../../../services/navigation'
import { requestSubscribe } from '../../../../services/subscribe'
import { useApi } from '../../../../services/use-api'
import { CellSheet, openCell, type OpenedCell } from '../../components/cell-sheet'
import { CellMark, Legend, cellAt, columnGroups, indicatorList, percent, periodShort } from '../../components/cells'
import { handOver } from '../../export-file'
import './index.scss'

type MatrixInput = InputOf<Actions['supervision.matrix']>
type Filters = Omit<MatrixInput, 'cursor' | 'limit'>

const PAGE_SIZE = 50

/** The first page as `useApi`, further pages on demand (the matrix pages by cursor, 50 rows each). */
function useMatrix(input: MatrixInput) {
  const first = useApi('supervision.matrix', input)
  const [more, setMore] = useState<MatrixRow[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [moreError, setMoreError] = useState<ApiCallError | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  useEffect(() => {
    setMore([])
    setMoreError(null)
    setCursor(first.data?.nextCursor ?? null)
  }, [first.data])
  const loadMore = () => {
    if (!cursor || loadingMore) return
    setLoadingMore(true)
    call('supervision.matrix', { ...input, cursor }).then(
      (page) => {
        setMore((rows) => [...rows, ...page.rows])
        setCursor(page.nextCursor)
        setMoreError(null)
        setLoadingMore(false)
      },
      (err: unknown) => {
        setMoreError(asCallError(err))
        setLoadingMore(false)
      },
    )
  }
  return {
    first,
    rows: [...(first.data?.rows ?? []), ...more],
    hasMore: cursor !== null,
    loadingMore,
    moreError,
    loadMore,
  }
}

/** Opening a branch is where the 党委's organizer agrees to its 督办提醒 (a consent tap, WeChat only). */
async function openBranch(row: MatrixRow, year: number) {
  await requestSubscribe('supervision.open')
  await navigate('supervisionBranch', { branchId: row.branchId, year })
}

/** What a row's flags say, once per reason: `建议复核：会议时长不足 15 分钟` (flagged, never scored). */
function flagText(row: MatrixRow): string {
  return `建议复核：${[...new Set(row.flags.map((f) => f.label))].join('；')}`
}

function RowName({ row, year }: { row: MatrixRow; year: number }) {
  return (
    <View className="smx-name" onClick={() => void openBranch(row, year)}>
      <Text className="smx-name__title" id={`open-${row.orgId}`}>
        {row.name}
      </Text>
      <Text className="smx-name__sub">
        {row.orgKind === 'group' ? '党小组 · ' : ''}
        {row.parentName}
      </Text>
      {row.flags.length > 0 && (
        <Text className="smx-name__flag" id={`flags-${row.orgId}`}>
          {flagText(row)}
        </Text>
      )}
    </View>
  )
}

const TABLE_INDICATORS = [
  'onTime',
  'attendanceRate',
  'readRate',
  'backfillShare',
  'proxyShare',
  'daysSinceLast',
  'mobileAtRisk',
] as const
const SHORT_LABELS: Record<(typeof TABLE_INDICATORS)[number], string> = {
  onTime: '按时召开',
  attendanceRate: '出席率',
  readRate: '阅签率',
  backfillShare: '补录',
  proxyShare: '代为登记',
  daysSinceLast: '距上次',
  mobileAtRisk: '流动预警',
}

/**
 * Desk width (browser build only, `useDeskLayout`): a table — the name column frozen on the left,
 * the indicators, then one column per kind × period under its kind's heading.
 */
function DeskMatrix({
  view,
  rows,
  statuses,
  onCell,
}: {
  view: MatrixView
  rows: MatrixRow[]
  /** The status filter: when set, only the columns where a shown row has such a cell (the table stays narrow). */
  statuses: CellStatus[]
  onCell: (o: OpenedCell) => void
}) {
  const columns = statuses.length
    ? view.columns.filter((c) =>
        rows.some((r) => {
          const cell = cellAt(r.cells, c)
          return cell !== undefined && statuses.includes(cell.status)
        }),
      )
    : view.columns
  const groups = columnGroups(columns)
  const first = (i: number) => (i === 0 ? 'smx-table__first' : undefined)
  return (
    <View className="smx-table-wrap" id="matrix-scroll">
      <table className="smx-table" id="matrix-table">
        <caption className="smx-table__caption">{view.year} 年各支部组织生活完成情况</caption>
        <thead>
          <tr>
            <th rowSpan={2} scope="col" className="smx-table__name">
              支部 / 党小组
            </th>
            <th colSpan={TABLE_INDICATORS.length} scope="colgroup" className="smx-table__first">
              {view.year} 年指标
            </th>
            {groups.map((g) => (
              <th key={g.kind} colSpan={g.columns.length} scope="colgroup" className="smx-table__first">
                {g.label}
              </th>
            ))}
          </tr>
          <tr>
            {TABLE_INDICATORS.map((k, i) => (
              <th key={k} scope="col" className={first(i)}>
                {SHORT_LABELS[k]}
              </th>
            ))}
            {groups.map((g) =>
              g.columns.map((c: MatrixColumn, i) => (
                <th key={`${c.kind}-${c.period}`} scope="col" className={first(i)} title={c.label}>
                  {periodShort(c.period)}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const ind = Object.fromEntries(indicatorList(row.indicators).map((x) => [x.key, x.text]))
            return (
              <tr key={row.orgId} id={`row-${row.orgId}`}>
                <th scope="row" className="smx-table__name">
                  <RowName row={row} year={view.year} />
                </th>
                {TABLE_INDICATORS.map((k, i) => (
                  <td key={k} className={`smx-table__num ${first(i) ?? ''}`} id={`ind-${row.orgId}-${k}`}>
                    {ind[k]}
                  </td>
                ))}
                {groups.map((g) =>
                  g.columns.map((c, i) => {
                    const cell = cellAt(row.cells, c)
                    return (
                      <td key={`${c.kind}-${c.period}`} className={first(i)}>
                        {cell && (
                          // A real button at a desk: reached with Tab, opened with Enter, named for screen readers.
                          <button
                            type="button"
                            id={`cell-${row.orgId}-${c.kind}-${c.period}`}
                            className={`cell cell--${cell.status}`}
                            title={`${row.name} ${c.label}：${CELL_STATUS_LABELS[cell.status]}`}
                            onClick={() => onCell({ cell, orgName: row.name, branchId: row.branchId })}
                          >
                            {CELL_STATUS_LABELS[cell.status]}
                          </button>
                        )}
                      </td>
                    )
                  }),
                )}
              </tr>
            )
          })}
        </tbody>
      </table>
    </View>
  )
}

/** Phone: one card per row, its main indicators in a line and a compact row of cells per kind. */
function PhoneCards({ view, rows, onCell }: { view: MatrixView; rows: MatrixRow[]; onCell: (o: OpenedCell) => void }) {
  const groups = columnGroups(view.columns)
  return (
    <View className="smx-cards" id="matrix-cards">
      {rows.map((row) => {
        const i = row.indicators
        return (
          <View key={row.orgId} className="smx-card panel" id={`card-${row.orgId}`}>
            <RowName row={row} year={view.year} />
            <Text className="smx-card__ind">
              出席率 {percent(i.attendanceRate)} · 阅签率 {percent(i.readRate)} · 补录 {percent(i.backfillShare)} ·
              距上次 {i.daysSinceLast === null ? '今年未开展' : `${i.daysSinceLast} 天`}
              {i.mobileAtRisk > 0 ? ` · 流动党员预警 ${i.mobileAtRisk} 人` : ''}
            </Text>
            {groups.map((g) => {
              const cells = g.columns.map((c) => cellAt(row.cells, c))
              if (cells.every((c) => !c)) return null
              return (
                <View key={g.kind} className="smx-card__kind">
                  <Text className="smx-card__kind-label">{g.label}</Text>
                  <View className="smx-card__strip">
                    {cells.map(
                      (cell) =>
                        cell && (
                          <CellMark
                            key={cell.period}
                            short
                            cell={cell}
                            id={`mcell-${row.orgId}-${cell.kind}-${cell.period}`}
                            onOpen={() => onCell({ cell, orgName: row.name, branchId: row.branchId })}
                          />
                        ),
                    )}
                  </View>
                </View>
              )
            })}
          </View>
        )
      })}
    </View>
  )
}

function Chip<T extends string>({
  id,
  on,
  label,
  value,
  onTap,
}: {
  id: string
  on: boolean
  label: string
  value: T
  onTap: (v: T) => void
}) {
  return (
    <Text id={id} className={`chip ${on ? 'chip--on' : ''}`} onClick={() => onTap(value)}>
      {label}
    </Text>
  )
}

function Matrix({ orgId, initialYear }: { orgId: string; initialYear: number }) {
  const [year, setYear] = useState(initialYear)
  const [kind, setKind] = useState<MeetingKind | null>(null)
  const [statuses, setStatuses] = useState<CellStatus[]>([])
  const [parentId, setParentId] = useState<string | null>(null)
  const [typed, setTyped] = useState('')
  const [search, setSearch] = useState('')
  const [sort, setSort] = useState<'risk' | 'name'>('risk')
  const [opened, setOpened] = useState<OpenedCell | null>(null)
  const [exporting, setExporting] = useState(false)
  const [exportProblem, setExportProblem] = useState('')
  const desk = useDeskLayout()
  // On the phone the filters fold away under 筛选 (a desk has the room to show them).
  const [showFilters, setShowFilters] = useState(false)

  const filters: Filters = {
    orgId,
    year,
    sort,
    ...(kind ? { kinds: [kind] } : {}),
    ...(statuses.length ? { statuses } : {}),
    ...(parentId ? { parentId } : {}),
    ...(search ? { search } : {}),
  }
  const matrix = useMatrix({ ...filters, limit: PAGE_SIZE })
  const tree = useApi('org.subtree', { orgId })
  const generalBranches = (tree.data ?? []).filter((n) => n.kind === 'general_branch')
  // The kinds to filter by: those of the year's columns, remembered while a kind filter narrows them.
  const [kinds, setKinds] = useState<MeetingKind[]>([])
  const view = matrix.first.data
  useEffect(() => {
    if (view && !kind) setKinds([...new Set(view.columns.map((c) => c.kind))])
  }, [view, kind])
  const activeFilters = (kind ? 1 : 0) + statuses.length + (parentId ? 1 : 0)
  const toggleStatus = (s: CellStatus) =>
    setStatuses((list) => (list.includes(s) ? list.filter((x) => x !== s) : [...list, s]))
  const exportXlsx = async () => {
    setExporting(true)
    setExportProblem('')
    try {
      await handOver(await call('supervision.exportMatrix', filters), 'xlsx')
    } catch (err) {
      setExportProblem(errorMessage(err))
    } finally {
      setExporting(false)
    }
  }
  const shownRows = matrix.rows
  // `total` counts branches; each branch's 党小组 rows come with it.
  const shownBranches = shownRows.filter((r) => r.orgKind === 'branch').length

  return (
    <View className="smx">
      <View className="panel smx__bar">
        <View className="smx__line">
          <Text className="smx__link" id="year-prev" onClick={() => setYear((y) => y - 1)}>
            ‹ {year - 1}
          </Text>
          <Text className="smx__year" id="matrix-year">
            {year} 年组织生活
          </Text>
          <Text className="smx__link" id="year-next" onClick={() => setYear((y) => y + 1)}>
            {year + 1} ›
          </Text>
        </View>
        <View className="smx__line">
          <View className="smx__search">
            <Input
              id="matrix-search"
              className="smx__input"
              value={typed}
              placeholder="按支部或党小组名称搜索"
              confirmType="search"
              onInput={(e) => setTyped(e.detail.value)}
              onConfirm={() => setSearch(typed.trim())}
            />
          </View>
          <Button size="small" id="matrix-search-go" onClick={() => setSearch(typed.trim())}>
            搜索
          </Button>
          {search && (
            <Text
              className="smx__link"
              id="matrix-search-clear"
              onClick={() => {
                setTyped('')
                setSearch('')
              }}
            >
              清除
            </Text>
          )}
        </View>
        <View className="smx__line smx__line--left">
          <Text className="smx__label">排序</Text>
          <Chip id="sort-risk" on={sort === 'risk'} label="风险高的在前" value="risk" onTap={setSort} />
          <Chip id="sort-name" on={sort === 'name'} label="按名称" value="name" onTap={setSort} />
          {!desk && (
            <Text className="smx__link" id="toggle-filters" onClick={() => setShowFilters((v) => !v)}>
              {showFilters ? '收起筛选' : `筛选${activeFilters ? `（已选 ${activeFilters} 项）` : ''}`}
            </Text>
          )}
          <Button size="small" type="primary" id="export-matrix" loading={exporting} onClick={() => void exportXlsx()}>
            导出 Excel
          </Button>
        </View>
        {exportProblem && (
          <Text className="smx__problem" id="export-problem">
            {exportProblem}
          </Text>
        )}
      </View>

      {(desk || showFilters) && (
        <View className="smx__filters" id="matrix-filters">
          <View className="chips" id="filter-kinds">
            <Text className="smx__label">类型</Text>
            <Chip id="kind-all" on={!kind} label="全部" value="" onTap={() => setKind(null)} />
            {kinds.map((k) => (
              <Chip key={k} id={`kind-${k}`} on={kind === k} label={kindLabel(k)} value={k} onTap={setKind} />
            ))}
          </View>
          <View className="chips" id="filter-statuses">
            <Text className="smx__label">状态</Text>
            {CELL_STATUSES.map((s) => (
              <Chip
                key={s}
                id={`status-${s}`}
                on={statuses.includes(s)}
                label={CELL_STATUS_LABELS[s]}
                value={s}
                onTap={toggleStatus}
              />
            ))}
          </View>
          {generalBranches.length > 0 && (
            <View className="chips" id="filter-parents">
              <Text className="smx__label">党总支</Text>
              <Chip id="parent-all" on={!parentId} label="全部" value="" onTap={() => setParentId(null)} />
              {generalBranches.map((g) => (
                <Chip
                  key={g.id}
                  id={`parent-${g.id}`}
                  on={parentId === g.id}
                  label={g.name}
                  value={g.id}
                  onTap={setParentId}
                />
              ))}
            </View>
          )}
        </View>
      )}
      <Legend />
      {opened && <CellSheet opened={opened} onClose={() => setOpened(null)} />}

      <Loaded state={matrix.first}>
        {(v) => (
          <>
            <Text className="smx__total" id="matrix-total">
              共 {v.total} 个党支部符合条件，已显示 {shownBranches} 个
              {sort === 'risk' ? '，逾期、未完成多和久未开展组织生活的在前' : '，按名称排列'}
              {desk && statuses.length ? '；表格只列出含所选状态的周期' : ''}
              。点状态查看会议，点名称查看支部。
            </Text>
            {shownRows.length === 0 ? (
              <Empty>没有符合条件的支部。请放宽筛选条件或换个搜索词。</Empty>
            ) : (
              <>
                {desk ? (
                  <DeskMatrix view={v} rows={shownRows} statuses={statuses} onCell={(o) => openCell(o, setOpened)} />
                ) : (
                  <PhoneCards view={v} rows={shownRows} onCell={(o) => openCell(o, setOpened)} />
                )}
              </>
            )}
            {matrix.moreError && <ErrorState error={matrix.moreError} onRetry={matrix.loadMore} />}
            {matrix.hasMore && (
              <View className="actions">
                <Button id="matrix-more" block loading={matrix.loadingMore} onClick={matrix.loadMore}>
                  加载更多（还有 {v.total - shownBranches} 个党支部）
                </Button>
              </View>
            )}
          </>
        )}
      </Loaded>
    </View>
  )
}

export default function MatrixPage() {
  const { params } = useRouter()
  const me = useApi('session.whoami', {})
  const year = Number(params.year) || beijing(Date.now()).year()
  return (
    <Loaded state={me}>{(p) => (p.bound ? <Matrix orgId={p.org.id} initialYear={year} /> : <UnboundNotice />)}</Loaded>
  )
}
