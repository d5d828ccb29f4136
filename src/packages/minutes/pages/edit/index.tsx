/**
 * 编写会议记录 (`?meetingId=`): 主持人, 记录人, 地点, attendance read from sign-in (never typed),
 * each agenda item with 发言, 决议 and, for kinds that vote, 赞成/反对/弃权 checked against the pass
 * rule; photos; finalize. Kept on the device as it is typed and synced when the network allows.
 */
import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Field, TextField } from '../../../../components/form-fields'
import { Button, Tag } from '../../../../components/nut'
import { Empty, ErrorState, Loading } from '../../../../components/page-state'
import { PrivacyPrompt } from '../../../../components/privacy-prompt'
import type { MinutesView } from '../../../../domain/api/views-minutes'
import { beijing, formatSpan } from '../../../../domain/beijing-time'
import { photoUploadDir, type MinutesContent, type MinutesItem } from '../../../../domain/minutes'
import { ApiCallError, errorMessage } from '../../../../services/api'
import { useWrite } from '../../../../services/use-write'
import { FinalizeButton } from '../../components/finalize-button'
import { ItemEditor, LongText } from '../../components/item-editor'
import { AttendanceLines } from '../../components/minutes-body'
import { Conflict, syncText } from '../../components/minutes-conflict'
import { MinutesHead } from '../../components/minutes-head'
import { takePhoto } from '../../device-files'
import { useMinutesDraft } from '../../use-minutes-draft'
import { redirect } from '../../../../services/navigation'
import './index.scss'

const MAX_ITEMS = 30
const PEOPLE = [
  ['chair', '主持人'],
  ['recorder', '记录人'],
] as const

