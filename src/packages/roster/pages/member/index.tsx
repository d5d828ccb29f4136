/** One member: the record, its change history (committee only), and the committee's actions. */
import { Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Button, Cell, CellGroup } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import type { MemberDetail, MemberHistoryEntry } from '../../../../domain/api/views'
import { beijing } from '../../../../domain/beijing-time'
import {
  EXCLUSION_REASON_LABELS,
  MEMBER_CATEGORY_LABELS,
  MEMBER_STATUS_LABELS,
  ROLE_LABELS,
  type Role,
} from '../../../../domain/org'
import { stateValueText } from '../../../../domain/member-states'
import { MemberStates } from '../../components/member-states'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import { navigate } from '../../../../services/navigation'
import './index.scss'

const FIELD_LABELS: Record<MemberHistoryEntry['field'], string> = {
  name: '姓名',
  status: '状态',
  roles: '职务',
  category: '党员类别',
  groupId: '党小组',
  confirmedAt: '转正时间',
  binding: '微信绑定',
  partyProbation: '留党察看',
  exclusion: '不计入应到',
  probationExtendedTo: '延长预备期',
  confirmationPending: '转正（支部大会通过，待党委审批）',
}

function valueText(field: MemberHistoryEntry['field'], v: unknown, groupNames: Map<string, string>): string {
  if (v === null || v === undefined || v === '') return '无'
  if (field === 'groupId') return groupNames.get(String(v)) ?? '（已撤销的党小组）'
  if (field === 'status') return MEMBER_STATUS_LABELS[v as keyof typeof MEMBER_STATUS_LABELS] ?? String(v)
  if (field === 'category') return MEMBER_CATEGORY_LABELS[v as keyof typeof MEMBER_CATEGORY_LABELS] ?? String(v)
  if (field === 'roles' && Array.isArray(v)) return (v as Role[]).map((r) => ROLE_LABELS[r] ?? r).join('、')
  if (field === 'binding') return v ? '已绑定' : '未绑定'
  if (
    field === 'partyProbation' ||
    field === 'exclusion' ||
    field === 'probationExtendedTo' ||
    field === 'confirmationPending'
  ) {
    return stateValueText(field, v, EXCLUSION_REASON_LABELS)
  }
  return String(v)
}

function Unbind({ m, onDone }: { m: MemberDetail; onDone: () => void }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const write = useWrite('binding.unbind')
  const submit = async () => {
    const outcome = await write.run({ memberId: m.id, reason })
    if (outcome.status !== 'done') return
    setOpen(false)
    onDone()
  }
  if (!open) {
    return (
      <Button id="unbind-member" block onClick={() => setOpen(true)}>
        解除微信绑定
      </Button>
    )
  }
  return (
    <View className="panel">
      <Text className="member__hint">解除后，此人需要用新的邀请码重新绑定。请写明原因（如：更换了手机号或微信）。</Text>
      <Textarea
        id="unbind-reason"
        className="member__reason"
        value={reason}
        maxlength={100}
        placeholder="解除原因"
        onInput={(e) => setReason(e.detail.value)}
      />
      {write.message && <Text className="member__problem">{write.message}</Text>}
      <Button id="confirm-unbind" type="primary" block loading={write.busy} onClick={submit}>
        确认解除
      </Button>
    </View>
  )
}

function Detail({ m, reload }: { m: MemberDetail; reload: () => void }) {
  const roles = m.roles.map((r) => ROLE_LABELS[r]).join('、')
  const groups = useApi('org.listGroups', m.history.some((h) => h.field === 'groupId') ? { branchId: m.org.id } : null)
  const groupNames = new Map((groups.data ?? []).map((g) => [g.id, g.name]))
  return (
    <View className="member">
      <View className="member__card">
        <Text className="member__name" id="member-name">
          {m.name}
        </Text>
        <Text className="member__sub">
          {MEMBER_CATEGORY_LABELS[m.category]} · {MEMBER_STATUS_LABELS[m.status]} ·{' '}
          {m.bound ? '已绑定微信' : '未绑定微信'}
        </Text>
      </View>
      <CellGroup title="基本信息">
        <Cell title="性别" extra={m.gender === 'male' ? '男' : '女'} />
        <Cell title="手机号" extra={m.phone} />
        <Cell title="所在支部" extra={m.org.name} />
        <Cell title="党小组" extra={m.group?.name ?? '未分组'} />
        <Cell title="职务" extra={roles} />
        <Cell title="入党时间" extra={m.joinedAt} />
        <Cell title="转正时间" extra={m.confirmedAt ?? (m.category === 'probationary' ? '预备期中' : '未记录')} />
        <Cell title="表决权" extra={m.votingRights ? '有' : '无'} />
      </CellGroup>
      {m.states && <MemberStates m={m} states={m.states} />}
      {m.canEdit && (
        <View className="actions member__actions">
          <Button id="edit-member" type="primary" block onClick={() => navigate('memberEdit', { id: m.id })}>
            编辑信息
          </Button>
          {!m.bound && m.status !== 'transferred' && (
            <Button id="invite-member" block onClick={() => navigate('memberInvite', { memberId: m.id })}>
              邀请绑定微信
            </Button>
          )}
          {m.bound && <Unbind m={m} onDone={reload} />}
        </View>
      )}
      {m.history.length > 0 && (
        <>
          <Text className="section-title">变动记录</Text>
          <View className="panel" id="member-history">
            {m.history.map((h, i) => (
              <View key={i} className="member__history">
                <Text>
                  {FIELD_LABELS[h.field]}：{valueText(h.field, h.from, groupNames)} →{' '}
                  {valueText(h.field, h.to, groupNames)}
                </Text>
                <Text className="member__history-meta">
                  {beijing(h.at).format('YYYY-MM-DD HH:mm')} · {h.by.name}
                  {h.reason ? ` · ${h.reason}` : ''}
                </Text>
              </View>
            ))}
          </View>
        </>
      )}
    </View>
  )
}

export default function MemberPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const member = useApi('roster.get', id ? { memberId: id } : null)
  if (!id) return <Empty>没有指定党员，请从支部成员名单中点开。</Empty>
  return <Loaded state={member}>{(m) => <Detail m={m} reload={member.reload} />}</Loaded>
}
