/**
 * The 党费 pages in jsdom against the real server code (issue 15): 我的党费 shows a member their
 * months and receipts; the 组织委员 records a base, a payment, a correction (the original struck)
 * and a refused 补交 on the member page; the ledger lists the branch as cards on the phone and as a
 * table at a desk, a row opening the member's record.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import DuesLedgerPage from '../../src/packages/dues/pages/ledger/index'
import DuesMemberPage from '../../src/packages/dues/pages/member/index'
import DuesMinePage from '../../src/packages/dues/pages/mine/index'
import DuesRollupPage from '../../src/packages/dues/pages/rollup/index'
import { MEMBER_B1, ORGANIZER_B1, PROBATIONARY_B1, SUPERVISOR } from '../cloud/api-fixture'
import { navigation } from '../mocks/taro'
import { link, linkPerTest, typeInto } from './real-api'

linkPerTest(ORGANIZER_B1)
const SLOW = { timeout: 8000 }
jest.setTimeout(30_000)
const env = process.env as Record<string, string | undefined>
let taroEnv: string | undefined
let matchMedia: typeof window.matchMedia | undefined

beforeEach(() => {
  taroEnv = env.TARO_ENV
  matchMedia = window.matchMedia
})
afterEach(() => {
  if (taroEnv === undefined) delete env.TARO_ENV
  else env.TARO_ENV = taroEnv
  window.matchMedia = matchMedia!
})

/** The browser build at `width` px (as tests/ui/desk-layout.test.tsx does). */
function browserAt(width: number): void {
  env.TARO_ENV = 'h5'
  window.matchMedia = ((query: string) => ({
    matches: query === '(min-width: 1024px)' && width >= 1024,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia
}

/** Sets the date picker inside `#formId` (the client's today may be after the server's fixed clock). */
const pickDate = (container: HTMLElement, formId: string, value: string) =>
  fireEvent.change(container.querySelector(`#${formId} [data-testid="picker-date"]`)!, { target: { value } })

const click = (container: HTMLElement, selector: string) =>
  act(async () => fireEvent.click(container.querySelector(selector)!))

/** 朱浩然, 预备党员 since 2026-07-01: the demo has not declared his base yet. */
const NEW_MEMBER = PROBATIONARY_B1

async function declareAndPay(): Promise<string> {
  const organizer = link.api!.as(ORGANIZER_B1)
  await organizer.call(
    'dues.setBase',
    { memberId: NEW_MEMBER, year: 2026, category: 'employed', baseFen: 450000, note: '' },
    'ui-dues-base',
  )
  const entry = await organizer.call(
    'dues.recordPayment',
    {
      memberId: NEW_MEMBER,
      months: ['2026-10'],
      amountFen: 4500,
      method: 'wechat_transfer',
      receiptNo: 'DF-UI-10',
      paidOn: '2026-10-12',
    },
    'ui-dues-pay',
  )
  return entry.id
}

test('我的党费 shows the base, each month, what is owed and the receipts', async () => {
  await declareAndPay()
  link.user = NEW_MEMBER
  navigation.params = { year: '2026' }
  const { container } = render(<DuesMinePage />)
  await waitFor(() => expect(container.querySelector('#dues-monthly')).not.toBeNull(), SLOW)
  expect(container.querySelector('#dues-monthly')!.textContent).toBe('每月应交 45.00 元')
  expect(container.querySelector('#month-2026-10')!.textContent).toContain('已交')
  // November is this month: 本月应交, not 欠交, until it ends.
  expect(container.querySelector('#month-2026-11')!.textContent).toContain('本月应交')
  expect(container.querySelector('#month-2026-11')!.textContent).not.toContain('欠交')
  expect(container.querySelector('#month-2026-12')!.textContent).toContain('未到期')
  // Before he joined nothing is due: no 应交, not 未到期.
  expect(container.querySelector('#month-2026-06')!.textContent).toContain('入党前，无需交纳')
  expect(container.querySelector('#month-2026-06')!.textContent).not.toContain('应交 45.00')
  expect(container.querySelector('#dues-entries')!.textContent).toContain('收据号 DF-UI-10')
  // July–September ended unpaid (October is paid; November is this month, owed but not 欠交): 3 × 45.
  expect(container.querySelector('#dues-totals-arrears')!.textContent).toBe('135.00 元')
  expect(container.querySelector('#dues-arrears-hint')!.textContent).toContain('请尽快交给支部组织委员')
})

test('我的党费 of a member in the demo: a year paid month by month, with receipts', async () => {
  link.user = MEMBER_B1
  navigation.params = { year: '2026' }
  const { container } = render(<DuesMinePage />)
  await waitFor(() => expect(container.querySelector('#dues-monthly')).not.toBeNull(), SLOW)
  expect(container.querySelector('#dues-monthly')!.textContent).toBe('每月应交 45.00 元')
  expect(container.querySelector('#dues-base')!.textContent).toContain('王志强')
  expect(container.querySelectorAll('.dues__state--paid')).toHaveLength(10) // January–October
  expect(container.querySelector('#month-2026-11')!.textContent).toContain('本月应交')
  expect(container.querySelectorAll('#dues-entries .dues__entry')).toHaveLength(10)
  // Only this month is open: asked to pay within the month, not 尽快 as if overdue.
  expect(container.querySelector('#dues-arrears-hint')).toBeNull()
  expect(container.querySelector('#dues-this-month-hint')!.textContent).toBe(
    '本月应交 45.00 元，请在本月内交给支部组织委员。',
  )
})

test('我的党费 for a year before the branch kept dues here asks for nothing', async () => {
  link.user = MEMBER_B1
  navigation.params = { year: '2025' }
  const { container } = render(<DuesMinePage />)
  await waitFor(() => expect(container.querySelector('#dues-no-base')).not.toBeNull(), SLOW)
  const text = container.querySelector('#dues-no-base')!.textContent!
  expect(text).toContain('2025年的党费没有在本系统登记')
  expect(text).not.toContain('请把每月税后工资收入告诉')
})

test('the 组织委员 records a base and a payment for the months since joining, and corrects an entry', async () => {
  navigation.params = { memberId: NEW_MEMBER, year: '2026' }
  const { container } = render(<DuesMemberPage />)
  await waitFor(() => expect(container.querySelector('#form-base')).not.toBeNull(), SLOW)
  expect(container.querySelector('#dues-no-base')).not.toBeNull()
  typeInto(container, 'base-amount', '3000.01')
  await click(container, '#base-submit')
  await waitFor(() => expect(container.querySelector('#dues-monthly')?.textContent).toBe('每月应交 30.00 元'), SLOW)

  // The payment form preselects the months owed (since he joined in July) and their sum.
  await click(container, '#task-payment')
  expect(container.querySelector('#pay-month-2026-07')!.className).toContain('chip--on')
  // Months before he joined are not offered at all.
  expect(container.querySelector('#pay-month-2026-06')).toBeNull()
  expect(container.querySelector('#pay-month-2026-04')).toBeNull()
  expect((container.querySelector('#pay-amount') as HTMLInputElement).value).toBe('150.00')
  typeInto(container, 'pay-receipt', 'DF-UI-1')
  pickDate(container, 'form-payment', '2026-11-20')
  typeInto(container, 'pay-amount', '15')
  const before = await link.api!.ports.store.count('dues_entries')
  await click(container, '#pay-submit')
  await waitFor(() => expect(container.querySelector('#dues-entries')).not.toBeNull(), SLOW)
  expect(await link.api!.ports.store.count('dues_entries')).toBe(before + 1)
  const where = [{ field: 'memberId', op: 'eq' as const, value: NEW_MEMBER }]
  const [entry] = (await link.api!.ports.store.query('dues_entries', { where, limit: 10 })).items
  expect(entry).toMatchObject({
    amountFen: 1500,
    receiptNo: 'DF-UI-1',
    method: 'wechat_transfer',
    recordedBy: ORGANIZER_B1,
  })
  expect(container.querySelector('#month-2026-07')!.textContent).toContain('未交足')

  // 15 元 was a typo for 150: the correction is a new entry; the original stays, struck.
  await click(container, `#correct-${entry._id}`)
  typeInto(container, 'fix-amount', '150')
  typeInto(container, 'fix-reason', '金额录错，应为 150 元')
  pickDate(container, 'form-correct', '2026-11-20')
  await click(container, '#fix-submit')
  await waitFor(() => expect(container.querySelector(`#entry-${entry._id}`)!.className).toContain('struck'), SLOW)
  expect(container.querySelector(`#entry-${entry._id}`)!.textContent).toContain('已更正')
  expect(container.querySelector('#dues-entries')!.textContent).toContain('更正原因：金额录错，应为 150 元')
  expect(container.querySelector('#month-2026-07')!.textContent).toContain('已交')
  expect(container.querySelector('#dues-totals-arrears')!.textContent).toBe('0.00 元')
})

test('the ledger: cards on the phone, a table of twelve months at a desk; a row opens the member', async () => {
  await declareAndPay()
  navigation.params = { year: '2026' }
  const phone = render(<DuesLedgerPage />)
  await waitFor(() => expect(phone.container.querySelector(`#row-${NEW_MEMBER}`)).not.toBeNull(), SLOW)
  expect(phone.container.querySelector('#ledger-cards')).not.toBeNull()
  // July–October ended unpaid but for October's 45: 3 × 45 (November is this month, owed but not 欠交).
  expect(phone.container.querySelector(`#row-${NEW_MEMBER}`)!.textContent).toContain('欠 135.00 元')
  // Only November, this month, is open: 本月应交, not 欠.
  expect(phone.container.querySelector(`#row-${MEMBER_B1}`)!.textContent).toContain('本月应交 45.00 元')
  phone.unmount()

  browserAt(1366)
  const desk = render(<DuesLedgerPage />)
  await waitFor(() => expect(desk.container.querySelector('#ledger-table')).not.toBeNull(), SLOW)
  const headers = [...desk.container.querySelectorAll('#ledger-table th')].map((th) => th.textContent)
  expect(headers).toEqual([
    '姓名',
    '类别',
    '月应交',
    ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`),
    '已交',
    '欠交',
  ])
  const row = desk.container.querySelector(`#row-${NEW_MEMBER}`)!
  expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
    '朱浩然',
    '在职',
    '45.00',
    ...Array(6).fill(''),
    ...Array(3).fill('欠'),
    '✓',
    '应', // November: this month, owed (本月应交), not 欠
    '',
    '45.00',
    '135.00',
  ])
  await act(async () => fireEvent.click(row))
  expect(navigation.calls.at(-1)!.url).toBe(`/packages/dues/pages/member/index?memberId=${NEW_MEMBER}&year=2026`)
})

test('登记上缴 from the ledger adds to what was handed up', async () => {
  navigation.params = { year: '2026' }
  const { container } = render(<DuesLedgerPage />)
  await waitFor(() => expect(container.querySelector('#form-handover')).not.toBeNull(), SLOW)
  await click(container, '#up-submit')
  expect(container.querySelector('#up-message')!.textContent).toContain('请填写上缴金额')
  typeInto(container, 'up-amount', '300.5')
  typeInto(container, 'up-receipt', 'SJ-UI-1')
  pickDate(container, 'form-handover', '2026-11-20')
  await click(container, '#up-submit')
  await waitFor(
    () => expect(container.querySelector('#ledger-summary')!.textContent).toContain('已上缴党委 3300.50 元'),
    SLOW,
  )
  expect(container.querySelector('#handovers')!.textContent).toContain('收据号 SJ-UI-1')
})

test('党费汇总: the 党委 sees each branch’s totals and nobody’s payments', async () => {
  link.user = SUPERVISOR
  navigation.params = { year: '2026' }
  const { container } = render(<DuesRollupPage />)
  await waitFor(() => expect(container.querySelector('#rollup-org_b1')).not.toBeNull(), SLOW)
  const b1 = await link.api!.as(ORGANIZER_B1).call('dues.branch', { year: 2026 })
  const card = container.querySelector('#rollup-org_b1')!.textContent!
  expect(card).toContain(`已交 ${(b1.totals.paidFen / 100).toFixed(2)} 元`)
  expect(card).toContain(`（${b1.membersInArrears} 人）`)
  expect(card).toContain('已上缴党委 3000.00 元')
  // The second branch keeps no dues in the app: said so, not 欠交 0.00 元（0 人） as if all had paid.
  const b2 = container.querySelector('#rollup-org_b2')!.textContent!
  expect(b2).toContain('未在系统登记党费')
  expect(b2).not.toContain('欠交')
  expect(container.textContent).not.toContain('黄晓明')
})
