/**
 * 签到看板: 应到, 实到 (现场/远程), 请假, 缺席 (未签到 until the meeting ends), 迟到 and, where the kind needs it, whether quorum is met
 * (voting members only). Refreshes every few seconds while shown. Organizers approve leave, mark
 * someone present by hand (代为登记, with a reason), confirm remote attendance, 确认考勤, and set up
 * sign-in before the meeting.
 */
import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import { Button, Tag } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import type { AttendanceBoard, AttendancePerson } from '../../../../domain/api/views-attendance'
import { ATTENDANCE_STATE_LABELS, LEAVE_CATEGORY_LABELS, VIA_LABELS } from '../../../../domain/attendance'
import { beijing, formatSpan } from '../../../../domain/beijing-time'
import { useDeskLayout } from '../../../../services/desk-media'
import { requestSubscribe } from '../../../../services/subscribe'
import { useApi } from '../../../../services/use-api'
import { useWrite, type WriteOutcome } from '../../../../services/use-write'
import { GuestInvite } from '../../components/guest-invite'
import { HeadLine, MeetingHead } from '../../components/meeting-head'
import { SignInSettings } from '../../components/sign-in-settings'
import { usePolling } from '../../use-polling'
import { navigate } from '../../../../services/navigation'
import './index.scss'

type Board = AttendanceBoard & { title: string; startAt: number; endAt: number; canManage: boolean }

const STATE_TAG: Record<AttendancePerson['state'], 'success' | 'primary' | 'warning' | 'default' | 'danger'> = {
  present: 'success',
  remote: 'primary',
  remote_pending: 'warning',
  offline_pending: 'warning',
  leave: 'default',
  leave_pending: 'warning',
  absent: 'danger',
}

const ORDER: AttendancePerson['state'][] = [
  'leave_pending',
  'remote_pending',
  'offline_pending',
  'absent',
  'present',
  'remote',
  'leave',
]

function sortForBoard(people: AttendancePerson[]): AttendancePerson[] {
  return [...people].sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state))
}

/**
 * Whether someone without a sign-in is still 未签到 rather than 缺席: until the meeting ends (before
 * its start and while it runs), unless the attendance was already confirmed. Nobody is absent from
 * a meeting that has not finished.
 */
function stillNotSigned(b: Pick<Board, 'recordedAt' | 'endAt'>, now: number): boolean {
  return b.recordedAt === null && now < b.endAt
}

function Counts({ b }: { b: Board }) {
  const cells: [string, string, number][] = [
    ['board-expected', '应到', b.expected],
    ['board-present', '实到', b.present],
    ['board-in-person', '现场', b.inPerson],
    ['board-remote', '远程', b.remote],
    ['board-leave', '请假', b.onLeave],
    ['board-absent', stillNotSigned(b, Date.now()) ? '未签到' : '缺席', b.absent],
    ['board-late', '迟到', b.late],
  ]
  return (
    <View className="board__counts">
      {cells.map(([id, label, n]) => (
        <View key={id} className="board__count">
          <Text className="board__count-n" id={id}>
            {n}
          </Text>
          <Text className="board__count-label">{label}</Text>
        </View>
      ))}
    </View>
  )
}

