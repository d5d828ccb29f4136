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
import { MEMBER_B1, ORGANIZER_B1 } from '../cloud/api-fixture'
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

async function declareAndPay(): Promise<string> {
  const organizer = link.api!.as(ORGANIZER_B1)
  await organizer.call(
    'dues.setBase',
    { memberId: MEMBER_B1, year: 2026, category: 'employed', baseFen: 450000, note: '' },
    'ui-dues-base',
  )
  const entry = await organizer.call(
    'dues.recordPayment',
    {
      memberId: MEMBER_B1,
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
  link.user = MEMBER_B1
  navigation.params = { year: '2026' }
  const { container } = render(<DuesMinePage />)
  await waitFor(() => expect(container.querySelector('#dues-monthly')).not.toBeNull(), SLOW)
  expect(container.querySelector('#dues-monthly')!.textContent).toBe('每月应交 45.00 元')
  expect(container.querySelector('#month-2026-10')!.textContent).toContain('已交')
  expect(container.querySelector('#month-2026-11')!.textContent).toContain('欠交')
  expect(container.querySelector('#month-2026-12')!.textContent).toContain('未到期')
  expect(container.querySelector('#dues-entries')!.textContent).toContain('收据号 DF-UI-10')
  // January–September and November are owed and unpaid: 10 × 45 元.
  expect(container.querySelector('#dues-totals-arrears')!.textContent).toBe('450.00 元')
  expect(container.querySelector('#dues-arrears-hint')!.textContent).toContain('请尽快交给支部组织委员')
})

test('the 组织委员 records a base and a payment, is refused 补交 beyond six months, and corrects an entry', async () => {
  navigation.params = { memberId: MEMBER_B1, year: '2026' }
  const { container } = render(<DuesMemberPage />)
  await waitFor(() => expect(container.querySelector('#form-base')).not.toBeNull(), SLOW)
  expect(container.querySelector('#dues-no-base')).not.toBeNull()
  typeInto(container, 'base-amount', '3000.01')
  await click(container, '#base-submit')
  await waitFor(() => expect(container.querySelector('#dues-monthly')?.textContent).toBe('每月应交 30.00 元'), SLOW)

  // The payment form preselects the months owed within the 补交 window (May–November) and their sum.
  await click(container, '#task-payment')
  expect(container.querySelector('#pay-month-2026-05')!.className).toContain('chip--on')
  expect(container.querySelector('#pay-month-2026-04')!.className).not.toContain('chip--on')
  expect((container.querySelector('#pay-amount') as HTMLInputElement).value).toBe('210.00')
  // Adding April, beyond six months back, is refused with what to do, and what was typed stays.
  await click(container, '#pay-month-2026-04')
  typeInto(container, 'pay-receipt', 'DF-UI-1')
  pickDate(container, 'form-payment', '2026-11-20')
  await click(container, '#pay-submit')
  await waitFor(() => expect(container.querySelector('#pay-message')).not.toBeNull(), SLOW)
  expect(container.querySelector('#pay-message')!.textContent).toContain('2026年4月的党费已超过 6 个月的补交期限')
  expect(container.querySelector('#field-months')!.textContent).toContain('报党委研究处理')
  expect((container.querySelector('#pay-receipt') as HTMLInputElement).value).toBe('DF-UI-1')
  expect(await link.api!.ports.store.count('dues_entries')).toBe(0)

  await click(container, '#pay-month-2026-04')
  typeInto(container, 'pay-amount', '21')
  await click(container, '#pay-submit')
  await waitFor(() => expect(container.querySelector('#dues-entries')).not.toBeNull(), SLOW)
  const [entry] = (await link.api!.ports.store.query('dues_entries', { limit: 10 })).items
  expect(entry).toMatchObject({
    amountFen: 2100,
    receiptNo: 'DF-UI-1',
    method: 'wechat_transfer',
    recordedBy: ORGANIZER_B1,
  })

  // 21 元 was a typo for 210: the correction is a new entry; the original stays, struck.
  await click(container, `#correct-${entry._id}`)
  typeInto(container, 'fix-amount', '210')
  typeInto(container, 'fix-reason', '金额录错，应为 210 元')
  pickDate(container, 'form-correct', '2026-11-20')
  await click(container, '#fix-submit')
  await waitFor(() => expect(container.querySelector(`#entry-${entry._id}`)!.className).toContain('struck'), SLOW)
  expect(container.querySelector(`#entry-${entry._id}`)!.textContent).toContain('已更正')
  expect(container.querySelector('#dues-entries')!.textContent).toContain('更正原因：金额录错，应为 210 元')
  expect(container.querySelector('#month-2026-05')!.textContent).toContain('已交')
  expect(container.querySelector('#dues-totals-arrears')!.textContent).toBe('120.00 元') // January–April
})

test('the ledger: cards on the phone, a table of twelve months at a desk; a row opens the member', async () => {
  await declareAndPay()
  navigation.params = { year: '2026' }
  const phone = render(<DuesLedgerPage />)
  await waitFor(() => expect(phone.container.querySelector(`#row-${MEMBER_B1}`)).not.toBeNull(), SLOW)
  expect(phone.container.querySelector('#ledger-cards')).not.toBeNull()
  expect(phone.container.querySelector(`#row-${MEMBER_B1}`)!.textContent).toContain('欠 450.00 元')
  expect(phone.container.querySelector('#ledger-summary')!.textContent).toContain('1 人欠交')
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
  const row = desk.container.querySelector(`#row-${MEMBER_B1}`)!
  expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
    '黄晓明',
    '在职党员',
    '45.00',
    ...Array(9).fill('欠'),
    '✓',
    '欠',
    '',
    '45.00',
    '450.00',
  ])
  await act(async () => fireEvent.click(row))
  expect(navigation.calls.at(-1)!.url).toBe(`/packages/dues/pages/member/index?memberId=${MEMBER_B1}&year=2026`)
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
    () => expect(container.querySelector('#ledger-summary')!.textContent).toContain('已上缴党委 300.50 元'),
    SLOW,
  )
  expect(container.querySelector('#handovers')!.textContent).toContain('收据号 SJ-UI-1')
})
