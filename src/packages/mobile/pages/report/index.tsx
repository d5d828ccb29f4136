/**
 * 思想汇报: write one (kind, title, text; kept as a draft until the branch has it), or with `?id=`
 * read one already submitted, with whether the branch has read it and its reply.
 */
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Field, SubmitBar, TextAreaField, TextField } from '../../../../components/form-fields'
import { Loaded } from '../../../../components/page-state'
import type { ReportView } from '../../../../domain/api/views-mobile'
import { beijing, formatDate } from '../../../../domain/beijing-time'
import { REPORT_KIND_LABELS, REPORT_KINDS, type ReportKind } from '../../../../domain/mobile'
import { newRequestId } from '../../../../services/api'
import { clearDraft, loadDraft, saveDraft } from '../../../../services/draft-store'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import { checkReport, type ReportInput } from '../../mobile-forms'
import { ChoiceChips } from '../../components/choice-chips'
import { redirect } from '../../../../services/navigation'
import '../../components/mobile.scss'

const DRAFT_KEY = 'mobile.report'

interface ReportDraft {
  id: string
  kind: ReportKind
  title: string
  body: string
}

function freshDraft(): ReportDraft {
  const year = beijing(Date.now()).year()
  return { id: newRequestId(), kind: 'thought', title: `${year}年思想汇报`, body: '' }
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
  const write = useWrite('mobile.reportSubmit', { draftKey: DRAFT_KEY })
  useEffect(() => saveDraft(DRAFT_KEY, draft), [draft])
  const set = <K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))

  const submit = async () => {
    if (write.busy) return
    const input: ReportInput = {
      id: draft.id,
      year: beijing(Date.now()).year(),
      kind: draft.kind,
      title: draft.title,
      body: draft.body,
    }
    const check = checkReport(input)
    if (!check.ok) return write.fail(check.summary, check.fields)
    const outcome = await write.run(input)
    if (outcome.status !== 'done') return
    clearDraft(DRAFT_KEY)
    Taro.showToast({ title: '已提交', icon: 'none' })
    await redirect('mobileReport', { id: outcome.data.id })
  }
  const message =
    write.error?.code === 'NETWORK' ? `${write.message} 汇报已保存在本机，联网后再点“提交”。` : write.message

  return (
    <View className="mob">
      <Field label="汇报类型">
        <ChoiceChips
          options={REPORT_KINDS}
          labels={REPORT_KIND_LABELS}
          value={draft.kind}
          idPrefix="report-kind"
          onChoose={(k) => set('kind', k)}
        />
      </Field>
      <TextField
        id="field-title"
        label="标题"
        inputId="report-title"
        value={draft.title}
        maxlength={40}
        onInput={(v) => set('title', v)}
        problem={write.problem('title')}
      />
      <TextAreaField
        id="field-body"
        label="汇报内容"
        inputId="report-body"
        inputClassName="mob__textarea"
        style={{ minHeight: '360px' }}
        value={draft.body}
        maxlength={5000}
        placeholder="思想、学习、工作和生活情况，对党组织的意见建议"
        onInput={(v) => set('body', v)}
        problem={write.problem('body')}
      />
      <SubmitBar
        className="mob__actions"
        message={message}
        messageId="report-message"
        buttonId="report-submit"
        label="提交"
        busy={write.busy}
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
