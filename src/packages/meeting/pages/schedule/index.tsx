/**
 * 安排会议: kind, title, date and time, place and agenda. What is typed is kept as a draft on the
 * device until the server accepts it; a retry after a network failure reuses the same request id,
 * so the meeting is never created twice. Before saving, `meeting.checkSchedule` says whether the same
 * people already have a meeting at that time or the kind's meetings of the period are already enough
 * (a second 主题党日 in a month): the reasons are shown and the organizer chooses 仍然安排 or 返回修改.
 * A check that cannot be made (offline) does not hold the save back; the save says what went wrong.
 */
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { FieldMessage } from '../../../../components/field-message'
import { Button } from '../../../../components/nut'
import { PickerField, SubmitBar, TextAreaField, TextField } from '../../../../components/form-fields'
import type { ScheduleWarning } from '../../../../domain/schedule-conflicts'
import { kindRule } from '../../../../domain/meeting-kinds'
import { call } from '../../../../services/api'
import { requestSubscribe } from '../../../../services/subscribe'
import { clearDraft, loadDraft, saveDraft } from '../../../../services/draft-store'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import { checkForm, defaultForm, SCHEDULABLE_KINDS, toInput, type ScheduleForm } from '../../schedule-form'
import { redirect } from '../../../../services/navigation'
import './index.scss'

const DRAFT_KEY = 'meeting.schedule'
const MAX_AGENDA = 20
const PROBLEM = 'sched__field-error'
/** The date and time pickers in one row: the form's field, the block's id, its label, WeChat's picker mode. */
const WHEN = [
  ['date', 'field-date', '日期', 'date'],
  ['startTime', 'field-start', '开始', 'time'],
  ['endTime', 'field-end', '结束', 'time'],
] as const

interface Draft {
  form: ScheduleForm
}

