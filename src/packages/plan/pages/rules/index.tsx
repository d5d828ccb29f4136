/**
 * 会议规则 (`?orgId=`): the frequencies in force and where each comes from (国家规定 or a 党委),
 * and the one minutes deadline (逾期 and 补录 both follow it); the 党委's 组织员 sets its own
 * overrides and deadline here for every branch below it.
 */
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '../../../../components/nut'
import { TextField } from '../../../../components/form-fields'
import { ErrorState, Loaded } from '../../../../components/page-state'
import type { RuleView, RulesView } from '../../../../domain/api/views-planning'
import { atRiskDaysSchema, minutesDueDaysSchema, type RuleOverride } from '../../../../domain/kind-rules'
import { PERIOD_LABELS, type Period } from '../../../../domain/periods'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import './index.scss'

const COUNTS = [1, 2, 3, 4]

function sourceText(r: RuleView): string {
  const names = new Set([r.source.period.name, r.source.requiredCount.name])
  return `来自：${[...names].join('、')}`
}

function Editor({ view, onSaved }: { view: RulesView; onSaved: (v: RulesView) => void }) {
  // Working values per kind: the effective ones, so the person sees what will apply.
  const [values, setValues] = useState(
    () => new Map(view.rules.map((r) => [r.kind, { period: r.period, count: r.requiredCount }])),
  )
  const write = useWrite('rules.setOverride')
  const editable = view.rules.filter((r) => r.kind !== 'heart_talk')
  const save = async () => {
    // Only what differs from what this org inherits is stored as its own override.
    const overrides: RuleOverride[] = []
    for (const r of view.rules) {
      const v = values.get(r.kind)!
      const ownSet = view.ownOverrides.some((o) => o.kind === r.kind)
      if (ownSet || v.period !== r.period || v.count !== r.requiredCount) {
        overrides.push({ kind: r.kind, period: v.period, requiredCount: v.count })
      }
    }
    const outcome = await write.run({ orgId: view.org.id, overrides })
    if (outcome.status !== 'done') return
    const saved = outcome.data
    onSaved(saved)
    const rebuilt = saved.rebuilt.branches > 0 ? `，已重新统计 ${saved.rebuilt.branches} 个支部` : ''
    Taro.showToast({ title: `已保存${rebuilt}`, icon: 'success' })
  }
  return (
    <>
      <Text className="section-title">为所辖支部设置（保存后对下级全部支部生效）</Text>
      <View className="panel rules__editor" id="rules-editor">
        {editable.map((r) => {
          const v = values.get(r.kind)!
          const set = (next: { period?: Period; count?: number }) =>
            setValues((m) => new Map(m).set(r.kind, { ...v, ...next }))
          return (
            <View key={r.kind} className="rules__edit" id={`edit-${r.kind}`}>
              <Text className="rules__kind">{r.label}</Text>
              <View className="chips">
                {(r.allowedPeriods.length > 1 ? r.allowedPeriods : []).map((p) => (
                  <Text
                    key={p}
                    id={`edit-${r.kind}-${p}`}
                    className={`chip ${v.period === p ? 'chip--on' : ''}`}
                    onClick={() => set({ period: p })}
                  >
                    {PERIOD_LABELS[p]}
                  </Text>
                ))}
                {COUNTS.map((c) => (
                  <Text
                    key={c}
                    id={`edit-${r.kind}-count-${c}`}
                    className={`chip ${v.count === c ? 'chip--on' : ''}`}
                    onClick={() => set({ count: c })}
                  >
                    {c} 次
                  </Text>
                ))}
              </View>
            </View>
          )
        })}
      </View>
      {write.error && <ErrorState error={write.error} />}
      <View className="actions">
        <Button block type="primary" id="rules-save" loading={write.busy} disabled={write.busy} onClick={save}>
          保存规则
        </Button>
      </View>
    </>
  )
}

/** The minutes deadline: what is in force and, for the 党委, its own setting (empty: follow the org above). */
function MinutesDueEditor({ view, onSaved }: { view: RulesView; onSaved: (v: RulesView) => void }) {
  const [days, setDays] = useState(view.minutesDue.ownDays === null ? '' : String(view.minutesDue.ownDays))
  const [problem, setProblem] = useState<string | undefined>()
  const write = useWrite('rules.setMinutesDue')
  const save = async () => {
    const text = days.trim()
    const checked = minutesDueDaysSchema.safeParse(text === '' ? null : Number(text))
    if (!checked.success) {
      setProblem(checked.error.issues[0]?.message)
      return
    }
    setProblem(undefined)
    const outcome = await write.run({ orgId: view.org.id, days: checked.data })
    if (outcome.status !== 'done') return
    onSaved(outcome.data)
    Taro.showToast({ title: '已保存', icon: 'success' })
  }
  return (
    <View className="panel rules__editor" id="minutes-due-editor">
      <TextField
        id="field-minutes-due"
        inputId="minutes-due-days"
        label="会后几天内登记出席并定稿会议记录（1–31 天；留空则沿用上级或国家默认）"
        type="number"
        value={days}
        onInput={setDays}
        problem={problem}
      />
      {write.error && <ErrorState error={write.error} />}
      <Button block type="primary" id="minutes-due-save" loading={write.busy} disabled={write.busy} onClick={save}>
        保存期限
      </Button>
    </View>
  )
}

