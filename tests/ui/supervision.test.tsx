/**
 * The 党委's supervision pages in jsdom against the real server code and the demo (issue 14): the
 * year matrix on the phone (cards with a compact row of cells) and at a desk (a table), a 逾期 cell
 * opening its meeting and the branch's 会议月历, filters, search, sort and paging; the branch page
 * with its indicators, cells in words and the ways into the branch's records.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import SupervisionBranchPage from '../../src/packages/supervision/pages/branch/index'
import MatrixPage from '../../src/packages/supervision/pages/matrix/index'
import type { MeetingDetail } from '../../src/domain/api/views'
import { fromBeijing } from '../../src/domain/beijing-time'
import { pageUrl } from '../../src/domain/pages'
import { SECRETARY_B1, SUPERVISOR, scheduleInput } from '../cloud/api-fixture'
import { navigation } from '../mocks/taro'
import { link, linkPerTest, typeInto } from './real-api'

linkPerTest(SUPERVISOR)
/** The first answers can take seconds on a busy machine (the real server code runs in-process). */
const SLOW = { timeout: 8000 }

/**
 * A 党课 of the first branch on 2026-11-23 that was never recorded, the clock moved to 2026-11-27:
 * past the 3 days its attendance and minutes were due, inside the quarter — the Q4 党课 cell is 逾期.
 */
async function overdueLecture(): Promise<MeetingDetail> {
  const api = link.api!
  const m = await api
    .as(SECRETARY_B1)
    .call(
      'meeting.schedule',
      scheduleInput({ kind: 'party_lecture', title: '第四季度党课：学习支部工作条例', date: '2026-11-23' }),
      'req-ui-supervision-1',
    )
  api.clock.now = fromBeijing('2026-11-27', '10:00')
  return m
}

const ids = (container: HTMLElement, selector: string) => [...container.querySelectorAll(selector)].map((e) => e.id)
const matrixCalls = () => link.sent.filter((e) => e.action === 'supervision.matrix')

test('on the phone: a card per branch and 党小组, a 逾期 cell opens its meeting and the branch’s 会议月历', async () => {
  const lecture = await overdueLecture()
  navigation.params = { year: '2026' }
  const { container, findByText } = render(<MatrixPage />)
  await waitFor(() => expect(container.querySelector('#card-org_b1')).not.toBeNull(), SLOW)
  expect(ids(container, '.smx-card')).toEqual(
    expect.arrayContaining(['card-org_b1', 'card-org_b2', 'card-org_b1_g1', 'card-org_b2_g2']),
  )
  expect(container.querySelector('#matrix-table')).toBeNull()
  expect(container.querySelector('#matrix-total')!.textContent).toContain('共 2 个党支部符合条件，已显示 2 个')
  // Status in a word as well as a colour: the legend names each, the compact cell carries its first character.
  expect(container.querySelector('#cell-legend')!.textContent).toBe('完 已完成补 补录逾 逾期未 未完成待 待召开')
  const cell = container.querySelector('#mcell-org_b1-party_lecture-2026-Q4')!
  expect(cell.textContent).toBe('逾')
  expect(cell.className).toContain('cell--overdue')
  // 党小组 rows carry 党小组会 only.
  expect(ids(container, '#card-org_b1_g1 .cell').every((id) => id.includes('-group_meeting-'))).toBe(true)

  await act(async () => fireEvent.click(cell))
  await findByText(lecture.title)
  expect(container.querySelector('#cell-sheet-title')!.textContent).toBe('第一党支部 · 党课 四季度')
  expect(container.querySelector('#cell-sheet')!.textContent).toContain('未确认考勤')
  await act(async () => fireEvent.click(container.querySelector('#sheet-calendar')!))
  expect(navigation.calls.at(-1)).toEqual({
    method: 'navigateTo',
    url: pageUrl('calendar', { branchId: 'org_b1', month: '2026-11' }),
  })
  await act(async () => fireEvent.click(container.querySelector(`#sheet-meeting-${lecture.id}`)!))
  expect(navigation.calls.at(-1)!.url).toBe(pageUrl('meetingDetail', { id: lecture.id }))
  // The name opens the branch page of the year.
  await act(async () => fireEvent.click(container.querySelector('#open-org_b1_g1')!))
  expect(navigation.calls.at(-1)!.url).toBe(pageUrl('supervisionBranch', { branchId: 'org_b1', year: 2026 }))
})

