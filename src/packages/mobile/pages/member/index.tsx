/**
 * One 流动党员 for the branch committee (`?id=`): contact state, the registry fields (editable by the
 * 书记/副书记/组织委员, and registered here the first time), logging a contact, the reports to mark
 * read and reply to, the timeline of check-ins, reports, 补学, contacts and searches, and 失联 handling:
 * 查找记录 (who, when, how, result) and, at six calendar months without contact, the proposal to the
 * 党委 for 停止党籍 — a record the 党委 reads, never a change the app makes by itself.
 */
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Field, SubmitBar, TextField } from '../../../../components/form-fields'
import { Button } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import type {
  MobileMemberView,
  MobileProfileFields,
  MobileProfileView,
  ReportView,
} from '../../../../domain/api/views-mobile'
import { beijing, formatDate } from '../../../../domain/beijing-time'
import {
  CADENCE_LABELS,
  LOST_CONTACT_MONTHS,
  MOBILE_REASON_LABELS,
  MOBILE_REASONS,
  REPORT_KIND_LABELS,
  SEARCH_METHOD_LABELS,
  SEARCH_METHODS,
  TRANSFER_AFTER_MONTHS,
  type SearchMethod,
} from '../../../../domain/mobile'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import { checkProfile, type ProfileInput } from '../../mobile-forms'
import { daysAgo, StateTag, TransferTag } from '../../components/state-tag'
import { ChoiceChips } from '../../components/choice-chips'
import { navigate } from '../../../../services/navigation'
import '../../components/mobile.scss'

const TIMELINE_LABELS = { checkin: '报到', contact: '联系', report: '汇报', makeup: '补学', search: '查找' } as const

/** The registry fields as typed: an empty 预计返回时间 is sent as null. */
type ProfileForm = Omit<MobileProfileFields, 'expectedReturn'> & { expectedReturn: string }

function formOf(p: MobileProfileView | null): ProfileForm {
  return {
    since: p?.since ?? beijing(Date.now()).format('YYYY-MM-DD'),
    city: p?.city ?? '',
    reason: p?.reason ?? 'work',
    contact: p?.contact ?? '',
    certificateNo: p?.certificateNo ?? '',
    hostBranch: p?.hostBranch ?? '',
    expectedReturn: p?.expectedReturn ?? '',
  }
}

function ProfileEditor({ data, onSaved }: { data: MobileMemberView; onSaved: () => void }) {
  const [form, setForm] = useState(() => formOf(data.profile))
  const write = useWrite('mobile.updateProfile')
  const set = <K extends keyof ProfileForm>(k: K, v: ProfileForm[K]) => setForm((f) => ({ ...f, [k]: v }))

  const save = async () => {
    const input: ProfileInput = {
      memberId: data.member.id,
      version: data.profile?.version ?? null,
      ...form,
      expectedReturn: form.expectedReturn.trim() || null,
    }
    const check = checkProfile(input)
    if (!check.ok) return write.fail(check.summary, check.fields)
    const outcome = await write.run(input)
    if (outcome.status !== 'done') return
    Taro.showToast({ title: '已保存', icon: 'none' })
    onSaved()
  }

  const text = (key: Exclude<keyof ProfileForm, 'reason'>, label: string, placeholder = '') => (
    <TextField
      id={`field-${key}`}
      label={label}
      inputId={`profile-${key}`}
      value={form[key]}
      placeholder={placeholder}
      onInput={(v) => set(key, v)}
      problem={write.problem(key)}
    />
  )

  return (
    <View id="profile-editor">
      {text('since', '外出时间', '年-月-日，如 2026-05-01')}
      {text('city', '外出所在地（城市）', '如：广东省深圳市')}
      <Field label="外出原因">
        <ChoiceChips
          options={MOBILE_REASONS}
          labels={MOBILE_REASON_LABELS}
          value={form.reason}
          idPrefix="profile-reason"
          onChoose={(r) => set('reason', r)}
        />
      </Field>
      {text('contact', '联系方式', '手机号或微信号')}
      {text('certificateNo', '《流动党员活动证》编号（没有可不填）')}
      {text('hostBranch', '流入地党组织（没有可不填）')}
      {text('expectedReturn', '预计返回时间（可不填）', '年-月-日')}
      <SubmitBar
        className="mob__actions"
        message={write.message}
        messageId="profile-message"
        buttonId="profile-save"
        label={data.profile ? '保存修改' : '登记流动信息'}
        busy={write.busy}
        onSubmit={save}
      />
    </View>
  )
}

