/**
 * 编写会议记录 (`?meetingId=`): 主持人, 记录人, 地点, attendance read from sign-in (never typed),
 * each agenda item with 发言, 决议 and, for kinds that vote, 赞成/反对/弃权 checked against the pass
 * rule; photos; finalize. Kept on the device as it is typed and synced when the network allows.
 */
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { FieldMessage, problemFor } from '../../../../components/field-message'
import { Button, Tag } from '../../../../components/nut'
import { Empty, ErrorState, Loading } from '../../../../components/page-state'
import { PrivacyPrompt } from '../../../../components/privacy-prompt'
import type { MinutesView } from '../../../../domain/api/views-minutes'
import { beijing, formatSpan } from '../../../../domain/beijing-time'
import type { FieldProblem } from '../../../../domain/errors'
import {
  photoUploadDir,
  speechLabel,
  voteOutcome,
  type MinutesContent,
  type MinutesItem,
} from '../../../../domain/minutes'
import { PAGES } from '../../../../routes'
import { ApiCallError, asCallError, call, errorMessage, newRequestId } from '../../../../services/api'
import { AttendanceLines } from '../../components/minutes-body'
import { MinutesHead } from '../../components/minutes-head'
import { takePhoto } from '../../device-files'
import { useMinutesDraft, type SyncState } from '../../use-minutes-draft'
import './index.scss'

const MAX_ITEMS = 30
const PEOPLE = [
  ['chair', '主持人'],
  ['recorder', '记录人'],
] as const

function syncText(s: SyncState): string {
  switch (s.kind) {
    case 'loading':
      return '正在读取…'
    case 'synced':
      return `已保存到服务器 ${beijing(s.at).format('HH:mm')}`
    case 'pending':
      return '已保存在本机，稍后自动同步'
    case 'saving':
      return '正在同步…'
    case 'offline':
      return '网络不通：已保存在本机，联网后自动同步'
    case 'conflict':
      return '别人也改了这份草稿，请选择保留哪一份'
    case 'locked':
      return s.message
    case 'error':
      return s.message
  }
}

function count(text: string): number {
  const n = Number.parseInt(text, 10)
  return Number.isFinite(n) && n >= 0 ? n : 0
}

function Conflict({
  theirs,
  mine,
  message,
  onChoose,
}: {
  theirs: MinutesView
  mine: MinutesContent
  message: string
  onChoose: (c: 'mine' | 'theirs') => void
}) {
  const other = theirs.content!
  const diffs: { label: string; theirs: string; mine: string }[] = []
  const add = (label: string, a: string, b: string) => a !== b && diffs.push({ label, theirs: a, mine: b })
  add('主持人', other.chair, mine.chair)
  add('记录人', other.recorder, mine.recorder)
  add('地点', other.place, mine.place)
  const n = Math.max(other.items.length, mine.items.length)
  for (let i = 0; i < n; i += 1) {
    const a = other.items[i]
    const b = mine.items[i]
    add(`议程 ${i + 1}`, a?.topic ?? '（无）', b?.topic ?? '（无）')
    add(`议程 ${i + 1} 发言`, a?.speeches ?? '', b?.speeches ?? '')
    add(`议程 ${i + 1} 决议`, a?.decision ?? '', b?.decision ?? '')
  }
  add('其他事项', other.notes, mine.notes)
  return (
    <View className="panel mwrite__conflict" id="minutes-conflict">
      <Text className="mwrite__conflict-title">{message}</Text>
      <Text className="mwrite__muted">
        对方（{theirs.updatedBy?.name ?? '另一位支委'}，
        {theirs.updatedAt ? beijing(theirs.updatedAt).format('HH:mm') : ''}
        ）与你的不同之处：
      </Text>
      {diffs.map((d, i) => (
        <View className="mwrite__diff" key={i}>
          <Text className="mwrite__diff-label">{d.label}</Text>
          <Text className="mwrite__diff-theirs">对方：{d.theirs || '（空）'}</Text>
          <Text className="mwrite__diff-mine">我的：{d.mine || '（空）'}</Text>
        </View>
      ))}
      <View className="mwrite__row">
        <Button id="conflict-keep-mine" type="primary" size="small" onClick={() => onChoose('mine')}>
          保留我的
        </Button>
        <Button id="conflict-take-theirs" size="small" onClick={() => onChoose('theirs')}>
          采用对方的
        </Button>
      </View>
      <Text className="mwrite__muted">采用对方的版本时，你的版本仍保留在本机，不会丢失。</Text>
    </View>
  )
}