test('a cell with no meeting behind it opens the branch’s 会议月历 at its period', async () => {
  navigation.params = { year: '2026' }
  const view = await link.api!.as(SUPERVISOR).call('supervision.matrix', { orgId: 'org_cmte', year: 2026 })
  const row = view.rows.find((r) => r.orgId === 'org_b2')!
  const empty = row.cells.find((c) => c.meetingIds.length === 0 && /^2026-(0[2-9]|1[0-2])$/.test(c.period))
  expect(empty).toBeDefined()
  const { container } = render(<MatrixPage />)
  await waitFor(() => expect(container.querySelector('#card-org_b2')).not.toBeNull(), SLOW)
  await act(async () => fireEvent.click(container.querySelector(`#mcell-org_b2-${empty!.kind}-${empty!.period}`)!))
  const month = empty!.period === '2026-11' ? '2026-11' : empty!.period
  expect(navigation.calls.at(-1)!.url).toBe(pageUrl('calendar', { branchId: 'org_b2', month }))
  expect(container.querySelector('#cell-sheet')).toBeNull()
})

test('filters by status and kind, search by name and sort by name ask the server and show its rows', async () => {
  await overdueLecture()
  navigation.params = { year: '2026' }
  const { container } = render(<MatrixPage />)
  await waitFor(() => expect(container.querySelector('#card-org_b2')).not.toBeNull(), SLOW)
  // On the phone the filters are folded under 筛选.
  expect(container.querySelector('#matrix-filters')).toBeNull()
  await act(async () => fireEvent.click(container.querySelector('#toggle-filters')!))

  await act(async () => fireEvent.click(container.querySelector('#status-overdue')!))
  await waitFor(() => expect(container.querySelector('#card-org_b2')).toBeNull(), SLOW)
  expect(container.querySelector('#card-org_b1')).not.toBeNull()
  expect(matrixCalls().at(-1)!.input).toMatchObject({ statuses: ['overdue'] })
  await act(async () => fireEvent.click(container.querySelector('#status-overdue')!))
  await waitFor(() => expect(container.querySelector('#card-org_b2')).not.toBeNull(), SLOW)

  typeInto(container, 'matrix-search', '第二党支部')
  await act(async () => fireEvent.click(container.querySelector('#matrix-search-go')!))
  await waitFor(() => expect(container.querySelector('#card-org_b1')).toBeNull(), SLOW)
  expect(container.querySelector('#card-org_b2')).not.toBeNull()
  expect(matrixCalls().at(-1)!.input).toMatchObject({ search: '第二党支部' })
  await act(async () => fireEvent.click(container.querySelector('#matrix-search-clear')!))
  await waitFor(() => expect(container.querySelector('#card-org_b1')).not.toBeNull(), SLOW)

  await act(async () => fireEvent.click(container.querySelector('#kind-theme_day')!))
  await waitFor(() => expect(matrixCalls().at(-1)!.input).toMatchObject({ kinds: ['theme_day'] }), SLOW)
  await waitFor(() => expect(container.querySelector('#mcell-org_b1-party_lecture-2026-Q4')).toBeNull(), SLOW)
  const cells = ids(container, '.smx-card .cell')
  expect(cells.length).toBeGreaterThan(0)
  expect(cells.every((id) => id.includes('-theme_day-'))).toBe(true)

  await act(async () => fireEvent.click(container.querySelector('#sort-name')!))
  await waitFor(() => expect(matrixCalls().at(-1)!.input).toMatchObject({ sort: 'name', kinds: ['theme_day'] }), SLOW)
  expect(container.querySelector('#toggle-filters')!.textContent).toBe('收起筛选')
  await act(async () => fireEvent.click(container.querySelector('#toggle-filters')!))
  expect(container.querySelector('#toggle-filters')!.textContent).toBe('筛选（已选 1 项）')
})

