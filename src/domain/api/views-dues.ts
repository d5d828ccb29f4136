/**
 * Views of the 党费 actions (catalog-dues.ts). Money in 分 (integers), months 'YYYY-MM', Beijing
 * dates 'YYYY-MM-DD', times epoch ms. Who sees which view is declared on its action: a member's
 * base and payments (DuesMemberView) only by the member, the branch's 书记 and 组织委员, and the 党委
 * when it opens that member's record; the 党委's roll-up (DuesRollupView) carries totals only.
 */
import type { DuesCategory, MonthState, PaymentMethod } from '../dues'

export interface DuesQuoteView {
  category: DuesCategory
  categoryLabel: string
  baseFen: number | null
  /** 万分之 (50 = 0.5%); null for the flat categories. */
  rateBp: number | null
  /** e.g. '1.5%'; null for the flat categories. */
  rateText: string | null
  monthlyFen: number
  /** How the amount was reached, in Chinese. */
  basis: string
}

export interface DuesBaseView extends DuesQuoteView {
  id: string
  memberId: string
  year: number
  note: string
  declaredBy: string
  declaredByName: string
  declaredAt: number
}

export interface DuesApprovalView {
  approvedBy: string
  approvedOn: string
  reason: string
}

export interface DuesEntryView {
  id: string
  memberId: string
  memberName: string
  kind: 'payment' | 'exemption'
  /** 交纳 or 减免. */
  kindLabel: string
  months: string[]
  /** Payment: the amount received. 减免: the amount still payable each month (0 = 免交). */
  amountFen: number
  method: PaymentMethod | null
  methodLabel: string | null
  receiptNo: string
  paidOn: string
  approval: DuesApprovalView | null
  /** The entry this one corrects, and why. */
  correctsId: string | null
  correctionReason: string | null
  /** The entry that corrected this one: shown struck, no longer counted. */
  correctedById: string | null
  note: string
  recordedByName: string
  recordedAt: number
}

export interface DuesMonthView {
  month: string
  dueFen: number | null
  paidFen: number
  arrearsFen: number
  state: MonthState
  stateLabel: string
}

export interface DuesTotals {
  /** 应交 of the months due so far this year. */
  dueFen: number
  paidFen: number
  arrearsFen: number
}

/** One member's year: their base, the months, every entry (corrected ones included), totals. */
export interface DuesMemberView {
  year: number
  member: { id: string; name: string; branchId: string }
  currentMonth: string
  base: DuesBaseView | null
  /** Every declaration of the year, newest first (who entered it, when). */
  baseHistory: DuesBaseView[]
  months: DuesMonthView[]
  entries: DuesEntryView[]
  totals: DuesTotals
  /** The 补交 window in months (rule data). */
  backPayMonths: number
  /** Whether the viewer may record for this member (the branch's 书记 or 组织委员). */
  canRecord: boolean
}

export interface DuesBranchRow {
  memberId: string
  name: string
  category: DuesCategory | null
  categoryLabel: string | null
  monthlyFen: number | null
  months: DuesMonthView[]
  totals: DuesTotals
}

export interface DuesHandoverView {
  id: string
  year: number
  amountFen: number
  handedOn: string
  receiptNo: string
  note: string
  recordedByName: string
  recordedAt: number
}

/** The branch's monthly ledger with arrears, for its 书记 and 组织委员. */
export interface DuesBranchView {
  branch: { id: string; name: string }
  year: number
  currentMonth: string
  rows: DuesBranchRow[]
  /** Per month: the branch's sums. */
  monthTotals: { month: string; dueFen: number; paidFen: number; arrearsFen: number }[]
  totals: DuesTotals
  /** How many members owe something this year. */
  membersInArrears: number
  handedUpFen: number
  handovers: DuesHandoverView[]
  backPayMonths: number
  /** The 农民党员 monthly amount in force (分). */
  farmerFen: number
}

/** The 党委's roll-up: totals per branch, no member's base or payments. */
export interface DuesRollupView {
  org: { id: string; name: string }
  year: number
  branches: {
    branchId: string
    name: string
    members: number
    totals: DuesTotals
    membersInArrears: number
    handedUpFen: number
  }[]
  totals: DuesTotals & { handedUpFen: number }
}

/** The dues rules in force for an org (the 农民党员 amount its 党委 chose, the 补交 window). */
export interface DuesRulesView {
  orgId: string
  farmerFen: number
  /** 'default' (0.2 元) or the id of the org whose choice is in force. */
  farmerSource: string
  backPayMonths: number
}
