/**
 * The demo's 党费 ledger (issue 15), for 第一党支部 only (第二党支部 has not started keeping its dues in
 * the app): this year's bases, declared in January by the 组织委员 王志强, for every member but the
 * three 预备党员 who joined in July (their bases wait to be declared); monthly payments through last
 * month, except 吴俊杰 (流动党员, nothing paid for the last four months), 马晓燕 (two months of 减免
 * approved by the 党委) and 徐静 (her March payment typed wrong and corrected); and the 上缴 of the
 * first half-year. Everything relative to the seed time; ids fixed.
 */
import { beijing, fromBeijing } from '../../domain/beijing-time'
import { addMonths, duesQuote, monthsBetween, type DuesCategory, type PaymentMethod } from '../../domain/dues'
import type { DuesEntryDoc } from '../documents'
import type { StoreTx } from '../ports/store'

const BRANCH = 'org_b1'
const ORGANIZER = { id: 'm_b1_03', name: '王志强' }

/** Member → category and monthly after-tax income in 元 (null for the flat categories). */
const BASES: [string, DuesCategory, number | null][] = [
  ['m_b1_01', 'employed', 9800],
  ['m_b1_02', 'employed', 8200],
  ['m_b1_03', 'employed', 7600],
  ['m_b1_04', 'employed', 5600],
  ['m_b1_05', 'retired', 6100],
  ['m_b1_06', 'employed', 4800],
  ['m_b1_07', 'employed', 12500],
  ['m_b1_08', 'employed', 4500],
  ['m_b1_09', 'employed', 3000],
  ['m_b1_10', 'farmer', null],
  ['m_b1_11', 'employed', 6000],
  ['m_b1_12', 'retired', 4200],
  ['m_b1_13', 'employed', 3600],
]

const METHODS: PaymentMethod[] = ['wechat_transfer', 'bank_transfer', 'cash']

/** Writes the demo ledger inside the seed's transaction; `now` is the seed time (epoch ms). */
export async function seedDemoDues(tx: StoreTx, now: number): Promise<void> {
  const today = beijing(now)
  const year = today.year()
  const current = today.format('YYYY-MM')
  const declaredAt = fromBeijing(`${year}-01-08`, '10:00')
  const payAt = (month: string) => fromBeijing(`${month}-10`, '15:00')
  const entry = (
    id: string,
    doc: Omit<DuesEntryDoc, 'branchId' | 'firstMonth' | 'lastMonth' | 'recordedBy' | 'recordedByName' | 'note'>,
  ) =>
    tx.insert('dues_entries', {
      _id: id,
      ...doc,
      branchId: BRANCH,
      firstMonth: doc.months[0],
      lastMonth: doc.months[doc.months.length - 1],
      note: '',
      recordedBy: ORGANIZER.id,
      recordedByName: ORGANIZER.name,
    })
  for (const [i, [memberId, category, baseYuan]] of BASES.entries()) {
    const quote = duesQuote(category, baseYuan === null ? null : baseYuan * 100)
    await tx.insert('dues_bases', {
      _id: `dues_base_demo_${memberId}`,
      memberId,
      branchId: BRANCH,
      year,
      category,
      baseFen: quote.baseFen,
      rateBp: quote.rateBp,
      monthlyFen: quote.monthlyFen,
      basis: quote.basis,
      declaredAt: declaredAt + i * 60_000,
      declaredBy: ORGANIZER.id,
      declaredByName: ORGANIZER.name,
      note: '',
    })
    const paidThrough = memberId === 'm_b1_10' ? addMonths(current, -5) : addMonths(current, -1)
    for (let month = `${year}-01`; month <= paidThrough; month = addMonths(month, 1)) {
      const exempt = memberId === 'm_b1_13' && monthsBetween(month, current) >= 3 && monthsBetween(month, current) <= 4
      if (exempt) continue
      const typo = memberId === 'm_b1_11' && month === `${year}-03`
      const id = `dues_demo_${memberId}_${month}`
      await entry(id, {
        memberId,
        kind: 'payment',
        months: [month],
        amountFen: typo ? quote.monthlyFen / 10 : quote.monthlyFen,
        method: METHODS[i % METHODS.length],
        receiptNo: `DF${year}-${String(i + 1).padStart(2, '0')}${month.slice(5)}`,
        paidOn: `${month}-10`,
        approval: null,
        correctsId: null,
        correctionReason: null,
        recordedAt: payAt(month) + i * 60_000,
      })
      if (typo) {
        await entry(`${id}_fix`, {
          memberId,
          kind: 'payment',
          months: [month],
          amountFen: quote.monthlyFen,
          method: METHODS[i % METHODS.length],
          receiptNo: `DF${year}-${String(i + 1).padStart(2, '0')}${month.slice(5)}`,
          paidOn: `${month}-10`,
          approval: null,
          correctsId: id,
          correctionReason: `金额录错，应为 ${quote.monthlyFen / 100} 元`,
          recordedAt: payAt(month) + 86_400_000,
        })
      }
    }
  }
  const exemptMonths = [addMonths(current, -4), addMonths(current, -3)].filter((m) => m.startsWith(`${year}-`))
  if (exemptMonths.length) {
    await entry('dues_demo_m_b1_13_exemption', {
      memberId: 'm_b1_13',
      kind: 'exemption',
      months: exemptMonths,
      amountFen: 0,
      method: null,
      receiptNo: '',
      paidOn: `${exemptMonths[0]}-02`,
      approval: { approvedBy: '示范区机关党委', approvedOn: `${exemptMonths[0]}-02`, reason: '因病住院，收入中断' },
      correctsId: null,
      correctionReason: null,
      recordedAt: payAt(exemptMonths[0]),
    })
  }
  if (monthsBetween(`${year}-07`, current) >= 0) {
    await tx.insert('dues_handovers', {
      _id: 'dues_up_demo_h1',
      branchId: BRANCH,
      committeeId: 'org_cmte',
      year,
      amountFen: 300000,
      handedOn: `${year}-07-15`,
      receiptNo: `SJ${year}-01`,
      note: '上半年党费',
      recordedBy: ORGANIZER.id,
      recordedByName: ORGANIZER.name,
      recordedAt: fromBeijing(`${year}-07-15`, '16:00'),
    })
  }
}
