/**
 * The organizer's changes to a meeting that has not started: edit the subject, place and agenda,
 * reschedule, or cancel — each with a reason kept in the meeting's record and sent to participants.
 */
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { FieldMessage, problemFor } from '../../../components/field-message'
import { Button } from '../../../components/nut'
import type { MeetingDetail } from '../../../domain/api/views'
import { formatDate, formatTime } from '../../../domain/beijing-time'
import type { FieldProblem } from '../../../domain/errors'
import { asCallError, call, newRequestId } from '../../../services/api'
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
  const [problems, setProblems] = useState<FieldProblem[]>([])
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [requestId, setRequestId] = useState(newRequestId)

  const open = (next: Mode) => {
    setMode(next)
    setProblems([])
    setError('')
    setRequestId(newRequestId())
  }

  const submit = async () => {
    if (busy || !mode) return
    setBusy(true)
    setError('')
    try {
      const base = { meetingId: m.id, version: m.version }
      const next =
        mode === 'edit'
          ? await call(
              'meeting.edit',
              {
                ...base,
                title,
                place,
                agenda: agenda.split('\n').filter((a) => a.trim() !== ''),
                reason: reason || null,
              },
              { requestId },
            )
          : mode === 'reschedule'
            ? await call('meeting.reschedule', { ...base, date, startTime, endTime, reason }, { requestId })
            : await call('meeting.cancel', { ...base, reason }, { requestId })
      setMode(null)
      setReason('')
      onChanged(next)
    } catch (err) {
      const e = asCallError(err)
      setProblems(e.fields)
      setError(e.message)
      if (e.code === 'REQUEST_ID_REUSED') setRequestId(newRequestId())
    } finally {
      setBusy(false)
    }
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
          <FieldMessage className="manage__problem" message={problemFor(problems, 'title', true)} />
          <Text className="manage__label">会议地点</Text>
          <Input className="manage__input" value={place} maxlength={60} onInput={(e) => setPlace(e.detail.value)} />
          <FieldMessage className="manage__problem" message={problemFor(problems, 'place', true)} />
          <Text className="manage__label">议程（每行一项）</Text>
          <Textarea className="manage__input" value={agenda} autoHeight onInput={(e) => setAgenda(e.detail.value)} />
          <FieldMessage className="manage__problem" message={problemFor(problems, 'agenda', true)} />
        </>
      )}
      {mode === 'reschedule' && (
        <View className="manage__row">
          <Picker mode="date" value={date} onChange={(e) => setDate(String(e.detail.value))}>
            <Text className="manage__value" id="reschedule-date">
              {date}
            </Text>
          </Picker>
          <Picker mode="time" value={startTime} onChange={(e) => setStartTime(String(e.detail.value))}>
            <Text className="manage__value">{startTime}</Text>
          </Picker>
          <Text>至</Text>
          <Picker mode="time" value={endTime} onChange={(e) => setEndTime(String(e.detail.value))}>
            <Text className="manage__value">{endTime}</Text>
          </Picker>
        </View>
      )}
      <FieldMessage className="manage__problem" message={problemFor(problems, 'date', true)} />
      <FieldMessage className="manage__problem" message={problemFor(problems, 'startTime', true)} />
      <FieldMessage className="manage__problem" message={problemFor(problems, 'endTime', true)} />
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
      <FieldMessage className="manage__problem" message={problemFor(problems, 'reason', true)} />
      {error && (
        <Text className="manage__problem" id="manage-error">
          {error}
        </Text>
      )}
      <View className="manage__buttons">
        <Button id="manage-submit" type="primary" size="small" loading={busy} onClick={submit}>
          {mode === 'cancel' ? '确认取消会议' : '保存并通知参会人员'}
        </Button>
        <Button size="small" onClick={() => setMode(null)}>
          返回
        </Button>
      </View>
    </View>
  )
}
