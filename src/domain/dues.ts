/**
 * 党费 (membership dues): the rates as rule data, the monthly amount, 减免 and 补交, and a member's
 * ledger derived from the base declarations and the entries the branch recorded. Pure: months are
 * 'YYYY-MM' strings, money is in 分 (integers), times are passed in.
 *
 * Source of the rates: 《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）:
 * - 第二条: 在职 members pay on their monthly after-tax wage income (the 党委 lists the deductions):
 *   ≤3000 元 0.5%, 3000–5000 元 1%, 5000–10000 元 1.5%, >10000 元 2%;
 * - 第四条: 离退休 members: ≤5000 元 0.5%, >5000 元 1%;
 * - 第五条: 农民党员 0.2–1 元 a month (the 党委 chooses within that range); 第六条: 学生, 下岗失业 and
 *   享受最低生活保障 members 0.2 元 a month;
 * - 第八条: 减免 for members in real hardship, approved by the 党委 (here: only with a recorded
 *   approval — who, when, why, which months);
 * - 第十条 (normally paid monthly; 补交 not beyond six months, in line with 党章第九条's six months
 *   after which a member who pays nothing is regarded as having left the Party).
 *
 * Each band's upper bound is inclusive: a base of exactly 3000.00 元 (300000 分) pays 0.5%, 300001
 * 分 pays 1%. Rounding: the rule does not say how to round, and 分 is the smallest unit of 人民币; the
 * monthly amount is rounded half up to 1 分 (四舍五入, the ordinary accounting convention), e.g. a base
 * of 3999.99 元 at 1% is 40.00 元 (3999.99 × 1% = 39.9999). Computed in integers: no float error.
 */
import type { Role } from './org'

/** Who keeps a branch's dues: its 书记 and 组织委员 (the branch collects, 中组发〔2008〕3号 第十条). */
export const DUES_KEEPER_ROLES: readonly Role[] = ['secretary', 'organizer']

export const DUES_CATEGORIES = ['employed', 'retired', 'farmer', 'student', 'unemployed', 'subsistence'] as const
export type DuesCategory = (typeof DUES_CATEGORIES)[number]

export const DUES_CATEGORY_LABELS: Record<DuesCategory, string> = {
  employed: '在职党员',
  retired: '离退休党员',
  farmer: '农民党员',
  student: '学生党员',
  unemployed: '下岗失业党员',
  subsistence: '享受低保党员',
}

/** Categories that pay a share of a declared base; the others pay a flat monthly amount. */
export const BASED_CATEGORIES: readonly DuesCategory[] = ['employed', 'retired']

export function categoryHasBase(category: DuesCategory): boolean {
  return BASED_CATEGORIES.includes(category)
}

/** One band: bases up to `upToFen` (inclusive; null for no upper bound) pay `rateBp` 万分之 (50 = 0.5%). */
export interface DuesBand {
  upToFen: number | null
  rateBp: number
}

export interface DuesRules {
  /** 在职 bands, lowest first (中组发〔2008〕3号 第二条). */
  employed: readonly DuesBand[]
  /** 离退休 bands, lowest first (第四条). */
  retired: readonly DuesBand[]
  /** Flat monthly amounts in 分 (第五条, 第六条); 农民党员's is chosen by the 党委 within FARMER_RANGE_FEN. */
  flatFen: Record<Exclude<DuesCategory, 'employed' | 'retired'>, number>
  /** How many months back a payment may cover (第十条 / 党章第九条: six). */
  backPayMonths: number
  /** Where the 农民党员 amount came from: the national default or the org whose rule set chose it. */
  farmerSource: 'default' | string
}

/** The range a 党委 may choose the 农民党员 monthly amount from: 0.2–1 元 (第五条). */
export const FARMER_RANGE_FEN = { min: 20, max: 100 } as const

export const DEFAULT_DUES_RULES: DuesRules = {
  employed: [
    { upToFen: 300000, rateBp: 50 },
    { upToFen: 500000, rateBp: 100 },
    { upToFen: 1000000, rateBp: 150 },
    { upToFen: null, rateBp: 200 },
  ],
  retired: [
    { upToFen: 500000, rateBp: 50 },
    { upToFen: null, rateBp: 100 },
  ],
  flatFen: { farmer: 20, student: 20, unemployed: 20, subsistence: 20 },
  backPayMonths: 6,
  farmerSource: 'default',
}