/** A growing text box; `tall` for the long ones (发言). */
function LongText({
  id,
  value,
  max,
  tall = false,
  placeholder,
  onInput,
}: {
  id?: string
  value: string
  max: number
  tall?: boolean
  placeholder: string
  onInput: (value: string) => void
}) {
  return (
    <View id={id}>
      <Textarea
        className={tall ? 'form-field__input mwrite__textarea mwrite__long' : 'form-field__input mwrite__textarea'}
        value={value}
        maxlength={max}
        autoHeight
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
    </View>
  )
}

function ItemEditor({
  item,
  i,
  kind,
  votes,
  view,
  problems,
  onChange,
  onRemove,
}: {
  item: MinutesItem
  i: number
  kind: MinutesView['kind']
  votes: boolean
  view: MinutesView
  problems: FieldProblem[]
  onChange: (next: MinutesItem) => void
  onRemove: (() => void) | null
}) {
  const outcome = item.vote && view.attendance ? voteOutcome(item.vote, view.attendance) : null
  return (
    <View className="form-field" id={`item-${i}`}>
      <View className="mwrite__item-head">
        <Text className="form-field__label">议程 {i + 1}</Text>
        {onRemove && (
          <Text className="mwrite__link" id={`remove-item-${i}`} onClick={onRemove}>
            删除
          </Text>
        )}
      </View>
      <LongText
        id={`item-${i}-topic`}
        value={item.topic}
        max={200}
        placeholder="议程内容"
        onInput={(topic) => onChange({ ...item, topic })}
      />
      <Text className="form-field__label">{speechLabel(kind)}</Text>
      <LongText
        id={`item-${i}-speeches`}
        value={item.speeches}
        max={5000}
        tall
        placeholder="谁发言、说了什么；不同意见也要记录"
        onInput={(speeches) => onChange({ ...item, speeches })}
      />
      <FieldMessage className="form-problem" message={problemFor(problems, `content.items.${i}.speeches`)} />
      <Text className="form-field__label">决议</Text>
      <LongText
        id={`item-${i}-decision`}
        value={item.decision}
        max={2000}
        placeholder="会议决定的事项"
        onInput={(decision) => onChange({ ...item, decision })}
      />
      {votes && (
        <View className="mwrite__vote">
          {item.vote ? (
            <>
              <View className="mwrite__row">
                {(['for', 'against', 'abstain'] as const).map((k) => (
                  <View className="mwrite__count" key={k} id={`item-${i}-vote-${k}`}>
                    <Text className="form-field__label">{{ for: '赞成', against: '反对', abstain: '弃权' }[k]}</Text>
                    <Input
                      className="form-field__input"
                      type="number"
                      value={String(item.vote![k])}
                      onInput={(e) => onChange({ ...item, vote: { ...item.vote!, [k]: count(e.detail.value) } })}
                    />
                  </View>
                ))}
              </View>
              {outcome && (
                <Text
                  className={outcome.problem || !outcome.passes ? 'mwrite__warn' : 'mwrite__ok'}
                  id={`item-${i}-outcome`}
                >
                  {outcome.problem ??
                    `需赞成 ${outcome.needed} 票以上（有表决权 ${view.attendance!.votingEntitled} 人过半数）：${outcome.passes ? '通过' : '未通过'}`}
                </Text>
              )}
              <Text
                className="mwrite__link"
                id={`item-${i}-vote-remove`}
                onClick={() => onChange({ ...item, vote: null })}
              >
                不记录表决
              </Text>
            </>
          ) : (
            <Text
              className="mwrite__link"
              id={`item-${i}-vote-add`}
              onClick={() => onChange({ ...item, vote: { for: 0, against: 0, abstain: 0 } })}
            >
              记录表决（赞成 / 反对 / 弃权）
            </Text>
          )}
          <FieldMessage className="form-problem" message={problemFor(problems, `content.items.${i}.vote`)} />
        </View>
      )}
    </View>
  )
}

