/**
 * 列席邀请 in 消息: the invited member answers it here. A member of another branch joins the
 * meeting's 列席 list only once they accept (or the 党委 approves); declining drops the invitation.
 * For a guest of their own branch, already on the list, 同意 simply confirms it. Once the invitation
 * is settled (answered, approved by the 党委, withdrawn) it says so instead of offering the buttons
 * (attendance.myGuestInvite).
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { MessageView } from '../domain/api/views-planning'
import { useApi } from '../services/use-api'
import { useWrite } from '../services/use-write'
import { Button } from './nut'
import './guest-invite-answer.scss'

/**
 * The meeting a 列席邀请 notice is about (a kept notice's `template` is its topic, here
 * meeting.guest; its page carries the meeting's id). Takes the message; returns the meeting id, or
 * null for any other notice.
 */
export function guestInviteMeetingOf(m: Pick<MessageView, 'template' | 'page'>): string | null {
  if (m.template !== 'meeting.guest') return null
  const found = /[?&]meetingId=([^&]+)/.exec(m.page)
  return found ? decodeURIComponent(found[1]) : null
}

export function GuestInviteAnswer({ meetingId, idSuffix }: { meetingId: string; idSuffix: string }) {
  const write = useWrite('attendance.answerGuestInvite')
  const [done, setDone] = useState('')
  // Until the state is read the buttons stay hidden: a settled invitation never offers them.
  const state = useApi('attendance.myGuestInvite', { meetingId })
  // If the state cannot be read, the buttons show as before: the answer itself is checked again.
  const pending = state.data?.state === 'pending' || state.error != null
  const settledNote = state.data && !pending ? state.data.note : ''
  const answer = async (accept: boolean) => {
    const outcome = await write.run({ meetingId, accept })
    if (outcome.status !== 'done') return
    setDone(outcome.data.accepted ? '已同意列席，请按时参会并签到。' : '已谢绝列席，邀请方会看到邀请已不在待确认之列。')
  }
  return (
    <View className="guest-answer" onClick={(e) => e.stopPropagation()}>
      {!done && pending && (
        <View className="guest-answer__actions">
          <Button
            size="small"
            type="primary"
            id={`guest-accept-${idSuffix}`}
            loading={write.busy}
            onClick={() => answer(true)}
          >
            同意列席
          </Button>
          <Button
            size="small"
            fill="outline"
            id={`guest-decline-${idSuffix}`}
            loading={write.busy}
            onClick={() => answer(false)}
          >
            谢绝
          </Button>
        </View>
      )}
      {(done || write.message || settledNote) && (
        <Text className="form-problem" id={`guest-answer-${idSuffix}`}>
          {done || write.message || settledNote}
        </Text>
      )}
    </View>
  )
}