function ReportItem({ report, canMark, onDone }: { report: ReportView; canMark: boolean; onDone: () => void }) {
  const [reply, setReply] = useState('')
  const write = useWrite('mobile.reportMarkRead')
  const mark = async () => {
    const outcome = await write.run({ reportId: report.id, reply: reply.trim() || null })
    if (outcome.status !== 'done') return
    setReply('')
    onDone()
  }
  return (
    <View className="mob__item" id={`report-${report.id}`}>
      <View className="mob__row">
        <Text className="mob__item-title">{report.title}</Text>
        <Text className={report.readAt ? 'mob__muted mob__ok' : 'mob__muted mob__due'} id={`report-state-${report.id}`}>
          {report.readAt ? '已阅' : '待阅'}
        </Text>
      </View>
      <Text className="mob__item-sub">
        {REPORT_KIND_LABELS[report.kind]} · {report.year}年度 · {formatDate(report.submittedAt)} 提交
      </Text>
      <Text className="mob__body">{report.body}</Text>
      {report.reply && <Text className="mob__reply">回复：{report.reply}</Text>}
      {canMark && (
        <View>
          <Textarea
            id={`report-reply-${report.id}`}
            className="mob__textarea"
            style={{ minHeight: '100px', marginTop: '12px' }}
            value={reply}
            maxlength={500}
            placeholder="回复（可不填）"
            onInput={(e) => setReply(e.detail.value)}
          />
          {write.message && <Text className="form-problem">{write.message}</Text>}
          <Button size="small" type="primary" loading={write.busy} id={`report-mark-${report.id}`} onClick={mark}>
            {report.readAt ? '回复' : reply.trim() ? '标为已阅并回复' : '标为已阅'}
          </Button>
        </View>
      )}
    </View>
  )
}

function ContactLogger({ memberId, onDone }: { memberId: string; onDone: () => void }) {
  const [note, setNote] = useState('')
  const write = useWrite('mobile.recordContact')
  const save = async () => {
    const outcome = await write.run({ memberId, note })
    if (outcome.status !== 'done') return
    setNote('')
    onDone()
  }
  return (
    <TextField
      id="contact-logger"
      label="记录一次联系（电话、视频、走访）"
      inputId="contact-note"
      value={note}
      maxlength={200}
      placeholder="如：电话联系，了解近期工作和学习情况"
      onInput={setNote}
      problem={write.problem('note') ?? write.message}
      extra={
        <Button size="small" type="primary" fill="outline" id="contact-save" onClick={save}>
          记录联系
        </Button>
      }
    />
  )
}

/** 查找记录: the day, the way, the result and whether it reached the member. */
function SearchLogger({ memberId, onDone }: { memberId: string; onDone: () => void }) {
  const [form, setForm] = useState({
    date: beijing(Date.now()).format('YYYY-MM-DD'),
    method: 'phone' as SearchMethod,
    result: '',
    found: false,
  })
  const write = useWrite('mobile.recordSearch')
  const save = async () => {
    const outcome = await write.run({ memberId, ...form })
    if (outcome.status !== 'done') return
    setForm((f) => ({ ...f, result: '', found: false }))
    Taro.showToast({ title: '已记录查找情况', icon: 'none' })
    onDone()
  }
  return (
    <View id="search-logger">
      <TextField
        id="field-search-date"
        label="查找日期"
        inputId="search-date"
        value={form.date}
        placeholder="年-月-日"
        onInput={(v) => setForm((f) => ({ ...f, date: v }))}
        problem={write.problem('date')}
      />
      <Field label="查找方式">
        <ChoiceChips
          options={SEARCH_METHODS}
          labels={SEARCH_METHOD_LABELS}
          value={form.method}
          idPrefix="search-method"
          onChoose={(m) => setForm((f) => ({ ...f, method: m }))}
        />
      </Field>
      <TextField
        id="field-search-result"
        label="查找结果"
        inputId="search-result"
        value={form.result}
        maxlength={300}
        placeholder="如：拨打登记的手机号，已停机；联系其父亲，也不知其下落"
        onInput={(v) => setForm((f) => ({ ...f, result: v }))}
        problem={write.problem('result')}
      />
      <Field label="是否取得联系">
        <ChoiceChips
          options={['no', 'yes'] as const}
          labels={{ no: '仍未取得联系', yes: '已取得联系' }}
          value={form.found ? 'yes' : 'no'}
          idPrefix="search-found"
          onChoose={(v) => setForm((f) => ({ ...f, found: v === 'yes' }))}
        />
      </Field>
      <SubmitBar
        className="mob__actions"
        message={write.message}
        messageId="search-message"
        buttonId="search-save"
        label="记录查找情况"
        busy={write.busy}
        onSubmit={save}
      />
    </View>
  )
}

