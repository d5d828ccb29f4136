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
import { useApi } from '../../../../services/use-api'
import { EntryList, MonthList, TotalsCard, YearSwitch, money } from '../../components/dues-parts'
import '../../components/dues.scss'
import './index.scss'

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
