/**
 * 首页 per person: who I am, my own tasks first (报到 due, sign in now, 请假, 阅签, 补学), my next
 * meetings, and only for those who can act on them (the branch's organizers) the quotas of this
 * period, each opening 安排会议 with its kind and period filled in.
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BranchStatusList, ComplianceList, unscheduled } from '../../components/compliance-list'
import { MyTasks } from '../../components/my-tasks'
import { MeetingCard } from '../../components/meeting-card'
import { Button } from '../../components/nut'
import { Shortcuts } from '../../components/shortcuts'
import { Empty, Loaded } from '../../components/page-state'
import { UnboundNotice } from '../../components/unbound-notice'
import type { ComplianceItem, ProfileView } from '../../domain/api/views'
import { beijing } from '../../domain/beijing-time'
import { kindRule } from '../../domain/meeting-kinds'
import { periodSpan } from '../../domain/periods'
import { ROLE_LABELS } from '../../domain/org'
import { readSession, usesDevLogin } from '../../services/session'
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

function Upcoming({ meetings }: { meetings: ReturnType<typeof useApi<'meeting.listMine'>> }) {
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

/**
 * A date for a quota's next meeting inside its period (Beijing 'YYYY-MM-DD'): a week from `now` when
 * the period runs that long, else its last day; the period's first day when it has not begun.
 */
function quotaDate(i: ComplianceItem, now: number): string {
  const span = periodSpan(now, kindRule(i.kind).period)
  const inAWeek = now + 7 * 86_400_000
  const at = now < span.start ? span.start : inAWeek < span.end ? inAWeek : span.end - 86_400_000
  return beijing(Math.max(at, now)).format('YYYY-MM-DD')
}

/** An unscheduled quota opens 安排会议 with its kind and period; any other row the 会议月历. */
function openQuota(i: ComplianceItem) {
  if (unscheduled(i)) {
    void navigate('meetingSchedule', { kind: i.kind, period: i.periodKey, date: quotaDate(i, Date.now()) })
  } else void navigate('calendar', {})
}

function Compliance({
  profile,
  summary,
}: {
  profile: ProfileView
  summary: ReturnType<typeof useApi<'compliance.summary'>>
}) {
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
            <ComplianceList branch={page.items[0]} onOpen={openQuota} />
          )
        }
      </Loaded>
    </>
  )
}

export default function Home() {
  // 首页's reads go out together with whoami, not after it answers: on a slow network that is one
  // round trip before the meetings show instead of two (npm run bench -- h5-load). Without a session
  // (a browser not logged in) only whoami goes, and leads to the login page; for a member not yet
  // bound the others answer NOT_BOUND, which this page does not show (it shows how to bind instead).
  const [signedIn] = useState(() => !usesDevLogin || readSession() !== null)
  const me = useApi('session.whoami', {})
  const bound = me.data ? me.data.bound : signedIn
  // Refreshed on each show, so coming back from 消息 clears what was read there.
  const unread = useApi('message.unreadCount', bound ? {} : null)
  const meetings = useApi('meeting.listMine', bound ? { when: 'upcoming', limit: 3 } : null)
  const tasks = useApi('home.tasks', bound ? {} : null)
  const summary = useApi('compliance.summary', bound ? { limit: 50 } : null)
  return (
    <View className="home">
      <Loaded state={me}>
        {(profile) =>
          profile.bound ? (
            <>
              <Greeting profile={profile} />
              <Text className="section-title">我的待办</Text>
              <Loaded state={tasks}>{(t) => <MyTasks view={t} />}</Loaded>
              {profile.canSchedule && (
                <View className="actions">
                  <Button id="go-schedule" type="primary" block onClick={() => navigate('meetingSchedule')}>
                    安排会议
                  </Button>
                </View>
              )}
              <Shortcuts profile={profile} unread={unread.data?.unread} />
              <Text className="section-title">近期会议</Text>
              <Upcoming meetings={meetings} />
              {(profile.canSchedule || profile.org.kind !== 'branch') && (
                <Compliance profile={profile} summary={summary} />
              )}
            </>
          ) : (
            <UnboundNotice />
          )
        }
      </Loaded>
    </View>
  )
}