test('thousands of branches come 50 at a time: 加载更多 adds the rest with no repeats', async () => {
  const store = link.api!.ports.store
  for (let i = 1; i <= 62; i += 1) {
    const id = `org_x${String(i).padStart(3, '0')}`
    await store.insert('orgs', {
      _id: id,
      kind: 'branch',
      name: `测试第${i}党支部`,
      parentId: 'org_cmte',
      path: ['org_cmte', id],
    })
  }
  navigation.params = { year: '2026' }
  const { container } = render(<MatrixPage />)
  await waitFor(() => expect(container.querySelector('#matrix-more')).not.toBeNull(), { timeout: 5000 })
  const branchCards = () => ids(container, '.smx-card').filter((id) => !/_g\d$/.test(id))
  expect(branchCards()).toHaveLength(50)
  expect(container.querySelector('#matrix-more')!.textContent).toContain('还有 14 个党支部')
  await act(async () => fireEvent.click(container.querySelector('#matrix-more')!))
  await waitFor(() => expect(container.querySelector('#matrix-more')).toBeNull(), SLOW)
  const all = branchCards()
  expect(all).toHaveLength(64)
  expect(new Set(all).size).toBe(64)
})

test('a 党委 with 党总支: filtering by one shows only the branches below it', async () => {
  const store = link.api!.ports.store
  await store.insert('orgs', {
    _id: 'org_gb1',
    kind: 'general_branch',
    name: '机关第一党总支',
    parentId: 'org_cmte',
    path: ['org_cmte', 'org_gb1'],
  })
  await store.insert('orgs', {
    _id: 'org_gb1_b1',
    kind: 'branch',
    name: '总支下属第一党支部',
    parentId: 'org_gb1',
    path: ['org_cmte', 'org_gb1', 'org_gb1_b1'],
  })
  navigation.params = { year: '2026' }
  const { container } = render(<MatrixPage />)
  await waitFor(() => expect(container.querySelector('#card-org_gb1_b1')).not.toBeNull(), SLOW)
  expect(container.querySelector('#card-org_gb1_b1')!.textContent).toContain('机关第一党总支')
  await act(async () => fireEvent.click(container.querySelector('#toggle-filters')!))
  await waitFor(() => expect(container.querySelector('#parent-org_gb1')).not.toBeNull(), SLOW)
  await act(async () => fireEvent.click(container.querySelector('#parent-org_gb1')!))
  await waitFor(() => expect(container.querySelector('#card-org_b1')).toBeNull(), SLOW)
  expect(ids(container, '.smx-card')).toEqual(['card-org_gb1_b1'])
  expect(matrixCalls().at(-1)!.input).toMatchObject({ parentId: 'org_gb1' })
})

describe('at a desk (browser build, a window 1024 px wide or wider)', () => {
  const env = process.env as Record<string, string | undefined>
  let taroEnv: string | undefined
  beforeEach(() => {
    taroEnv = env.TARO_ENV
    env.TARO_ENV = 'h5'
    window.matchMedia = ((query: string) => ({
      matches: query === '(min-width: 1024px)',
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })) as unknown as typeof window.matchMedia
  })
  afterEach(() => {
    if (taroEnv === undefined) delete env.TARO_ENV
    else env.TARO_ENV = taroEnv
  })

  test('the matrix is a table: names in row headers, kinds over their periods, statuses in words', async () => {
    await overdueLecture()
    navigation.params = { year: '2026' }
    const { container, findByText } = render(<MatrixPage />)
    await waitFor(() => expect(container.querySelector('#matrix-table')).not.toBeNull(), SLOW)
    const table = container.querySelector('#matrix-table')!
    expect(table.tagName).toBe('TABLE')
    expect(container.querySelector('#matrix-cards')).toBeNull()
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent)
    expect(heads).toEqual(
      expect.arrayContaining(['支部 / 党小组', '支部党员大会', '主题党日', '党小组会', '出席率', '1月', '四季度']),
    )
    const rowHead = table.querySelector('#row-org_b1 th[scope="row"]')!
    expect(rowHead.textContent).toContain('第一党支部')
    const cell = container.querySelector('#cell-org_b1-party_lecture-2026-Q4')!
    expect(cell.textContent).toBe('逾期')
    expect(cell.closest('td')).not.toBeNull()
    // A button: reached with Tab and named for a screen reader.
    expect(cell.tagName).toBe('BUTTON')
    expect(cell.getAttribute('title')).toBe('第一党支部 党课 第四季度：逾期')
    const words = new Set([...table.querySelectorAll('.cell')].map((c) => c.textContent))
    expect([...words].every((w) => ['已完成', '补录', '逾期', '未完成', '待召开'].includes(w!))).toBe(true)
    expect(container.querySelector('#ind-org_b1-attendanceRate')!.textContent).toMatch(/^(\d+%|—)$/)
    await act(async () => fireEvent.click(cell))
    await findByText('第四季度党课：学习支部工作条例')

    // Filtered by 逾期, the table keeps only the columns holding one: the 党课 of the fourth quarter.
    await act(async () => fireEvent.click(container.querySelector('#status-overdue')!))
    await waitFor(() => expect(container.querySelector('#row-org_b2')).toBeNull(), SLOW)
    const periods = [...container.querySelectorAll('#matrix-table thead tr:nth-child(2) th')].map(
      (th) => th.textContent,
    )
    expect(periods.slice(-1)).toEqual(['四季度'])
    expect(
      [...container.querySelectorAll('#matrix-table thead tr:first-child th')].map((th) => th.textContent),
    ).toEqual(['支部 / 党小组', '2026 年指标', '党课'])
    expect(container.querySelector('#matrix-total')!.textContent).toContain('表格只列出含所选状态的周期')
  })
})

