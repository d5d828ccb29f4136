/**
 * What a tapped cell of the matrix opens: the meetings behind it (each to 会议详情) and the branch's
 * 会议月历 at the cell's period. A cell with no meeting opens the calendar straight away
 * (`openCell`), so there is always a next step.
 */
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { Button, Tag } from '../../../components/nut'
import type { MeetingDetail } from '../../../domain/api/views'
import type { MatrixCell } from '../../../domain/api/views-supervision'
import { beijing, formatSpan } from '../../../domain/beijing-time'
import { MEETING_PHASE_LABELS } from '../../../domain/meeting'
import { kindLabel } from '../../../domain/meeting-kinds'
import { CELL_STATUS_LABELS } from '../../../domain/supervision'
import { call, errorMessage } from '../../../services/api'
import { navigate } from '../../../services/navigation'
import { monthOfPeriod, periodShort, thisMonth } from './cells'
import './cell-sheet.scss'

/** A tapped cell and the row it is in. */
export interface OpenedCell {
  cell: MatrixCell
  /** The row's org (a branch or a 党小组) and the branch it belongs to. */
  orgName: string
  branchId: string
}

function openCalendar(branchId: string, month: string) {
  void navigate('calendar', { branchId, month })
}

/** Opens a cell: `show`s the sheet when meetings are behind it, else the branch's calendar at its period. */
export function openCell(opened: OpenedCell, show: (o: OpenedCell) => void): void {
  if (opened.cell.meetingIds.length > 0) show(opened)
  else openCalendar(opened.branchId, monthOfPeriod(opened.cell.period, thisMonth()))
}

/** The sheet of an opened cell; `onClose` hides it. */
export function CellSheet({ opened, onClose }: { opened: OpenedCell; onClose: () => void }) {
  const { cell } = opened
  const [meetings, setMeetings] = useState<MeetingDetail[] | null>(null)
  const [problem, setProblem] = useState('')
  // The ids are the cell's identity (the array itself is new on every page load).
  const key = cell.meetingIds.join(',')
  useEffect(() => {
    let live = true
    setMeetings(null)
    setProblem('')
    const ids = key.split(',').filter(Boolean)
    Promise.all(ids.map((meetingId) => call('meeting.get', { meetingId }))).then(
      (list) => live && setMeetings(list),
      (err: unknown) => live && setProblem(errorMessage(err)),
    )
    return () => {
      live = false
    }
  }, [key])
  const first = meetings?.[0]
  const month = first ? beijing(first.startAt).format('YYYY-MM') : monthOfPeriod(cell.period, thisMonth())
  return (
    <View className="cell-sheet panel" id="cell-sheet">
      <View className="cell-sheet__head">
        <Text className="cell-sheet__title" id="cell-sheet-title">
          {opened.orgName} · {kindLabel(cell.kind)} {periodShort(cell.period)}
        </Text>
        <Text className={`cell cell--${cell.status}`}>{CELL_STATUS_LABELS[cell.status]}</Text>
      </View>
      {problem && <Text className="cell-sheet__problem">{problem}</Text>}
      {!meetings && !problem && <Text className="cell-sheet__muted">正在读取这一格的会议…</Text>}
      {meetings?.map((m) => (
        <View
          key={m.id}
          id={`sheet-meeting-${m.id}`}
          className="cell-sheet__meeting"
          onClick={() => void navigate('meetingDetail', { id: m.id })}
        >
          <Text className="cell-sheet__meeting-title">{m.title}</Text>
          <Text className="cell-sheet__muted">
            {formatSpan(m.startAt, m.endAt)} · {m.status === 'cancelled' ? '已取消' : MEETING_PHASE_LABELS[m.phase]}
          </Text>
          <View className="cell-sheet__tags">
            {m.held ? <Tag type="success">已确认考勤</Tag> : <Tag type="danger">未确认考勤</Tag>}
            {m.minutesFinal ? (
              <Tag type={m.minutesLate ? 'warning' : 'success'}>{m.minutesLate ? '记录补录' : '记录已定稿'}</Tag>
            ) : (
              <Tag type="danger">记录未定稿</Tag>
            )}
          </View>
        </View>
      ))}
      <View className="cell-sheet__acts">
        <Button size="small" type="primary" id="sheet-calendar" onClick={() => openCalendar(opened.branchId, month)}>
          在会议月历中查看
        </Button>
        <Button size="small" id="sheet-close" onClick={onClose}>
          关闭
        </Button>
      </View>
    </View>
  )
}
