/**
 * 列席审批 (the 党委's staff): invitations from a branch to a member of another branch of the 党委,
 * waiting for the member's own answer or the 党委's. The inviting branch sees only how many wait;
 * here the 党委 sees who and where, and may approve for its member (attendance.approveGuest), who
 * then joins the meeting's 列席 list. A member may still decline or accept in 消息 themself.
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import type { PendingGuestView } from '../../../../domain/api/views-attendance'
import { beijing, formatSpan } from '../../../../domain/beijing-time'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import './index.scss'

const keyOf = (g: Pick<PendingGuestView, 'meetingId' | 'memberId'>) => `${g.meetingId}.${g.memberId}`

function Invitation({ g, onApproved }: { g: PendingGuestView; onApproved: (g: PendingGuestView) => void }) {
  const approve = useWrite('attendance.approveGuest')
  const id = keyOf(g).replace(/[^A-Za-z0-9_-]/g, '_')
  const run = async () => {
    const outcome = await approve.run({ meetingId: g.meetingId, memberId: g.memberId })
    if (outcome.status === 'done') onApproved(g)
  }
  return (
    <View className="panel sgu__item" id={`guest-${id}`}>
      <Text className="sgu__who">
        {g.name}（{g.memberOrgName}）
      </Text>
      <Text className="sgu__what">
        {g.branchName}邀请列席「{g.title}」
      </Text>
      <Text className="sgu__muted">{formatSpan(g.startAt, g.endAt)}</Text>
      <Text className="sgu__muted">
        {g.invitedBy}于 {beijing(g.invitedAt).format('MM-DD HH:mm')} 邀请，尚待本人或党委同意
      </Text>
      <View className="sgu__actions">
        <Button size="small" type="primary" id={`approve-${id}`} loading={approve.busy} onClick={() => void run()}>
          代为同意列席
        </Button>
      </View>
      {approve.message && (
        <Text className="sgu__error" id={`approve-error-${id}`}>
          {approve.message}
        </Text>
      )}
    </View>
  )
}

export default function GuestApprovals() {
  const me = useApi('session.whoami', {})
  const orgId = me.data?.bound ? me.data.org.id : null
  const pending = useApi('attendance.pendingGuests', orgId ? { orgId } : null)
  const [approved, setApproved] = useState<PendingGuestView[]>([])
  const done = new Set(approved.map(keyOf))
  return (
    <View className="sgu">
      <View className="sgu__head">
        <Text className="sgu__title">待确认的列席邀请</Text>
        <Text className="sgu__sub">
          所辖支部邀请其他支部党员列席的会议：本人在「消息」中同意或谢绝，或由党委代为同意；同意前邀请方看不到其姓名。
        </Text>
      </View>
      <Loaded state={me}>
        {(profile) =>
          !profile.bound ? (
            <Empty>请先绑定党员身份后再查看。</Empty>
          ) : (
            <Loaded state={pending}>
              {(list) => {
                const open = list.filter((g) => !done.has(keyOf(g)))
                return (
                  <>
                    {open.length === 0 ? (
                      <Empty>没有待确认的列席邀请。</Empty>
                    ) : (
                      open.map((g) => (
                        <Invitation key={keyOf(g)} g={g} onApproved={(x) => setApproved((a) => [...a, x])} />
                      ))
                    )}
                    {approved.length > 0 && (
                      <Text className="sgu__done" id="approved-note">
                        已同意：{approved.map((g) => `${g.name}列席「${g.title}」`).join('；')}。对方已列入列席名单。
                      </Text>
                    )}
                  </>
                )
              }}
            </Loaded>
          )
        }
      </Loaded>
    </View>
  )
}
