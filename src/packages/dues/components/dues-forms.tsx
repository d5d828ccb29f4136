/**
 * The 组织委员's and 书记's forms for one member: 核定基数, 登记交纳, 登记减免 and 更正. Amounts are
 * typed in 元 and sent in 分; each form checks its input with the very schema of its action
 * (catalog-dues.ts) before sending, and keeps what was typed when the server refuses.
 */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Field, PickerField, SubmitBar, TextField } from '../../../components/form-fields'
import { duesCorrect, duesRecordExemption, duesRecordPayment, duesSetBase } from '../../../domain/api/catalog-dues'
import type { DuesEntryView, DuesMemberView } from '../../../domain/api/views-dues'
import { beijing } from '../../../domain/beijing-time'
import {
  DUES_CATEGORIES,
  DUES_CATEGORY_LABELS,
  PAYMENT_METHOD_LABELS,
  PAYMENT_METHODS,
  addMonths,
  categoryHasBase,
  monthsOfYear,
  parseYuan,
  yuan,
  type DuesCategory,
  type PaymentMethod,
} from '../../../domain/dues'
import { describeIssues } from '../../../domain/errors'
import { call } from '../../../services/api'
import { useWrite, type WriteState } from '../../../services/use-write'
import { money } from './dues-parts'

const today = () => beijing(Date.now()).format('YYYY-MM-DD')

/** Chips to choose one of a few. */
function Chips<T extends string>(props: {
  options: readonly T[]
  labels: Record<T, string>
  value: T
  idPrefix: string
  onChoose: (v: T) => void
}) {
  return (
    <View className="chips">
      {props.options.map((o) => (
        <Text
          key={o}
          id={`${props.idPrefix}-${o}`}
          className={`chip ${props.value === o ? 'chip--on' : ''}`}
          onClick={() => props.onChoose(o)}
        >
          {props.labels[o]}
        </Text>
      ))}
    </View>
  )
}

/** The months of a year as chips, several chosen at once (`#<idPrefix>-2026-03`). */
function MonthChips(props: {
  year: number
  value: string[]
  idPrefix: string
  onChange: (months: string[]) => void
  /** Months not offered (before the member joined: nothing is due for them). */
  omit?: readonly string[]
}) {
  const toggle = (m: string) =>
    props.onChange(props.value.includes(m) ? props.value.filter((x) => x !== m) : [...props.value, m].sort())
  return (
    <View className="chips">
      {monthsOfYear(props.year)
        .filter((m) => !props.omit?.includes(m))
        .map((m) => (
          <Text
            key={m}
            id={`${props.idPrefix}-${m}`}
            className={`chip ${props.value.includes(m) ? 'chip--on' : ''}`}
            onClick={() => toggle(m)}
          >
            {Number(m.slice(5))}月
          </Text>
        ))}
    </View>
  )
}

/** Checks `input` with `schema`; shows the problems on `write` and returns false when it fails. */
function passes(
  schema: {
    safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }
  },
  input: unknown,
  write: Pick<WriteState<never>, 'fail'>,
): boolean {
  const r = schema.safeParse(input)
  if (r.success) return true
  const { fields, summary } = describeIssues(r.error!.issues)
  write.fail(summary, fields)
  return false
}

/** 元 typed in a field as 分, or NaN (which the schema refuses with its message) when it is not an amount. */
function fenOf(text: string): number {
  return parseYuan(text) ?? Number.NaN
}

/** 核定基数: category and monthly after-tax income, with the rate and amount previewed as typed. */
export function BaseForm({ view, onDone }: { view: DuesMemberView; onDone: () => void }) {
  const [category, setCategory] = useState<DuesCategory>(view.base?.category ?? 'employed')
  const [base, setBase] = useState(view.base?.baseFen != null ? yuan(view.base.baseFen) : '')
  const [preview, setPreview] = useState('')
  const write = useWrite('dues.setBase')
  const based = categoryHasBase(category)
  const input = { memberId: view.member.id, year: view.year, category, baseFen: based ? fenOf(base) : null, note: '' }
  const showPreview = (text: string) => {
    setBase(text)
    const fen = parseYuan(text)
    if (fen === null) return setPreview('')
    void call('dues.preview', { category, baseFen: fen }).then(
      (q) => setPreview(`按 ${q.rateText ?? ''} 计，每月应交 ${money(q.monthlyFen)}`),
      () => setPreview(''),
    )
  }
  const submit = async () => {
    if (!passes(duesSetBase.input, input, write)) return
    const outcome = await write.run(input)
    if (outcome.status !== 'done') return
    Taro.showToast({ title: `已核定：每月 ${yuan(outcome.data.monthlyFen)} 元`, icon: 'none' })
    onDone()
  }
  return (
    <View className="dues-form" id="form-base">
      <Field label="党费类别" problem={write.problem('category')}>
        <Chips
          options={DUES_CATEGORIES}
          labels={DUES_CATEGORY_LABELS}
          value={category}
          idPrefix="base-category"
          onChoose={setCategory}
        />
      </Field>
      {based ? (
        <TextField
          id="field-base"
          inputId="base-amount"
          label={`${view.year}年每月税后工资收入（元）`}
          value={base}
          placeholder="如 5000 或 5000.50"
          onInput={showPreview}
          problem={write.problem('baseFen') ?? (preview || undefined)}
          problemClassName={write.problem('baseFen') ? undefined : 'dues-form__preview'}
        />
      ) : (
        <Text className="dues__hint">{DUES_CATEGORY_LABELS[category]}按月定额交纳，不需要填写收入。</Text>
      )}
      <SubmitBar
        message={write.message}
        messageId="base-message"
        buttonId="base-submit"
        label="核定基数"
        busy={write.busy}
        onSubmit={() => void submit()}
      />
    </View>
  )
}

