/** 会议: my meetings, upcoming first in time order, past ones most recent first, paged by cursor. */
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { MeetingCard } from '../../components/meeting-card'
import { Button } from '../../components/nut'
import { Empty, ErrorState, Loaded } from '../../components/page-state'
import type { MeetingSummary } from '../../domain/api/views'
import { PAGES } from '../../routes'
import { ApiCallError, call } from '../../services/api'
import { useApi } from '../../services/use-api'
import './index.scss'

type When = 'upcoming' | 'past'
const TABS: [When, string][] = [
  ['upcoming', '待召开'],
  ['past', '已结束'],
]

export default function Meetings() {
  const [when, setWhen] = useState<When>('upcoming')
  const me = useApi('session.whoami', {})
  const first = useApi('meeting.listMine', { when, limit: 20 })
  const [more, setMore] = useState<MeetingSummary[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [moreError, setMoreError] = useState<ApiCallError | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)

  useEffect(() => {
    setMore([])
    setCursor(first.data?.nextCursor ?? null)
  }, [first.data])

  usePullDownRefresh(() => {
    first.reload()
    Taro.stopPullDownRefresh()
  })

  const loadMore = async () => {
    if (!cursor || loadingMore) return
    setLoadingMore(true)
    try {
      const page = await call('meeting.listMine', { when, limit: 20, cursor })
      setMore((items) => [...items, ...page.items])
      setCursor(page.nextCursor)
      setMoreError(null)
    } catch (err) {
      setMoreError(err as ApiCallError)
    } finally {
      setLoadingMore(false)
    }
  }

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
          <Button id="go-schedule" type="primary" block onClick={() => Taro.navigateTo({ url: PAGES.meetingSchedule })}>
            安排会议
          </Button>
        </View>
      )}
      <Loaded state={first}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{when === 'upcoming' ? '暂时没有待召开的会议。' : '还没有已结束的会议。'}</Empty>
          ) : (
            <View id="meeting-list">
              {[...page.items, ...more].map((m) => (
                <MeetingCard key={m.id} meeting={m} />
              ))}
              {moreError && <ErrorState error={moreError} onRetry={loadMore} />}
              {cursor && (
                <View className="actions">
                  <Button id="load-more" block loading={loadingMore} onClick={loadMore}>
                    加载更多
                  </Button>
                </View>
              )}
            </View>
          )
        }
      </Loaded>
    </View>
  )
}
