/**
 * 党费台账 (`?branchId=&year=`), for the branch's 组织委员 and 书记: every member's months (已交, 欠交,
 * 减免) with the year's sums and arrears, the amount handed up to the 党委 (上缴, recorded here), and
 * the year exported as .xlsx. A member opens their record, where payments, bases, 减免 and
 * corrections are recorded. At a desk a table of all twelve months; on the phone one card a member.
 */
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { DeskTable } from '../../../../components/desk-table'
import { PickerField, SubmitBar, TextField } from '../../../../components/form-fields'
import { Button } from '../../../../components/nut'
import { Loaded } from '../../../../components/page-state'
import { duesRecordHandover } from '../../../../domain/api/catalog-dues'
import type { DuesBranchRow, DuesBranchView } from '../../../../domain/api/views-dues'
import { beijing } from '../../../../domain/beijing-time'
import { parseYuan, type MonthState } from '../../../../domain/dues'
import { describeIssues } from '../../../../domain/errors'
import { call, errorMessage } from '../../../../services/api'
import { useDeskLayout } from '../../../../services/desk-media'
import { saveExportFile } from '../../../../services/file-saver'
import { navigate } from '../../../../services/navigation'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import { TotalsCard, YearSwitch, money } from '../../components/dues-parts'
import '../../components/dues.scss'
import './index.scss'

/** A month's state in one character, for the desk table. */
const MARK: Record<MonthState, string> = {
  paid: '✓',
  partial: '欠',
  unpaid: '欠',
  this_month: '应',
  exempt: '免',
  undeclared: '?',
  before_joining: '',
  not_due: '',
}

/** 欠 X for months ended unpaid; else 本月应交 X while this month is not paid yet; else 已交清. */
function cardStatus(r: DuesBranchRow): string {
  if (r.totals.arrearsFen > 0) return `欠 ${money(r.totals.arrearsFen)}`
  const thisMonth = r.months.find((m) => m.state === 'this_month')
  return thisMonth ? `本月应交 ${money(Math.max(0, (thisMonth.dueFen ?? 0) - thisMonth.paidFen))}` : '已交清'
}

function openMember(row: DuesBranchRow, year: number) {
  void navigate('duesMember', { memberId: row.memberId, year })
}

function DeskLedger({ view }: { view: DuesBranchView }) {
  const months = view.monthTotals.map((m) => m.month)
  return (
    <View className="dues-ledger__table-wrap">
      <DeskTable
        id="ledger-table"
        caption={`${view.branch.name}${view.year}年党费台账`}
        columns={[
          { key: 'name', title: '姓名', width: '5em' },
          { key: 'category', title: '类别', width: '5em' },
          { key: 'monthly', title: '月应交', num: true, width: '6em' },
          ...months.map((m) => ({ key: m, title: `${Number(m.slice(5))}月`, width: '2.6em' })),
          { key: 'paid', title: '已交', num: true, width: '6em' },
          { key: 'arrears', title: '欠交', num: true, width: '6em' },
        ]}
        rows={view.rows.map((r) => ({
          key: r.memberId,
          id: `row-${r.memberId}`,
          onOpen: () => openMember(r, view.year),
          cells: {
            name: <Text className="dues-ledger__nowrap">{r.name}</Text>,
            category: <Text className="dues-ledger__nowrap">{r.categoryLabel?.replace(/党员$/, '') ?? '未核定'}</Text>,
            monthly: r.monthlyFen === null ? '—' : (r.monthlyFen / 100).toFixed(2),
            paid: (r.totals.paidFen / 100).toFixed(2),
            arrears: (
              <Text className={r.totals.arrearsFen > 0 ? 'dues__due' : ''}>
                {(r.totals.arrearsFen / 100).toFixed(2)}
              </Text>
            ),
            ...Object.fromEntries(
              r.months.map((m) => [
                m.month,
                <Text key={m.month} className={`dues__state dues__state--${m.state}`} aria-label={m.stateLabel}>
                  {MARK[m.state]}
                </Text>,
              ]),
            ),
          },
        }))}
      />
    </View>
  )
}

function PhoneLedger({ view }: { view: DuesBranchView }) {
  return (
    <View className="dues__card" id="ledger-cards">
      {view.rows.map((r) => (
        <View className="dues__row" key={r.memberId} id={`row-${r.memberId}`} onClick={() => openMember(r, view.year)}>
          <View className="dues-ledger__who">
            <Text className="dues__row-name">{r.name}</Text>
            <Text className="dues__muted">
              {r.categoryLabel ?? '基数未核定'}
              {r.monthlyFen !== null ? ` · 每月 ${money(r.monthlyFen)}` : ''}
            </Text>
          </View>
          {r.monthlyFen === null ? (
            <Text className="dues__muted">待核定基数</Text>
          ) : (
            <Text className={r.totals.arrearsFen > 0 ? 'dues__due' : 'dues__ok'}>{cardStatus(r)}</Text>
          )}
        </View>
      ))}
    </View>
  )
}

