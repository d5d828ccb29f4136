/** What a branch owes this month, quarter and year, each with its status and what to do next. */
import { Text, View } from '@tarojs/components'
import type { BranchCompliance, ComplianceItem } from '../domain/api/views'
import { beijing } from '../domain/beijing-time'
import { kindLabel } from '../domain/meeting-kinds'
import { navigate } from '../services/navigation'
import { Tag } from './nut'
import './compliance-list.scss'

export const STATUS_LABELS: Record<ComplianceItem['status'], string> = {
  done: '已完成',
  in_progress: '进行中',
  due: '待召开',
  overdue: '逾期',
  missed: '未完成',
}

/** Tag colours of the compliance statuses (首页, and the calendar's period list). */
export const STATUS_TAG: Record<ComplianceItem['status'], 'success' | 'primary' | 'default' | 'danger' | 'warning'> = {
  done: 'success',
  in_progress: 'primary',
  due: 'default',
  overdue: 'danger',
  missed: 'danger',
}

/**
 * Whether a quota still lacks meetings: 待召开 with fewer scheduled than it still needs. Such a row
 * says 未安排 (none yet) or 部分安排, never 待召开, and opens 安排会议.
 */
export function unscheduled(i: ComplianceItem): boolean {
  return i.status === 'due' && i.scheduled < i.required - i.counted
}

/** The status word of a row: STATUS_LABELS, but 未安排 / 部分安排 where meetings are still to be scheduled. */
export function statusWord(i: ComplianceItem): string {
  if (!unscheduled(i)) return STATUS_LABELS[i.status]
  return i.scheduled === 0 ? '未安排' : '部分安排'
}

function Item({ i, onOpen }: { i: ComplianceItem; onOpen?: (i: ComplianceItem) => void }) {
  const who = i.kind === 'group_meeting' ? ` · ${i.owner.name}` : ''
  return (
    <View
      className="compliance__item"
      id={`compliance-${i.kind}-${i.owner.id}`}
      onClick={onOpen ? () => onOpen(i) : undefined}
    >
      <View className="compliance__head">
        <Text className="compliance__kind">
          {kindLabel(i.kind)}
          {who}
          <Text className="compliance__period"> {i.periodLabel}</Text>
        </Text>
        <Tag type={i.atRisk ? 'warning' : STATUS_TAG[i.status]}>{statusWord(i)}</Tag>
      </View>
      <Text className="compliance__reason">
        {i.reason}
        {onOpen ? (unscheduled(i) ? '点此安排 ›' : '点此查看 ›') : ''}
      </Text>
    </View>
  )
}

/** 谈心谈话 per pair this year (条例 第五章): done / owed, opening the list of pairs still owed. */
function HeartTalks({ branch }: { branch: BranchCompliance }) {
  const t = branch.heartTalks
  if (t.owed === 0) return null
  const open = () => void navigate('heartTalks', { branchId: branch.branch.id, year: String(t.year) })
  return (
    <View className="compliance__item" id="compliance-heart-talks" onClick={open}>
      <View className="compliance__head">
        <Text className="compliance__kind">
          谈心谈话<Text className="compliance__period"> {t.year}年</Text>
        </Text>
        <Tag type={t.done >= t.owed ? 'success' : 'default'}>
          {t.done >= t.owed ? '已完成' : `已谈 ${t.done}/${t.owed} 对`}
        </Tag>
      </View>
      <Text className="compliance__reason">
        {t.done >= t.owed
          ? '委员之间、委员与党员今年都已谈过。'
          : `委员之间、委员与党员每年一般不少于 1 次，还有 ${t.owed - t.done} 对未谈，点此查看 ›`}
      </Text>
    </View>
  )
}

/**
 * A branch's list, the items needing attention first. `onOpen` (for those who can act on them, the
 * branch's organizers) makes each row tappable; without it the rows are read-only and the 督办
 * line asks nothing of the reader.
 */
export function ComplianceList({ branch, onOpen }: { branch: BranchCompliance; onOpen?: (i: ComplianceItem) => void }) {
  const order: ComplianceItem['status'][] = ['overdue', 'missed', 'due', 'in_progress', 'done']
  const items = [...branch.items].sort(
    (a, b) => order.indexOf(a.status) - order.indexOf(b.status) || Number(b.atRisk) - Number(a.atRisk),
  )
  return (
    <View className="panel compliance" id="compliance-list">
      {branch.escalations.length > 0 && (
        <View className="compliance__escalated" id="compliance-escalations">
          <Text className="compliance__escalated-title">
            {onOpen ? '上级党委已收到以下督办提醒，请尽快安排并按时记录：' : '上级党委已收到以下督办提醒：'}
          </Text>
          {branch.escalations.map((e) => (
            <Text key={`${e.at}-${e.reason}`} className="compliance__escalated-line">
              {beijing(e.at).format('M月D日')}：{e.reason}
            </Text>
          ))}
        </View>
      )}
      {items.map((i) => (
        <Item key={`${i.kind}-${i.owner.id}`} i={i} onOpen={onOpen} />
      ))}
      <HeartTalks branch={branch} />
      {!branch.committee.hasCommittee && (
        <View className="compliance__item" id="compliance-no-committee">
          <Text className="compliance__kind">不设支部委员会</Text>
          <Text className="compliance__reason">{branch.committee.reason}</Text>
        </View>
      )}
    </View>
  )
}

/** The 党委's view: one line per branch, with its most urgent status; `onOpen` (when given) opens a branch. */
export function BranchStatusList({
  branches,
  onOpen,
}: {
  branches: BranchCompliance[]
  onOpen?: (branchId: string) => void
}) {
  return (
    <View className="panel compliance" id="compliance-branches">
      {branches.map((b) => {
        const urgent = b.items.filter((i) => i.status === 'overdue' || i.status === 'missed' || i.atRisk)
        return (
          <View
            key={b.branch.id}
            className="compliance__item"
            id={`compliance-branch-${b.branch.id}`}
            onClick={onOpen ? () => onOpen(b.branch.id) : undefined}
          >
            <View className="compliance__head">
              <Text className="compliance__kind">{b.branch.name}</Text>
              <Tag type={b.atRisk ? 'warning' : STATUS_TAG[b.worst]}>{STATUS_LABELS[b.worst]}</Tag>
            </View>
            <Text className="compliance__reason">
              {urgent.length
                ? urgent.map((i) => `${kindLabel(i.kind)}${STATUS_LABELS[i.status]}`).join('、')
                : `本期 ${b.items.filter((i) => i.status === 'done').length}/${b.items.length} 项已完成，其余按计划进行`}
            </Text>
          </View>
        )
      })}
    </View>
  )
}
