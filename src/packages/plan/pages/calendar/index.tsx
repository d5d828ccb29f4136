/**
 * 月历: a branch's month — each day's meetings with their status, and above it how every kind
 * stands in the period holding this month (the same statuses as 首页). `?branchId=&month=YYYY-MM`.
 */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { BranchPicker, ChosenBranch, needsBranch } from '../../../../components/branch-picker'
import { Button, Tag } from '../../../../components/nut'
import { Loaded } from '../../../../components/page-state'
import type { CalendarDay, CalendarView } from '../../../../domain/api/views-planning'
import { beijing } from '../../../../domain/beijing-time'
import { useApi } from '../../../../services/use-api'
import { MEETING_TAG, PERIOD_TAG } from '../../components/status-tags'
import { navigate } from '../../../../services/navigation'
import './index.scss'

const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日']
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/

function openMeeting(id: string) {
  navigate('meetingDetail', { id: id })
}

function DayCell({ d, selected, onSelect }: { d: CalendarDay; selected: boolean; onSelect: () => void }) {
  const classes = [
    'cal__day',
    d.inMonth ? '' : 'cal__day--out',
    d.today ? 'cal__day--today' : '',
    selected ? 'cal__day--selected' : '',
    d.weekday === 0 || d.weekday === 6 || d.holiday ? 'cal__day--off' : '',
  ]
  return (
    <View id={`day-${d.date}`} className={classes.join(' ')} onClick={onSelect}>
      <Text className="cal__num">{d.day}</Text>
      {d.holiday && <Text className="cal__holiday">{d.holiday}</Text>}
      {d.meetings.slice(0, 2).map((m) => (
        <Text
          key={m.id}
          className={`cal__chip cal__chip--${m.counting ?? m.status}`}
          onClick={(e) => {
            e.stopPropagation()
            openMeeting(m.id)
          }}
        >
          {m.kindLabel.replace('支部', '').slice(0, 4)}
        </Text>
      ))}
      {d.meetings.length > 2 && <Text className="cal__more">+{d.meetings.length - 2}</Text>}
    </View>
  )
}

function Month({ cal, onMonth }: { cal: CalendarView; onMonth: (m: string) => void }) {
  const [selected, setSelected] = useState<string | null>(null)
  const shownDays = cal.days.filter((d) => d.inMonth && d.meetings.length > 0 && (!selected || d.date === selected))
  return (
    <View className="cal">
      <View className="cal__bar">
        <Button size="small" fill="outline" id="month-prev" onClick={() => onMonth(cal.prevMonth)}>
          ‹ 上月
        </Button>
        <Text className="cal__title" id="month-label">
          {cal.branch.name} · {cal.monthLabel}
        </Text>
        <Button size="small" fill="outline" id="month-next" onClick={() => onMonth(cal.nextMonth)}>
          下月 ›
        </Button>
      </View>

      <Text className="section-title">本月与本季度完成情况</Text>
      <View className="panel cal__periods" id="calendar-periods">
        {cal.periods.map((p) => (
          <View key={p.kind} id={`period-${p.kind}`} className="cal__period">
            <View className="cal__period-head">
              <Text className="cal__period-kind">{p.label}</Text>
              <Text className="cal__period-label">
                {p.periodLabel} · {p.counted}/{p.required}
              </Text>
              <Tag type={p.atRisk ? 'warning' : PERIOD_TAG[p.status]}>
                <Text className="cal__period-status">{p.statusLabel}</Text>
              </Tag>
            </View>
            <Text className="cal__period-reason">{p.reason}</Text>
          </View>
        ))}
      </View>

      <View className="panel cal__grid-panel">
        <View className="cal__grid" id="calendar-grid">
          {WEEK_HEAD.map((w) => (
            <Text key={w} className="cal__head">
              {w}
            </Text>
          ))}
          {cal.days.map((d) => (
            <DayCell
              key={d.date}
              d={d}
              selected={selected === d.date}
              onSelect={() => setSelected(selected === d.date ? null : d.date)}
            />
          ))}
        </View>
      </View>

      <View className="cal__list-head">
        <Text className="section-title">{selected ? `${selected} 的会议` : '本月会议'}</Text>
        {selected && (
          <Text className="cal__all" id="show-month" onClick={() => setSelected(null)}>
            显示全月
          </Text>
        )}
      </View>
      <View className="panel" id="calendar-meetings">
        {shownDays.length === 0 && (
          <Text className="cal__none">{selected ? '这一天没有会议。' : '本月没有安排会议。'}</Text>
        )}
        {shownDays.map((d) =>
          d.meetings.map((m) => (
            <View key={m.id} id={`meeting-${m.id}`} className="cal__meeting" onClick={() => openMeeting(m.id)}>
              <View className="cal__meeting-main">
                <Text className="cal__meeting-title">{m.title}</Text>
                <Text className="cal__meeting-meta">
                  {d.date.slice(5)} {m.time} · {m.kindLabel}
                </Text>
              </View>
              <View className="cal__meeting-tags">
                <Tag type={MEETING_TAG[m.status]}>{m.statusLabel}</Tag>
                {m.countingLabel && <Tag type={m.counting === 'late' ? 'warning' : 'success'}>{m.countingLabel}</Tag>}
              </View>
            </View>
          )),
        )}
      </View>

      {cal.canPlan && (
        <View className="actions">
          <Button
            block
            type="primary"
            fill="outline"
            id="open-plan"
            onClick={() => navigate('plan', { branchId: cal.branch.id, year: cal.month.slice(0, 4) })}
          >
            {cal.month.slice(0, 4)} 年度计划
          </Button>
        </View>
      )}
    </View>
  )
}

export default function CalendarPage() {
  const { params } = useRouter()
  const [month, setMonth] = useState(() =>
    params.month && MONTH_RE.test(params.month) ? params.month : beijing(Date.now()).format('YYYY-MM'),
  )
  // The 党委 (or a 党总支) opening 月历 without a branch chooses one here.
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null)
  const branchId = params.branchId || chosen?.id || undefined
  const cal = useApi('meeting.calendar', { month, ...(branchId ? { branchId } : {}) })
  if (!branchId && needsBranch(cal.error)) return <BranchPicker title="月历按党支部查看" onPick={setChosen} />
  return (
    <>
      {chosen && <ChosenBranch name={chosen.name} onChange={() => setChosen(null)} />}
      <Loaded state={cal}>{(c) => <Month cal={c} onMonth={setMonth} />}</Loaded>
    </>
  )
}
