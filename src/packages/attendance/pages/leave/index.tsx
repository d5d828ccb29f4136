/**
 * 请假: before the meeting a member asks for leave with a category (因公/因病/因事/其他) and a note;
 * the secretary approves or declines on the board. What is typed is kept as a draft until sent.
 * Without `?meetingId=`, the member's own leave requests.
 */
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { FieldMessage } from '../../../../components/field-message'
import { Button, Tag } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import { HeadLine, MeetingHead } from '../../components/meeting-head'
import { leaveRequestInput, LEAVE_CATEGORIES } from '../../../../domain/api/catalog-attendance'
import type { LeaveCategory, LeaveView, MySignInView } from '../../../../domain/api/views-attendance'
import { LEAVE_CATEGORY_LABELS, LEAVE_STATUS_LABELS } from '../../../../domain/attendance'
import { beijing, formatSpan } from '../../../../domain/beijing-time'
import { describeIssues } from '../../../../domain/errors'
import { clearDraft, loadDraft, saveDraft } from '../../../../services/draft-store'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import './index.scss'

interface Draft {
  category: LeaveCategory | null
  note: string
}

function LeaveStatus({ l }: { l: LeaveView }) {
  return (
    <View className="panel leave__status" id="leave-status">
      <View className="leave__status-line">
        <Tag type={l.status === 'approved' ? 'success' : l.status === 'declined' ? 'danger' : 'warning'}>
          {LEAVE_STATUS_LABELS[l.status]}
        </Tag>
        <Text>
          {LEAVE_CATEGORY_LABELS[l.category]}：{l.note}
        </Text>
      </View>
      {l.decisionNote && <Text className="leave__decision">审批意见：{l.decisionNote}</Text>}
      <Text className="leave__time">提交于 {beijing(l.createdAt).format('MM月DD日 HH:mm')}</Text>
    </View>
  )
}

function LeaveForm({ me, onSent }: { me: MySignInView; onSent: () => void }) {
  const key = `leave.${me.meetingId}`
  const [draft, setDraft] = useState<Draft>(
    () => loadDraft<Draft>(key) ?? { category: me.leave?.category ?? null, note: me.leave?.note ?? '' },
  )
  const write = useWrite('leave.request', { draftKey: key })
  useEffect(() => saveDraft(key, draft), [key, draft])

  const submit = async () => {
    if (write.busy) return
    const input = { meetingId: me.meetingId, category: draft.category ?? undefined, note: draft.note }
    const check = leaveRequestInput.safeParse(input)
    if (!check.success) {
      const d = describeIssues(check.error.issues)
      return write.fail(d.summary, d.fields)
    }
    const outcome = await write.run(check.data)
    if (outcome.status !== 'done') return
    clearDraft(key)
    Taro.showToast({ title: '已提交，待书记审批', icon: 'none' })
    onSent()
  }
  return (
    <View className="panel leave__form">
      <Text className="leave__label">请假类别</Text>
      <View className="chips">
        {LEAVE_CATEGORIES.map((c) => (
          <Button
            key={c}
            size="small"
            id={`leave-cat-${c}`}
            type={draft.category === c ? 'primary' : 'default'}
            onClick={() => setDraft((d) => ({ ...d, category: c }))}
          >
            {LEAVE_CATEGORY_LABELS[c]}
          </Button>
        ))}
      </View>
      <FieldMessage className="form-problem" message={write.problem('category')} />
      <Text className="leave__label">请假说明</Text>
      <Textarea
        id="leave-note"
        className="leave__note"
        value={draft.note}
        maxlength={100}
        placeholder="如：出差在外，无法到会"
        onInput={(e) => setDraft((d) => ({ ...d, note: e.detail.value }))}
      />
      <FieldMessage className="form-problem" message={write.problem('note')} />
      <Button type="primary" block id="leave-submit" loading={write.busy} onClick={submit}>
        {me.leave ? '修改并重新提交' : '提交请假'}
      </Button>
      {write.message && (
        <Text className="form-problem" id="leave-error">
          {write.message}
        </Text>
      )}
    </View>
  )
}

function ForMeeting({ meetingId }: { meetingId: string }) {
  const me = useApi('attendance.mine', { meetingId })
  return (
    <Loaded state={me}>
      {(m) => (
        <View className="leave">
          <MeetingHead titleId="leave-meeting" title={m.title}>
            <HeadLine>
              {formatSpan(m.startAt, m.endAt)} · {m.place}
            </HeadLine>
          </MeetingHead>
          {m.leave && <LeaveStatus l={m.leave} />}
          {m.role === 'none' ? (
            <Empty>你不在本次会议的参会名单中，无需请假。</Empty>
          ) : m.phase !== 'upcoming' ? (
            <Empty>会议已经开始或结束，不能再在线请假；请直接向支部书记说明情况。</Empty>
          ) : m.leave?.status === 'approved' ? null : (
            <LeaveForm me={m} onSent={me.reload} />
          )}
        </View>
      )}
    </Loaded>
  )
}

function MyLeaves() {
  const list = useApi('leave.listMine', {})
  return (
    <Loaded state={list}>
      {(items) =>
        items.length === 0 ? (
          <Empty>你还没有请过假。需要请假时，请在会议详情中点“请假”。</Empty>
        ) : (
          <View className="leave" id="my-leaves">
            {items.map((l) => (
              <View key={l.meetingId}>
                <Text className="section-title">
                  {l.meetingTitle} · {beijing(l.meetingStartAt).format('YYYY-MM-DD HH:mm')}
                </Text>
                <LeaveStatus l={l} />
              </View>
            ))}
          </View>
        )
      }
    </Loaded>
  )
}

export default function LeavePage() {
  const { params } = useRouter()
  return params.meetingId ? <ForMeeting meetingId={params.meetingId} /> : <MyLeaves />
}
