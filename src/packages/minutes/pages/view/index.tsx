/**
 * 会议记录 (`?id=<meetingId>`), read-only: the locked original, the amendments after it, the 补录
 * flag, 阅签 (已阅签 x / y), export to Word, verification of the branch's chain, and for the
 * 书记/副书记/组织委员 the 更正 form. A 阅签 keeps its receipt on the device; a record finalized here
 * but gone from the database says so (never 纸质记录). Readable by the branch's members (and the 党委) once final.
 */
import { Image, Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Button, Tag } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import type { MinutesView, ReadReceipt } from '../../../../domain/api/views-minutes'
import { beijing, formatSpan } from '../../../../domain/beijing-time'
import { amendableFields, chainHeadLabel, fieldText } from '../../../../domain/minutes'
import { belatedNames } from '../../../../domain/minutes-attendance'
import { call, errorMessage } from '../../../../services/api'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import { keepReceipt } from '../../../../services/read-receipts'
import { ChainCheck } from '../../components/chain-check'
import { MinutesBody } from '../../components/minutes-body'
import { MinutesHead } from '../../components/minutes-head'
import { openDocx } from '../../device-files'
import { useTask } from '../../use-task'
import { navigate } from '../../../../services/navigation'
import './index.scss'

const time = (ms: number) => beijing(ms).format('YYYY-MM-DD HH:mm')

function AmendForm({ v, onDone }: { v: MinutesView; onDone: (next: MinutesView) => void }) {
  const current = v.corrected!
  const fields = amendableFields(current)
  const [field, setField] = useState(fields[0].field)
  const [text, setText] = useState(fieldText(current, fields[0].field) ?? '')
  const [reason, setReason] = useState('')
  const write = useWrite('minutes.amend')
  const choose = (f: string) => {
    setField(f)
    setText(fieldText(current, f) ?? '')
  }
  const submit = async () => {
    const outcome = await write.run({ meetingId: v.meetingId, reason, changes: [{ field, text }] })
    if (outcome.status !== 'done') return
    setReason('')
    onDone(outcome.data)
  }
  return (
    <View className="panel mview__amend" id="amend-form">
      <Text className="mview__muted">选择要更正的内容：</Text>
      <View className="chips">
        {fields.map((f) => (
          <Text
            key={f.field}
            id={`amend-field-${f.field.replace(/\./g, '-')}`}
            className={`chip ${f.field === field ? 'chip--on' : ''}`}
            onClick={() => choose(f.field)}
          >
            {f.label}
          </Text>
        ))}
      </View>
      <View id="amend-text">
        <Textarea
          className="mview__input"
          value={text}
          maxlength={5000}
          autoHeight
          onInput={(e) => setText(e.detail.value)}
        />
      </View>
      <View id="amend-reason">
        <Textarea
          className="mview__input"
          value={reason}
          maxlength={200}
          autoHeight
          placeholder="更正原因（必填），如：记录人姓名写错"
          onInput={(e) => setReason(e.detail.value)}
        />
      </View>
      {write.message && (
        <Text className="mview__error" id="amend-error">
          {write.message}
        </Text>
      )}
      <Button id="amend-submit" type="primary" size="small" loading={write.busy} onClick={submit}>
        提交更正
      </Button>
    </View>
  )
}

function Photos({ v }: { v: MinutesView }) {
  const [shown, setShown] = useState<Record<string, string>>({})
  const [problem, setProblem] = useState('')
  const show = async (id: string) => {
    try {
      const f = await call('minutes.photo', { meetingId: v.meetingId, photoId: id })
      setShown((s) => ({ ...s, [id]: `data:${f.contentType};base64,${f.base64}` }))
    } catch (err) {
      setProblem(errorMessage(err))
    }
  }
  if (v.photos.length === 0) return null
  return (
    <>
      <Text className="section-title">现场照片（{v.photos.length} 张）</Text>
      <View className="panel" id="minutes-photos">
        {v.photos.map((p, i) => (
          <View key={p.id} className="mview__photo">
            <Text className="mview__muted">
              照片 {i + 1} · 服务器收到于 {time(p.receivedAt)}
              {p.receivedAt < v.startAt ? '（早于会议开始）' : ''} · SHA-256 {p.sha256.slice(0, 12)}…
            </Text>
            {shown[p.id] ? (
              <Image className="mview__img" src={shown[p.id]} mode="widthFix" />
            ) : (
              <Text className="mview__link" id={`show-photo-${i}`} onClick={() => void show(p.id)}>
                查看照片
              </Text>
            )}
          </View>
        ))}
        {problem && <Text className="mview__error">{problem}</Text>}
      </View>
    </>
  )
}