function HandoverForm({ view, onDone }: { view: DuesBranchView; onDone: () => void }) {
  const [amount, setAmount] = useState('')
  const [handedOn, setHandedOn] = useState(() => beijing(Date.now()).format('YYYY-MM-DD'))
  const [receiptNo, setReceiptNo] = useState('')
  const write = useWrite('dues.recordHandover')
  const submit = async () => {
    const input = {
      branchId: view.branch.id,
      year: view.year,
      amountFen: parseYuan(amount) ?? Number.NaN,
      handedOn,
      receiptNo,
      note: '',
    }
    const r = duesRecordHandover.input.safeParse(input)
    if (!r.success) {
      const { fields, summary } = describeIssues(r.error.issues)
      return write.fail(summary, fields)
    }
    const outcome = await write.run(input)
    if (outcome.status !== 'done') return
    setAmount('')
    setReceiptNo('')
    Taro.showToast({ title: '已登记上缴', icon: 'none' })
    onDone()
  }
  return (
    <View id="form-handover">
      <TextField
        id="field-up-amount"
        inputId="up-amount"
        label="上缴金额（元）"
        value={amount}
        onInput={setAmount}
        problem={write.problem('amountFen')}
      />
      <PickerField
        id="field-up-date"
        label="上缴日期"
        mode="date"
        value={handedOn}
        onChange={setHandedOn}
        problem={write.problem('handedOn')}
      />
      <TextField
        id="field-up-receipt"
        inputId="up-receipt"
        label="收据号"
        value={receiptNo}
        maxlength={40}
        onInput={setReceiptNo}
        problem={write.problem('receiptNo')}
      />
      <SubmitBar
        message={write.message}
        messageId="up-message"
        buttonId="up-submit"
        label="登记上缴"
        busy={write.busy}
        onSubmit={() => void submit()}
      />
    </View>
  )
}

export default function DuesLedger() {
  const query = useRouter().params
  const [year, setYear] = useState(() => Number(query.year) || beijing(Date.now()).year())
  const state = useApi('dues.branch', { branchId: query.branchId || undefined, year })
  const desk = useDeskLayout()
  const [exporting, setExporting] = useState(false)
  const [exportError, setExportError] = useState('')
  const exportYear = async (view: DuesBranchView) => {
    setExporting(true)
    setExportError('')
    try {
      await saveExportFile(await call('dues.exportLedger', { branchId: view.branch.id, year: view.year }))
    } catch (err) {
      setExportError(`导出没有完成：${errorMessage(err)}`)
    } finally {
      setExporting(false)
    }
  }
  return (
    <View className="dues dues-ledger">
      <Loaded state={state}>
        {(view) => (
          <>
            <View className="dues__head">
              <Text className="dues__name">{view.branch.name}党费台账</Text>
              <Text className="dues__sub" id="ledger-summary">
                {view.rows.length} 名党员，{view.membersInArrears} 人欠交 · 已上缴党委 {money(view.handedUpFen)}
              </Text>
              <YearSwitch year={year} onYear={setYear} />
            </View>
            <TotalsCard totals={view.totals} id="ledger-totals" />
            <Text className="dues__hint">点一名党员，登记交纳、核定基数、登记减免或更正。</Text>
            {desk ? <DeskLedger view={view} /> : <PhoneLedger view={view} />}
            <View className="actions">
              <Button id="export-ledger" block loading={exporting} onClick={() => void exportYear(view)}>
                导出全年台账（Excel）
              </Button>
              {exportError && (
                <Text className="form-error" id="export-error">
                  {exportError}
                </Text>
              )}
            </View>
            <Text className="dues__section">上缴党委</Text>
            {view.handovers.length > 0 && (
              <View className="dues__card" id="handovers">
                {view.handovers.map((h) => (
                  <View className="dues__row" key={h.id}>
                    <Text>
                      {h.handedOn} · 收据号 {h.receiptNo}
                    </Text>
                    <Text>{money(h.amountFen)}</Text>
                  </View>
                ))}
              </View>
            )}
            <HandoverForm view={view} onDone={state.reload} />
          </>
        )}
      </Loaded>
    </View>
  )
}
