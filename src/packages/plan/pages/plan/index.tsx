/**
 * 年度计划 (`?branchId=&year=`): one tap makes a draft of the year's 三会一课 and 主题党日 from the
 * rules in force, off holidays; the secretary adjusts it (dates, times, titles, places; removes or adds
 * meetings), each date checked against holidays with a warning; 发布 schedules every meeting.
 */
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Fragment, useEffect, useState } from 'react'
import { Button } from '../../../../components/nut'
import { Empty, ErrorState, Loaded } from '../../../../components/page-state'
import { DEFAULT_PLAN_PLACE, DEFAULT_PLAN_TIMES } from '../../../../domain/annual-plan'
import type { PlanView } from '../../../../domain/api/views-planning'
import { beijing } from '../../../../domain/beijing-time'
import { WEEKDAY_NAMES, weekdayOfDate } from '../../../../domain/calendar'
import { kindLabel } from '../../../../domain/meeting-kinds'
import { useDeskLayout } from '../../../../services/desk-media'
import { clearDraft, loadDraft, saveDraft } from '../../../../services/draft-store'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import {
  ADDABLE_KINDS,
  draftKey,
  editableItems,
  isDirty,
  sortByDate,
  toUpdateItems,
  type EditableItem,
  type PlanDraft,
} from '../../plan-draft'
import { Generate } from '../../components/plan-generate'
import { PlanHead } from '../../components/plan-head'
import { PlanItemEditor } from '../../components/plan-item-editor'
import { PlanExport } from '../../components/plan-export'
import { YearSwitch } from '../../components/year-switch'
import { navigate } from '../../../../services/navigation'
import './index.scss'

