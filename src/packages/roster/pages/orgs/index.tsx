/** 组织架构: the org and everything below it; a branch opens its roster. */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Loaded } from '../../../../components/page-state'
import type { OrgNode } from '../../../../domain/api/views'
import { ORG_KIND_LABELS } from '../../../../domain/org'
import { useApi } from '../../../../services/use-api'
import { navigate } from '../../../../services/navigation'
import './index.scss'

/** Where a branch leads: its roster, or (`?open=mobile`) its 流动党员 list. */
const BRANCH_PAGES = { roster: 'rosterList', mobile: 'mobileList' } as const

function Node({ n, opens }: { n: OrgNode; opens: keyof typeof BRANCH_PAGES }) {
  const opensRoster = n.kind === 'branch'
  return (
    <View
      id={`org-${n.id}`}
      className={`orgs__node ${opensRoster ? 'orgs__node--link' : ''}`}
      style={{ paddingLeft: `${24 + n.depth * 32}px` }}
      onClick={opensRoster ? () => navigate(BRANCH_PAGES[opens], { branchId: n.id }) : undefined}
    >
      <Text className="orgs__name">
        {n.name}
        <Text className="orgs__kind"> {ORG_KIND_LABELS[n.kind]}</Text>
      </Text>
      <Text className="orgs__count">
        {n.memberCount} 人{opensRoster ? ' ›' : ''}
      </Text>
    </View>
  )
}

export default function OrgsPage() {
  const opens = useRouter().params.open === 'mobile' ? 'mobile' : 'roster'
  const tree = useApi('org.subtree', {})
  return (
    <View className="orgs">
      <Loaded state={tree}>
        {(nodes) => (
          <View className="orgs__list" id="org-tree">
            {nodes.map((n) => (
              <Node key={n.id} n={n} opens={opens} />
            ))}
          </View>
        )}
      </Loaded>
    </View>
  )
}