export default function SchedulePage() {
  const { params } = useRouter()
  const [draft, setDraft] = useState<Draft>(() => {
    const saved = loadDraft<Draft>(DRAFT_KEY) ?? { form: defaultForm(Date.now()) }
    // Opened from 首页's 本期应办: the quota's kind and a date inside its period.
    const kind = SCHEDULABLE_KINDS.find((k) => k === params.kind)
    const date = params.date && /^\d{4}-\d{2}-\d{2}$/.test(params.date) ? params.date : null
    if (!kind) return saved
    return { form: { ...saved.form, kind, ...(date ? { date } : {}) } }
  })
  const write = useWrite('meeting.schedule', { draftKey: DRAFT_KEY })
  // The warnings of the form as it was checked (`key`: its input); shown only while it is unchanged.
  const [warned, setWarned] = useState<{ key: string; warnings: ScheduleWarning[] } | null>(null)
  const [checking, setChecking] = useState(false)
  const form = draft.form
  const needsGroup = kindRule(form.kind).audience === 'group'
  const groups = useApi('org.listGroups', needsGroup ? {} : null)

  useEffect(() => saveDraft(DRAFT_KEY, draft), [draft])

  const set = <K extends keyof ScheduleForm>(key: K, value: ScheduleForm[K]) =>
    setDraft((d) => ({ ...d, form: { ...d.form, [key]: value } }))
  const setAgenda = (i: number, value: string) =>
    set(
      'agenda',
      form.agenda.map((a, j) => (j === i ? value : a)),
    )

  const submit = async () => {
    if (write.busy) return
    // WeChat lets a message be sent only after a tap agreed to it: the organizer is told of leave
    // requests, of a quota at risk and of overdue minutes.
    void requestSubscribe('meeting.schedule')
    const check = checkForm(form)
    if (!check.ok) return write.fail(check.summary, check.fields)
    const input = toInput(form)
    const key = JSON.stringify(input)
    if (warned?.key !== key) {
      setChecking(true)
      const warnings = await call('meeting.checkSchedule', input).then(
        (r) => r.warnings,
        // Only a warning: when it cannot be had, the save goes ahead and reports its own failure.
        () => [] as ScheduleWarning[],
      )
      setChecking(false)
      if (warnings.length > 0) {
        setWarned({ key, warnings })
        return
      }
    }
    await save()
  }

  /** Saves the form as it stands (after the warnings were read and accepted, or when there were none). */
  const save = async () => {
    if (write.busy) return
    const outcome = await write.run(toInput(form))
    if (outcome.status !== 'done') return
    clearDraft(DRAFT_KEY)
    Taro.showToast({ title: '已安排并通知参会人员', icon: 'none' })
    await redirect('meetingDetail', { id: outcome.data.id })
  }

  const discard = () => {
    clearDraft(DRAFT_KEY)
    setDraft({ form: defaultForm(Date.now()) })
    setWarned(null)
    write.clear()
  }

  const shownWarnings = warned && warned.key === JSON.stringify(toInput(form)) ? warned.warnings : null

  return (
    <View className="sched">
      <Text className="section-title">会议类型</Text>
      <View className="chips sched__chips">
        {SCHEDULABLE_KINDS.map((kind) => (
          <View
            key={kind}
            id={`kind-${kind}`}
            className={`chip sched__chip ${form.kind === kind ? 'chip--on' : ''}`}
            onClick={() => set('kind', kind)}
          >
            <Text>{kindRule(kind).label}</Text>
          </View>
        ))}
      </View>
      <Text className="sched__hint">
        {kindRule(form.kind).frequencyText}；参会人员按会议类型自动确定，并会收到会议通知。
      </Text>

      {needsGroup && (
        <View className="form-field" id="field-group">
          <Text className="form-field__label">召开会议的党小组</Text>
          <View className="chips sched__chips">
            {(groups.data ?? []).map((g) => (
              <View
                key={g.id}
                id={`group-${g.id}`}
                className={`chip sched__chip ${form.groupId === g.id ? 'chip--on' : ''}`}
                onClick={() => set('groupId', g.id)}
              >
                <Text>{g.name}</Text>
              </View>
            ))}
          </View>
          {groups.error && <FieldMessage className="form-problem sched__field-error" message={groups.error.message} />}
          <FieldMessage className="form-problem sched__field-error" message={write.problem('groupId')} />
        </View>
      )}

      <TextField
        id="field-title"
        label="会议主题"
        inputClassName="form-field__input sched__input"
        value={form.title}
        maxlength={60}
        placeholder="如：学习新修订的支部工作条例"
        onInput={(v) => set('title', v)}
        problem={write.problem('title')}
        problemClassName={PROBLEM}
      />

      <View className="sched__row">
        {WHEN.map(([key, id, label, mode]) => (
          <PickerField
            key={key}
            className="sched__cell"
            id={id}
            label={label}
            mode={mode}
            value={form[key]}
            onChange={(v) => set(key, v)}
          />
        ))}
      </View>
      <FieldMessage
        className="form-problem sched__field-error"
        message={write.problem('date') ?? write.problem('startTime')}
      />
      <FieldMessage className="form-problem sched__field-error" message={write.problem('endTime')} />

      <TextField
        id="field-place"
        label="会议地点"
        inputClassName="form-field__input sched__input"
        value={form.place}
        maxlength={60}
        placeholder="如：党员活动室"
        onInput={(v) => set('place', v)}
        problem={write.problem('place')}
        problemClassName={PROBLEM}
      />

      <Text className="section-title">会议议程</Text>
      {form.agenda.map((item, i) => (
        <TextAreaField
          key={i}
          id={`field-agenda-${i}`}
          label={`议程 ${i + 1}`}
          headClassName="sched__agenda-head"
          aside={
            form.agenda.length > 1 && (
              <Text
                className="sched__link"
                id={`remove-agenda-${i}`}
                onClick={() =>
                  set(
                    'agenda',
                    form.agenda.filter((_, j) => j !== i),
                  )
                }
              >
                删除
              </Text>
            )
          }
          inputClassName="form-field__input sched__input"
          value={item}
          maxlength={200}
          autoHeight
          placeholder="如：重温入党誓词"
          onInput={(v) => setAgenda(i, v)}
          problem={write.problem(`agenda.${i}`)}
          problemClassName={PROBLEM}
        />
      ))}
      <FieldMessage className="form-problem sched__field-error" message={write.problem('agenda')} />
      {form.agenda.length < MAX_AGENDA && (
        <Text className="sched__link sched__add" id="add-agenda" onClick={() => set('agenda', [...form.agenda, ''])}>
          ＋ 添加一项议程
        </Text>
      )}

      {shownWarnings && (
        <View className="panel sched__warnings" id="schedule-warnings">
          <Text className="sched__warnings-title">安排前请留意</Text>
          {shownWarnings.map((w, i) => (
            <Text key={i} className="sched__warning" id={`schedule-warning-${w.reason}-${i}`}>
              {w.message}
            </Text>
          ))}
          <View className="sched__warning-actions">
            <Button id="revise-schedule" onClick={() => setWarned(null)}>
              返回修改
            </Button>
            <Button id="confirm-schedule" type="primary" loading={write.busy} onClick={() => void save()}>
              仍然安排
            </Button>
          </View>
        </View>
      )}

      <SubmitBar
        message={write.message}
        buttonId="submit-schedule"
        label={write.busy ? '正在提交…' : checking ? '正在检查时间…' : '安排会议并通知'}
        busy={write.busy || checking}
        onSubmit={submit}
      >
        <Text className="sched__link sched__discard" id="discard-draft" onClick={discard}>
          清空重填
        </Text>
      </SubmitBar>
    </View>
  )
}
