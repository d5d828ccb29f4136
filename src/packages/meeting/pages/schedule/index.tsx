/**
 * 安排会议: kind, title, date and time, place and agenda. What is typed is kept as a draft on the
 * device until the server accepts it; a retry after a network failure reuses the same request id,
 * so the meeting is never created twice.
 */
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { FieldMessage, problemFor } from '../../../../components/field-message'
import { Button } from '../../../../components/nut'
import { kindRule } from '../../../../domain/meeting-kinds'
import type { FieldProblem } from '../../../../domain/errors'
import { PAGES } from '../../../../routes'
import { asCallError, call, newRequestId } from '../../../../services/api'
import { requestSubscribe } from '../../../../services/subscribe'
import { clearDraft, loadDraft, saveDraft } from '../../../../services/draft-store'
import { useApi } from '../../../../services/use-api'
import { checkForm, defaultForm, SCHEDULABLE_KINDS, toInput, type ScheduleForm } from '../../schedule-form'
import './index.scss'

const DRAFT_KEY = 'meeting.schedule'
const MAX_AGENDA = 20

interface Draft {
  form: ScheduleForm
  requestId: string
}

export default function SchedulePage() {
  const [draft, setDraft] = useState<Draft>(
    () => loadDraft<Draft>(DRAFT_KEY) ?? { form: defaultForm(Date.now()), requestId: newRequestId() },
  )
  const [problems, setProblems] = useState<FieldProblem[]>([])
  const [formError, setFormError] = useState('')
  const [submitting, setSubmitting] = useState(false)
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
    if (submitting) return
    // WeChat lets a message be sent only after a tap agreed to it: the organizer is told of leave
    // requests, of a quota at risk and of overdue minutes.
    void requestSubscribe('meeting.schedule')
    const check = checkForm(form)
    if (!check.ok) {
      setProblems(check.fields)
      setFormError(check.summary)
      return
    }
    setSubmitting(true)
    setFormError('')
    try {
      const meeting = await call('meeting.schedule', toInput(form), { requestId: draft.requestId })
      clearDraft(DRAFT_KEY)
      Taro.showToast({ title: '已安排并通知参会人员', icon: 'none' })
      await Taro.redirectTo({ url: `${PAGES.meetingDetail}?id=${meeting.id}` })
    } catch (err) {
      const e = asCallError(err)
      setProblems(e.fields)
      setFormError(e.message)
      // The same id was used for other content: this is a new submission.
      if (e.code === 'REQUEST_ID_REUSED') setDraft((d) => ({ ...d, requestId: newRequestId() }))
    } finally {
      setSubmitting(false)
    }
  }

  const discard = () => {
    clearDraft(DRAFT_KEY)
    setDraft({ form: defaultForm(Date.now()), requestId: newRequestId() })
    setProblems([])
    setFormError('')
  }

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
          <FieldMessage className="form-problem sched__field-error" message={problemFor(problems, 'groupId')} />
        </View>
      )}

      <View className="form-field" id="field-title">
        <Text className="form-field__label">会议主题</Text>
        <Input
          className="form-field__input sched__input"
          value={form.title}
          maxlength={60}
          placeholder="如：学习新修订的支部工作条例"
          onInput={(e) => set('title', e.detail.value)}
        />
        <FieldMessage className="form-problem sched__field-error" message={problemFor(problems, 'title')} />
      </View>

      <View className="sched__row">
        <Picker
          className="sched__cell"
          mode="date"
          value={form.date}
          onChange={(e) => set('date', String(e.detail.value))}
        >
          <View className="form-field" id="field-date">
            <Text className="form-field__label">日期</Text>
            <Text className="form-field__input">{form.date}</Text>
          </View>
        </Picker>
        <Picker
          className="sched__cell"
          mode="time"
          value={form.startTime}
          onChange={(e) => set('startTime', String(e.detail.value))}
        >
          <View className="form-field" id="field-start">
            <Text className="form-field__label">开始</Text>
            <Text className="form-field__input">{form.startTime}</Text>
          </View>
        </Picker>
        <Picker
          className="sched__cell"
          mode="time"
          value={form.endTime}
          onChange={(e) => set('endTime', String(e.detail.value))}
        >
          <View className="form-field" id="field-end">
            <Text className="form-field__label">结束</Text>
            <Text className="form-field__input">{form.endTime}</Text>
          </View>
        </Picker>
      </View>
      <FieldMessage
        className="form-problem sched__field-error"
        message={problemFor(problems, 'date') ?? problemFor(problems, 'startTime')}
      />
      <FieldMessage className="form-problem sched__field-error" message={problemFor(problems, 'endTime')} />

      <View className="form-field" id="field-place">
        <Text className="form-field__label">会议地点</Text>
        <Input
          className="form-field__input sched__input"
          value={form.place}
          maxlength={60}
          placeholder="如：党员活动室"
          onInput={(e) => set('place', e.detail.value)}
        />
        <FieldMessage className="form-problem sched__field-error" message={problemFor(problems, 'place')} />
      </View>

      <Text className="section-title">会议议程</Text>
      {form.agenda.map((item, i) => (
        <View className="form-field" key={i} id={`field-agenda-${i}`}>
          <View className="sched__agenda-head">
            <Text className="form-field__label">议程 {i + 1}</Text>
            {form.agenda.length > 1 && (
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
            )}
          </View>
          <Textarea
            className="form-field__input sched__input"
            value={item}
            maxlength={200}
            autoHeight
            placeholder="如：重温入党誓词"
            onInput={(e) => setAgenda(i, e.detail.value)}
          />
          <FieldMessage className="form-problem sched__field-error" message={problemFor(problems, `agenda.${i}`)} />
        </View>
      ))}
      <FieldMessage className="form-problem sched__field-error" message={problemFor(problems, 'agenda')} />
      {form.agenda.length < MAX_AGENDA && (
        <Text className="sched__link sched__add" id="add-agenda" onClick={() => set('agenda', [...form.agenda, ''])}>
          ＋ 添加一项议程
        </Text>
      )}

      {formError && (
        <Text className="form-error" id="form-error">
          {formError}
        </Text>
      )}
      <View className="actions">
        <Button id="submit-schedule" type="primary" block loading={submitting} onClick={submit}>
          {submitting ? '正在提交…' : '安排会议并通知'}
        </Button>
        <Text className="sched__link sched__discard" id="discard-draft" onClick={discard}>
          清空重填
        </Text>
      </View>
    </View>
  )
}
