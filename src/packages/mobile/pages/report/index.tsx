/**
 * 思想汇报: write one (kind, title, text; kept as a draft until the branch has it), or with `?id=`
 * read one already submitted, with whether the branch has read it and its reply.
 */
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { FieldMessage, problemFor } from '../../../../components/field-message'
import { Loaded } from '../../../../components/page-state'
import type { ReportView } from '../../../../domain/api/views-mobile'
import { beijing, formatDate } from '../../../../domain/beijing-time'
import type { FieldProblem } from '../../../../domain/errors'
import { REPORT_KIND_LABELS, REPORT_KINDS, type ReportKind } from '../../../../domain/mobile'
import { PAGES } from '../../../../routes'
import { asCallError, call, newRequestId } from '../../../../services/api'
import { clearDraft, loadDraft, saveDraft } from '../../../../services/draft-store'
import { useApi } from '../../../../services/use-api'
import { checkReport, type ReportInput } from '../../mobile-forms'
import { SubmitBar } from '../../components/submit-bar'
import { ChoiceChips } from '../../components/choice-chips'
import '../../components/mobile.scss'

const DRAFT_KEY = 'mobile.report'

interface ReportDraft {
  id: string
  requestId: string
  kind: ReportKind
  title: string
  body: string
}

function freshDraft(): ReportDraft {
  const year = beijing(Date.now()).year()
  return { id: newRequestId(), requestId: newRequestId(), kind: 'thought', title: `${year}年思想汇报`, body: '' }
}

function ReadReport({ report }: { report: ReportView }) {
  return (
    <View className="mob">
      <View className="mob__card" id="report-view">
        <Text className="mob__title">{report.title}</Text>
        <Text className="mob__muted">
          {REPORT_KIND_LABELS[report.kind]} · {report.year}年度 · {formatDate(report.submittedAt)} 提交
        </Text>
        <View className="mob__item">
          <Text className="mob__body">{report.body}</Text>
        </View>
        <Text className={report.readAt ? 'mob__muted mob__ok' : 'mob__muted'} id="report-read-state">
          {report.readAt ? `${report.readByName ?? '支部'} 已于 ${formatDate(report.readAt)} 阅知` : '等待支部阅知'}
        </Text>
        {report.reply && (
          <Text className="mob__reply" id="report-reply">
            支部回复：{report.reply}
          </Text>
        )}
      </View>
    </View>
  )
}

function WriteReport() {
  const [draft, setDraft] = useState<ReportDraft>(() => loadDraft<ReportDraft>(DRAFT_KEY) ?? freshDraft())
  const [problems, setProblems] = useState<FieldProblem[]>([])
  const [message, setMessage] = useState('')
  const [sending, setSending] = useState(false)
  useEffect(() => saveDraft(DRAFT_KEY, draft), [draft])
  const set = <K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))

  const submit = async () => {
    if (sending) return
    const input: ReportInput = {
      id: draft.id,
      year: beijing(Date.now()).year(),
      kind: draft.kind,
      title: draft.title,
      body: draft.body,
    }
    const check = checkReport(input)
    if (!check.ok) {
      setProblems(check.fields)
      setMessage(check.summary)
      return
    }
    setSending(true)
    setProblems([])
    setMessage('')
    try {
      const saved = await call('mobile.reportSubmit', input, { requestId: draft.requestId })
      clearDraft(DRAFT_KEY)
      Taro.showToast({ title: '已提交', icon: 'none' })
      await Taro.redirectTo({ url: `${PAGES.mobileReport}?id=${saved.id}` })
    } catch (err) {
      const e = asCallError(err)
      setProblems(e.fields)
      setMessage(e.code === 'NETWORK' ? `${e.message} 汇报已保存在本机，联网后再点“提交”。` : e.message)
      if (e.code === 'REQUEST_ID_REUSED') setDraft((d) => ({ ...d, requestId: newRequestId() }))
    } finally {
      setSending(false)
    }
  }

  return (
    <View className="mob">
      <View className="form-field">
        <Text className="form-field__label">汇报类型</Text>
        <ChoiceChips
          options={REPORT_KINDS}
          labels={REPORT_KIND_LABELS}
          value={draft.kind}
          idPrefix="report-kind"
          onChoose={(k) => set('kind', k)}
        />
      </View>
      <View className="form-field" id="field-title">
        <Text className="form-field__label">标题</Text>
        <Input
          id="report-title"
          className="form-field__input"
          value={draft.title}
          maxlength={40}
          onInput={(e) => set('title', e.detail.value)}
        />
        <FieldMessage className="form-problem" message={problemFor(problems, 'title')} />
      </View>
      <View className="form-field" id="field-body">
        <Text className="form-field__label">汇报内容</Text>
        <Textarea
          id="report-body"
          className="mob__textarea"
          style={{ minHeight: '360px' }}
          value={draft.body}
          maxlength={5000}
          placeholder="思想、学习、工作和生活情况，对党组织的意见建议"
          onInput={(e) => set('body', e.detail.value)}
        />
        <FieldMessage className="form-problem" message={problemFor(problems, 'body')} />
      </View>
      <SubmitBar
        message={message}
        messageId="report-message"
        buttonId="report-submit"
        label={'提交'}
        busy={sending}
        onSubmit={submit}
      />
    </View>
  )
}

function Existing({ id }: { id: string }) {
  const state = useApi('mobile.reportGet', { reportId: id })
  return <Loaded state={state}>{(report) => <ReadReport report={report} />}</Loaded>
}

export default function Report() {
  const id = useRouter().params.id
  return id ? <Existing id={id} /> : <WriteReport />
}
