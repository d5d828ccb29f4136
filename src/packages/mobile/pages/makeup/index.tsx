/**
 * 补学 of one meeting (`?meetingId=`): read the finalized minutes, then write what was learned; the
 * branch's organizers see every 补学 of the meeting and accept it. 补学 never counts as attendance.
 */
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { SubmitBar, TextAreaField } from '../../../../components/form-fields'
import { Button } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import type { MakeupPageView, MakeupView } from '../../../../domain/api/views-mobile'
import { formatDate } from '../../../../domain/beijing-time'
import { kindLabel } from '../../../../domain/meeting-kinds'
import { clearDraft, loadDraft, saveDraft } from '../../../../services/draft-store'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import { checkMakeupNote } from '../../mobile-forms'
import { navigate } from '../../../../services/navigation'
import '../../components/mobile.scss'

function Write({ meetingId, onDone }: { meetingId: string; onDone: () => void }) {
  const key = `makeup.${meetingId}`
  const [note, setNote] = useState(() => loadDraft<string>(key) ?? '')
  const write = useWrite('makeup.submit')
  const submit = async () => {
    const check = checkMakeupNote(note)
    if (!check.ok) return write.fail(check.fields[0]?.message ?? check.summary)
    const outcome = await write.run({ meetingId, note })
    if (outcome.status !== 'done') return
    clearDraft(key)
    Taro.showToast({ title: '已提交', icon: 'none' })
    onDone()
  }
  return (
    <View>
      <TextAreaField
        id="field-note"
        label="补学心得"
        inputId="makeup-note"
        inputClassName="mob__textarea"
        value={note}
        maxlength={2000}
        placeholder="读完会议记录后，写下学习了哪些内容、有什么体会（至少 10 个字）"
        onInput={(v) => {
          setNote(v)
          saveDraft(key, v)
        }}
      />
      <SubmitBar
        className="mob__actions"
        message={write.problem('note') ?? write.message}
        messageId="makeup-message"
        buttonId="makeup-submit"
        label="提交补学"
        busy={write.busy}
        onSubmit={submit}
      />
    </View>
  )
}

function MakeupItem({ m, meetingId, onDone }: { m: MakeupView; meetingId: string; onDone: () => void }) {
  const write = useWrite('makeup.accept')
  const accept = async () => {
    const outcome = await write.run({ meetingId, memberId: m.memberId })
    if (outcome.status === 'done') onDone()
  }
  return (
    <View className="mob__item" id={`makeup-${m.memberId}`}>
      <View className="mob__row">
        <Text className="mob__item-title">{m.memberName}</Text>
        {m.acceptedAt ? (
          <Text className="mob__muted mob__ok">已确认</Text>
        ) : (
          <Button size="small" type="primary" id={`makeup-accept-${m.memberId}`} loading={write.busy} onClick={accept}>
            确认补学
          </Button>
        )}
      </View>
      <Text className="mob__item-sub">{formatDate(m.submittedAt)} 提交</Text>
      <Text className="mob__body">{m.note}</Text>
      {write.message && <Text className="form-problem">{write.message}</Text>}
    </View>
  )
}

function Page({ data, reload }: { data: MakeupPageView; reload: () => void }) {
  const m = data.meeting
  return (
    <View className="mob">
      <View className="mob__card" id="makeup-meeting">
        <Text className="mob__title">{m.title}</Text>
        <Text className="mob__muted">
          {kindLabel(m.kind)} · {formatDate(m.startAt)}
        </Text>
        <View className="mob__links">
          {m.minutesFinal ? (
            <Text className="mob__link" id="makeup-read-minutes" onClick={() => navigate('minutesView', { id: m.id })}>
              阅读会议记录
            </Text>
          ) : (
            <Text className="mob__muted">会议记录尚未定稿</Text>
          )}
        </View>
        <Text className="mob__item-sub">补学单独记录，不计为出席。</Text>
      </View>
      {data.mine && (
        <View className="mob__card" id="makeup-mine">
          <View className="mob__row">
            <Text className="mob__title">我的补学</Text>
            <Text className={data.mine.acceptedAt ? 'mob__ok' : 'mob__muted'} id="makeup-mine-state">
              {data.mine.acceptedAt ? `${data.mine.acceptedByName ?? '支部'}已确认` : '待支部确认'}
            </Text>
          </View>
          <Text className="mob__body">{data.mine.note}</Text>
        </View>
      )}
      {data.canSubmit && <Write meetingId={m.id} onDone={reload} />}
      {!data.canSubmit && !data.mine && data.reason && (
        <Text className="mob__notice" id="makeup-reason">
          {data.reason}
        </Text>
      )}
      {data.all && (
        <>
          <Text className="mob__section">本次会议的补学（{data.all.length}）</Text>
          <View className="mob__card" id="makeup-all">
            {data.all.length === 0 ? (
              <Text className="mob__muted">还没有人提交补学</Text>
            ) : (
              data.all.map((x) => <MakeupItem key={x.id} m={x} meetingId={m.id} onDone={reload} />)
            )}
          </View>
        </>
      )}
    </View>
  )
}

export default function Makeup() {
  const meetingId = useRouter().params.meetingId ?? ''
  const state = useApi('makeup.get', meetingId ? { meetingId } : null)
  if (!meetingId) return <Empty>缺少会议编号，请从会议或流动党员页进入</Empty>
  return <Loaded state={state}>{(data) => <Page data={data} reload={state.reload} />}</Loaded>
}