function PersonRow({ p, b, onDone, desk }: { p: AttendancePerson; b: Board; onDone: () => void; desk: boolean }) {
  const [editing, setEditing] = useState<'manual' | 'decline' | null>(null)
  const [text, setText] = useState('')
  // One write per action; the row shows them as one: busy while any is on its way, the last failure.
  const decide = useWrite('leave.decide')
  const remoteConfirm = useWrite('attendance.remoteConfirm')
  const markManual = useWrite('attendance.markManual')
  const offlineConfirm = useWrite('attendance.offlineConfirm')
  const writes = [decide, remoteConfirm, markManual, offlineConfirm]
  const busy = writes.some((w) => w.busy)
  const error = writes.find((w) => w.message)?.message ?? ''
  const act = async (send: () => Promise<WriteOutcome<unknown>>) => {
    if (busy) return
    writes.forEach((w) => w.clear())
    const outcome = await send()
    if (outcome.status !== 'done') return
    setEditing(null)
    setText('')
    onDone()
  }
  const meetingId = b.meetingId
  const notSigned = p.state === 'absent' && stillNotSigned(b, Date.now())
  const state = notSigned ? '未签到' : ATTENDANCE_STATE_LABELS[p.state]
  const name = (
    <Text className="board__name">
      {p.label}
      {p.guest ? '（列席）' : ''}
    </Text>
  )
  const tags = (
    <>
      <Tag type={notSigned ? 'default' : STATE_TAG[p.state]}>{state}</Tag>
      {p.late && <Tag type="warning">迟到</Tag>}
      {p.offline && <Tag type="warning">离线补传</Tag>}
      {p.belated && <Tag type="danger">补登</Tag>}
    </>
  )
  const detail = (p.via || p.leave) && (
    <Text className="board__detail">
      {p.via
        ? `${p.via === 'offline' ? '扫码（离线）' : VIA_LABELS[p.via]}${p.signedAt ? ` ${beijing(p.signedAt).format('HH:mm')}` : ''}`
        : ''}
      {p.manualReason ? `（${p.manualReason}）` : ''}
      {p.leave && !p.via
        ? `请假·${LEAVE_CATEGORY_LABELS[p.leave.category]}${p.leave.note ? `：${p.leave.note}` : ''}`
        : ''}
    </Text>
  )
  const acts = b.canManage && (
    <View className="board__acts">
      {p.state === 'leave_pending' && (
        <>
          <Button
            size="small"
            type="primary"
            id={`approve-leave-${p.memberId}`}
            loading={busy}
            onClick={() => {
              void requestSubscribe('leave.decide')
              void act(() => decide.run({ meetingId, memberId: p.memberId, approve: true }))
            }}
          >
            准假
          </Button>
          <Button
            size="small"
            id={`decline-leave-${p.memberId}`}
            onClick={() => {
              void requestSubscribe('leave.decide')
              setEditing('decline')
            }}
          >
            不准假
          </Button>
        </>
      )}
      {p.state === 'remote_pending' && (
        <Button
          size="small"
          type="primary"
          id={`confirm-remote-${p.memberId}`}
          loading={busy}
          onClick={() => act(() => remoteConfirm.run({ meetingId, memberId: p.memberId }))}
        >
          确认远程参会
        </Button>
      )}
      {p.state === 'offline_pending' && (
        <Button
          size="small"
          type="primary"
          id={`confirm-offline-${p.memberId}`}
          loading={busy}
          onClick={() => act(() => offlineConfirm.run({ meetingId, memberIds: [p.memberId] }))}
        >
          确认离线签到
        </Button>
      )}
      {p.state === 'absent' && Date.now() >= b.startAt - 30 * 60_000 && (
        <Button size="small" fill="outline" id={`mark-${p.memberId}`} onClick={() => setEditing('manual')}>
          代为登记
        </Button>
      )}
    </View>
  )
  const edit = editing && (
    <View className="board__edit">
      <Text className="board__edit-who" id={`${editing}-who-${p.memberId}`}>
        {editing === 'manual' ? `为 ${p.label} 代为登记出席` : `不准 ${p.label} 的假`}
      </Text>
      <Input
        id={`${editing === 'manual' ? 'manual-reason' : 'decline-note'}-${p.memberId}`}
        className="board__input"
        value={text}
        placeholder={editing === 'manual' ? '代为登记的原因，如：手机没电' : '不准假的原因'}
        onInput={(e) => setText(e.detail.value)}
      />
      <Button
        size="small"
        type="primary"
        id={`${editing === 'manual' ? 'manual-submit' : 'decline-submit'}-${p.memberId}`}
        className="form-submit"
        loading={busy}
        onClick={() =>
          act(() =>
            editing === 'manual'
              ? markManual.run({ meetingId, memberId: p.memberId, reason: text })
              : decide.run({ meetingId, memberId: p.memberId, approve: false, note: text }),
          )
        }
      >
        确定
      </Button>
      <Button size="small" fill="none" onClick={() => setEditing(null)}>
        取消
      </Button>
    </View>
  )
  const problem = error && <Text className="board__error">{error}</Text>
  // At a desk: one row of the table, the same actions in its last cell.
  if (desk)
    return (
      <tr id={`person-${p.memberId}`}>
        <td>{name}</td>
        <td className="board__cell-tags">{tags}</td>
        <td>{detail}</td>
        {b.canManage && (
          <td>
            {acts}
            {edit}
            {problem}
          </td>
        )}
      </tr>
    )
  return (
    <View className="board__person" id={`person-${p.memberId}`}>
      <View className="board__person-line">
        {name}
        {tags}
      </View>
      {detail}
      {acts}
      {edit}
      {problem}
    </View>
  )
}

/** The people of the board as a table at a desk (`rows` are PersonRow's table rows). */
function PeopleTable({ id, canManage, children }: { id: string; canManage: boolean; children: ReactNode }) {
  return (
    <table className="board__table" id={id}>
      <thead>
        <tr>
          <th>姓名</th>
          <th>状态</th>
          <th>签到方式 / 请假</th>
          {canManage && <th>操作</th>}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  )
}

/** 一键确认: the names of every pending 离线补传 claim, confirmed in one tap. */
function OfflineClaims({ b, reload }: { b: Board; reload: () => void }) {
  const write = useWrite('attendance.offlineConfirm')
  const pending = b.people.filter((p) => p.state === 'offline_pending')
  if (!b.canManage || pending.length === 0) return null
  const confirmAll = async () => {
    const outcome = await write.run({ meetingId: b.meetingId, memberIds: pending.map((p) => p.memberId) })
    if (outcome.status !== 'done') return
    Taro.showToast({ title: `已确认 ${pending.length} 人的离线签到`, icon: 'none' })
    reload()
  }
  return (
    <View className="panel board__offline" id="board-offline">
      <Text className="board__pending">
        离线补传待确认（{pending.length} 人）：{pending.map((p) => p.label).join('、')}
        。确认前不计入出席；请核对确实到会后再确认。
      </Text>
      <Button size="small" type="primary" id="confirm-offline-all" loading={write.busy} onClick={confirmAll}>
        一键确认
      </Button>
      {write.message && <Text className="board__error">{write.message}</Text>}
    </View>
  )
}