/**
 * The months a payment most likely covers: those owed and not paid within the 补交 window (this
 * month included), else the first month from this one not yet paid or exempt (预交); none when the
 * shown year has no such month.
 */
function owedMonths(view: DuesMemberView): string[] {
  const earliest = addMonths(view.currentMonth, -view.backPayMonths)
  const owed = view.months
    .filter((m) => (m.state === 'unpaid' || m.state === 'partial' || m.state === 'this_month') && m.month >= earliest)
    .map((m) => m.month)
  if (owed.length) return owed
  const next = view.months.find((m) => m.month >= view.currentMonth && m.state === 'not_due')
  return next ? [next.month] : []
}

/** Months before the member joined: not offered for payment. */
function beforeJoining(view: DuesMemberView): string[] {
  return view.months.filter((m) => m.state === 'before_joining').map((m) => m.month)
}

/** 登记交纳: months, amount (the months' arrears by default), method, receipt number, date. */
export function PaymentForm({ view, onDone }: { view: DuesMemberView; onDone: () => void }) {
  const [months, setMonths] = useState<string[]>(() => owedMonths(view))
  const arrearsOf = (ms: string[]) =>
    view.months.filter((m) => ms.includes(m.month)).reduce((s, m) => s + Math.max(0, (m.dueFen ?? 0) - m.paidFen), 0)
  const [amount, setAmount] = useState(() => {
    const fen = arrearsOf(owedMonths(view))
    return fen > 0 ? yuan(fen) : ''
  })
  const [method, setMethod] = useState<PaymentMethod>('wechat_transfer')
  const [receiptNo, setReceiptNo] = useState('')
  const [paidOn, setPaidOn] = useState(today)
  const write = useWrite('dues.recordPayment')
  const chooseMonths = (ms: string[]) => {
    setMonths(ms)
    const fen = arrearsOf(ms)
    if (fen > 0) setAmount(yuan(fen))
  }
  const submit = async () => {
    const input = { memberId: view.member.id, months, amountFen: fenOf(amount), method, receiptNo, paidOn, note: '' }
    if (!passes(duesRecordPayment.input, input, write)) return
    const outcome = await write.run(input)
    if (outcome.status !== 'done') return
    Taro.showToast({ title: '已登记', icon: 'none' })
    setReceiptNo('')
    onDone()
  }
  return (
    <View className="dues-form" id="form-payment">
      <Field id="field-months" label="所交月份（可多选）" problem={write.problem('months')}>
        <MonthChips
          year={view.year}
          value={months}
          idPrefix="pay-month"
          onChange={chooseMonths}
          omit={beforeJoining(view)}
        />
      </Field>
      <TextField
        id="field-amount"
        inputId="pay-amount"
        label="金额（元）"
        value={amount}
        onInput={setAmount}
        problem={write.problem('amountFen')}
      />
      <Field label="交纳方式（只登记，不经手支付）" problem={write.problem('method')}>
        <Chips
          options={PAYMENT_METHODS}
          labels={PAYMENT_METHOD_LABELS}
          value={method}
          idPrefix="pay-method"
          onChoose={setMethod}
        />
      </Field>
      <TextField
        id="field-receipt"
        inputId="pay-receipt"
        label="收据号"
        value={receiptNo}
        maxlength={40}
        placeholder="党费收据或转账凭证上的编号"
        onInput={setReceiptNo}
        problem={write.problem('receiptNo')}
      />
      <PickerField
        id="field-paid-on"
        label="交纳日期"
        mode="date"
        value={paidOn}
        onChange={setPaidOn}
        problem={write.problem('paidOn')}
      />
      <SubmitBar
        message={write.message}
        messageId="pay-message"
        buttonId="pay-submit"
        label="登记交纳"
        busy={write.busy}
        onSubmit={() => void submit()}
      />
    </View>
  )
}

