/**
 * 党费 through the API (issue 15): a year of payments with one correction, the ledger's totals
 * against its entries, 补交 and 减免, the .xlsx parsed back, and who sees what.
 */
import ExcelJS from 'exceljs'
import { fromBeijing } from '../../src/domain/beijing-time'
import { duesCoveredMonths } from '../../src/cloud/dues-ledger'
import {
  FIXED_NOW,
  MEMBER_B1,
  MEMBER_B2,
  ORGANIZER_B1,
  PROPAGANDA_B1,
  SECRETARY_B2,
  SUPERVISOR,
  apiPerTest,
  expectRefused,
  ok,
  requestIds,
} from './api-fixture'

const api = apiPerTest()
const rid = requestIds('req-dues')
const ORGANIZER_B2 = 'm_b2_02'
const OTHER_B2 = 'm_b2_08'

const atMonth = (month: string) => fromBeijing(`${month}-10`, '10:00')

async function declare(memberId: string, baseFen = 600000) {
  return api
    .as(ORGANIZER_B2)
    .call('dues.setBase', { memberId, year: 2026, category: 'employed', baseFen, note: '' }, rid())
}

test('dues.preview gives the rate and the monthly amount at the band edges', async () => {
  const at = (baseFen: number) => api.as(MEMBER_B1).call('dues.preview', { category: 'employed', baseFen })
  expect(await at(300000)).toMatchObject({ rateBp: 50, rateText: '0.5%', monthlyFen: 1500 })
  expect(await at(300001)).toMatchObject({ rateBp: 100, monthlyFen: 3000 })
  expect(await api.as(MEMBER_B1).call('dues.preview', { category: 'student' })).toMatchObject({
    rateBp: null,
    monthlyFen: 20,
    categoryLabel: '学生党员',
  })
  const noBase = await api.as(MEMBER_B1).result('dues.preview', { category: 'retired' })
  expectRefused(noBase, 'VALIDATION_FAILED')
  expect(noBase.ok ? [] : noBase.error.fields).toEqual([{ field: 'baseFen', message: '请填写每月税后工资收入（元）' }])
})

