/**
 * 我的组织生活 in jsdom against the real server code: the year's meetings with how the member took
 * part, 学时 against the requirement, 补学 offered only on missed meetings, the year switch, a member's
 * record opened by the secretary (no 补学 offered there), and the desk table.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import OrgLifePage from '../../src/packages/orglife/pages/mine/index'
import { pageUrl } from '../../src/domain/pages'
import { MEMBER_B1, SECRETARY_B1 } from '../cloud/api-fixture'
import { device, navigation, resetTaroMock } from '../mocks/taro'
import { closeLink, link, openLink } from './real-api'

const env = process.env as Record<string, string | undefined>
let taroEnv: string | undefined

beforeEach(() => {
  resetTaroMock()
  taroEnv = env.TARO_ENV
})
afterEach(async () => {
  if (taroEnv === undefined) delete env.TARO_ENV
  else env.TARO_ENV = taroEnv
  await closeLink()
})

/** The browser build at `width` px (as tests/ui/desk-layout.test.tsx). */
function browserAt(width: number): void {
  env.TARO_ENV = 'h5'
  window.matchMedia = ((query: string) => ({
    matches: query === '(min-width: 1024px)' && width >= 1024,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia
}

test('the member’s year: counts and 学时 as the server has them; 补学 only on missed rows; the year switch', async () => {
  await openLink(MEMBER_B1)
  navigation.params = { year: '2026' }
  const view = await link.api!.as(MEMBER_B1).call('orgLife.mine', { year: 2026 })
  const { container } = render(<OrgLifePage />)
  await waitFor(() => expect(container.querySelector('#orglife-summary')).not.toBeNull())
  expect(container.querySelector('#orglife-owed')!.textContent).toBe(String(view.totals.owed))
  expect(device.titles.at(-1)).toBe('我的组织生活')
  expect(container.querySelector('#orglife-absent')!.textContent).toBe(String(view.totals.absent))
  expect(container.querySelector('#orglife-hours')!.textContent).toContain(`学时 ${view.totals.hours} / 32`)
  expect(container.querySelectorAll('.orglife__item')).toHaveLength(view.entries.length)

  const attended = view.entries.findIndex((e) => e.outcome === 'present')
  const missed = view.entries.findIndex((e) => e.makeupOffered)
  expect(attended).toBeGreaterThanOrEqual(0)
  expect(missed).toBeGreaterThanOrEqual(0)
  expect(container.querySelector(`#orglife-row-${attended}`)!.textContent).toContain('出席')
  expect(container.querySelector(`#orglife-row-${attended} [id^="orglife-makeup-"]`)).toBeNull()
  expect(container.querySelector(`#orglife-row-${missed}`)!.textContent).toMatch(/缺席|请假/)
  await act(async () => fireEvent.click(container.querySelector(`#orglife-makeup-${missed}`)!))
  expect(navigation.calls.at(-1)).toEqual({
    method: 'navigateTo',
    url: pageUrl('makeup', { meetingId: view.entries[missed].meetingId }),
  })
  // Every offered row is a miss; no attended row offers it.
  const offered = [...container.querySelectorAll('[id^="orglife-makeup-"]')].map((b) => Number(b.id.split('-').pop()))
  expect(offered.every((i) => ['absent', 'leave'].includes(view.entries[i].outcome))).toBe(true)

  const before = await link.api!.as(MEMBER_B1).call('orgLife.mine', { year: 2025 })
  await act(async () => fireEvent.click(container.querySelector('#orglife-year-prev')!))
  await waitFor(() => expect(container.querySelector('#orglife-year')!.textContent).toBe('2025 年'))
  await waitFor(() => expect(container.querySelectorAll('.orglife__item')).toHaveLength(before.entries.length))
  expect(container.querySelector('#orglife-owed')!.textContent).toBe(String(before.totals.owed))
})

test('the secretary opens a member’s record: named, read-only (no 补学); at a desk it is a table', async () => {
  await openLink(SECRETARY_B1)
  browserAt(1366)
  navigation.params = { memberId: MEMBER_B1, year: '2026' }
  const view = await link.api!.as(SECRETARY_B1).call('orgLife.member', { memberId: MEMBER_B1, year: 2026 })
  const { container } = render(<OrgLifePage />)
  await waitFor(() => expect(container.querySelector('#orglife-table tbody tr')).not.toBeNull())
  expect(container.querySelector('.orglife__who')!.textContent).toContain(view.member.name)
  // The page is titled by whose record it is, not 我的组织生活.
  expect(device.titles.at(-1)).toBe(`${view.member.name}的组织生活`)
  const table = container.querySelector('#orglife-table')!
  expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
    '日期',
    '会议类型',
    '主题',
    '参加情况',
    '学时',
    '',
  ])
  expect(table.querySelectorAll('tbody tr')).toHaveLength(view.entries.length)
  expect(container.querySelector('[id^="orglife-makeup-"]')).toBeNull()
  fireEvent.click(container.querySelector('#orglife-row-0')!)
  expect(navigation.calls.at(-1)!.url).toBe(pageUrl('meetingDetail', { id: view.entries[0].meetingId }))
})

test('a member of another branch cannot open this member’s record: the refusal is shown in Chinese', async () => {
  await openLink('m_b2_07')
  navigation.params = { memberId: MEMBER_B1, year: '2026' }
  const { container } = render(<OrgLifePage />)
  await waitFor(() => expect(container.textContent).toContain('你没有权限进行这个操作'))
  expect(container.querySelector('#orglife-summary')).toBeNull()
})
