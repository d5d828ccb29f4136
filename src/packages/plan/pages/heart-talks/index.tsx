/**
 * 谈心谈话 (`?branchId=&year=`): the branch's yearly duty per pair (委员之间, 委员与党员; 《中国共产党支部
 * 工作条例（试行）》 第五章, 每年一般不少于 1 次) — done / owed counts, the pairs still owed, the talks
 * recorded — and the form to record one. A member sees their own pairs and records their own talks; the
 * branch's organizers record for any pair. A talk's note shows only to the pair and the 书记.
 */
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { BranchPicker, ChosenBranch, needsBranch } from '../../../../components/branch-picker'
import { Field, PickerField, SubmitBar, TextAreaField } from '../../../../components/form-fields'
import { Loaded } from '../../../../components/page-state'
import type { HeartTalkDutyView } from '../../../../domain/api/views-heart-talks'
import { beijing } from '../../../../domain/beijing-time'
import { PAIR_KIND_LABELS } from '../../../../domain/heart-talks'
import { useWrite } from '../../../../services/use-write'
import { useApi } from '../../../../services/use-api'
import './index.scss'

const YEAR_RE = /^\d{4}$/

function Chooser({
  idPrefix,
  people,
  chosen,
  onChoose,
}: {
  idPrefix: string
  people: HeartTalkDutyView['people']
  chosen: string
  onChoose: (id: string) => void
}) {
  return (
    <View className="chips">
      {people.map((p) => (
        <View
          key={p.id}
          id={`${idPrefix}-${p.id}`}
          className={`chip ${chosen === p.id ? 'chip--on' : ''}`}
          onClick={() => onChoose(p.id)}
        >
          <Text>{p.name}</Text>
        </View>
      ))}
    </View>
  )
}

function RecordForm({ view, me, onSaved }: { view: HeartTalkDutyView; me: string; onSaved: () => void }) {
  const today = beijing(Date.now()).format('YYYY-MM-DD')
  const [first, setFirst] = useState(view.recordsForOthers ? '' : me)
  const [second, setSecond] = useState('')
  const [date, setDate] = useState(today)
  const [note, setNote] = useState('')
  const write = useWrite('heartTalk.record')
  const submit = async () => {
    if (write.busy) return
    if (!first || !second) {
      return write.fail('请选择谈话双方。', [{ field: 'memberIds', message: '请选择两位党员' }])
    }
    const outcome = await write.run({ branchId: view.branch.id, memberIds: [first, second], date, note })
    if (outcome.status !== 'done') return
    setSecond('')
    setNote('')
    Taro.showToast({ title: '已登记', icon: 'none' })
    onSaved()
  }
  const others = view.people.filter((p) => p.id !== first)
  return (
    <View className="panel" id="talk-form">
      {view.recordsForOthers && (
        <Field label="谈话人">
          <Chooser idPrefix="first" people={view.people} chosen={first} onChoose={setFirst} />
        </Field>
      )}
      <Field label={view.recordsForOthers ? '谈话对象' : '和谁谈'} problem={write.problem('memberIds', true)}>
        <Chooser idPrefix="second" people={others} chosen={second} onChoose={setSecond} />
      </Field>
      <PickerField
        id="field-date"
        label="谈话日期"
        mode="date"
        value={date}
        shown={date}
        onChange={setDate}
        problem={write.problem('date', true)}
      />
      <TextAreaField
        id="field-note"
        label="简要内容（仅谈话双方和支部书记可见）"
        value={note}
        maxlength={200}
        autoHeight
        onInput={setNote}
        problem={write.problem('note', true)}
      />
      <SubmitBar message={write.message} buttonId="save-talk" label="登记谈话" busy={write.busy} onSubmit={submit} />
    </View>
  )
}

function Duty({ view, onYear, reload }: { view: HeartTalkDutyView; onYear: (y: number) => void; reload: () => void }) {
  const thisYear = Number(beijing(Date.now()).format('YYYY'))
  return (
    <View className="talks">
      <Text className="talks__summary" id="talk-summary">
        {view.branch.name} {view.year} 年：已谈 {view.done} 对，应谈 {view.owed} 对
      </Text>
      <Text className="talks__hint">
        按《中国共产党支部工作条例（试行）》，支部委员之间、支部委员和党员之间每年谈心谈话一般不少于 1 次。
        {view.whole ? '' : '下面只列出与你有关的谈话。'}
      </Text>
      <View className="talks__years">
        <Text id="year-prev" onClick={() => onYear(view.year - 1)}>
          ‹ {view.year - 1} 年
        </Text>
        {view.year < thisYear && (
          <Text id="year-next" onClick={() => onYear(view.year + 1)}>
            {view.year + 1} 年 ›
          </Text>
        )}
      </View>
      {view.viewer.inBranch && view.year === thisYear && (
        <>
          <Text className="section-title">登记一次谈话</Text>
          <RecordForm view={view} me={view.viewer.id} onSaved={reload} />
        </>
      )}
      <Text className="section-title">尚未谈话（{view.outstanding.length} 对）</Text>
      <View className="panel" id="owed-pairs">
        {view.outstanding.length === 0 && <Text>今年应谈的都已谈过。</Text>}
        {view.outstanding.map((p) => (
          <View key={p.key} className="talks__row">
            <Text>
              {p.members[0].name} — {p.members[1].name}
            </Text>
            <Text className="talks__meta">{PAIR_KIND_LABELS[p.kind]}</Text>
          </View>
        ))}
      </View>
      <Text className="section-title">已登记的谈话（{view.talks.length}）</Text>
      <View className="panel" id="talk-list">
        {view.talks.length === 0 && <Text>还没有登记谈话。</Text>}
        {view.talks.map((t) => (
          <View key={t.id} className="talks__row">
            <Text>
              {t.date} {t.members[0].name} — {t.members[1].name}
            </Text>
            <Text className="talks__meta">{t.note ?? '谈话内容仅谈话双方和支部书记可见'}</Text>
            <Text className="talks__meta">由{t.recordedBy.name}登记</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

export default function HeartTalksPage() {
  const { params } = useRouter()
  const [year, setYear] = useState(() =>
    params.year && YEAR_RE.test(params.year) ? Number(params.year) : Number(beijing(Date.now()).format('YYYY')),
  )
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null)
  const branchId = params.branchId || chosen?.id || undefined
  const duty = useApi('heartTalk.duty', { year, ...(branchId ? { branchId } : {}) })
  if (!branchId && needsBranch(duty.error)) return <BranchPicker title="谈心谈话按党支部查看" onPick={setChosen} />
  return (
    <>
      {chosen && <ChosenBranch name={chosen.name} onChange={() => setChosen(null)} />}
      <Loaded state={duty}>{(v) => <Duty view={v} onYear={setYear} reload={duty.reload} />}</Loaded>
    </>
  )
}
