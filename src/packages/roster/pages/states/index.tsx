/**
 * A member's states (issue 16 §3), for the branch's roster keepers: 延长预备期 (at most a year, 党章
 * 第七条), 留党察看 (no vote while it runs, at most two years, 第四十条) and an approved exclusion from
 * 应到. Each save asks why and lands in the member's history with who and when. What is typed stays
 * on the page when a save fails; each form starts from the member's current state.
 */
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Field, PickerField, SubmitBar, TextAreaField, TextField } from '../../../../components/form-fields'
import { Empty, Loaded } from '../../../../components/page-state'
import type { MemberDetail, MemberStatesView } from '../../../../domain/api/views'
import { beijing } from '../../../../domain/beijing-time'
import { confirmationPendingText } from '../../../../domain/member-states'
import { EXCLUSION_REASON_LABELS, EXCLUSION_REASONS, type ExclusionReason } from '../../../../domain/org'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import './index.scss'

const today = () => beijing(Date.now()).format('YYYY-MM-DD')

function saved() {
  Taro.showToast({ title: '已保存，已记入变动记录', icon: 'none' })
}

function Extension({ m, states, onSaved }: { m: MemberDetail; states: MemberStatesView; onSaved: () => void }) {
  const [until, setUntil] = useState(states.probationExtendedTo ?? '')
  const [reason, setReason] = useState('')
  const write = useWrite('memberState.extendProbation')
  const submit = async () => {
    if (write.busy) return
    if (!until) return write.fail('请选择延长后的预备期满日期。', [{ field: 'until', message: '请选择日期' }])
    const outcome = await write.run({ memberId: m.id, version: m.version, until, reason })
    if (outcome.status !== 'done') return
    setReason('')
    saved()
    onSaved()
  }
  return (
    <View className="mstates__section" id="form-extension">
      <Text className="section-title">延长预备期</Text>
      <Text className="mstates__hint">
        预备期 {states.probationDueOn} 期满；经支部大会讨论、上级党组织批准可以延长，最长一年（党章第七条），最晚到{' '}
        {states.latestExtension}。
      </Text>
      <PickerField
        id="field-until"
        label="延长后的预备期满日期"
        mode="date"
        value={until}
        start={until || states.probationDueOn || today()}
        shown={until || '请选择'}
        onChange={setUntil}
        problem={write.problem('until', true)}
      />
      <TextAreaField
        id="field-extension-reason"
        label="原因（如：支部大会决议和党委批准情况）"
        value={reason}
        maxlength={100}
        autoHeight
        onInput={setReason}
        problem={write.problem('reason', true)}
      />
      <SubmitBar
        message={write.message}
        messageId="extension-error"
        buttonId="save-extension"
        label="保存延长预备期"
        busy={write.busy}
        onSubmit={submit}
      />
    </View>
  )
}

/**
 * 上级党委批准转正 (or 延长预备期), after the 支部大会 passed it: approval date and the 党委, then
 * 预备党员 → 正式党员 (or the new 预备期满 date).
 */
function ConfirmationApproval({
  m,
  states,
  onSaved,
}: {
  m: MemberDetail
  states: MemberStatesView
  onSaved: () => void
}) {
  const pending = states.confirmationPending!
  const [approvedOn, setApprovedOn] = useState('')
  const [approvedBy, setApprovedBy] = useState('')
  const [reason, setReason] = useState('')
  const extend = pending.decision === 'extend'
  const [until, setUntil] = useState('')
  const write = useWrite('memberState.approveConfirmation')
  const submit = async () => {
    if (write.busy) return
    if (!approvedOn) {
      return write.fail('请选择上级党委批准转正的日期。', [{ field: 'approvedOn', message: '请选择日期' }])
    }
    if (extend && !until) {
      return write.fail('请选择党委批准的延长后预备期满日期。', [{ field: 'until', message: '请选择日期' }])
    }
    const outcome = await write.run({
      memberId: m.id,
      version: m.version,
      approvedOn,
      approvedBy,
      reason,
      until: extend ? until : null,
    })
    if (outcome.status !== 'done') return
    saved()
    onSaved()
  }
  return (
    <View className="mstates__section" id="form-confirmation">
      <Text className="section-title">{extend ? '党委批准延长预备期' : '党委批准转正'}</Text>
      <Text className="mstates__hint">
        {confirmationPendingText(pending)}。上级党委批准后在此登记，
        {extend
          ? `预备期满日期改为批准的日期（最晚到 ${states.latestExtension}）。`
          : '党员类别改为正式党员，转正时间为批准日期。'}
      </Text>
      {extend && (
        <PickerField
          id="field-approved-until"
          label="延长后的预备期满日期"
          mode="date"
          value={until}
          start={states.probationDueOn ?? pending.passedOn}
          shown={until || '请选择'}
          onChange={setUntil}
          problem={write.problem('until', true)}
        />
      )}
      <PickerField
        id="field-approved-on"
        label="党委批准日期"
        mode="date"
        value={approvedOn}
        start={pending.passedOn}
        shown={approvedOn || '请选择'}
        onChange={setApprovedOn}
        problem={write.problem('approvedOn', true)}
      />
      <TextField
        id="field-approved-by"
        label="批准的党委"
        value={approvedBy}
        maxlength={40}
        placeholder="如：示范区机关党委"
        onInput={setApprovedBy}
        problem={write.problem('approvedBy', true)}
      />
      <TextAreaField
        id="field-confirmation-reason"
        label="备注（如：党委批复文号）"
        value={reason}
        maxlength={100}
        autoHeight
        onInput={setReason}
        problem={write.problem('reason', true)}
      />
      <SubmitBar
        message={write.message}
        messageId="confirmation-error"
        buttonId="save-confirmation"
        label={extend ? '登记党委批准延长预备期' : '登记党委批准转正'}
        busy={write.busy}
        onSubmit={submit}
      />
    </View>
  )
}

