/**
 * 我的党费 (`?year=`, this year when absent): my base for the year and how it was reached, each
 * month's 应交, what I paid and what I owe, and every payment with its receipt number (a corrected
 * one struck through). Only I, the branch's 书记 and 组织委员 see these figures.
 */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Loaded } from '../../../../components/page-state'
import { beijing, formatDate } from '../../../../domain/beijing-time'
import type { DuesMonthView } from '../../../../domain/api/views-dues'
import { useApi } from '../../../../services/use-api'
import { EntryList, MonthList, TotalsCard, YearSwitch, money } from '../../components/dues-parts'
import '../../components/dues.scss'
import './index.scss'

/** What is still to pay for the current month (分), 0 when it is paid or not shown. */
function thisMonthOwed(months: readonly DuesMonthView[]): number {
  const m = months.find((x) => x.state === 'this_month')
  return m ? Math.max(0, (m.dueFen ?? 0) - m.paidFen) : 0
}

export default function DuesMine() {
  const query = useRouter().params
  const [year, setYear] = useState(() => Number(query.year) || beijing(Date.now()).year())
  const state = useApi('dues.mine', { year })
  return (
    <View className="dues dues-mine">
      <Loaded state={state}>
        {(view) => (
          <>
            <View className="dues__head">
              <Text className="dues__name">我的党费</Text>
              <Text className="dues__sub">{view.member.name} · 只有你本人和支部书记、组织委员能看到</Text>
              <YearSwitch year={year} onYear={setYear} />
            </View>
            <View className="dues__card" id="dues-base">
              {view.base ? (
                <>
                  <View className="dues__row">
                    <Text className="dues__row-name">{view.base.categoryLabel}</Text>
                    <Text id="dues-monthly">每月应交 {money(view.base.monthlyFen)}</Text>
                  </View>
                  <Text className="dues__muted">
                    {view.base.basis} · {view.base.declaredByName} 于 {formatDate(view.base.declaredAt)} 核定
                  </Text>
                </>
              ) : year < Number(view.currentMonth.slice(0, 4)) && view.entries.length === 0 ? (
                // A year before the branch kept dues here: nothing to report now.
                <Text className="dues__muted" id="dues-no-base">
                  {year}年的党费没有在本系统登记，当年的交纳情况以支部的记录为准，不需要再报告工资收入。
                </Text>
              ) : (
                <Text className="dues__muted" id="dues-no-base">
                  {year}年的党费基数还没有核定。请把每月税后工资收入告诉支部组织委员，由他核定后这里会显示每月应交。
                </Text>
              )}
            </View>
            <TotalsCard totals={view.totals} id="dues-totals" />
            {view.totals.arrearsFen > 0 && (
              <Text className="dues__hint" id="dues-arrears-hint">
                你有 {money(view.totals.arrearsFen)} 党费未交，请尽快交给支部组织委员；补交最多可追溯{' '}
                {view.backPayMonths} 个月。
              </Text>
            )}
            {view.totals.arrearsFen === 0 && thisMonthOwed(view.months) > 0 && (
              <Text className="dues__hint" id="dues-this-month-hint">
                本月应交 {money(thisMonthOwed(view.months))}，请在本月内交给支部组织委员。
              </Text>
            )}
            <Text className="dues__section">每月情况</Text>
            <MonthList months={view.months} />
            <Text className="dues__section">交纳记录和收据</Text>
            <EntryList entries={view.entries} />
          </>
        )}
      </Loaded>
    </View>
  )
}