function BoardView({ b, reload }: { b: Board; reload: () => void }) {
  const write = useWrite('attendance.confirm')
  const confirm = async () => {
    const outcome = await write.run({ meetingId: b.meetingId })
    if (outcome.status !== 'done') return
    Taro.showToast({ title: '已确认考勤', icon: 'none' })
    reload()
  }
  // What needs the organizer's hand first, then who is missing, then who is here.
  const participants = sortForBoard(b.people.filter((p) => !p.guest))
  const guests = sortForBoard(b.people.filter((p) => p.guest))
  const desk = useDeskLayout()
  const rows = (people: AttendancePerson[]) =>
    people.map((p) => <PersonRow key={p.memberId} p={p} b={b} onDone={reload} desk={desk} />)
  return (
    <View className={desk ? 'board board--desk' : 'board'}>
      <MeetingHead titleId="board-title" title={b.title}>
        <HeadLine>{formatSpan(b.startAt, b.endAt)}</HeadLine>
      </MeetingHead>
      <Counts b={b} />
      {b.quorum && (
        <Text className={`board__quorum ${b.quorum.met ? 'board__quorum--met' : ''}`} id="board-quorum">
          法定人数：有表决权的党员 {b.quorum.entitled} 人，须到 {b.quorum.needed} 人，现到 {b.quorum.presentCounting} 人
          · {b.quorum.met ? '已达到' : '未达到'}
        </Text>
      )}
      {(b.leavePending > 0 || b.remotePending > 0) && (
        <Text className="board__pending" id="board-pending">
          {b.leavePending > 0 ? `${b.leavePending} 人请假待批 ` : ''}
          {b.remotePending > 0 ? `${b.remotePending} 人远程参会待确认` : ''}
        </Text>
      )}
      <OfflineClaims b={b} reload={reload} />
      {b.recordedAt !== null && (
        <Text className="board__recorded" id="board-recorded">
          已于 {beijing(b.recordedAt).format('MM月DD日 HH:mm')} 确认考勤
        </Text>
      )}
      {b.canManage && (
        <View className="actions board__manage">
          <Button
            block
            type="primary"
            id="confirm-attendance"
            loading={write.busy}
            disabled={Date.now() < b.startAt}
            onClick={confirm}
          >
            {b.recordedAt === null ? '确认考勤' : '重新确认考勤'}
          </Button>
          {Date.now() < b.startAt && <Text className="board__hint">会议开始后才能确认考勤。</Text>}
          {write.message && (
            <Text className="board__error" id="board-error">
              {write.message}
            </Text>
          )}
          <Button
            block
            fill="outline"
            id="open-code"
            onClick={() => navigate('signInCode', { meetingId: b.meetingId })}
          >
            打开签到码
          </Button>
        </View>
      )}
      <Text className="section-title">参会人员（{participants.length} 人）</Text>
      {desk ? (
        <PeopleTable id="board-people" canManage={b.canManage}>
          {rows(participants)}
        </PeopleTable>
      ) : (
        <View className="panel board__people" id="board-people">
          {rows(participants)}
        </View>
      )}
      {guests.length > 0 && (
        <>
          <Text className="section-title">列席人员（{guests.length} 人，不计入应到）</Text>
          {desk ? (
            <PeopleTable id="board-guests" canManage={b.canManage}>
              {rows(guests)}
            </PeopleTable>
          ) : (
            <View className="panel board__people" id="board-guests">
              {rows(guests)}
            </View>
          )}
        </>
      )}
      {b.canManage && Date.now() < b.startAt && <SignInSettings meetingId={b.meetingId} />}
      {b.canManage && Date.now() < b.endAt && (
        <GuestInvite meetingId={b.meetingId} onTheList={b.people.map((p) => p.memberId)} onInvited={reload} />
      )}
    </View>
  )
}

export default function AttendanceBoardPage() {
  const { params } = useRouter()
  const meetingId = params.meetingId ?? ''
  const board = useApi('attendance.board', meetingId ? { meetingId } : null)
  // Live: refresh every 4 seconds while the page is shown, not in the background.
  usePolling(() => {
    if (meetingId) board.reload()
  }, 4000)
  if (!meetingId) return <Empty>没有指定会议，请从会议详情中点“签到看板”。</Empty>
  return <Loaded state={board}>{(b) => <BoardView b={b} reload={board.reload} />}</Loaded>
}