function PartyProbationForm({
  m,
  states,
  onSaved,
}: {
  m: MemberDetail
  states: MemberStatesView
  onSaved: () => void
}) {
  const p = states.partyProbation
  const [from, setFrom] = useState(p?.from ?? '')
  const [to, setTo] = useState(p?.to ?? '')
  const [decidedBy, setDecidedBy] = useState(p?.decidedBy ?? '')
  const [liftedOn, setLiftedOn] = useState(p?.liftedOn ?? '')
  const [reason, setReason] = useState('')
  const write = useWrite('memberState.setPartyProbation')
  const submit = async (clear: boolean) => {
    if (write.busy) return
    if (!clear && (!from || !to)) {
      return write.fail('请选择留党察看的开始和结束日期。', [{ field: 'partyProbation.from', message: '请选择日期' }])
    }
    const outcome = await write.run({
      memberId: m.id,
      version: m.version,
      reason,
      partyProbation: clear ? null : { from, to, decidedBy, liftedOn: liftedOn || null },
    })
    if (outcome.status !== 'done') return
    setReason('')
    saved()
    onSaved()
  }
  return (
    <View className="mstates__section" id="form-party-probation">
      <Text className="section-title">留党察看</Text>
      <Text className="mstates__hint">
        留党察看期间没有表决权、选举权和被选举权，最长两年（党章第四十条）；期满经决定恢复党员权利后，填写恢复日期。
      </Text>
      <PickerField
        id="field-pp-from"
        label="开始日期"
        mode="date"
        value={from}
        start={from || today()}
        shown={from || '请选择'}
        onChange={setFrom}
        problem={write.problem('partyProbation.from', true)}
      />
      <PickerField
        id="field-pp-to"
        label="结束日期"
        mode="date"
        value={to}
        start={to || from || today()}
        shown={to || '请选择'}
        onChange={setTo}
        problem={write.problem('partyProbation.to', true)}
      />
      <TextField
        id="field-pp-decided"
        label="作出决定的党组织"
        value={decidedBy}
        maxlength={40}
        onInput={setDecidedBy}
        problem={write.problem('partyProbation.decidedBy', true)}
      />
      <PickerField
        id="field-pp-lifted"
        label="恢复党员权利日期（尚未恢复不填）"
        mode="date"
        value={liftedOn}
        start={liftedOn || to || today()}
        shown={liftedOn || '尚未恢复'}
        onChange={setLiftedOn}
        problem={write.problem('partyProbation.liftedOn', true)}
      />
      <TextAreaField
        id="field-pp-reason"
        label="原因（如：处分决定文号）"
        value={reason}
        maxlength={100}
        autoHeight
        onInput={setReason}
        problem={write.problem('reason', true)}
      />
      <SubmitBar
        message={write.message}
        messageId="pp-error"
        buttonId="save-party-probation"
        label="保存留党察看"
        busy={write.busy}
        onSubmit={() => submit(false)}
      >
        {p && (
          <Text className="mstates__link" id="clear-party-probation" onClick={() => submit(true)}>
            撤销这条登记（登记有误时）
          </Text>
        )}
      </SubmitBar>
    </View>
  )
}