/** A 党委's (or 党总支's) dues settings, stored in `rule_sets` under `duesRuleSetId(orgId)`. */
export interface DuesRuleSet {
  orgId: string
  /** The 农民党员 monthly amount it chose, in 分 (20–100). */
  farmerFen?: number
  /** Who set it, when (epoch ms). */
  updatedBy?: string
  updatedAt?: number
}

export function duesRuleSetId(orgId: string): string {
  return `dues.${orgId}`
}

/**
 * The dues rules in force for a branch: the national rates with the 党委's choices along the org
 * path laid on top, nearest org last (so it wins). A stored value outside 0.2–1 元 is ignored.
 */
export function effectiveDuesRules(setsAlongPath: readonly DuesRuleSet[]): DuesRules {
  const rules: DuesRules = { ...DEFAULT_DUES_RULES, flatFen: { ...DEFAULT_DUES_RULES.flatFen } }
  for (const set of setsAlongPath) {
    const fen = set.farmerFen
    if (fen !== undefined && Number.isInteger(fen) && fen >= FARMER_RANGE_FEN.min && fen <= FARMER_RANGE_FEN.max) {
      rules.flatFen.farmer = fen
      rules.farmerSource = set.orgId
    }
  }
  return rules
}

/** 分 as 元 with two decimals, e.g. 300001 → '3000.01'. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** A rate in 万分之 as a percentage text, e.g. 150 → '1.5%'. */
export function rateText(rateBp: number): string {
  return `${rateBp / 100}%`
}

/** The monthly amount of a base at a rate, rounded half up to 1 分 (integers throughout). */
export function shareOf(baseFen: number, rateBp: number): number {
  return Math.floor((baseFen * rateBp + 5000) / 10000)
}

export interface DuesQuote {
  category: DuesCategory
  /** Null for the flat categories. */
  baseFen: number | null
  /** 万分之 (50 = 0.5%); null for the flat categories. */
  rateBp: number | null
  monthlyFen: number
  /** How it was reached, in Chinese: '月基数 3000.01 元 × 1%' or '农民党员每月定额'. */
  basis: string
}

/**
 * The rate and monthly amount for a category and (for 在职 / 离退休) a monthly after-tax base in 分.
 * Throws RangeError when a based category has no base, or the base is not a non-negative integer.
 */
export function duesQuote(
  category: DuesCategory,
  baseFen: number | null,
  rules: DuesRules = DEFAULT_DUES_RULES,
): DuesQuote {
  if (!categoryHasBase(category)) {
    return {
      category,
      baseFen: null,
      rateBp: null,
      monthlyFen: rules.flatFen[category as keyof DuesRules['flatFen']],
      basis: `${DUES_CATEGORY_LABELS[category]}每月定额`,
    }
  }
  if (baseFen === null || !Number.isInteger(baseFen) || baseFen < 0) {
    throw new RangeError(`a ${category} member needs a non-negative integer base in fen`)
  }
  const bands = category === 'employed' ? rules.employed : rules.retired
  const band = bands.find((b) => b.upToFen === null || baseFen <= b.upToFen) ?? bands[bands.length - 1]
  return {
    category,
    baseFen,
    rateBp: band.rateBp,
    monthlyFen: shareOf(baseFen, band.rateBp),
    basis: `月基数 ${yuan(baseFen)} 元 × ${rateText(band.rateBp)}`,
  }
}

// — months

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/

export function isMonth(s: string): boolean {
  return MONTH_RE.test(s)
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1
}

function monthAt(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** `month` moved by `n` months (negative for earlier). */
export function addMonths(month: string, n: number): string {
  return monthAt(monthIndex(month) + n)
}

/** How many months `to` is after `from` (negative when before). */
export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from)
}

/** The twelve months of a year, '2026-01' … '2026-12'. */
export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
}

/** '2026-03' → '2026年3月'. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`
}

/** How far ahead a payment may cover (预交): to the end of the next year at the latest. */
export const PREPAY_MONTHS = 12

/**
 * Why the months of a payment cannot be recorded in `currentMonth`, in Chinese with what to do
 * instead; null when they can. Months before `firstMonth` (the month the member joined; null when
 * unknown) owe nothing and are refused. Months more than `rules.backPayMonths` before the current month are
 * beyond 补交 (第十条); months more than PREPAY_MONTHS ahead are refused as a likely typo.
 */