export default function MinutesEditPage() {
  const { params } = useRouter()
  const meetingId = params.meetingId ?? ''
  const { view, setView, draft, sync, loadError, edit, push, resolve } = useMinutesDraft(meetingId)
  const addPhotoWrite = useWrite('minutes.addPhoto')
  const finalizeWrite = useWrite('minutes.finalize')
  // 定稿 first syncs the typed draft (minutes.saveDraft through the draft hook), then finalizes.
  const [syncing, setSyncing] = useState(false)
  const busy = syncing || addPhotoWrite.busy || finalizeWrite.busy
  // The message line shows the latest of: a device failure (taking the photo), the photo's write, 定稿.
  const [note, setNote] = useState('')
  const [shown, setShown] = useState<'note' | 'addPhoto' | 'finalize'>('note')
  const message = shown === 'addPhoto' ? addPhotoWrite.message : shown === 'finalize' ? finalizeWrite.message : note
  const problems = finalizeWrite.error?.fields ?? []
  const say = (text: string) => {
    setNote(text)
    setShown('note')
  }

  if (!meetingId) return <Empty>没有指定会议，请从会议详情进入会议记录。</Empty>
  if (loadError && !draft)
    return <ErrorState error={loadError} onRetry={() => redirect('minutesEdit', { meetingId: meetingId })} />
  if (view?.status === 'final') {
    return (
      <View className="mwrite">
        <Empty>会议记录已经定稿锁定。{sync.kind === 'locked' ? sync.message : ''}</Empty>
        <View className="actions">
          <Button id="open-view" block type="primary" onClick={() => redirect('minutesView', { id: meetingId })}>
            查看会议记录
          </Button>
        </View>
      </View>
    )
  }
  if (view?.cancelled) return <Empty>这次会议已经取消，不需要会议记录。</Empty>
  if (view?.legacy) return <Empty>本次会议的记录在启用本系统之前已定稿（纸质记录），不能再在系统中编写。</Empty>
  if (view && !view.canWrite && !draft)
    return <Empty>只有本支部的支委可以编写会议记录；定稿后可以在会议详情中查看。</Empty>
  if (!draft)
    return sync.kind === 'offline' ? <Empty>网络不通，本机也没有这次会议的草稿，请联网后再打开。</Empty> : <Loading />

  const c = draft.content
  const set = <K extends keyof MinutesContent>(k: K, v: MinutesContent[K]) => edit((x) => ({ ...x, [k]: v }))
  const setItem = (i: number, item: MinutesItem) =>
    edit((x) => ({ ...x, items: x.items.map((it, j) => (j === i ? item : it)) }))
  const absenceNote = (memberId: string) => c.absenceNotes.find((n) => n.memberId === memberId)?.reason ?? ''
  const setAbsence = (memberId: string, reason: string) =>
    edit((x) => ({
      ...x,
      absenceNotes: [
        ...x.absenceNotes.filter((n) => n.memberId !== memberId),
        ...(reason ? [{ memberId, reason }] : []),
      ],
    }))

  const save = async () => {
    say('')
    await push()
  }

  const addPhoto = async () => {
    say('')
    let photo: Awaited<ReturnType<typeof takePhoto>>
    try {
      photo = await takePhoto(photoUploadDir(meetingId))
    } catch (err) {
      return say(err instanceof Error && !(err instanceof ApiCallError) ? err.message : errorMessage(err))
    }
    if (!photo) return
    setShown('addPhoto')
    const outcome = await addPhotoWrite.run({ meetingId, ...photo })
    if (outcome.status === 'done') setView(outcome.data)
  }

  const finalize = async () => {
    if (busy) return
    finalizeWrite.clear()
    setShown('finalize')
    setSyncing(true)
    const synced = draft.dirty ? await push() : view
    setSyncing(false)
    if (!synced) return finalizeWrite.fail('草稿还没有同步到服务器，请联网并保存后再定稿。')
    const outcome = await finalizeWrite.run({ meetingId, version: synced.version })
    if (outcome.status !== 'done') return
    setView(outcome.data)
    Taro.showToast({ title: '已定稿并锁定', icon: 'none' })
    await redirect('minutesView', { id: meetingId })
  }

  return (
    <View className="mwrite">
      <MinutesHead
        kind={view?.kind ?? null}
        title={view?.title ?? ''}
        tags={<Tag type="default">{view?.status === 'draft' ? '草稿' : '新记录'}</Tag>}
      >
        {view && <Text className="mwrite__muted">{formatSpan(view.startAt, view.endAt)}</Text>}
        <Text className={`mwrite__sync mwrite__sync--${sync.kind}`} id="sync-state">
          {syncText(sync)}
        </Text>
      </MinutesHead>

      {sync.kind === 'conflict' && (
        <Conflict theirs={sync.theirs} mine={c} message={sync.message} onChoose={(x) => void resolve(x)} />
      )}

      <View className="mwrite__row mwrite__people">
        {PEOPLE.map(([k, label]) => (
          <TextField
            key={k}
            className="mwrite__person"
            id={`field-${k}`}
            label={label}
            value={c[k]}
            maxlength={20}
            placeholder="姓名"
            onInput={(v) => set(k, v)}
            problem={problems.find((p) => p.field === `content.${k}`)?.message}
          />
        ))}
      </View>
      <TextField id="field-place" label="地点" value={c.place} maxlength={60} onInput={(v) => set('place', v)} />

      <Text className="section-title">出席情况（取自签到，无需填写）</Text>
      <View className="panel" id="minutes-attendance">
        {view?.attendanceNote && <Text className="mwrite__warn">{view.attendanceNote}</Text>}
        {view?.attendance ? (
          <>
            <AttendanceLines a={view.attendance} idPrefix="edit" kind={view.kind} />
            {view.attendance.absent.map((p) => (
              <View className="mwrite__absence" key={p.memberId} id={`absence-${p.memberId}`}>
                <Text className="form-field__label">{p.name} 缺席原因</Text>
                <Input
                  className="form-field__input"
                  value={absenceNote(p.memberId)}
                  maxlength={100}
                  placeholder="如：出差在外"
                  onInput={(e) => setAbsence(p.memberId, e.detail.value)}
                />
              </View>
            ))}
          </>
        ) : (
          <Text className="mwrite__muted">联网后显示签到情况。</Text>
        )}
      </View>

      <Text className="section-title">会议议程与记录</Text>
      {c.items.map((item, i) => (
        <ItemEditor
          key={i}
          item={item}
          i={i}
          kind={view?.kind ?? 'theme_day'}
          votes={view?.kindVotes ?? false}
          view={view ?? ({ attendance: null } as MinutesView)}
          problems={problems}
          onChange={(next) => setItem(i, next)}
          onRemove={c.items.length > 1 ? () => edit((x) => ({ ...x, items: x.items.filter((_, j) => j !== i) })) : null}
        />
      ))}
      {c.items.length < MAX_ITEMS && (
        <Text
          className="mwrite__add"
          id="add-item"
          onClick={() =>
            edit((x) => ({ ...x, items: [...x.items, { topic: '', speeches: '', decision: '', vote: null }] }))
          }
        >
          ＋ 添加一项议程
        </Text>
      )}

      <Field id="field-notes" label="其他事项">
        <LongText value={c.notes} max={2000} placeholder="（可不填）" onInput={(notes) => set('notes', notes)} />
      </Field>

      <Text className="section-title">现场照片（{view?.photos.length ?? 0} 张）</Text>
      <View className="panel" id="minutes-photos">
        {(view?.photos ?? []).map((p) => (
          <Text key={p.id} className="mwrite__photo">
            照片 · 收到于 {beijing(p.receivedAt).format('MM-DD HH:mm')} · {(p.size / 1024).toFixed(0)} KB
            {p.flag ? ` · ${p.flag}` : ''}
          </Text>
        ))}
        <Button id="add-photo" size="small" loading={busy} disabled={!view?.canWrite} onClick={addPhoto}>
          拍照 / 选择照片
        </Button>
      </View>

      {message && (
        <Text className="form-error" id="form-error">
          {message}
        </Text>
      )}
      <View className="actions mwrite__actions">
        <Button id="save-draft" block onClick={save} disabled={sync.kind === 'saving'}>
          保存草稿
        </Button>
        {view?.canFinalize && <FinalizeButton blocked={view.finalizeBlocked} busy={busy} onFinalize={finalize} />}
      </View>
      <PrivacyPrompt />
    </View>
  )
}
