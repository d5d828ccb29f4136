/**
 * 流动党员名单 for the branch committee and the 党委 (`?branchId=`, the own branch when absent): most
 * urgent first, each with the last contact, the state's coloured tag and the 需转接 flag.
 */
import { Input, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { BranchPicker, ChosenBranch, needsBranch } from '../../../../components/branch-picker'
import { Empty, Loaded } from '../../../../components/page-state'
import type { MobileBranchView } from '../../../../domain/api/views-mobile'
import { formatDate } from '../../../../domain/beijing-time'
import {
  CADENCE_LABELS,
  CHECKIN_CADENCES,
  CONTACT_STATE_LABELS,
  CONTACT_STATES,
  LOST_CONTACT_MONTHS,
  LOST_RISK_MONTHS_RANGE,
  MOBILE_REASON_LABELS,
  type CheckinCadence,
} from '../../../../domain/mobile'
import { requestSubscribe } from '../../../../services/subscribe'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import { daysAgo, StateTag, TransferTag } from '../../components/state-tag'
import { ChoiceChips } from '../../components/choice-chips'
import { navigate } from '../../../../services/navigation'
import '../../components/mobile.scss'

const open = async (memberId: string) => {
  // A consent tap: the secretary agrees here to hear of members out of contact or due to transfer.
  await requestSubscribe('mobile.member')
  await navigate('mobileMember', { id: memberId })
}

/** The branch's 书记/副书记/组织委员 choose how often mobile members check in. */
function CadenceChooser({ data, onSaved }: { data: MobileBranchView; onSaved: () => void }) {
  const write = useWrite('mobile.setCadence')
  const choose = async (cadence: CheckinCadence) => {
    if (cadence === data.rules.cadence) return
    const outcome = await write.run({ branchId: data.branch.id, cadence })
    if (outcome.status === 'done') onSaved()
  }
  return (
    <View className="form-field" id="cadence-chooser">
      <Text className="form-field__label">报到周期</Text>
      <ChoiceChips
        options={CHECKIN_CADENCES}
        labels={CADENCE_LABELS}
        value={data.rules.cadence}
        idPrefix="cadence"
        onChoose={(c) => void choose(c)}
      />
      {write.message && <Text className="form-problem">{write.message}</Text>}
    </View>
  )
}

/**
 * The 党委's 组织员 set when each state begins, for every branch below the 党委: 需联系 and 预警 in
 * days, 失联风险 in calendar months (at most six: 满 6 个月 is 失联 itself).
 */
function ThresholdEditor({ data, onSaved }: { data: MobileBranchView; onSaved: () => void }) {
  const t = data.rules.thresholds
  const [form, setForm] = useState({
    needsContactDays: String(t.needsContactDays),
    warningDays: String(t.warningDays),
    lostRiskMonths: String(t.lostRiskMonths),
  })
  const write = useWrite('mobile.setThresholds')
  const message = write.message
  const save = async () => {
    const outcome = await write.run({
      needsContactDays: Number(form.needsContactDays),
      warningDays: Number(form.warningDays),
      lostRiskMonths: Number(form.lostRiskMonths),
    })
    if (outcome.status !== 'done') return
    Taro.showToast({ title: '已保存，所辖支部统一使用', icon: 'none' })
    onSaved()
  }
  const field = (key: keyof typeof form, label: string) => (
    <View className="mob__row">
      <Text className="mob__muted">{label}</Text>
      <Input
        id={`threshold-${key}`}
        className="form-field__input"
        type="number"
        style={{ width: '120px', textAlign: 'right' }}
        value={form[key]}
        onInput={(e) => setForm((f) => ({ ...f, [key]: e.detail.value }))}
      />
    </View>
  )
  return (
    <View className="form-field" id="threshold-editor">
      <Text className="form-field__label">联系状态期限（本党委所辖支部统一使用）</Text>
      {field('needsContactDays', '超过几天未联系为“需联系”')}
      {field('warningDays', '超过几天为“预警”')}
      {field('lostRiskMonths', `满几个月（按日历月，最多 ${LOST_RISK_MONTHS_RANGE.max} 个月）为“失联风险”`)}
      {message && <Text className="form-problem">{message}</Text>}
      <Text className="mob__link" id="threshold-save" onClick={() => void save()}>
        保存
      </Text>
    </View>
  )
}

/** The branch's proposals to its 党委 for 停止党籍 (失联满六个月): what the 党委 is asked to decide. */
function StopProposals({ branchId }: { branchId: string }) {
  const state = useApi('mobile.stopProposals', { orgId: branchId })
  const items = state.data?.items ?? []
  if (items.length === 0) return null
  return (
    <View className="mob__card" id="stop-proposals">
      <Text className="mob__title">提请党委停止党籍（{items.length} 人）</Text>
      {items.map((p) => (
        <View key={p.id} className="mob__item" id={`proposal-${p.memberId}`} onClick={() => open(p.memberId)}>
          <Text className="mob__item-title">
            {p.memberName} · {formatDate(p.proposedAt)} 由{p.proposedByName}提请{p.committee.name}
          </Text>
          <Text className="mob__item-sub">
            自 {formatDate(p.lastContactAt)} 起失去联系，{p.lostSince} 满 {LOST_CONTACT_MONTHS} 个月；查找{' '}
            {p.searches.length} 次仍未取得联系。由党组织按规定决定，程序不会自动停止党籍。
          </Text>
        </View>
      ))}
    </View>
  )
}

function List({ data, reload }: { data: MobileBranchView; reload: () => void }) {
  const t = data.rules.thresholds
  return (
    <View className="mob">
      <View className="mob__card" id="mobile-summary">
        <Text className="mob__title">
          {data.branch.name} · 流动党员 {data.rows.length} 人
        </Text>
        <View className="chips">
          {[...CONTACT_STATES].reverse().map((s) => (
            <Text key={s} className={`mob__tag mob__tag--${s}`} id={`count-${s}`}>
              {CONTACT_STATE_LABELS[s]} {data.counts[s]}
            </Text>
          ))}
        </View>
        <Text className="mob__item-sub">
          报到{CADENCE_LABELS[data.rules.cadence]}；超过 {t.needsContactDays} 天未联系为需联系，{t.warningDays}{' '}
          天为预警，满 {t.lostRiskMonths} 个月为失联风险；满 {LOST_CONTACT_MONTHS}{' '}
          个月未联系，请记录查找情况，仍联系不上的向党委提请处理
        </Text>
      </View>
      <StopProposals branchId={data.branch.id} />
      {data.can.setCadence && <CadenceChooser data={data} onSaved={reload} />}
      {data.can.setThresholds && <ThresholdEditor data={data} onSaved={reload} />}
      {data.unregistered.length > 0 && (
        <Text className="mob__notice" id="mobile-unregistered">
          以下党员状态为流动但还没有登记流动信息：
          {data.unregistered.map((u) => (
            <Text key={u.memberId} className="mob__link" id={`register-${u.memberId}`} onClick={() => open(u.memberId)}>
              {' '}
              {u.name}
            </Text>
          ))}
        </Text>
      )}
      <View className="mob__card" id="mobile-rows">
        {data.rows.length === 0 ? (
          <Empty>本支部目前没有流动党员</Empty>
        ) : (
          data.rows.map((r) => (
            <View key={r.memberId} className="mob__item" id={`row-${r.memberId}`} onClick={() => open(r.memberId)}>
              <View className="mob__row">
                <Text className="mob__item-title">{r.name}</Text>
                <View className="mob__tags">
                  {r.transferDue && <TransferTag />}
                  <StateTag state={r.state} id={`state-${r.memberId}`} />
                </View>
              </View>
              <Text className="mob__item-sub">
                {r.city} · {MOBILE_REASON_LABELS[r.reason]} · 最近联系 {formatDate(r.lastContactAt)}（
                {daysAgo(r.daysSinceContact)}）
              </Text>
            </View>
          ))
        )}
      </View>
    </View>
  )
}

export default function MobileList() {
  // The 党委 (or a 党总支) opening the list without a branch chooses one here.
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null)
  const branchId = useRouter().params.branchId || chosen?.id
  const state = useApi('mobile.listBranch', branchId ? { branchId } : {})
  usePullDownRefresh(() => {
    state.reload()
    Taro.stopPullDownRefresh()
  })
  if (!branchId && needsBranch(state.error)) return <BranchPicker title="流动党员名单按党支部查看" onPick={setChosen} />
  return (
    <>
      {chosen && <ChosenBranch name={chosen.name} onChange={() => setChosen(null)} />}
      <Loaded state={state}>{(data) => <List data={data} reload={state.reload} />}</Loaded>
    </>
  )
}
