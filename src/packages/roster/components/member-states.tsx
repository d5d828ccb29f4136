/**
 * A member's states on their page (issue 16 §3): the 预备期 and when 转正 is due, 留党察看 and an
 * exclusion from 应到. Shown to the member themself, the committee and the 党委; the roster keepers
 * get the way to the forms.
 */
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup } from '../../../components/nut'
import type { MemberDetail, MemberStatesView } from '../../../domain/api/views'
import { confirmationPendingText } from '../../../domain/member-states'
import { EXCLUSION_REASON_LABELS } from '../../../domain/org'
import { navigate } from '../../../services/navigation'

export function MemberStates({ m, states }: { m: MemberDetail; states: MemberStatesView }) {
  const p = states.partyProbation
  const e = states.exclusion
  return (
    <View id="member-states">
      <CellGroup title="党员状态">
        {states.confirmationPending && (
          <View id="confirmation-pending">
            <Cell title="转正" extra={confirmationPendingText(states.confirmationPending)} />
          </View>
        )}
        {states.probationDueOn && !states.confirmationPending && (
          <Cell
            title="预备期满"
            extra={`${states.probationDueOn}${states.probationExtendedTo ? '（已延长）' : ''}，届时讨论转正`}
          />
        )}
        <Cell
          title="留党察看"
          extra={
            p
              ? `${p.from} 至 ${p.to}（${p.decidedBy}）${p.liftedOn ? `，${p.liftedOn} 已恢复党员权利` : states.partyProbationRunning ? '，期间无表决权' : ''}`
              : '无'
          }
        />
        <Cell
          title="不计入应到"
          extra={
            e
              ? `${EXCLUSION_REASON_LABELS[e.reason]}：${e.from} 起${e.to ? `至 ${e.to}` : ''}（${e.approvedBy} ${e.approvedOn} 批准）`
              : '无'
          }
        />
      </CellGroup>
      {e && <Text className="member__hint">批准情况：{e.note}</Text>}
      {states.confirmationPending && m.canEdit && (
        <Text className="member__hint">
          支部大会的转正决议须报上级党委审批（《中国共产党发展党员工作细则》第五章）；党委批准后请点下面的按钮登记，党员类别随之改为正式党员。
        </Text>
      )}
      {m.canEdit && (
        <View className="actions member__actions">
          <Button id="edit-states" block onClick={() => navigate('memberStates', { id: m.id })}>
            {states.confirmationPending ? '登记党委批准转正、留党察看等' : '登记留党察看、不计入应到或延长预备期'}
          </Button>
        </View>
      )}
    </View>
  )
}
