/** 消息: every notice kept for me (会议通知, 提醒, 计划), newest first; opening one marks it read. */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '../../../../components/nut'
import { GuestInviteAnswer, guestInviteMeetingOf } from '../../../../components/guest-invite-answer'
import { BranchNotReached } from '../../../../components/not-reached'
import { Empty, LoadMore, Loaded } from '../../../../components/page-state'
import type { MessageView } from '../../../../domain/api/views-planning'
import { beijing } from '../../../../domain/beijing-time'
import { call, newRequestId } from '../../../../services/api'
import { requestSubscribe } from '../../../../services/subscribe'
import { useApi, usePagedApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import { openUrl } from '../../../../services/navigation'
import './index.scss'

export default function MessagesPage() {
  const list = usePagedApi('message.listMine', { limit: 20 })
  const me = useApi('session.whoami', {})
  // A branch's organizers also see who its notices did not reach on WeChat.
  const organizes = me.data?.bound === true && me.data.canSchedule
  // Read marks made on this page, shown at once without reloading the list.
  const [readHere, setReadHere] = useState<Set<string>>(new Set())
  const [unreadAdjust, setUnreadAdjust] = useState<number | null>(null)

  const open = (m: MessageView) => {
    void requestSubscribe('message.open')
    if (!m.read && !readHere.has(m.id)) {
      setReadHere((s) => new Set(s).add(m.id))
      call('message.markRead', { ids: [m.id] }, { requestId: newRequestId() }).then(
        (r) => setUnreadAdjust(r.unread),
        () => undefined,
      )
    }
    if (m.page) void openUrl(m.page)
  }
  const markAll = useWrite('message.markRead')
  const readAll = async () => {
    const outcome = await markAll.run({ all: true })
    if (outcome.status !== 'done') return
    setReadHere(new Set(list.items.map((m) => m.id)))
    setUnreadAdjust(outcome.data.unread)
  }

  return (
    <View className="messages">
      {organizes && <BranchNotReached />}
      <Loaded state={list.first}>
        {(page) => {
          const unread = unreadAdjust ?? (page as { unread?: number }).unread ?? 0
          if (list.items.length === 0) return <Empty>还没有消息。会议通知、会前提醒和年度计划都会出现在这里。</Empty>
          return (
            <>
              <View className="messages__bar">
                <Text id="messages-unread">{unread > 0 ? `${unread} 条未读` : '全部已读'}</Text>
                {unread > 0 && (
                  <Button size="small" fill="outline" id="messages-read-all" loading={markAll.busy} onClick={readAll}>
                    全部标为已读
                  </Button>
                )}
              </View>
              {markAll.message && (
                <Text className="form-problem" id="messages-error">
                  {markAll.message}
                </Text>
              )}
              <View className="panel messages__list" id="messages-list">
                {list.items.map((m) => {
                  const read = m.read || readHere.has(m.id)
                  const invitedTo = guestInviteMeetingOf(m)
                  const domId = m.id.replace(/[^A-Za-z0-9_-]/g, '_')
                  return (
                    <View
                      key={m.id}
                      id={`message-${domId}`}
                      className={`messages__item ${read ? '' : 'messages__item--unread'}`}
                      onClick={() => open(m)}
                    >
                      <View className="messages__head">
                        {!read && <View className="messages__dot" />}
                        <Text className="messages__title">{m.title}</Text>
                      </View>
                      <Text className="messages__body">{m.body}</Text>
                      <Text className="messages__time">{beijing(m.createdAt).format('YYYY-MM-DD HH:mm')}</Text>
                      {invitedTo && <GuestInviteAnswer meetingId={invitedTo} idSuffix={domId} />}
                    </View>
                  )
                })}
              </View>
              <LoadMore state={list} id="messages-more" />
            </>
          )
        }}
      </Loaded>
    </View>
  )
}
