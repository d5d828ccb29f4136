/** 首页: who I am, my next meetings, and for the secretary the way to schedule one. */
import { Text, View } from '@tarojs/components'
import { BranchStatusList, ComplianceList } from '../../components/compliance-list'
import { MeetingCard } from '../../components/meeting-card'
import { Button } from '../../components/nut'
import { Shortcuts } from '../../components/shortcuts'
import { Empty, Loaded } from '../../components/page-state'
import { UnboundNotice } from '../../components/unbound-notice'
import type { ProfileView } from '../../domain/api/views'
import { ROLE_LABELS } from '../../domain/org'
import { useApi } from '../../services/use-api'
import { navigate } from '../../services/navigation'
import './index.scss'

function Greeting({ profile }: { profile: ProfileView }) {
  const roles = profile.member.roles.filter((r) => r !== 'member').map((r) => ROLE_LABELS[r])
  return (
    <View className="home__hello" id="home-hello">
      <Text className="home__name">你好，{profile.member.name}</Text>
      <Text className="home__org">
        {profile.org.name}
        {roles.length ? ` · ${roles.join('、')}` : ''}
      </Text>
    </View>
  )
}

function Upcoming({ bound }: { bound: boolean }) {
  const meetings = useApi('meeting.listMine', bound ? { when: 'upcoming', limit: 3 } : null)
  return (
    <Loaded state={meetings}>
      {(page) =>
        page.items.length === 0 ? (
          <Empty>近期没有需要你参加的会议。</Empty>
        ) : (
          page.items.map((m) => <MeetingCard key={m.id} meeting={m} />)
        )
      }
    </Loaded>
  )
}

function Compliance({ profile }: { profile: ProfileView }) {
  const summary = useApi('compliance.summary', { limit: 50 })
  const committee = profile.org.kind !== 'branch'
  const supervises = committee && profile.member.roles.includes('supervisor')
  return (
    <>
      <Text className="section-title">{committee ? '所辖支部组织生活情况' : '本期应办的组织生活'}</Text>
      <Loaded state={summary}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>没有需要统计的支部。</Empty>
          ) : committee ? (
            <>
              <BranchStatusList
                branches={page.items}
                onOpen={supervises ? (branchId) => void navigate('supervisionBranch', { branchId }) : undefined}
              />
              {supervises && page.nextCursor && (
                <Text className="home__more" id="home-all-branches" onClick={() => void navigate('supervision')}>
                  这里列出前 {page.items.length} 个支部，在 组织生活监督 中查看全部 ›
                </Text>
              )}
            </>
          ) : (
            <ComplianceList branch={page.items[0]} />
          )
        }
      </Loaded>
    </>
  )
}

export default function Home() {
  const me = useApi('session.whoami', {})
  // Refreshed on each show, so coming back from 消息 clears what was read there.
  const unread = useApi('message.unreadCount', me.data?.bound ? {} : null)
  return (
    <View className="home">
      <Loaded state={me}>
        {(profile) =>
          profile.bound ? (
            <>
              <Greeting profile={profile} />
              {profile.canSchedule && (
                <View className="actions">
                  <Button id="go-schedule" type="primary" block onClick={() => navigate('meetingSchedule')}>
                    安排会议
                  </Button>
                </View>
              )}
              <Shortcuts profile={profile} unread={unread.data?.unread} />
              <Text className="section-title">近期会议</Text>
              <Upcoming bound />
              <Compliance profile={profile} />
            </>
          ) : (
            <UnboundNotice />
          )
        }
      </Loaded>
    </View>
  )
}