test('a year of payments with one correction: the ledger, its totals and the .xlsx agree with the entries', async () => {
  api.clock.now = atMonth('2026-01')
  const base = await declare(MEMBER_B2)
  expect(base).toMatchObject({ monthlyFen: 9000, rateBp: 150, declaredByName: '何雪梅' })
  await declare(OTHER_B2, 250000) // 0.5%: 12.50 元, never paid
  const recorded: { id: string; amountFen: number }[] = []
  for (let m = 1; m <= 11; m += 1) {
    const month = `2026-${String(m).padStart(2, '0')}`
    api.clock.now = atMonth(month)
    const amountFen = m === 3 ? 900 : 9000 // March typed wrong
    const entry = await api.as(m % 2 ? ORGANIZER_B2 : SECRETARY_B2).call(
      'dues.recordPayment',
      {
        memberId: MEMBER_B2,
        months: m === 11 ? ['2026-11', '2026-12'] : [month],
        amountFen: m === 11 ? 18000 : amountFen,
        method: m % 3 === 0 ? 'cash' : m % 3 === 1 ? 'bank_transfer' : 'wechat_transfer',
        receiptNo: `DF-2026-${m}`,
        paidOn: `${month}-10`,
      },
      rid(),
    )
    recorded.push({ id: entry.id, amountFen: entry.amountFen })
  }
  const march = recorded[2]
  const fixed = await api
    .as(ORGANIZER_B2)
    .call(
      'dues.correct',
      { entryId: march.id, months: ['2026-03'], amountFen: 9000, paidOn: '2026-03-10', reason: '金额录错，应为 90 元' },
      rid(),
    )
  expect(fixed).toMatchObject({ correctsId: march.id, amountFen: 9000, methodLabel: '现金', receiptNo: 'DF-2026-3' })
  // The original can be corrected only once; the correction is what counts now.
  const again = await api
    .as(ORGANIZER_B2)
    .result(
      'dues.correct',
      { entryId: march.id, months: ['2026-03'], amountFen: 1, paidOn: '2026-03-10', reason: '再改' },
      rid(),
    )
  expectRefused(again, 'CONFLICT', /已经被更正/)

  const mine = await api.as(MEMBER_B2).call('dues.mine', { year: 2026 })
  expect(mine.months.map((m) => m.state)).toEqual(Array(12).fill('paid'))
  expect(mine.entries).toHaveLength(12)
  const struck = mine.entries.find((e) => e.id === march.id)!
  expect(struck.correctedById).toBe(fixed.id)
  // Effective entries: every payment but the corrected March one, plus its correction.
  const effective = recorded.filter((r) => r.id !== march.id).reduce((s, r) => s + r.amountFen, 0) + fixed.amountFen
  expect(mine.totals).toEqual({ dueFen: 11 * 9000, paidFen: effective, arrearsFen: 0 })
  expect(effective).toBe(12 * 9000)

  const ledger = await api.as(ORGANIZER_B2).call('dues.branch', { branchId: 'org_b2', year: 2026 })
  const row = ledger.rows.find((r) => r.memberId === MEMBER_B2)!
  expect(row.totals).toEqual(mine.totals)
  const other = ledger.rows.find((r) => r.memberId === OTHER_B2)!
  // November is this month: owed (应交) but not 欠交 until it ends.
  expect(other.totals).toEqual({ dueFen: 11 * 1250, paidFen: 0, arrearsFen: 10 * 1250 })
  expect(ledger.totals.paidFen).toBe(effective)
  expect(ledger.totals.arrearsFen).toBe(10 * 1250)
  expect(ledger.monthTotals.reduce((s, m) => s + m.paidFen, 0)).toBe(ledger.totals.paidFen)
  expect(ledger.membersInArrears).toBe(1)

  // 上缴 and the 党委's roll-up: totals only.
  await api
    .as(SECRETARY_B2)
    .call('dues.recordHandover', { year: 2026, amountFen: 50000, handedOn: '2026-11-10', receiptNo: 'SJ-1' }, rid())
  const rollup = await api.as(SUPERVISOR).call('dues.rollup', { year: 2026 })
  const b2 = rollup.branches.find((b) => b.branchId === 'org_b2')!
  expect(b2).toMatchObject({ totals: ledger.totals, handedUpFen: 50000, membersInArrears: 1 })
  expect(JSON.stringify(rollup)).not.toContain(MEMBER_B2)

  // The six-month warning's reader.
  const covered = await duesCoveredMonths(api.ports.store, 'org_b2', '2026-01', '2026-11', '2026-11')
  expect(covered.get(MEMBER_B2)).toEqual({
    paid: [
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ],
    exempt: [],
    unpaid: [],
  })
  // January–October: November is this month, owed but not yet unpaid.
  expect(covered.get(OTHER_B2)?.unpaid).toHaveLength(10)

  // The yearly ledger as .xlsx, parsed back.
  const file = await api.as(ORGANIZER_B2).call('dues.exportLedger', { year: 2026 })
  expect(file.filename).toMatch(/^党费台账_第二党支部_2026_\d{8}\.xlsx$/)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(file.base64!, 'base64') as unknown as ArrayBuffer)
  const sheet = wb.worksheets[0]
  const header = (sheet.getRow(1).values as unknown[]).slice(1)
  expect(header.slice(0, 4)).toEqual(['姓名', '类别', '月应交（元）', '1月已交'])
  const fen = (v: unknown) => Math.round(Number(v) * 100)
  const rowOf = (name: string) => {
    let found: unknown[] = []
    sheet.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1)
      if (values[0] === name) found = values
    })
    return found
  }
  const mineRow = rowOf('郑明辉')
  expect(mineRow[1]).toBe('在职党员')
  expect(fen(mineRow[2])).toBe(9000)
  expect(mineRow.slice(3, 15).map(fen)).toEqual(mine.months.map((m) => m.paidFen))
  expect(mineRow.slice(15, 18).map(fen)).toEqual([mine.totals.dueFen, mine.totals.paidFen, mine.totals.arrearsFen])
  expect(rowOf('合计').slice(15, 18).map(fen)).toEqual([
    ledger.totals.dueFen,
    ledger.totals.paidFen,
    ledger.totals.arrearsFen,
  ])
  const detail = wb.getWorksheet('交纳明细')!
  const states: string[] = []
  detail.eachRow((r, n) => {
    if (n > 1) states.push(String((r.values as unknown[])[8]))
  })
  expect(states.filter((s) => s === '已更正')).toHaveLength(1)
  expect(states).toHaveLength(12)
  const up = wb.getWorksheet('上缴党委')!
  expect(fen((up.getRow(2).values as unknown[])[2])).toBe(50000)
})

test('补交 beyond six months is refused with what to do, and nothing is written', async () => {
  api.clock.now = FIXED_NOW // 2026-11
  await declare(MEMBER_B2)
  const input = {
    memberId: MEMBER_B2,
    months: ['2026-04', '2026-05'],
    amountFen: 18000,
    method: 'cash' as const,
    receiptNo: 'BJ-1',
    paidOn: '2026-11-20',
  }
  const refused = await api.as(ORGANIZER_B2).result('dues.recordPayment', input, rid())
  expectRefused(refused, 'VALIDATION_FAILED', /2026年4月的党费已超过 6 个月的补交期限（最早可补交2026年5月）/)
  expect(refused.ok ? [] : refused.error.fields?.[0].field).toBe('months')
  expect(await api.ports.store.count('dues_entries', [{ field: 'memberId', op: 'eq', value: MEMBER_B2 }])).toBe(0)
  ok(await api.as(ORGANIZER_B2).result('dues.recordPayment', { ...input, months: ['2026-05'] }, rid()))
})

