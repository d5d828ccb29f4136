/** The ways from 首页 and 我的 into the rest of the app, by what the member does. */
import { Text, View } from '@tarojs/components'
import type { ProfileView } from '../domain/api/views'
import { PAGES } from '../domain/pages'
import { openUrl } from '../services/navigation'
import './shortcuts.scss'

interface Shortcut {
  id: string
  label: string
  url: string
}

export function shortcutsFor(profile: ProfileView): Shortcut[] {
  const inBranch = profile.org.kind === 'branch'
  const list: Shortcut[] = [
    { id: 'go-messages', label: '消息', url: PAGES.messages },
    { id: 'go-calendar', label: '会议月历', url: PAGES.calendar },
  ]
  if (profile.canSchedule) list.push({ id: 'go-plan', label: '年度计划', url: PAGES.plan })
  if (profile.member.status === 'mobile')
    list.push({ id: 'go-mobile-home', label: '流动党员报到', url: PAGES.mobileHome })
  if (profile.canSchedule || !inBranch) list.push({ id: 'go-mobile-list', label: '流动党员', url: PAGES.mobileList })
  // The 党委's staff: the year matrix of every branch; their 会议记录本 first asks which branch.
  if (!inBranch && profile.member.roles.includes('supervisor')) {
    list.unshift({ id: 'go-supervision', label: '组织生活监督', url: PAGES.supervision })
    // Invitations of the 党委's members to another branch's meeting, waiting for its approval.
    list.push({ id: 'go-guest-approvals', label: '列席审批', url: PAGES.supervisionGuests })
  }
  list.push({ id: 'go-minutes-book', label: '会议记录本', url: PAGES.minutesBook })
  list.push({ id: 'go-rules', label: '会议制度', url: PAGES.rules })
  return list
}

/** The unread count as a badge: nothing at 0, "99+" past 99. */
export function unreadBadge(unread: number): string | null {
  if (unread <= 0) return null
  return unread > 99 ? '99+' : String(unread)
}

/**
 * The shortcuts of `profile`; `unread` (the member's unread 消息, when known) is shown as a badge
 * on 消息.
 */
export function Shortcuts({ profile, unread }: { profile: ProfileView; unread?: number }) {
  const badge = unreadBadge(unread ?? 0)
  return (
    <View className="shortcuts" id="shortcuts">
      {shortcutsFor(profile).map((s) => (
        <View key={s.id} id={s.id} className="shortcuts__item" onClick={() => openUrl(s.url)}>
          <Text>{s.label}</Text>
          {s.id === 'go-messages' && badge && (
            <Text className="shortcuts__badge" id="messages-badge">
              {badge}
            </Text>
          )}
        </View>
      ))}
    </View>
  )
}