export function paymentMonthsProblem(
  months: readonly string[],
  currentMonth: string,
  rules: Pick<DuesRules, 'backPayMonths'> = DEFAULT_DUES_RULES,
  firstMonth: string | null = null,
): string | null {
  const before = firstMonth === null ? [] : months.filter((m) => m < firstMonth).sort()
  if (before.length > 0) {
    return `${before.map(monthLabel).join('、')}在入党之前（${monthLabel(firstMonth!)}起交纳党费），无需交纳，请去掉这些月份。`
  }
  const tooOld = months.filter((m) => monthsBetween(m, currentMonth) > rules.backPayMonths).sort()
  if (tooOld.length > 0) {
    const earliest = addMonths(currentMonth, -rules.backPayMonths)
    return (
      `${tooOld.map(monthLabel).join('、')}的党费已超过 ${rules.backPayMonths} 个月的补交期限（最早可补交${monthLabel(earliest)}），不能登记补交。` +
      '请支部书记按党章第九条核实该党员的情况，报党委研究处理；党委批准减免的，请登记为减免。'
    )
  }
  const tooFar = months.filter((m) => monthsBetween(currentMonth, m) > PREPAY_MONTHS)
  if (tooFar.length > 0) {
    return `${tooFar.map(monthLabel).join('、')}太远了：最多预交 ${PREPAY_MONTHS} 个月，请检查所交月份。`
  }
  return null
}

// — the ledger

export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'wechat_transfer'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  cash: '现金',
  bank_transfer: '银行转账',
  wechat_transfer: '微信转账',
}

/** A member's base for a year, as declared (the latest declaration of the year counts). */
export interface DuesBaseDecl {
  memberId: string
  year: number
  category: DuesCategory
  baseFen: number | null
  rateBp: number | null
  /** The monthly 应交 fixed at declaration, in 分. */
  monthlyFen: number
  declaredAt: number
}

/** An entry of the ledger: a payment or an approved 减免. A correction is an entry that `corrects` another. */
export interface DuesEntry {
  id: string
  memberId: string
  kind: 'payment' | 'exemption'
  /** The months it covers, 'YYYY-MM', ascending. */
  months: string[]
  /** For a payment: the amount received, in 分. For an exemption: the amount still payable per month (0 = 免交). */
  amountFen: number
  /** The entry this one replaces; null for an original. */
  correctsId: string | null
  recordedAt: number
}

/** The entries that count: those no later entry corrects. */
export function effectiveEntries<E extends Pick<DuesEntry, 'id' | 'correctsId'>>(entries: readonly E[]): E[] {
  const replaced = new Set(entries.map((e) => e.correctsId).filter((id): id is string => id !== null))
  return entries.filter((e) => !replaced.has(e.id))
}

/**
 * A month's state. `this_month` is the current month not paid yet: owed, not overdue until it ends
 * (本月应交, not 欠交). `before_joining` is a month before the first month the member owes (the month
 * they joined): nothing is due for it. `not_due` is a month still to come.
 */
export type MonthState =
  'paid' | 'partial' | 'unpaid' | 'this_month' | 'exempt' | 'undeclared' | 'before_joining' | 'not_due'

export const MONTH_STATE_LABELS: Record<MonthState, string> = {
  paid: '已交',
  partial: '未交足',
  unpaid: '欠交',
  this_month: '本月应交',
  exempt: '减免',
  undeclared: '未核定基数',
  before_joining: '入党前，无需交纳',
  not_due: '未到期',
}

export interface MonthLine {
  month: string
  /** 应交 after any approved 减免, in 分; null when no base is declared for the year. */
  dueFen: number | null
  paidFen: number
  /** max(0, due − paid) for a month that has ended; 0 for the current month and months not yet due. */
  arrearsFen: number
  /** Whether the month is owed by now: on or after the first month owed, not after the current month. */
  owed: boolean
  state: MonthState
  /** The ids of the effective entries touching the month. */
  entryIds: string[]
}

/**
 * A member's months, derived. Takes the months to show (ascending), the member's base declarations
 * (any years), their entries (corrections included), the current month and the first month they
 * owe (the month they joined; earlier months are `not_due`). Payments fill their months in order,
 * each up to its 应交, the rest going to the last month. Returns one line per month.
 */