/** 登记减免: months, the amount still payable a month (0 = 免交), and the approval (who, when, why). */
export function ExemptionForm({ view, onDone }: { view: DuesMemberView; onDone: () => void }) {
  const [months, setMonths] = useState<string[]>([])
  const [monthly, setMonthly] = useState('0')
  const [approvedBy, setApprovedBy] = useState('')
  const [approvedOn, setApprovedOn] = useState(today)
  const [reason, setReason] = useState('')
  const write = useWrite('dues.recordExemption')
  const submit = async () => {
    const input = { memberId: view.member.id, months, monthlyFen: fenOf(monthly), approvedBy, approvedOn, reason }
    if (!passes(duesRecordExemption.input, input, write)) return
    const outcome = await write.run(input)
    if (outcome.status !== 'done') return
    Taro.showToast({ title: '已登记减免', icon: 'none' })
    onDone()
  }
  return (
    <View className="dues-form" id="form-exemption">
      <Text className="dues__hint">减免须经党委批准；请照批准文件填写批准人、日期和原因。</Text>
      <Field label="减免月份（可多选）" problem={write.problem('months')}>
        <MonthChips year={view.year} value={months} idPrefix="ex-month" onChange={setMonths} />
      </Field>
      <TextField
        id="field-ex-monthly"
        inputId="ex-monthly"
        label="减免后每月应交（元，0 为免交）"
        value={monthly}
        onInput={setMonthly}
        problem={write.problem('monthlyFen')}
      />
      <TextField
        id="field-ex-by"
        inputId="ex-by"
        label="批准人或批准组织"
        value={approvedBy}
        maxlength={40}
        placeholder="如：示范区机关党委"
        onInput={setApprovedBy}
        problem={write.problem('approvedBy')}
      />
      <PickerField
        id="field-ex-on"
        label="批准日期"
        mode="date"
        value={approvedOn}
        onChange={setApprovedOn}
        problem={write.problem('approvedOn')}
      />
      <TextField
        id="field-ex-reason"
        inputId="ex-reason"
        label="减免原因"
        value={reason}
        maxlength={200}
        onInput={setReason}
        problem={write.problem('reason')}
      />
      <SubmitBar
        message={write.message}
        messageId="ex-message"
        buttonId="ex-submit"
        label="登记减免"
        busy={write.busy}
        onSubmit={() => void submit()}
      />
    </View>
  )
}

/** 更正 one entry: what it should have said, and why. The original stays, struck through. */
export function CorrectionForm({
  view,
  entry,
  onDone,
  onCancel,
}: {
  view: DuesMemberView
  entry: DuesEntryView
  onDone: () => void
  onCancel: () => void
}) {
  const [months, setMonths] = useState<string[]>(entry.months)
  const [amount, setAmount] = useState(yuan(entry.amountFen))
  const [paidOn, setPaidOn] = useState(entry.paidOn)
  const [reason, setReason] = useState('')
  const write = useWrite('dues.correct')
  const submit = async () => {
    const input = { entryId: entry.id, months, amountFen: fenOf(amount), paidOn, reason, receiptNo: entry.receiptNo }
    if (!passes(duesCorrect.input, input, write)) return
    const outcome = await write.run(input)
    if (outcome.status !== 'done') return
    Taro.showToast({ title: '已更正，原记录保留', icon: 'none' })
    onDone()
  }
  return (
    <View className="dues-form" id="form-correct">
      <Text className="dues__hint">
        更正{entry.kindLabel}记录（收据号 {entry.receiptNo || '无'}）：另记一条更正，原记录划去保留。
        {entry.kind === 'payment' ? '金额改为 0 即作废这笔。' : ''}
      </Text>
      <Field label="月份" problem={write.problem('months')}>
        <MonthChips year={view.year} value={months} idPrefix="fix-month" onChange={setMonths} />
      </Field>
      <TextField
        id="field-fix-amount"
        inputId="fix-amount"
        label={entry.kind === 'payment' ? '金额（元）' : '减免后每月应交（元）'}
        value={amount}
        onInput={setAmount}
        problem={write.problem('amountFen')}
      />
      <PickerField
        id="field-fix-date"
        label="日期"
        mode="date"
        value={paidOn}
        onChange={setPaidOn}
        problem={write.problem('paidOn')}
      />
      <TextField
        id="field-fix-reason"
        inputId="fix-reason"
        label="更正原因"
        value={reason}
        maxlength={200}
        placeholder="如：金额录错，应为 90 元"
        onInput={setReason}
        problem={write.problem('reason')}
      />
      <SubmitBar
        message={write.message}
        messageId="fix-message"
        buttonId="fix-submit"
        label="保存更正"
        busy={write.busy}
        onSubmit={() => void submit()}
      >
        <Text className="dues__link dues-form__cancel" id="fix-cancel" onClick={onCancel}>
          不更正了
        </Text>
      </SubmitBar>
    </View>
  )
}
