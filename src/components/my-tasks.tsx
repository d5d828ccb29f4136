/**
 * 我的待办 on 首页: the member's own tasks (home.tasks) — 报到 due at the top, then signing in now,
 * 请假, 阅签 and 补学 — each row opening the page that does it.
 */
import { Text, View } from '@tarojs/components'
import type { HomeTask, HomeTasksView } from '../domain/api/views-home'
import type { HomeTaskKind } from '../domain/home-tasks'
import { pageUrl } from '../domain/pages'
import { openUrl } from '../services/navigation'
import { requestSubscribe, type ConsentTap } from '../services/subscribe'
import { Tag } from './nut'
import './my-tasks.scss'

const TASK_TAGS: Record<HomeTaskKind, { text: string; type: 'danger' | 'primary' | 'warning' | 'default' }> = {
  mobile_checkin: { text: '报到', type: 'danger' },
  sign_in: { text: '现在签到', type: 'danger' },
  guest_approval: { text: '列席待同意', type: 'primary' },
  stop_proposal: { text: '待党委处理', type: 'warning' },
  leave: { text: '待参会', type: 'default' },
  read: { text: '待阅签', type: 'warning' },
  makeup: { text: '待补学', type: 'warning' },
}

/** The page a task opens (a URL of src/domain/pages.ts) and the consent tap it is, if any. */
export function taskTarget(t: HomeTask): { url: string; subscribe?: ConsentTap } {
  const q = { meetingId: t.meetingId ?? '' }
  switch (t.kind) {
    case 'mobile_checkin':
      return { url: pageUrl('mobileHome', {}) }
    case 'sign_in':
      return { url: pageUrl('signIn', q), subscribe: 'meeting.signIn' }
    case 'leave':
      return { url: pageUrl('leave', q), subscribe: 'meeting.leave' }
    case 'guest_approval':
      return { url: pageUrl('supervisionGuests', {}) }
    case 'stop_proposal':
      return { url: pageUrl('mobileMember', { id: t.memberId ?? '' }) }
    case 'read':
      return { url: pageUrl('minutesView', { id: t.meetingId ?? '' }) }
    case 'makeup':
      return { url: pageUrl('makeup', q), subscribe: 'meeting.makeup' }
  }
}

/** The rows of `view`, and a line for the older 阅签 / 补学 not listed, opening 我的会议 (已结束). */
export function MyTasks({ view }: { view: HomeTasksView }) {
  const tasks = view.items
  const older = [
    view.more.read ? `${view.more.read} 次会议待阅签` : '',
    view.more.makeup ? `${view.more.makeup} 次会议待补学` : '',
  ].filter(Boolean)
  if (tasks.length === 0)
    return (
      <Text className="my-tasks__none" id="my-tasks-none">
        眼下没有需要你办的事。
      </Text>
    )
  return (
    <View className="panel my-tasks" id="my-tasks">
      {tasks.map((t) => {
        const target = taskTarget(t)
        const open = async () => {
          if (target.subscribe) await requestSubscribe(target.subscribe)
          void openUrl(target.url)
        }
        return (
          <View
            key={`${t.kind}-${t.meetingId ?? ''}`}
            className="my-tasks__item"
            id={`task-${t.kind}${t.meetingId ? `-${t.meetingId}` : ''}`}
            onClick={open}
          >
            <View className="my-tasks__head">
              <Text className="my-tasks__title">{t.title}</Text>
              <Tag type={TASK_TAGS[t.kind].type} className="my-tasks__tag">
                {TASK_TAGS[t.kind].text}
              </Tag>
            </View>
            <Text className="my-tasks__reason">{t.reason} ›</Text>
          </View>
        )
      })}
      {older.length > 0 && (
        <Text className="my-tasks__more" id="my-tasks-more" onClick={() => void openUrl(pageUrl('meetings', {}))}>
          另有较早的 {older.join('、')}，在 会议 › 已结束 中打开各次会议办理 ›
        </Text>
      )}
    </View>
  )
}
