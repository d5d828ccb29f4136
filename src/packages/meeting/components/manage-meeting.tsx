/**
 * The organizer's changes to a meeting that has not started: edit the subject, place and agenda,
 * reschedule, or cancel — each with a reason kept in the meeting's record and sent to participants.
 * Before a reschedule is saved, `meeting.checkSchedule` says whether the new time clashes (the same
 * people at another meeting, another of its kind already in the new period); the organizer reads the
 * reasons and chooses 仍然改期 or changes the time.
 */
import { Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { FieldMessage } from '../../../components/field-message'
import { DateTimePick } from '../../../components/form-fields'
import { Button } from '../../../components/nut'
import type { MeetingDetail } from '../../../domain/api/views'
import type { ScheduleWarning } from '../../../domain/schedule-conflicts'
import { call } from '../../../services/api'
import { formatDate, formatTime } from '../../../domain/beijing-time'
import { useWrite } from '../../../services/use-write'
import './manage-meeting.scss'

type Mode = 'edit' | 'reschedule' | 'cancel'

export function ManageMeeting({ m, onChanged }: { m: MeetingDetail; onChanged: (next: MeetingDetail) => void }) {
  const [mode, setMode] = useState<Mode | null>(null)
  const [title, setTitle] = useState(m.title)
  const [place, setPlace] = useState(m.place)
  const [agenda, setAgenda] = useState(m.agenda.join('\n'))
  const [date, setDate] = useState(formatDate(m.startAt))
  const [startTime, setStartTime] = useState(formatTime(m.startAt))
  const [endTime, setEndTime] = useState(formatTime(m.endAt))
  const [reason, setReason] = useState('')
  // One write per action (hooks are called unconditionally); the form uses the one its mode needs.
  const edit = useWrite('meeting.edit')
  const reschedule = useWrite('meeting.reschedule')
  const cancel = useWrite('meeting.cancel')
  const write = mode === 'edit' ? edit : mode === 'reschedule' ? reschedule : cancel
  // The warnings of the new time as checked (`key`: date and times); shown only while it is unchanged.
  const [warned, setWarned] = useState<{ key: string; warnings: ScheduleWarning[] } | null>(null)
  const slotKey = `${date} ${startTime}–${endTime}`

  /** The warnings of moving `m` to the chosen time; none when the check cannot be made (the save reports). */
  const checkSlot = async (): Promise<ScheduleWarning[]> => {
    const input = {
      meetingId: m.id,
      branchId: m.branchId,
      kind: m.kind,
      title: m.title,
      date,
      startTime,
      endTime,
      place: m.place,
      agenda: m.agenda,
      groupId: m.group?.id ?? null,
      pairIds: m.kind === 'heart_talk' ? m.participants.map((p) => p.id) : null,
    }
    return call('meeting.checkSchedule', input).then(
      (r) => r.warnings,
      () => [],
    )
  }

  const open = (next: Mode) => {
    setMode(next)
    edit.clear()
    reschedule.clear()
    cancel.clear()
  }

  const submit = async (accepted = false) => {
    if (write.busy || !mode) return
    if (mode === 'reschedule' && !accepted && warned?.key !== slotKey) {
      const warnings = await checkSlot()
      if (warnings.length > 0) return setWarned({ key: slotKey, warnings })
    }
    const base = { meetingId: m.id, version: m.version }
    const outcome =
      mode === 'edit'
        ? await edit.run({
            ...base,
            title,
            place,
            agenda: agenda.split('\n').filter((a) => a.trim() !== ''),
            reason: reason || null,
          })
        : mode === 'reschedule'
          ? await reschedule.run({ ...base, date, startTime, endTime, reason })
          : await cancel.run({ ...base, reason })
    if (outcome.status !== 'done') return
    setMode(null)
    setWarned(null)
    setReason('')
    onChanged(outcome.data)
  }

  if (!mode) {
    return (
      <View className="manage__buttons">
        <Button id="meeting-edit" size="small" onClick={() => open('edit')}>
          修改内容
        </Button>
        <Button id="meeting-reschedule" size="small" onClick={() => open('reschedule')}>
          改期
        </Button>
        <Button id="meeting-cancel" size="small" type="danger" fill="outline" onClick={() => open('cancel')}>
          取消会议
        </Button>
      </View>
    )
  }
  return (
    <View className="panel manage" id={`manage-${mode}`}>
      {mode === 'edit' && (
        <>
          <Text className="manage__label">会议主题</Text>
          <Input className="manage__input" value={title} maxlength={60} onInput={(e) => setTitle(e.detail.value)} />
          <FieldMessage className="manage__problem" message={write.problem('title', true)} />
          <Text className="manage__label">会议地点</Text>
          <Input className="manage__input" value={place} maxlength={60} onInput={(e) => setPlace(e.detail.value)} />
          <FieldMessage className="manage__problem" message={write.problem('place', true)} />
          <Text className="manage__label">议程（每行一项）</Text>
          <Textarea className="manage__input" value={agenda} autoHeight onInput={(e) => setAgenda(e.detail.value)} />
          <FieldMessage className="manage__problem" message={write.problem('agenda', true)} />
        </>
      )}
      {mode === 'reschedule' && (
        <View className="manage__row">
          <DateTimePick mode="date" value={date} onChange={setDate} id="reschedule-date" label="日期">
            <Text className="manage__value" id="reschedule-date">
              {date}
            </Text>
          </DateTimePick>
          <DateTimePick mode="time" value={startTime} onChange={setStartTime} label="开始时间">
            <Text className="manage__value">{startTime}</Text>
          </DateTimePick>
          <Text>至</Text>
          <DateTimePick mode="time" value={endTime} onChange={setEndTime} label="结束时间">
            <Text className="manage__value">{endTime}</Text>
          </DateTimePick>
        </View>
      )}
      <FieldMessage className="manage__problem" message={write.problem('date', true)} />
      <FieldMessage className="manage__problem" message={write.problem('startTime', true)} />
      <FieldMessage className="manage__problem" message={write.problem('endTime', true)} />
      <Text className="manage__label">
        {mode === 'cancel' ? '取消原因（必填）' : mode === 'reschedule' ? '改期原因（必填）' : '修改说明（选填）'}
      </Text>
      <Textarea
        id="manage-reason"
        className="manage__input"
        value={reason}
        maxlength={100}
        autoHeight
        onInput={(e) => setReason(e.detail.value)}
      />
      <FieldMessage className="manage__problem" message={write.problem('reason', true)} />
      {mode === 'reschedule' && warned?.key === slotKey && (
        <View className="manage__warnings" id="reschedule-warnings">
          {warned.warnings.map((w, i) => (
            <Text key={i} className="manage__warning">
              {w.message}
            </Text>
          ))}
          <Button id="reschedule-anyway" type="primary" loading={write.busy} onClick={() => void submit(true)}>
            仍然改期
          </Button>
        </View>
      )}
      {write.message && (
        <Text className="manage__problem" id="manage-error">
          {write.message}
        </Text>
      )}
      <View className="manage__buttons">
        <Button
          id="manage-submit"
          type="primary"
          size="small"
          // Enter in a field submits 修改 and 改期 at a desk; cancelling a meeting takes a click.
          className={mode === 'cancel' ? undefined : 'form-submit'}
          loading={write.busy}
          onClick={() => void submit()}
        >
          {mode === 'cancel' ? '确认取消会议' : '保存并通知参会人员'}
        </Button>
        <Button size="small" onClick={() => setMode(null)}>
          返回
        </Button>
      </View>
    </View>
  )
}