/** The proposal to the 党委 for 停止党籍: shown once made; offered only when the rule allows it. */
function StopProposal({ data, onDone }: { data: MobileMemberView; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const write = useWrite('mobile.proposeStop')
  const propose = async () => {
    const outcome = await write.run({ memberId: data.member.id, reason })
    if (outcome.status !== 'done') return
    setReason('')
    onDone()
  }
  const made = data.proposal
  return (
    <View className="mob__card" id="stop-proposal">
      {made ? (
        <View>
          <Text className="mob__item-title" id="stop-proposal-made">
            {formatDate(made.proposedAt)} 已由{made.proposedByName}向{made.committee.name}提请停止党籍
          </Text>
          <Text className="mob__item-sub">
            自 {formatDate(made.lastContactAt)} 起失去联系，{made.lostSince} 满 {LOST_CONTACT_MONTHS} 个月；附查找记录{' '}
            {made.searches.length} 条
          </Text>
          <Text className="mob__body">{made.reason}</Text>
          {made.answer ? (
            <Text className="mob__item-title" id="stop-proposal-answer">
              {made.answer.agreed
                ? `${made.answer.decidedOn} 党委同意停止党籍（${made.answer.docNo}），${made.answer.byName}于 ${formatDate(made.answer.at)} 登记；党员状态请在名册中按决定修改。`
                : `党委不同意：${made.answer.reason}（${made.answer.byName}，${formatDate(made.answer.at)}）`}
            </Text>
          ) : (
            <Text className="mob__muted" id="stop-proposal-waiting">
              等待党委答复。
            </Text>
          )}
          {made.canAnswer && <AnswerStopProposal memberId={data.member.id} onDone={onDone} />}
          <Text className="mob__muted">是否停止党籍由党组织按规定决定，本程序不会自动改变党员状态。</Text>
        </View>
      ) : data.proposalProblem ? (
        <Text className="mob__muted" id="stop-proposal-problem">
          {data.proposalProblem}
        </Text>
      ) : data.can.proposeStop ? (
        <View>
          <TextField
            id="field-stop-reason"
            label={`向党委提请停止党籍（失联满 ${LOST_CONTACT_MONTHS} 个月，多方查找仍未取得联系）`}
            inputId="stop-reason"
            value={reason}
            maxlength={500}
            placeholder="失联经过和查找情况"
            onInput={setReason}
            problem={write.problem('reason')}
          />
          <Text className="mob__muted">提请只作记录并告知党委，由党组织按规定决定，程序不会自动停止党籍。</Text>
          <SubmitBar
            className="mob__actions"
            message={write.message}
            messageId="stop-message"
            buttonId="stop-propose"
            label="提请党委处理"
            busy={write.busy}
            onSubmit={propose}
          />
        </View>
      ) : (
        <Text className="mob__muted">
          已满 {LOST_CONTACT_MONTHS} 个月未联系，可由支部书记、副书记或组织委员向党委提请处理。
        </Text>
      )}
    </View>
  )
}

/** The 党委 answers the branch's proposal: 同意 with its decision's date and 文号, or 不同意 with a reason. */
function AnswerStopProposal({ memberId, onDone }: { memberId: string; onDone: () => void }) {
  const [agree, setAgree] = useState<'yes' | 'no'>('yes')
  const [decidedOn, setDecidedOn] = useState('')
  const [docNo, setDocNo] = useState('')
  const [reason, setReason] = useState('')
  const write = useWrite('mobile.answerStopProposal')
  const submit = async () => {
    const outcome = await write.run(
      agree === 'yes'
        ? { memberId, agree: true, decidedOn: decidedOn.trim() || undefined, docNo: docNo.trim() || undefined }
        : { memberId, agree: false, reason: reason.trim() || undefined },
    )
    if (outcome.status === 'done') onDone()
  }
  return (
    <View id="stop-answer">
      <ChoiceChips
        idPrefix="stop-answer"
        value={agree}
        options={['yes', 'no'] as const}
        labels={{ yes: '同意停止党籍', no: '不同意' }}
        onChoose={setAgree}
      />
      {agree === 'yes' ? (
        <View>
          <TextField
            id="field-stop-decided-on"
            label="党委决定日期（YYYY-MM-DD）"
            inputId="stop-decided-on"
            value={decidedOn}
            placeholder="例如 2026-11-20"
            onInput={setDecidedOn}
            problem={write.problem('decidedOn')}
          />
          <TextField
            id="field-stop-doc-no"
            label="决定文号"
            inputId="stop-doc-no"
            value={docNo}
            maxlength={60}
            onInput={setDocNo}
            problem={write.problem('docNo')}
          />
        </View>
      ) : (
        <TextField
          id="field-stop-refuse-reason"
          label="不同意的理由（支部会看到）"
          inputId="stop-refuse-reason"
          value={reason}
          maxlength={500}
          onInput={setReason}
          problem={write.problem('reason')}
        />
      )}
      <SubmitBar
        className="mob__actions"
        message={write.message}
        messageId="stop-answer-message"
        buttonId="stop-answer-submit"
        label="答复支部"
        busy={write.busy}
        onSubmit={submit}
      />
    </View>
  )
}

function Member({ data, reload }: { data: MobileMemberView; reload: () => void }) {
  const [editing, setEditing] = useState(false)
  const canEdit = data.can.editProfile
  const p = data.profile
  return (
    <View className="mob">
      <View className="mob__card" id="mobile-profile">
        <View className="mob__row">
          <Text className="mob__title">{data.member.name}</Text>
          {p && (
            <View className="mob__tags">
              {p.transferDue && !p.lost && <TransferTag />}
              <StateTag state={p.state} lost={p.lost} id="member-state" />
            </View>
          )}
        </View>
        {p ? (
          <View>
            <Text className="mob__item-sub" id="member-last-contact">
              最近联系 {formatDate(p.lastContactAt)}（{daysAgo(p.daysSinceContact)}）· 最近报到{' '}
              {p.lastCheckinAt ? formatDate(p.lastCheckinAt) : '无'}
            </Text>
            <View className="mob__row">
              <Text className="mob__muted">外出</Text>
              <Text>
                {p.since} 起 · {p.city} · {MOBILE_REASON_LABELS[p.reason]}
              </Text>
            </View>
            <View className="mob__row">
              <Text className="mob__muted">联系方式</Text>
              <Text>{p.contact}</Text>
            </View>
            <View className="mob__row">
              <Text className="mob__muted">活动证号</Text>
              <Text>{p.certificateNo || '未办理'}</Text>
            </View>
            <View className="mob__row">
              <Text className="mob__muted">流入地党组织</Text>
              <Text>{p.hostBranch || '无'}</Text>
            </View>
            <View className="mob__row">
              <Text className="mob__muted">预计返回</Text>
              <Text>{p.expectedReturn ?? '未定'}</Text>
            </View>
            <View className="mob__row">
              <Text className="mob__muted">下次报到截止</Text>
              <Text id="member-due">
                {p.lost ? '已失联，取得联系后按期报到' : `${data.due.dueDate}（${CADENCE_LABELS[data.due.cadence]}）`}
              </Text>
            </View>
            <View className="mob__row">
              <Text className="mob__muted">{data.requirement.year}年度思想汇报</Text>
              <Text className={data.requirement.met ? 'mob__ok' : 'mob__due'} id="member-requirement">
                {data.requirement.met ? '已完成' : `待提交（截止 ${data.requirement.deadline}）`}
              </Text>
            </View>
            {/* 失联 handling (below) comes first: a transfer needs the member reached. */}
            {p.transferDue && !p.lost && (
              <Text className="mob__notice">外出已满 {TRANSFER_AFTER_MONTHS} 个月，请按规定办理组织关系转接。</Text>
            )}
          </View>
        ) : (
          <Text className="mob__muted">还没有登记流动信息{canEdit ? '，请在下方登记' : ''}。</Text>
        )}
        {canEdit && p && !editing && (
          <Text className="mob__link" id="profile-edit" onClick={() => setEditing(true)}>
            修改登记信息
          </Text>
        )}
      </View>
      {canEdit && (editing || !p) && (
        <ProfileEditor
          data={data}
          onSaved={() => {
            setEditing(false)
            reload()
          }}
        />
      )}
      {data.can.recordContact && p && <ContactLogger memberId={data.member.id} onDone={reload} />}

      {p && (p.lost || data.searches.length > 0 || data.proposal) && (
        <>
          <Text className="mob__section">失联查找</Text>
          <View className="mob__card" id="member-searches">
            {p.lost && (
              <Text className="mob__notice" id="member-lost">
                自 {formatDate(p.lastContactAt)} 起未联系，{p.lostSince} 已满 {LOST_CONTACT_MONTHS}{' '}
                个月：请多方查找并逐次记录。
              </Text>
            )}
            {data.searches.length === 0 ? (
              <Text className="mob__muted">还没有查找记录</Text>
            ) : (
              data.searches.map((q) => (
                <View key={q.id} className="mob__item" id={`search-${q.id}`}>
                  <Text className="mob__item-title">
                    {q.date} · {q.methodLabel} · {q.found ? '已取得联系' : '仍未取得联系'}
                  </Text>
                  <Text className="mob__item-sub">
                    {q.result}（{q.byName}记录）
                  </Text>
                </View>
              ))
            )}
          </View>
          {data.can.recordSearch && <SearchLogger memberId={data.member.id} onDone={reload} />}
          {p.lost && <StopProposal data={data} onDone={reload} />}
        </>
      )}

      <Text className="mob__section">汇报</Text>
      <View className="mob__card" id="member-reports">
        {data.reports.length === 0 ? (
          <Text className="mob__muted">还没有提交汇报</Text>
        ) : (
          data.reports.map((r) => <ReportItem key={r.id} report={r} canMark={data.can.markReports} onDone={reload} />)
        )}
      </View>

      <Text className="mob__section">补学</Text>
      <View className="mob__card" id="member-makeups">
        {data.makeups.length === 0 ? (
          <Text className="mob__muted">没有补学记录</Text>
        ) : (
          data.makeups.map((m) => (
            <View key={m.id} className="mob__item" onClick={() => navigate('makeup', { meetingId: m.meetingId })}>
              <Text className="mob__item-title">{m.meetingTitle}</Text>
              <Text className="mob__item-sub">
                {formatDate(m.submittedAt)} 提交 · {m.acceptedAt ? '已确认' : '待确认'}
              </Text>
            </View>
          ))
        )}
      </View>

      <Text className="mob__section">时间线</Text>
      <View className="mob__card" id="member-timeline">
        {data.timeline.length === 0 ? (
          <Empty>还没有记录</Empty>
        ) : (
          data.timeline.map((e, i) => (
            <View key={`${e.at}-${i}`} className="mob__item">
              <Text className="mob__item-title">
                {formatDate(e.at)} · {TIMELINE_LABELS[e.kind]} · {e.title}
              </Text>
              {e.detail && <Text className="mob__item-sub">{e.detail}</Text>}
            </View>
          ))
        )}
      </View>
    </View>
  )
}

export default function MobileMember() {
  const id = useRouter().params.id ?? ''
  const state = useApi('mobile.get', id ? { memberId: id } : null)
  usePullDownRefresh(() => {
    state.reload()
    Taro.stopPullDownRefresh()
  })
  if (!id) return <Empty>缺少党员编号，请从流动党员名单进入</Empty>
  return <Loaded state={state}>{(data) => <Member data={data} reload={state.reload} />}</Loaded>
}