/** The at-risk warning per period: this org's own days (empty: follow the org above or the default). */
function AtRiskEditor({ view, onSaved }: { view: RulesView; onSaved: (v: RulesView) => void }) {
  const [days, setDays] = useState(
    () => new Map(view.atRisk.map((r) => [r.period, r.ownDays === null ? '' : String(r.ownDays)])),
  )
  const [problem, setProblem] = useState<string | undefined>()
  const write = useWrite('rules.setAtRiskDays')
  const save = async () => {
    const input: Partial<Record<Period, number>> = {}
    for (const [period, text] of days) if (text.trim() !== '') input[period] = Number(text.trim())
    const checked = atRiskDaysSchema.safeParse(input)
    if (!checked.success) {
      setProblem(checked.error.issues[0]?.message)
      return
    }
    setProblem(undefined)
    const outcome = await write.run({ orgId: view.org.id, atRiskDays: checked.data })
    if (outcome.status !== 'done') return
    onSaved(outcome.data)
    Taro.showToast({ title: '已保存', icon: 'success' })
  }
  return (
    <View className="panel rules__editor" id="at-risk-editor">
      {view.atRisk.map((r) => (
        <TextField
          key={r.period}
          id={`field-at-risk-${r.period}`}
          inputId={`at-risk-${r.period}`}
          label={`${r.periodLabel}：结束前几天提示有风险（留空沿用，现为 ${r.days} 天）`}
          type="number"
          value={days.get(r.period) ?? ''}
          onInput={(v) => setDays((m) => new Map(m).set(r.period, v))}
        />
      ))}
      {problem && (
        <Text className="form-problem" id="at-risk-problem">
          {problem}
        </Text>
      )}
      {write.error && <ErrorState error={write.error} />}
      <Button block type="primary" id="at-risk-save" loading={write.busy} disabled={write.busy} onClick={save}>
        保存提前天数
      </Button>
    </View>
  )
}

export default function RulesPage() {
  const { params } = useRouter()
  const orgId = params.orgId || undefined
  const state = useApi('rules.get', orgId ? { orgId } : {})
  const [saved, setSaved] = useState<RulesView | null>(null)
  return (
    <View className="rules">
      <Loaded state={state}>
        {(loaded) => {
          const view = saved ?? loaded
          return (
            <>
              <Text className="section-title">{view.org.name} 现行会议规则</Text>
              <View className="panel" id="rules-list">
                {view.rules.map((r) => (
                  <View key={r.kind} className="rules__row" id={`rule-${r.kind}`}>
                    <View className="rules__main">
                      <Text className="rules__kind">{r.label}</Text>
                      <Text className="rules__source">{sourceText(r)}</Text>
                    </View>
                    <Text className="rules__freq">{r.frequencyText}</Text>
                  </View>
                ))}
              </View>
              <Text className="section-title">会议记录期限</Text>
              <View className="panel" id="minutes-due">
                <View className="rules__row">
                  <View className="rules__main">
                    <Text className="rules__kind">会后登记出席并定稿会议记录</Text>
                    <Text className="rules__source">来自：{view.minutesDue.source.name}</Text>
                  </View>
                  <Text className="rules__freq" id="minutes-due-text">
                    {view.minutesDue.text}内
                  </Text>
                </View>
                <Text className="rules__source">
                  超过期限，首页和组织生活监督显示“逾期”；之后定稿的会议记录标为“补录”。
                </Text>
              </View>
              <Text className="section-title">“有风险”提醒</Text>
              <View className="panel" id="at-risk">
                {view.atRisk.map((r) => (
                  <View key={r.period} className="rules__row" id={`at-risk-row-${r.period}`}>
                    <View className="rules__main">
                      <Text className="rules__kind">{r.periodLabel}的会议</Text>
                      <Text className="rules__source">来自：{r.source.name}</Text>
                    </View>
                    <Text className="rules__freq">结束前 {r.days} 天</Text>
                  </View>
                ))}
                <Text className="rules__source">周期结束前这些天内仍未安排够会议，首页提示“有风险”并提醒支部。</Text>
              </View>
              {view.canEdit && <Editor key={view.updatedAt ?? 0} view={view} onSaved={setSaved} />}
              {view.canEdit && <MinutesDueEditor key={`due-${view.updatedAt ?? 0}`} view={view} onSaved={setSaved} />}
              {view.canEdit && <AtRiskEditor key={`risk-${view.updatedAt ?? 0}`} view={view} onSaved={setSaved} />}
            </>
          )
        }}
      </Loaded>
    </View>
  )
}
