/** The head of a year's plan: branch, year, status, the 主题党日 rule, and the plan's warnings. */
import { Text, View } from '@tarojs/components'
import { Tag } from '../../../components/nut'
import type { PlanView } from '../../../domain/api/views-planning'
import { beijing } from '../../../domain/beijing-time'

/** `count`: the meetings shown (the draft's, while it is edited). */
export function PlanHead({ plan, count }: { plan: PlanView; count: number }) {
  return (
    <>
      <View className="plan__head">
        <View className="plan__title-row">
          <Text className="plan__title" id="plan-title">
            {plan.branch.name} {plan.year} 年组织生活计划
          </Text>
          <Tag type={plan.status === 'published' ? 'success' : 'warning'}>
            <Text id="plan-status">{plan.status === 'published' ? '已发布' : '草稿'}</Text>
          </Tag>
        </View>
        <Text className="plan__sub">
          {plan.themeDayText} · 共 {count} 次会议
          {plan.publishedAt ? ` · ${beijing(plan.publishedAt).format('YYYY-MM-DD HH:mm')} 发布` : ''}
        </Text>
      </View>

      {plan.warnings.length > 0 && (
        <View className="panel plan__warnings" id="plan-warnings">
          {plan.warnings.map((w, i) => (
            <Text key={i} className="plan__warning">
              ⚠ {w}
            </Text>
          ))}
        </View>
      )}
    </>
  )
}
