/**
 * 未收到微信提醒: for a branch's organizers, who the notices of a meeting (or of the branch in the
 * last 30 days, daily reminders included) did not reach on WeChat, and why. The notices are still in
 * each person's 消息; the panel says to tell them another way. Shows nothing when everyone was reached
 * or the list cannot be read (it is a hint, not the page's content).
 */
import { Text, View } from '@tarojs/components'
import type { NotReachedView } from '../domain/api/views-planning'
import { useApi } from '../services/use-api'
import './not-reached.scss'

/** The people, at most this many by name in the headline; all of them in the list below it. */
const NAMES_IN_HEADLINE = 5

function Panel({ view, lately }: { view: NotReachedView; lately: boolean }) {
  if (view.people.length === 0) return null
  const names = view.people.slice(0, NAMES_IN_HEADLINE).map((p) => p.name)
  const more = view.people.length > NAMES_IN_HEADLINE ? ` 等` : ''
  return (
    <View className="panel not-reached" id="not-reached">
      <Text className="not-reached__headline" id="not-reached-headline">
        {lately ? '近 30 天有 ' : ''}
        {view.people.length}
        {view.truncated ? ' 人以上' : ' 人'}未收到微信提醒：{names.join('、')}
        {more}
      </Text>
      <Text className="not-reached__advice">通知已在他们的“消息”中保留，请当面或电话告知。</Text>
      {view.people.map((p) => (
        <Text key={p.memberId} className="not-reached__person" id={`not-reached-${p.memberId}`}>
          {p.name}：{p.reasons.join('；')}
          {p.notices > 1 ? `（${p.notices} 条）` : ''}
        </Text>
      ))}
    </View>
  )
}

/** Who this meeting's notices did not reach; for its organizers only (the caller decides). */
export function MeetingNotReached({ meetingId }: { meetingId: string }) {
  const state = useApi('message.notReachedForMeeting', { meetingId })
  return state.data ? <Panel view={state.data} lately={false} /> : null
}

/** Who the branch's notices of the last 30 days did not reach; for its organizers only. */
export function BranchNotReached() {
  const state = useApi('message.notReachedInBranch', {})
  return state.data ? <Panel view={state.data} lately /> : null
}