test('the branch page: indicators, every cell in words, 党小组 rows, escalations and the ways into its records', async () => {
  await overdueLecture()
  navigation.params = { branchId: 'org_b1', year: '2026' }
  const { container } = render(<SupervisionBranchPage />)
  await waitFor(() => expect(container.querySelector('#branch-name')).not.toBeNull(), SLOW)
  expect(container.querySelector('#branch-name')!.textContent).toBe('第一党支部')
  const indicators = container.querySelector('#branch-indicators')!.textContent!
  for (const label of [
    '按时召开',
    '出席率',
    '阅签率',
    '补录占比',
    '代为登记占比',
    '离线补传占比',
    '远程参会占比',
    '距上次组织生活',
    '流动党员预警/失联风险',
  ]) {
    expect(indicators).toContain(label)
  }
  expect(container.querySelector('#bcell-org_b1-party_lecture-2026-Q4')!.textContent).toBe('逾期')
  expect(container.querySelector('#cells-org_b1_g1')!.textContent).toContain('已完成')
  expect(container.querySelector('#branch-escalations')!.textContent).toContain('2026 年没有因本支部发出的督办提醒')

  const go = async (id: string) => {
    await act(async () => fireEvent.click(container.querySelector(`#${id}`)!))
    return navigation.calls.at(-1)!.url
  }
  expect(await go('go-calendar')).toBe(pageUrl('calendar', { branchId: 'org_b1' }))
  expect(await go('go-book')).toBe(pageUrl('minutesBook', { branchId: 'org_b1', year: 2026 }))
  expect(await go('go-mobile')).toBe(pageUrl('mobileList', { branchId: 'org_b1' }))
  expect(await go('go-plan')).toBe(pageUrl('plan', { branchId: 'org_b1', year: 2026 }))
  // A cell with its meeting opens the sheet; from there the calendar of that month.
  await act(async () => fireEvent.click(container.querySelector('#bcell-org_b1-party_lecture-2026-Q4')!))
  await waitFor(() => expect(container.querySelector('#cell-sheet')!.textContent).toContain('第四季度党课'), SLOW)
  expect(await go('sheet-calendar')).toBe(pageUrl('calendar', { branchId: 'org_b1', month: '2026-11' }))
})

test('a branch secretary is refused the 党委’s pages in Chinese', async () => {
  link.user = SECRETARY_B1
  navigation.params = { branchId: 'org_b1', year: '2026' }
  const { container } = render(<SupervisionBranchPage />)
  await waitFor(() => expect(container.querySelector('#state-error')).not.toBeNull(), SLOW)
  expect(container.textContent).toMatch(/[\u4e00-\u9fff]/)
  expect(container.querySelector('#branch-links')).toBeNull()
})
