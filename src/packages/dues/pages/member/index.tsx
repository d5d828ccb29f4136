/**
 * One member's 党费 for a year (`?memberId=&year=`), for the branch's 组织委员 and 书记 (who record
 * here: 登记交纳, 核定基数, 登记减免, and 更正 on any entry still in force) and for the 党委 when it
 * opens the record (read only). Shows the base with who entered it and when, the months, the entries.
 */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Loaded } from '../../../../components/page-state'
import type { DuesEntryView, DuesMemberView } from '../../../../domain/api/views-dues'
import { beijing, formatDate } from '../../../../domain/beijing-time'
import { useApi } from '../../../../services/use-api'
import { BaseForm, CorrectionForm, ExemptionForm, PaymentForm } from '../../components/dues-forms'
import { EntryList, MonthList, TotalsCard, YearSwitch, money } from '../../components/dues-parts'
import '../../components/dues.scss'
import './index.scss'

const TASKS = { payment: '登记交纳', base: '核定基数', exemption: '登记减免' } as const
type Task = keyof typeof TASKS

function Recording({ view, reload }: { view: DuesMemberView; reload: () => void }) {
  const [task, setTask] = useState<Task>(view.base ? 'payment' : 'base')
  const [fixing, setFixing] = useState<DuesEntryView | null>(null)
  const done = () => {
    setFixing(null)
    reload()
  }
  return (
    <>
      <Text className="dues__section">登记</Text>
      <View className="chips dues-member__tasks">
        {(Object.keys(TASKS) as Task[]).map((t) => (
          <Text
            key={t}
            id={`task-${t}`}
            className={`chip ${task === t ? 'chip--on' : ''}`}
            onClick={() => {
              setFixing(null)
              setTask(t)
            }}
          >
            {TASKS[t]}
          </Text>
        ))}
      </View>
      {fixing ? (
        <CorrectionForm key={fixing.id} view={view} entry={fixing} onDone={done} onCancel={() => setFixing(null)} />
      ) : task === 'payment' ? (
        view.base ? (
          <PaymentForm key={`pay-${view.entries.length}`} view={view} onDone={done} />
        ) : (
          <Text className="dues__hint" id="need-base">
            先核定{view.year}年的党费基数，才能登记交纳。请点“核定基数”。
          </Text>
        )
      ) : task === 'base' ? (
        <BaseForm view={view} onDone={done} />
      ) : (
        <ExemptionForm view={view} onDone={done} />
      )}
      <Text className="dues__section">交纳和减免记录</Text>
      <EntryList entries={view.entries} onCorrect={setFixing} />
    </>
  )
}

export default function DuesMember() {
  const query = useRouter().params
  const memberId = query.memberId ?? ''
  const [year, setYear] = useState(() => Number(query.year) || beijing(Date.now()).year())
  const state = useApi('dues.member', { memberId, year })
  return (
    <View className="dues dues-member">
      <Loaded state={state}>
        {(view) => (
          <>
            <View className="dues__head">
              <Text className="dues__name" id="member-name">
                {view.member.name}的党费
              </Text>
              <Text className="dues__sub">
                {view.canRecord ? '本人、支部书记和组织委员可见' : '党委打开的个人记录，只读'}
              </Text>
              <YearSwitch year={year} onYear={setYear} />
            </View>
            <View className="dues__card" id="dues-base">
              {view.base ? (
                <>
                  <View className="dues__row">
                    <Text className="dues__row-name">{view.base.categoryLabel}</Text>
                    <Text id="dues-monthly">每月应交 {money(view.base.monthlyFen)}</Text>
                  </View>
                  <Text className="dues__muted">{view.base.basis}</Text>
                  {view.baseHistory.map((b) => (
                    <Text className="dues__muted" key={b.id}>
                      {b.declaredByName} 于 {formatDate(b.declaredAt)} 核定：{b.categoryLabel}，每月{' '}
                      {money(b.monthlyFen)}
                    </Text>
                  ))}
                </>
              ) : (
                <Text className="dues__muted" id="dues-no-base">
                  {year}年的基数还没有核定。
                </Text>
              )}
            </View>
            <TotalsCard totals={view.totals} id="dues-totals" />
            <Text className="dues__section">每月情况</Text>
            <MonthList months={view.months} />
            {view.canRecord ? (
              <Recording view={view} reload={state.reload} />
            ) : (
              <>
                <Text className="dues__section">交纳和减免记录</Text>
                <EntryList entries={view.entries} />
              </>
            )}
          </>
        )}
      </Loaded>
    </View>
  )
}