function ExclusionForm({ m, states, onSaved }: { m: MemberDetail; states: MemberStatesView; onSaved: () => void }) {
  const e = states.exclusion
  const [kind, setKind] = useState<ExclusionReason | ''>(e?.reason ?? '')
  const [note, setNote] = useState(e?.note ?? '')
  const [approvedBy, setApprovedBy] = useState(e?.approvedBy ?? '')
  const [approvedOn, setApprovedOn] = useState(e?.approvedOn ?? '')
  const [from, setFrom] = useState(e?.from ?? '')
  const [to, setTo] = useState(e?.to ?? '')
  const [reason, setReason] = useState('')
  const write = useWrite('memberState.setExclusion')
  const submit = async (lift: boolean) => {
    if (write.busy) return
    if (!lift && !kind) {
      return write.fail('请选择不计入应到的事由。', [{ field: 'exclusion.reason', message: '请选择事由' }])
    }
    if (!lift && (!approvedOn || !from)) {
      return write.fail('请选择批准日期和开始日期。', [{ field: 'exclusion.from', message: '请选择日期' }])
    }
    const outcome = await write.run({
      memberId: m.id,
      version: m.version,
      reason,
      exclusion: lift || !kind ? null : { reason: kind, note, approvedBy, approvedOn, from, to: to || null },
    })
    if (outcome.status !== 'done') return
    setReason('')
    saved()
    onSaved()
  }
  return (
    <View className="mstates__section" id="form-exclusion">
      <Text className="section-title">不计入应到</Text>
      <Text className="mstates__hint">
        经批准不计入应到的党员，期间不算在会议的应到人数和表决人数内；本人来参会的，照常计入。
      </Text>
      <Field label="事由" problem={write.problem('exclusion.reason', true)}>
        <View className="chips">
          {EXCLUSION_REASONS.map((r) => (
            <View
              key={r}
              id={`exclusion-${r}`}
              className={`chip ${kind === r ? 'chip--on' : ''}`}
              onClick={() => setKind(r)}
            >
              <Text>{EXCLUSION_REASON_LABELS[r]}</Text>
            </View>
          ))}
        </View>
      </Field>
      <TextField
        id="field-ex-note"
        label="批准情况"
        value={note}
        maxlength={100}
        onInput={setNote}
        problem={write.problem('exclusion.note', true)}
      />
      <TextField
        id="field-ex-approver"
        label="批准人（个人或党组织）"
        value={approvedBy}
        maxlength={40}
        onInput={setApprovedBy}
        problem={write.problem('exclusion.approvedBy', true)}
      />
      <PickerField
        id="field-ex-approved"
        label="批准日期"
        mode="date"
        value={approvedOn}
        start={approvedOn || today()}
        shown={approvedOn || '请选择'}
        onChange={setApprovedOn}
        problem={write.problem('exclusion.approvedOn', true)}
      />
      <PickerField
        id="field-ex-from"
        label="开始日期"
        mode="date"
        value={from}
        start={from || approvedOn || today()}
        shown={from || '请选择'}
        onChange={setFrom}
        problem={write.problem('exclusion.from', true)}
      />
      <PickerField
        id="field-ex-to"
        label="结束日期（不定期可不填）"
        mode="date"
        value={to}
        start={to || from || today()}
        shown={to || '至撤销为止'}
        onChange={setTo}
        problem={write.problem('exclusion.to', true)}
      />
      <TextAreaField
        id="field-ex-reason"
        label="变动原因（记入变动记录）"
        value={reason}
        maxlength={100}
        autoHeight
        onInput={setReason}
        problem={write.problem('reason', true)}
      />
      <SubmitBar
        message={write.message}
        messageId="exclusion-error"
        buttonId="save-exclusion"
        label="保存不计入应到"
        busy={write.busy}
        onSubmit={() => submit(false)}
      >
        {e && (
          <Text className="mstates__link" id="lift-exclusion" onClick={() => submit(true)}>
            恢复计入应到
          </Text>
        )}
      </SubmitBar>
    </View>
  )
}

function Forms({ m, reload }: { m: MemberDetail; reload: () => void }) {
  if (!m.canEdit || !m.states) {
    return <Empty>只有本支部的书记、副书记、组织委员可以登记党员状态。</Empty>
  }
  // Each save changes the member's version: the forms start again from what was saved.
  return (
    <View className="mstates" key={m.version}>
      <Text className="mstates__name" id="member-name">
        {m.name} · {m.org.name}
      </Text>
      {m.states.confirmationPending && <ConfirmationApproval m={m} states={m.states} onSaved={reload} />}
      {m.states.probationDueOn && m.category === 'probationary' && (
        <Extension m={m} states={m.states} onSaved={reload} />
      )}
      <PartyProbationForm m={m} states={m.states} onSaved={reload} />
      <ExclusionForm m={m} states={m.states} onSaved={reload} />
    </View>
  )
}

export default function MemberStatesPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const member = useApi('roster.get', id ? { memberId: id } : null)
  if (!id) return <Empty>没有指定党员，请从支部成员名单中点开。</Empty>
  return <Loaded state={member}>{(m) => <Forms m={m} reload={member.reload} />}</Loaded>
}
