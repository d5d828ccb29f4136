/**
 * Parts of the 党费 pages: the year switch, the months (应交, 已交, 欠交 and state per month), the
 * entries (receipts; a corrected entry struck through with what replaced it) and money in 元.
 */
import { Text, View } from '@tarojs/components'
import type { DuesEntryView, DuesMonthView, DuesTotals } from '../../../domain/api/views-dues'
import { formatDate } from '../../../domain/beijing-time'
import { monthLabel, yuan } from '../../../domain/dues'

/** 分 as '12.50 元'; '—' for null. */
export function money(fen: number | null): string {
  return fen === null ? '—' : `${yuan(fen)} 元`
}

/** ‹ 2026年 › : the year shown, with the years before and after. */
export function YearSwitch({ year, onYear }: { year: number; onYear: (year: number) => void }) {
  return (
    <View className="dues__years">
      <Text className="dues__year-link" id="year-prev" onClick={() => onYear(year - 1)}>
        ‹ {year - 1}
      </Text>
      <Text className="dues__year" id="year-shown">
        {year}年
      </Text>
      <Text className="dues__year-link" id="year-next" onClick={() => onYear(year + 1)}>
        {year + 1} ›
      </Text>
    </View>
  )
}

/** The year's sums: 应交 so far, 已交, 欠交. */
export function TotalsCard({ totals, id }: { totals: DuesTotals; id: string }) {
  return (
    <View className="dues__totals" id={id}>
      <View className="dues__total">
        <Text className="dues__total-label">应交（至本月）</Text>
        <Text className="dues__total-value">{money(totals.dueFen)}</Text>
      </View>
      <View className="dues__total">
        <Text className="dues__total-label">已交</Text>
        <Text className="dues__total-value dues__ok">{money(totals.paidFen)}</Text>
      </View>
      <View className="dues__total">
        <Text className="dues__total-label">欠交</Text>
        <Text className={`dues__total-value ${totals.arrearsFen > 0 ? 'dues__due' : ''}`} id={`${id}-arrears`}>
          {money(totals.arrearsFen)}
        </Text>
      </View>
    </View>
  )
}

/** One line per month: 3月 · 应交 90.00 元 · 已交 90.00 元 · 已交. */
export function MonthList({ months }: { months: DuesMonthView[] }) {
  return (
    <View className="dues__card" id="dues-months">
      {months.map((m) => (
        <View className="dues__month" key={m.month} id={`month-${m.month}`}>
          <Text className="dues__month-name">{Number(m.month.slice(5))}月</Text>
          <Text className="dues__month-due">应交 {money(m.dueFen)}</Text>
          <Text className="dues__month-paid">已交 {money(m.paidFen)}</Text>
          <Text className={`dues__state dues__state--${m.state}`}>{m.stateLabel}</Text>
        </View>
      ))}
    </View>
  )
}

/** The entries, newest first; `onCorrect` adds 更正 to each entry still in force. */
export function EntryList({
  entries,
  onCorrect,
}: {
  entries: DuesEntryView[]
  onCorrect?: (e: DuesEntryView) => void
}) {
  if (entries.length === 0) {
    return (
      <View className="dues__card">
        <Text className="dues__muted">这一年还没有交纳记录。</Text>
      </View>
    )
  }
  return (
    <View className="dues__card" id="dues-entries">
      {entries.map((e) => (
        <View className={`dues__entry ${e.correctedById ? 'dues__entry--struck' : ''}`} key={e.id} id={`entry-${e.id}`}>
          <View className="dues__entry-head">
            <Text className="dues__entry-title">
              {e.kindLabel} {e.kind === 'payment' ? money(e.amountFen) : `每月应交 ${money(e.amountFen)}`}
            </Text>
            {e.correctedById ? (
              <Text className="dues__tag">已更正</Text>
            ) : (
              onCorrect && (
                <Text className="dues__link" id={`correct-${e.id}`} onClick={() => onCorrect(e)}>
                  更正
                </Text>
              )
            )}
          </View>
          <Text className="dues__muted">{e.months.map(monthLabel).join('、')}</Text>
          {e.kind === 'payment' ? (
            <Text className="dues__muted">
              {e.methodLabel} · 收据号 {e.receiptNo} · {e.paidOn}
            </Text>
          ) : (
            e.approval && (
              <Text className="dues__muted">
                {e.approval.approvedBy}于 {e.approval.approvedOn} 批准：{e.approval.reason}
              </Text>
            )
          )}
          {e.correctionReason && <Text className="dues__muted">更正原因：{e.correctionReason}</Text>}
          <Text className="dues__muted">
            {e.recordedByName} 于 {formatDate(e.recordedAt)} 登记
          </Text>
        </View>
      ))}
    </View>
  )
}
