/**
 * 邀请列席 (organizers): find someone in the roster who is not expected at this meeting and invite
 * them to attend without a vote. They are told by a notice; 列席 never counts in 应到 or quorum. A
 * member of another branch joins only once they (or the 党委) accept: until then only a count shows.
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { TextInput } from '../../../components/form-fields'
import { Button } from '../../../components/nut'
import type { MemberRow } from '../../../domain/api/views'
import { sameNameLabels } from '../../../domain/same-names'
import { call, errorMessage } from '../../../services/api'
import { useApi } from '../../../services/use-api'
import { useWrite } from '../../../services/use-write'
import './guest-invite.scss'

export function GuestInvite({
  meetingId,
  onTheList,
  onInvited,
}: {
  meetingId: string
  /** Participants and guests already on the board. */
  onTheList: readonly string[]
  onInvited: () => void
}) {
  const [search, setSearch] = useState('')
  const [rows, setRows] = useState<MemberRow[] | null>(null)
  const [labels, setLabels] = useState<ReadonlyMap<string, string>>(new Map())
  // The message line shows the search's failure or the invitation's outcome, whichever came last.
  const [note, setNote] = useState('')
  const write = useWrite('attendance.inviteGuests')
  const message = write.message || note
  // Members of another branch wait for their own acceptance (or the 党委's): counted, never named.
  const settings = useApi('attendance.settings', { meetingId })
  const [pendingNow, setPendingNow] = useState<number | null>(null)
  const pending = pendingNow ?? settings.data?.pendingGuests ?? 0

  const find = async () => {
    setNote('')
    write.clear()
    try {
      const page = await call('roster.list', { search: search.trim() || undefined, limit: 20 })
      // Labels over everyone found, those already listed included: a namesake there is told apart too.
      setLabels(
        sameNameLabels(page.items.map((m) => ({ id: m.id, name: m.name, unit: m.group?.name, phone: m.phone }))),
      )
      setRows(page.items.filter((m) => !onTheList.includes(m.id)))
    } catch (err) {
      setNote(errorMessage(err))
    }
  }

  const invite = async (m: MemberRow) => {
    setNote('')
    const outcome = await write.run({ meetingId, memberIds: [m.id] })
    if (outcome.status !== 'done') return
    setRows((r) => r?.filter((x) => x.id !== m.id) ?? null)
    setPendingNow(outcome.data.pendingGuests)
    const listed = outcome.data.guests.some((g) => g.id === m.id)
    setNote(
      listed
        ? `已邀请 ${labels.get(m.id) ?? m.name} 列席`
        : '已发出列席邀请：对方不是本支部党员，本人同意（或党委同意）后才列入列席名单',
    )
    onInvited()
  }

  return (
    <View className="panel guests" id="guest-invite">
      <Text className="guests__title">邀请列席（不计入应到和法定人数）</Text>
      <View className="guests__search">
        <TextInput
          id="guest-search"
          className="guests__input"
          value={search}
          placeholder="姓名或手机号"
          onInput={setSearch}
        />
        <Button size="small" id="guest-find" onClick={find}>
          查找
        </Button>
      </View>
      {rows && rows.length === 0 && (
        <Text className="guests__hint">没有可邀请的人：本支部成员大多已在参会名单中。</Text>
      )}
      {rows?.map((m) => (
        <View key={m.id} className="guests__row">
          <Text>{labels.get(m.id) ?? m.name}</Text>
          <Button
            size="small"
            type="primary"
            fill="outline"
            id={`invite-${m.id}`}
            loading={write.busy}
            onClick={() => invite(m)}
          >
            邀请列席
          </Button>
        </View>
      ))}
      {pending > 0 && (
        <Text className="guests__hint" id="guest-pending">
          待对方确认的列席人员（{pending} 人）
        </Text>
      )}
      {message && (
        <Text className="guests__hint" id="guest-message">
          {message}
        </Text>
      )}
    </View>
  )
}