test('减免 is recorded with its approval; exempt months owe nothing and are not unpaid', async () => {
  api.clock.now = FIXED_NOW
  await declare(MEMBER_B2)
  const missing = await api
    .as(ORGANIZER_B2)
    .raw(
      'dues.recordExemption',
      { memberId: MEMBER_B2, months: ['2026-10'], monthlyFen: 0, approvedOn: '2026-10-01', reason: '因病住院' },
      rid(),
    )
  expectRefused(missing, 'VALIDATION_FAILED')
  const exemption = await api.as(ORGANIZER_B2).call(
    'dues.recordExemption',
    {
      memberId: MEMBER_B2,
      months: ['2026-10', '2026-11'],
      monthlyFen: 0,
      approvedBy: '示范区机关党委',
      approvedOn: '2026-10-01',
      reason: '因病长期住院，生活困难',
    },
    rid(),
  )
  expect(exemption.approval).toEqual({
    approvedBy: '示范区机关党委',
    approvedOn: '2026-10-01',
    reason: '因病长期住院，生活困难',
  })
  const mine = await api.as(MEMBER_B2).call('dues.mine', { year: 2026 })
  expect(mine.months.slice(9, 11).map((m) => [m.state, m.arrearsFen])).toEqual([
    ['exempt', 0],
    ['exempt', 0],
  ])
  const covered = await duesCoveredMonths(api.ports.store, 'org_b2', '2026-05', '2026-11', '2026-11')
  expect(covered.get(MEMBER_B2)).toEqual({
    paid: [],
    exempt: ['2026-10', '2026-11'],
    unpaid: ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09'],
  })
})

test('privacy: a member sees only their own; the branch keepers their branch; the 党委 totals, or one record it opens', async () => {
  api.clock.now = FIXED_NOW
  await declare(MEMBER_B2)
  // A member cannot open anyone's record, not even their own through the keepers' action.
  expectRefused(await api.as(MEMBER_B2).result('dues.member', { memberId: OTHER_B2, year: 2026 }), 'FORBIDDEN')
  expectRefused(await api.as(MEMBER_B2).result('dues.branch', { year: 2026 }), 'FORBIDDEN')
  // Another branch's 组织委员, and a 支委 who does not keep the dues.
  expectRefused(await api.as(ORGANIZER_B1).result('dues.member', { memberId: MEMBER_B2, year: 2026 }), 'FORBIDDEN')
  expectRefused(await api.as(ORGANIZER_B1).result('dues.branch', { branchId: 'org_b2', year: 2026 }), 'FORBIDDEN')
  expectRefused(await api.as(PROPAGANDA_B1).result('dues.branch', { year: 2026 }), 'FORBIDDEN')
  // The 党委 sees the roll-up but not the branch ledger; it may open one record.
  expectRefused(await api.as(SUPERVISOR).result('dues.branch', { branchId: 'org_b2', year: 2026 }), 'FORBIDDEN')
  const opened = await api.as(SUPERVISOR).call('dues.member', { memberId: MEMBER_B2, year: 2026 })
  expect(opened.base?.baseFen).toBe(600000)
  expect(opened.canRecord).toBe(false)
  const keeper = await api.as(SECRETARY_B2).call('dues.member', { memberId: MEMBER_B2, year: 2026 })
  expect(keeper.canRecord).toBe(true)
  // Own view: another member's base is not in it.
  const own = await api.as(MEMBER_B1).call('dues.mine', { year: 2026 })
  expect(own.member.id).toBe(MEMBER_B1)
  expect(JSON.stringify(own)).not.toContain(MEMBER_B2)
})

test('the 党委 chooses the 农民党员 amount within 0.2–1 元; a base declared after uses it', async () => {
  api.clock.now = FIXED_NOW
  const refused = await api.as(SUPERVISOR).result('dues.setRules', { farmerFen: 120 }, rid())
  expectRefused(refused, 'VALIDATION_FAILED', /最多交纳 1 元/)
  expectRefused(await api.as(SECRETARY_B2).result('dues.setRules', { farmerFen: 50 }, rid()), 'FORBIDDEN')
  const branch = await api.as(SUPERVISOR).result('dues.setRules', { orgId: 'org_b2', farmerFen: 50 }, rid())
  expectRefused(branch, 'VALIDATION_FAILED', /由党委或党总支确定/)
  const set = await api.as(SUPERVISOR).call('dues.setRules', { farmerFen: 50 }, rid())
  expect(set).toEqual({ orgId: 'org_cmte', farmerFen: 50, farmerSource: 'org_cmte', backPayMonths: 6 })
  const base = await api
    .as(ORGANIZER_B2)
    .call('dues.setBase', { memberId: MEMBER_B2, year: 2026, category: 'farmer', note: '' }, rid())
  expect(base).toMatchObject({ monthlyFen: 50, rateBp: null, basis: '农民党员每月定额' })
  expect(await api.as(MEMBER_B2).call('dues.preview', { category: 'farmer' })).toMatchObject({ monthlyFen: 50 })
})
