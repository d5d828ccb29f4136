/**
 * 邀请列席 (organizers): find someone in the roster who is not expected at this meeting and invite
 * them to attend without a vote. They are told by a notice; 列席 never counts in 应到 or quorum. A
 * member of another branch joins only once they (or the 党委) accept: until then only a count shows.
 * The search covers the own branch by any part of a name or phone, and the 党委's other branches by
 * exact full name or full phone (attendance.guestCandidates), showing only name and branch.
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { TextInput } from '../../../components/form-fields'
import { Button } from '../../../components/nut'
import type { GuestCandidate, GuestCandidatesView } from '../../../domain/api/views-attendance'
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
  const [rows, setRows] = useState<GuestCandidate[] | null>(null)
  const [found, setFound] = useState<Pick<GuestCandidatesView, 'searchedCommittee' | 'alreadyListed'> | null>(null)
  const [searched, setSearched] = useState('')
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
      const term = search.trim()
      const page = await call('attendance.guestCandidates', { meetingId, search: term })
      setSearched(term)
      setFound({ searchedCommittee: page.searchedCommittee, alreadyListed: page.alreadyListed })
      setRows(page.items.filter((m) => !onTheList.includes(m.id)))
    } catch (err) {
      setNote(errorMessage(err))
    }
  }

  const invite = async (m: GuestCandidate) => {
    setNote('')
    const outcome = await write.run({ meetingId, memberIds: [m.id] })
    if (outcome.status !== 'done') return
    setRows((r) => r?.filter((x) => x.id !== m.id) ?? null)
    setPendingNow(outcome.data.pendingGuests)
    const listed = outcome.data.guests.some((g) => g.id === m.id)
    setNote(
      listed ? `已邀请 ${m.label} 列席` : '已发出列席邀请：对方不是本支部党员，本人同意（或党委同意）后才列入列席名单',
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
      {rows && rows.length === 0 && found && (
        <Text className="guests__hint" id="guest-none">
          {nothingFound(searched, found)}
        </Text>
      )}
      {rows?.map((m) => (
        <View key={m.id} className="guests__row">
          <Text>
            {m.label}
            {m.waitsForAcceptance ? `（${m.branchName}，须本人或党委同意）` : ''}
          </Text>
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

/**
 * What an empty search result says: what was searched (the own branch by part of a name or phone,
 * the 党委's other branches by full name or full phone) and what to try next.
 */
function nothingFound(term: string, found: Pick<GuestCandidatesView, 'searchedCommittee' | 'alreadyListed'>): string {
  const listed = found.alreadyListed > 0 ? `找到的 ${found.alreadyListed} 人已在参会或列席名单中（或已邀请）。` : ''
  if (!term)
    return `本支部没有可邀请的人：${listed || '本支部成员都已在参会名单中。'}要邀请其他支部的党员，请输入其完整姓名或完整手机号再查找。`
  const where = found.searchedCommittee
    ? `已在本支部（按姓名或手机号的一部分）和本党委其他支部（按完整姓名或完整手机号）中查找“${term}”`
    : `已在本支部中查找“${term}”`
  return `${where}，没有可邀请的人。${listed}请核对姓名或手机号；其他支部的党员须输入完整姓名或完整的 11 位手机号。`
}
