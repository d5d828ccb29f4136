/** 一键生成: the form that makes a year's plan from the rules in force. */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '../../../components/nut'
import { ErrorState } from '../../../components/page-state'
import type { PlanView } from '../../../domain/api/views-planning'
import { WEEKDAY_NAMES } from '../../../domain/calendar'
import { useWrite } from '../../../services/use-write'

const NTH: { value: 1 | 2 | 3 | 4 | -1; label: string }[] = [
  { value: 1, label: '第一个' },
  { value: 2, label: '第二个' },
  { value: 3, label: '第三个' },
  { value: 4, label: '第四个' },
  { value: -1, label: '最后一个' },
]

/** The first plan of a year: the 主题党日 rule chosen by chips, then one tap makes the draft. */
export function Generate({
  branchId,
  year,
  onDone,
}: {
  branchId?: string
  year: number
  onDone: (p: PlanView) => void
}) {
  const [nth, setNth] = useState<1 | 2 | 3 | 4 | -1>(1)
  const [weekday, setWeekday] = useState<0 | 1 | 2 | 3 | 4 | 5 | 6>(5)
  const write = useWrite('plan.generate')
  const generate = async () => {
    const outcome = await write.run({ year, themeDayRule: { nth, weekday }, ...(branchId ? { branchId } : {}) })
    if (outcome.status === 'done') onDone(outcome.data)
  }
  return (
    <View className="plan__generate" id="plan-generate-form">
      <Text className="section-title">主题党日固定在</Text>
      <View className="chips plan__chips">
        {NTH.map((n) => (
          <Text
            key={n.value}
            id={`theme-nth-${n.value}`}
            className={`chip ${nth === n.value ? 'chip--on' : ''}`}
            onClick={() => setNth(n.value)}
          >
            每月{n.label}
          </Text>
        ))}
      </View>
      <View className="chips plan__chips">
        {[1, 2, 3, 4, 5].map((w) => (
          <Text
            key={w}
            id={`theme-weekday-${w}`}
            className={`chip ${weekday === w ? 'chip--on' : ''}`}
            onClick={() => setWeekday(w as 1 | 2 | 3 | 4 | 5)}
          >
            星期{WEEKDAY_NAMES[w]}
          </Text>
        ))}
      </View>
      <Text className="plan__hint">
        其余会议按现行规则排定：支委会每月第一个星期二，党小组会每月第二个星期三，党员大会、党课在每季度最后一个月，组织生活会和民主评议在12月；遇节假日自动顺延。
      </Text>
      {write.error && <ErrorState error={write.error} />}
      <View className="actions">
        <Button block type="primary" id="plan-generate" loading={write.busy} disabled={write.busy} onClick={generate}>
          一键生成 {year} 年计划
        </Button>
      </View>
    </View>
  )
}