export default function MinutesEditPage() {
  const { params } = useRouter()
  const meetingId = params.meetingId ?? ''
  const { view, setView, draft, sync, loadError, edit, push, resolve } = useMinutesDraft(meetingId)
  const [problems, setProblems] = useState<FieldProblem[]>([])
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)
  const [confirming, setConfirming] = useState(false)

  if (!meetingId) return <Empty>没有指定会议，请从会议详情进入会议记录。</Empty>
  if (loadError && !draft)
    return (
      <ErrorState
        error={loadError}
        onRetry={() => Taro.redirectTo({ url: `${PAGES.minutesEdit}?meetingId=${meetingId}` })}
      />
    )
  if (view?.status === 'final') {
    return (
      <View className="mwrite">
        <Empty>会议记录已经定稿锁定。{sync.kind === 'locked' ? sync.message : ''}</Empty>
        <View className="actions">
          <Button
            id="open-view"
            block
            type="primary"
            onClick={() => Taro.redirectTo({ url: `${PAGES.minutesView}?id=${meetingId}` })}
          >
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
    setMessage('')
    await push()
  }

  const addPhoto = async () => {
    setMessage('')
    try {
      const photo = await takePhoto(photoUploadDir(meetingId))
      if (!photo) return
      setBusy(true)
      setView(await call('minutes.addPhoto', { meetingId, ...photo }, { requestId: newRequestId() }))
    } catch (err) {
      setMessage(err instanceof Error && !(err instanceof ApiCallError) ? err.message : errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const finalize = async () => {
    setBusy(true)
    setMessage('')
    setProblems([])
    try {
      const synced = draft.dirty ? await push() : view
      if (!synced) {
        setMessage('草稿还没有同步到服务器，请联网并保存后再定稿。')
        return
      }
      const final = await call(
        'minutes.finalize',
        { meetingId, version: synced.version },
        { requestId: newRequestId() },
      )
      setView(final)
      Taro.showToast({ title: '已定稿并锁定', icon: 'none' })
      await Taro.redirectTo({ url: `${PAGES.minutesView}?id=${meetingId}` })
    } catch (err) {
      const e = asCallError(err)
      setProblems(e.fields)
      setMessage(e.message)
    } finally {
      setBusy(false)
      setConfirming(false)
    }
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
          <View className="form-field mwrite__person" id={`field-${k}`} key={k}>
            <Text className="form-field__label">{label}</Text>
            <Input
              className="form-field__input"
              value={c[k]}
              maxlength={20}
              placeholder="姓名"
              onInput={(e) => set(k, e.detail.value)}
            />
            <FieldMessage className="form-problem" message={problemFor(problems, `content.${k}`)} />
          </View>
        ))}
      </View>
      <View className="form-field" id="field-place">
        <Text className="form-field__label">地点</Text>
        <Input
          className="form-field__input"
          value={c.place}
          maxlength={60}
          onInput={(e) => set('place', e.detail.value)}
        />
      </View>

      <Text className="section-title">出席情况（取自签到，无需填写）</Text>
      <View className="panel" id="minutes-attendance">
        {view?.attendanceNote && <Text className="mwrite__warn">{view.attendanceNote}</Text>}
        {view?.attendance ? (
          <>
            <AttendanceLines a={view.attendance} idPrefix="edit" />
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

      <View className="form-field" id="field-notes">
        <Text className="form-field__label">其他事项</Text>
        <LongText value={c.notes} max={2000} placeholder="（可不填）" onInput={(notes) => set('notes', notes)} />
      </View>

      <Text className="section-title">现场照片（{view?.photos.length ?? 0} 张）</Text>
      <View className="panel" id="minutes-photos">
        {(view?.photos ?? []).map((p) => (
          <Text key={p.id} className="mwrite__photo">
            照片 · 收到于 {beijing(p.receivedAt).format('MM-DD HH:mm')} · {(p.size / 1024).toFixed(0)} KB
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
        {view?.canFinalize &&
          (view.finalizeBlocked ? (
            <Text className="mwrite__muted" id="finalize-blocked">
              {view.finalizeBlocked}
            </Text>
          ) : confirming ? (
            <View className="mwrite__confirm" id="finalize-confirm-panel">
              <Text>定稿后记录将锁定，服务器记下定稿时间；之后只能以更正说明的方式修改。确定定稿？</Text>
              <View className="mwrite__row">
                <Button id="finalize-confirm" type="primary" loading={busy} onClick={finalize}>
                  确认定稿
                </Button>
                <Button id="finalize-cancel" onClick={() => setConfirming(false)}>
                  再看看
                </Button>
              </View>
            </View>
          ) : (
            <Button id="finalize" block type="primary" onClick={() => setConfirming(true)}>
              定稿并锁定
            </Button>
          ))}
      </View>
      <PrivacyPrompt />
    </View>
  )
}