export function memberMonths(input: {
  months: readonly string[]
  bases: readonly DuesBaseDecl[]
  entries: readonly DuesEntry[]
  currentMonth: string
  firstMonth: string | null
}): MonthLine[] {
  const latestBase = new Map<number, DuesBaseDecl>()
  for (const b of input.bases) {
    const had = latestBase.get(b.year)
    if (!had || b.declaredAt >= had.declaredAt) latestBase.set(b.year, b)
  }
  const entries = effectiveEntries(input.entries).sort((a, b) => a.recordedAt - b.recordedAt)
  const lines = new Map<string, MonthLine>()
  const lineOf = (month: string): MonthLine => {
    let line = lines.get(month)
    if (!line) {
      const base = latestBase.get(Number(month.slice(0, 4)))
      line = {
        month,
        dueFen: base ? base.monthlyFen : null,
        paidFen: 0,
        arrearsFen: 0,
        owed: false,
        state: 'unpaid',
        entryIds: [],
      }
      lines.set(month, line)
    }
    return line
  }
  const exempt = new Set<string>()
  for (const e of entries.filter((x) => x.kind === 'exemption')) {
    for (const m of e.months) {
      const line = lineOf(m)
      line.dueFen = line.dueFen === null ? e.amountFen : Math.min(line.dueFen, e.amountFen)
      line.entryIds.push(e.id)
      exempt.add(m)
    }
  }
  for (const e of entries.filter((x) => x.kind === 'payment')) {
    let left = e.amountFen
    e.months.forEach((m, i) => {
      const line = lineOf(m)
      const room = Math.max(0, (line.dueFen ?? 0) - line.paidFen)
      const share = i === e.months.length - 1 ? left : Math.min(left, room)
      line.paidFen += share
      left -= share
      line.entryIds.push(e.id)
    })
  }
  return input.months.map((month) => {
    const line = lineOf(month)
    const beforeJoining = input.firstMonth !== null && month < input.firstMonth
    const owed = !beforeJoining && month <= input.currentMonth
    line.owed = owed
    // Nothing is due before the member joined, whatever the year's base says.
    if (beforeJoining && line.paidFen === 0) line.dueFen = null
    if (exempt.has(month) && line.dueFen === 0 && line.paidFen === 0) line.state = 'exempt'
    else if (line.dueFen !== null && line.paidFen > 0 && line.paidFen >= line.dueFen) line.state = 'paid'
    else if (line.paidFen > 0) line.state = 'partial'
    else if (beforeJoining) line.state = 'before_joining'
    else if (!owed) line.state = 'not_due'
    else if (line.dueFen === null) line.state = 'undeclared'
    else if (month === input.currentMonth) line.state = 'this_month'
    else line.state = 'unpaid'
    const ended = month < input.currentMonth
    line.arrearsFen = owed && ended && line.dueFen !== null ? Math.max(0, line.dueFen - line.paidFen) : 0
    return line
  })
}

/**
 * Which months an entry list covers, for the six-month warning (党章第九条): `paid` holds months with
 * any effective payment, `exempt` months under an effective approved 减免. Both ascending.
 */
export function coveredMonths(entries: readonly DuesEntry[]): { paid: string[]; exempt: string[] } {
  const paid = new Set<string>()
  const exempt = new Set<string>()
  for (const e of effectiveEntries(entries)) {
    for (const m of e.months) (e.kind === 'payment' ? paid : exempt).add(m)
  }
  return { paid: [...paid].sort(), exempt: [...exempt].sort() }
}

/**
 * Whether a branch keeps its dues in the app for a year: some base declared (anything due), some
 * payment or some 上缴 recorded (all in 分). A branch that keeps none is 未在系统登记党费, never
 * "欠交 0.00 元（0 人）" as if everyone had paid.
 */
export function keepsDuesInApp(totals: { dueFen: number; paidFen: number }, handedUpFen: number): boolean {
  return totals.dueFen > 0 || totals.paidFen > 0 || handedUpFen > 0
}

/** What a 党委's roll-up says of a branch that keeps no dues in the app. */
export const DUES_NOT_KEPT_TEXT = '未在系统登记党费'

/** Parses a 元 amount typed in a form ('3000', '3000.5', '3000.01') to 分; null when it is not one. */
export function parseYuan(text: string): number | null {
  const t = text.trim()
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return null
  const [whole, frac = ''] = t.split('.')
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'))
}
