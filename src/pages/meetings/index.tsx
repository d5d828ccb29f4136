/** 会议: my meetings, upcoming first in time order, past ones most recent first, paged by cursor. */
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { MeetingCard } from '../../components/meeting-card'
import { Button } from '../../components/nut'
import { Empty, Loaded, LoadMore } from '../../components/page-state'
import { useApi, usePagedApi } from '../../services/use-api'
import { navigate } from '../../services/navigation'
import './index.scss'

type When = 'upcoming' | 'past'
const TABS: [When, string][] = [
  ['upcoming', '待召开'],
  ['past', '已结束'],
]

export default function Meetings() {
  const [when, setWhen] = useState<When>('upcoming')
  const me = useApi('session.whoami', {})
  const list = usePagedApi('meeting.listMine', { when, limit: 20 })

  usePullDownRefresh(() => {
    list.first.reload()
    Taro.stopPullDownRefresh()
  })

  const canSchedule = me.data?.bound === true && me.data.canSchedule
  return (
    <View className="meetings">
      <View className="meetings__tabs">
        {TABS.map(([key, label]) => (
          <View
            key={key}
            id={`tab-${key}`}
            className={`meetings__tab ${when === key ? 'meetings__tab--active' : ''}`}
            onClick={() => setWhen(key)}
          >
            <Text>{label}</Text>
          </View>
        ))}
      </View>
      {canSchedule && (
        <View className="actions">
          <Button id="go-schedule" type="primary" block onClick={() => navigate('meetingSchedule')}>
            安排会议
          </Button>
        </View>
      )}
      <Loaded state={list.first}>
        {() =>
          list.items.length === 0 ? (
            <Empty>{when === 'upcoming' ? '暂时没有待召开的会议。' : '还没有已结束的会议。'}</Empty>
          ) : (
            <View id="meeting-list">
              {list.items.map((m) => (
                <MeetingCard key={m.id} meeting={m} />
              ))}
              <LoadMore state={list} id="load-more" />
            </View>
          )
        }
      </Loaded>
    </View>
  )
}