function Minutes({ v, onChanged }: { v: MinutesView; onChanged: (next: MinutesView) => void }) {
  const [showCorrected, setShowCorrected] = useState(false)
  const { busy, problem: exportProblem, run } = useTask()
  const read = useWrite('minutes.confirmRead')
  // The error line shows the failure of the last of 阅签 and 导出.
  const [shown, setShown] = useState<'read' | 'export'>('export')
  const message = shown === 'read' ? read.message : exportProblem
  const [amending, setAmending] = useState(false)
  const final = v.status === 'final'

  // The 阅签 receipt is kept on this device (我的 › 阅签回执), out of reach of whoever runs the database.
  const [receipt, setReceipt] = useState<ReadReceipt | null>(null)
  const confirmRead = async () => {
    setShown('read')
    const outcome = await read.run({ meetingId: v.meetingId })
    if (outcome.status !== 'done') return
    keepReceipt(outcome.data.receipt)
    setReceipt(outcome.data.receipt)
    onChanged(outcome.data)
  }
  const exportDocx = () => {
    setShown('export')
    return run('export', async () => openDocx(await call('minutes.export', { meetingId: v.meetingId })))
  }
  const year = beijing(v.startAt).year()

  const content = showCorrected && v.corrected ? v.corrected : v.content
  const belated = belatedNames(v.attendance)
  return (
    <View className="mview">
      <MinutesHead
        kind={v.kind}
        title={v.title}
        tags={
          <>
            <Tag type={final || v.legacy ? 'primary' : 'default'} id="minutes-status">
              {v.legacy
                ? '纸质记录'
                : v.missing
                  ? '记录缺失'
                  : final
                    ? '已定稿'
                    : v.status === 'draft'
                      ? '草稿'
                      : '未编写'}
            </Tag>
            {v.late && (
              <Tag type="danger" id="late-tag">
                补录
              </Tag>
            )}
            {belated.length > 0 && (
              <Tag type="danger" id="belated-tag">
                补登
              </Tag>
            )}
          </>
        }
      >
        <Text className="mview__muted">
          {v.branchName} · {formatSpan(v.startAt, v.endAt)}
        </Text>
        {final && v.finalizedAt && (
          <Text className="mview__locked" id="locked-note">
            已定稿锁定：{time(v.finalizedAt)}
            {v.finalizedBy ? `，${v.finalizedBy.name}` : ''}（服务器时间）
          </Text>
        )}
        {v.late && (
          <Text className="mview__late" id="late-flag">
            补录：本记录定稿晚于会议结束超过 {v.lateAfter}
          </Text>
        )}
        {belated.length > 0 && (
          <Text className="mview__late" id="belated-flag">
            补登：{belated.join('、')} 的出席是会议结束超过规定时限后代为登记的，请核实。
          </Text>
        )}
      </MinutesHead>

      {v.legacy && (
        <View className="panel">
          <Text className="mview__muted" id="legacy-note">
            本次会议的记录在启用本系统之前已定稿（纸质记录），系统中没有电子记录，请查阅纸质会议记录本。
          </Text>
        </View>
      )}
      {v.missing && (
        <View className="panel">
          <Text className="mview__error" id="missing-note">
            记录缺失：本次会议的记录已在本系统定稿，但现在找不到了（可能被删除）。请在下方校验记录链，并报告党委。
          </Text>
          <ChainCheck branchId={v.branchId} />
        </View>
      )}
      {!final && !v.legacy && !v.missing && (
        <View className="panel">
          <Text className="mview__muted" id="not-final">
            会议记录尚未定稿{v.finalizeBlocked ? `：${v.finalizeBlocked}` : ''}。
          </Text>
          {v.canWrite && (
            <Button
              id="open-edit"
              type="primary"
              size="small"
              onClick={() => navigate('minutesEdit', { meetingId: v.meetingId })}
            >
              编写会议记录
            </Button>
          )}
        </View>
      )}

      {content && (
        <>
          <View className="mview__bar">
            <Text className="section-title">
              {showCorrected ? '更正后的全文' : final ? '会议记录（原始定稿）' : '会议记录草稿'}
            </Text>
            {v.amendments.length > 0 && (
              <Text className="mview__link" id="toggle-corrected" onClick={() => setShowCorrected((s) => !s)}>
                {showCorrected ? '看原始定稿' : '看更正后的全文'}
              </Text>
            )}
          </View>
          <View className="panel" id="minutes-body">
            <MinutesBody
              content={content}
              attendance={v.attendance}
              decisions={v.decisions}
              kind={v.kind}
              idPrefix="view"
            />
          </View>
        </>
      )}

      {v.amendments.length > 0 && (
        <>
          <Text className="section-title">更正记录（{v.amendments.length} 次，原始记录不变）</Text>
          <View className="panel" id="minutes-amendments">
            {v.amendments.map((a) => (
              <View key={a.id} className="mview__amendment">
                <Text className="mview__strong">
                  更正 {a.seq} · {time(a.at)} · {a.by.name}
                </Text>
                <Text>原因：{a.reason}</Text>
                {a.changes.map((c, i) => (
                  <Text key={i} className="mview__change">
                    {c.label}：「{c.before || '（空）'}」→「{c.after || '（空）'}」
                  </Text>
                ))}
              </View>
            ))}
          </View>
        </>
      )}

      <Photos v={v} />

      {final && (
        <View className="panel mview__reads">
          <Text id="reads-count" className="mview__strong">
            已阅签 {v.reads.confirmed} / {v.reads.expected}
          </Text>
          {v.canFinalize && v.reads.confirmed < v.reads.expected && (
            <Text
              className="mview__link"
              id="reads-follow-up"
              onClick={() => navigate('minutesReceipts', { meetingId: v.meetingId })}
            >
              查看谁未阅签并提醒 ›
            </Text>
          )}
          {v.reads.iAmParticipant && !v.reads.iConfirmed && (
            <Button id="confirm-read" type="primary" size="small" loading={read.busy} onClick={confirmRead}>
              我已阅读，确认阅签
            </Button>
          )}
          {v.reads.iConfirmed && <Text className="mview__muted">你已阅签</Text>}
          {receipt && (
            <Text className="mview__muted" id="read-receipt">
              阅签回执已保存在本机：记录链 {chainHeadLabel(receipt)}。可在「我的 › 阅签回执」中查看，并用它核验记录链。
            </Text>
          )}
        </View>
      )}

      {message && (
        <Text className="mview__error" id="view-error">
          {message}
        </Text>
      )}

      {(final || v.canWrite) && (
        <View className="panel mview__tools">
          <Button id="export-docx" size="small" loading={busy === 'export'} onClick={exportDocx}>
            导出 Word
          </Button>
          <Button
            id="open-book"
            size="small"
            onClick={() => navigate('minutesBook', { branchId: v.branchId, year: year })}
          >
            会议记录本
          </Button>
          {final && v.canFinalize && (
            <Button id="open-amend" size="small" onClick={() => setAmending((a) => !a)}>
              {amending ? '收起更正' : '提交更正'}
            </Button>
          )}
        </View>
      )}
      {final && amending && (
        <AmendForm
          v={v}
          onDone={(next) => {
            setAmending(false)
            onChanged(next)
          }}
        />
      )}
      {final && (
        <View className="panel">
          <ChainCheck branchId={v.branchId} />
          {v.contentHash && <Text className="mview__hash">内容哈希 {v.contentHash}</Text>}
        </View>
      )}
    </View>
  )
}

export default function MinutesViewPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const state = useApi('minutes.get', id ? { meetingId: id } : null)
  const [changed, setChanged] = useState<MinutesView | null>(null)
  if (!id) return <Empty>没有指定会议，请从会议详情进入会议记录。</Empty>
  return (
    <Loaded state={state}>
      {(v) => <Minutes v={changed && changed.meetingId === v.meetingId ? changed : v} onChanged={setChanged} />}
    </Loaded>
  )
}