function Plan({ plan: initial, onReplace }: { plan: PlanView; onReplace: (p: PlanView) => void }) {
  const [plan, setPlan] = useState(initial)
  const key = draftKey(plan.branch.id, plan.year)
  const [draft, setDraft] = useState<PlanDraft>(() => {
    const saved = loadDraft<PlanDraft>(key)
    return saved && saved.planId === plan.id && saved.version === plan.version
      ? saved
      : { planId: plan.id, version: plan.version, items: editableItems(plan.items) }
  })
  const [open, setOpen] = useState<string | null>(null)
  // Which button is at work: 发布 with unsaved changes is two writes, saved then published.
  const [busy, setBusy] = useState<'save' | 'publish' | 'regenerate' | null>(null)
  // The unsettled attempts are kept with the draft: a retry after the app was closed is the same write.
  const update = useWrite('plan.update', { draftKey: `${key}:update` })
  const publish = useWrite('plan.publish')
  const generate = useWrite('plan.generate', { draftKey: `${key}:generate` })
  const error = generate.error ?? update.error ?? publish.error
  const [addKind, setAddKind] = useState<string | null>(null)
  const desk = useDeskLayout()
  const dirty = plan.canEdit && isDirty(plan, draft.items)
  useEffect(() => {
    if (plan.canEdit) saveDraft(key, draft)
  }, [key, draft, plan.canEdit])

  const accept = (next: PlanView) => {
    setPlan(next)
    setDraft({ planId: next.id, version: next.version, items: editableItems(next.items) })
    if (!next.canEdit) clearDraft(key)
    onReplace(next)
  }
  /** The writes behind one button; stops at the first failure, which the hooks show. */
  const steps = async (what: 'save' | 'publish' | 'regenerate') => {
    const where = { branchId: plan.branch.id, year: plan.year }
    if (what === 'regenerate') {
      const generated = await generate.run({ ...where, themeDayRule: plan.themeDay })
      if (generated.status === 'done') accept(generated.data)
      return
    }
    let current = plan
    if (dirty) {
      const saved = await update.run({ ...where, version: plan.version, items: toUpdateItems(draft.items) })
      if (saved.status !== 'done') return
      current = saved.data
      accept(current)
    }
    if (what === 'publish') {
      const published = await publish.run({ ...where, version: current.version })
      if (published.status !== 'done') return
      accept(published.data)
      Taro.showToast({ title: `已安排 ${published.data.items.length} 次会议`, icon: 'success' })
    }
  }
  const run = async (what: 'save' | 'publish' | 'regenerate') => {
    if (busy !== null) return
    // 发布 schedules the whole year and tells everyone at once: said in full, and asked first.
    if (what === 'publish') {
      const asked = await Taro.showModal({
        title: '发布计划并通知党员？',
        content: publishQuestion(plan, shown, beijing(Date.now()).format('YYYY-MM-DD')),
        confirmText: '发布',
        cancelText: '再看看',
      })
      if (!asked.confirm) return
    }
    setBusy(what)
    for (const w of [update, publish, generate]) w.clear()
    await steps(what)
    setBusy(null)
  }
  const setItems = (items: EditableItem[]) => setDraft((d) => ({ ...d, items }))
  const add = (kind: string) => {
    const k = kind as EditableItem['kind']
    const key2 = `new-${Date.now()}`
    const date = `${plan.year}-${beijing(Date.now()).format('MM-DD')}`
    setItems(
      sortByDate([
        ...draft.items,
        {
          key: key2,
          kind: k,
          date,
          // The kind's planned time and the plan's default place, as the generator uses them.
          startTime: DEFAULT_PLAN_TIMES[k].startTime,
          endTime: DEFAULT_PLAN_TIMES[k].endTime,
          title: `${kindLabel(k)}`,
          place: DEFAULT_PLAN_PLACE,
          groupId: null,
        },
      ]),
    )
    setOpen(key2)
    setAddKind(null)
  }
  const warnings = new Map(plan.items.map((i) => [i.id, i.warning]))
  const notes = new Map(plan.items.map((i) => [i.id, i.note]))
  const meetings = new Map(plan.items.map((i) => [i.id, i.meetingId]))
  const shown = plan.canEdit ? draft.items : editableItems(plan.items)
  // A published item opens its meeting; a draft item opens its editor under it (closes it again).
  const openItem = (i: EditableItem) => {
    const mid = i.id ? meetings.get(i.id) : null
    if (mid) navigate('meetingDetail', { id: mid })
    else if (plan.canEdit) setOpen(open === i.key ? null : i.key)
  }
  const editor = (i: EditableItem) => (
    <PlanItemEditor
      item={i}
      onChange={(next) => setItems(draft.items.map((x) => (x.key === i.key ? next : x)))}
      onRemove={() => {
        setItems(draft.items.filter((x) => x.key !== i.key))
        setOpen(null)
      }}
      onClose={() => {
        setItems(sortByDate(draft.items))
        setOpen(null)
      }}
    />
  )

  return (
    <View className="plan">
      <PlanHead plan={plan} count={shown.length} />

      {desk ? (
        <table className="plan__table" id="plan-items">
          <thead>
            <tr>
              <th>日期</th>
              <th>会议类型</th>
              <th>主题</th>
              <th>时间</th>
              <th>地点</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i, n) => (
              <Fragment key={i.key}>
                <tr
                  id={`plan-item-${n}`}
                  className="plan__row"
                  tabIndex={0}
                  onClick={() => openItem(i)}
                  onKeyDown={(e) => e.key === 'Enter' && e.target === e.currentTarget && openItem(i)}
                >
                  <td className="plan__cell-date">
                    {i.date.slice(5)} 周{WEEKDAY_NAMES[weekdayOfDate(i.date)]}
                  </td>
                  <td>{kindLabel(i.kind)}</td>
                  <td className="plan__cell-title">{i.title}</td>
                  <td className="plan__cell-time">
                    {i.startTime}–{i.endTime}
                  </td>
                  <td>{i.place}</td>
                  <td>
                    {i.id && notes.get(i.id) && <Text className="plan__note">{notes.get(i.id)}</Text>}
                    {i.id && warnings.get(i.id) && (
                      <Text className="plan__item-warning" id={`plan-item-warning-${n}`}>
                        ⚠ {warnings.get(i.id)}
                      </Text>
                    )}
                  </td>
                </tr>
                {open === i.key && plan.canEdit && (
                  <tr className="plan__editor-tr">
                    <td colSpan={6}>{editor(i)}</td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      ) : (
        <View className="panel plan__items" id="plan-items">
          {shown.map((i, n) => (
            <View key={i.key} id={`plan-item-${n}`} className="plan__item">
              <View className="plan__item-main" onClick={() => openItem(i)}>
                <Text className="plan__date">
                  {i.date.slice(5)} 周{WEEKDAY_NAMES[weekdayOfDate(i.date)]}
                </Text>
                <View className="plan__item-text">
                  <Text className="plan__item-title">{i.title}</Text>
                  <Text className="plan__item-meta">
                    {kindLabel(i.kind)} · {i.startTime}–{i.endTime} · {i.place}
                  </Text>
                  {i.id && notes.get(i.id) && <Text className="plan__note">{notes.get(i.id)}</Text>}
                  {i.id && warnings.get(i.id) && (
                    <Text className="plan__item-warning" id={`plan-item-warning-${n}`}>
                      ⚠ {warnings.get(i.id)}
                    </Text>
                  )}
                </View>
              </View>
              {open === i.key && plan.canEdit && editor(i)}
            </View>
          ))}
        </View>
      )}

      {error && <ErrorState error={error} />}

      {plan.canEdit && (
        <View className="actions plan__actions">
          {addKind === null ? (
            <Button block fill="outline" id="plan-add" onClick={() => setAddKind('')}>
              增加一次会议
            </Button>
          ) : (
            <View className="chips plan__chips">
              {ADDABLE_KINDS.filter((k) => k !== 'group_meeting').map((k) => (
                <Text key={k} id={`add-${k}`} className="chip" onClick={() => add(k)}>
                  {kindLabel(k)}
                </Text>
              ))}
            </View>
          )}
          {dirty && <Text className="plan__hint">有未保存的修改（已暂存在本机）。</Text>}
          <Button
            block
            fill="outline"
            id="plan-save"
            disabled={!dirty || busy !== null}
            loading={busy === 'save'}
            onClick={() => run('save')}
          >
            保存修改
          </Button>
          <Button
            block
            type="primary"
            id="plan-publish"
            disabled={busy !== null}
            loading={busy === 'publish'}
            onClick={() => run('publish')}
          >
            发布计划并通知党员
          </Button>
          <Text className="plan__link" id="plan-regenerate" onClick={() => busy === null && run('regenerate')}>
            放弃修改，按规则重新生成
          </Text>
        </View>
      )}
      {plan.status === 'published' && <PlanExport branchId={plan.branch.id} year={plan.year} />}
      {!plan.canEdit && (
        <View className="actions">
          <Button
            block
            fill="outline"
            id="open-calendar"
            onClick={() => navigate('calendar', { branchId: plan.branch.id, month: `${plan.year}-01` })}
          >
            在月历中查看
          </Button>
        </View>
      )}
    </View>
  )
}

/**
 * What the 发布 confirmation says for `plan` with the items now shown (`items`, unsaved edits included)
 * on Beijing day `today` ('YYYY-MM-DD'): how many meetings are scheduled and how many members told,
 * then each thing to check first — dates already past, the year's 调休 not yet published, the plan's
 * own warnings (a period below its quota).
 */
function publishQuestion(plan: PlanView, items: readonly EditableItem[], today: string): string {
  const lines = [
    `将安排 ${items.length} 次会议，并向支部 ${plan.notifyCount} 名党员各发一条通知；发布后不能再整体修改。`,
  ]
  const past = items.filter((i) => i.date < today)
  if (past.length > 0) {
    const dates = past.slice(0, 3).map((i) => `${Number(i.date.slice(5, 7))}月${Number(i.date.slice(8))}日`)
    lines.push(
      `⚠ 有 ${past.length} 次会议的日期已经过去（${dates.join('、')}${past.length > 3 ? ' 等' : ''}），发布会被拒绝；请先改期或删除。`,
    )
  }
  if (!plan.calendarCovered) lines.push(`⚠ ${plan.year}年的调休上班日国务院尚未公布，发布前请逐项核对日期。`)
  const others = plan.warnings.filter((x) => !/国务院|放假安排/.test(x))
  for (const w of others.slice(0, 3)) lines.push(`⚠ ${w}`)
  if (others.length > 3) lines.push(`另有 ${others.length - 3} 条提醒，见计划上方。`)
  return lines.join('\n')
}

/** One year's plan: its own read and state, so switching years starts clean. */
function PlanYear({ year, branchId }: { year: number; branchId: string | undefined }) {
  const state = useApi('plan.get', { year, ...(branchId ? { branchId } : {}) })
  const [replaced, setReplaced] = useState<PlanView | null>(null)
  return (
    <Loaded state={state}>
      {(p) => {
        const current = replaced ?? (p.id ? p : null)
        if (current) return <Plan key={`${current.id}`} plan={current} onReplace={setReplaced} />
        if (!p.canEdit) return <Empty>{year} 年的组织生活计划还没有制定，请等支部书记发布。</Empty>
        return (
          <View className="plan">
            {!p.calendarCovered && (
              <View className="panel plan__warnings" id="plan-warnings">
                <Text className="plan__warning">
                  ⚠ {year}
                  年放假安排国务院尚未公布：生成的计划会按法定节假日和农历避开元旦、春节、清明、劳动节、端午、中秋、国庆，但调休上班日还不知道；发布前请逐项核对。
                </Text>
              </View>
            )}
            <Generate branchId={branchId} year={year} onDone={setReplaced} />
          </View>
        )
      }}
    </Loaded>
  )
}

export default function PlanPage() {
  const { params } = useRouter()
  const thisYear = beijing(Date.now()).year()
  const [year, setYear] = useState(() => Number(params.year) || thisYear + 1)
  const branchId = params.branchId || undefined
  return (
    <>
      <YearSwitch year={year} thisYear={thisYear} onChange={setYear} />
      <PlanYear key={year} year={year} branchId={branchId} />
    </>
  )
}
