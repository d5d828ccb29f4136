/**
 * The 阅签 follow-up (issue 20 §5): for final minutes, who of the participants has confirmed and who
 * has not, and a reminder to those who have not — the `minutes.final` notice again ("请阅读后阅签"),
 * under the id `<meeting>.<member>.minutes.read-reminder`, so each person is reminded once per record
 * however often the organizer taps (notify stores the id once and sends nothing for a duplicate).
 */
import { implement } from '../handler'
import {
  minutesReaders as minutesReadersDecl,
  minutesRemindReaders as minutesRemindReadersDecl,
} from '../../../domain/api/catalog-follow-up'
import type { ReadFollowUp, ReaderRow } from '../../../domain/api/views-follow-up'
import { AppError } from '../../../domain/errors'
import type { MeetingDoc } from '../../collections'
import { listedLabels } from '../../listed-labels'
import { meetingFields, notify } from '../../notices'
import { eq, type StorePort, type Stored } from '../../ports/store'
import { membersByIds, readAll } from '../roster-reads'

/** The one 阅签 reminder a participant gets for a record. */
export function readReminderId(meetingId: string, memberId: string): string {
  return `${meetingId}.${memberId}.minutes.read-reminder`
}

async function finalMeeting(store: StorePort, meetingId: string): Promise<Stored<MeetingDoc>> {
  const meeting = await store.get('meetings', meetingId)
  if (!meeting) throw new AppError('NOT_FOUND')
  const doc = await store.get('minutes', meetingId)
  if (doc?.status !== 'final') {
    throw new AppError('CONFLICT', '会议记录还没有定稿，定稿后参会党员才能阅签；请先完成并定稿会议记录。')
  }
  return meeting
}

/** Who of `meeting`'s participants has confirmed its minutes and who has been reminded. */
async function followUpOf(store: StorePort, meeting: Stored<MeetingDoc>): Promise<ReadFollowUp> {
  const ids = meeting.participantIds
  const [reads, people] = await Promise.all([
    readAll(store, 'minutes_reads', [eq('meetingId', meeting._id)], 'at', Math.max(ids.length, 1) * 2),
    membersByIds(store, ids),
  ])
  const labels = await listedLabels(store, ids, new Map(people.map((p) => [p._id, p])), meeting.branchId)
  const readAt = new Map(reads.map((r) => [r.memberId, r.at]))
  const rows: ReaderRow[] = await Promise.all(
    ids.map(async (memberId) => ({
      memberId,
      name: labels.get(memberId) ?? '（已离开本支部）',
      readAt: readAt.get(memberId) ?? null,
      remindedAt: readAt.has(memberId)
        ? null
        : ((await store.get('notifications', readReminderId(meeting._id, memberId)))?.createdAt ?? null),
    })),
  )
  const unread = rows.filter((r) => r.readAt === null)
  return {
    meetingId: meeting._id,
    title: meeting.title,
    startAt: meeting.startAt,
    unread,
    read: rows.filter((r) => r.readAt !== null).sort((a, b) => a.readAt! - b.readAt!),
    remindable: unread.filter((r) => r.remindedAt === null).length,
  }
}

export const minutesReaders = implement(minutesReadersDecl, async (ctx, input) => {
  return followUpOf(ctx.ports.store, await finalMeeting(ctx.ports.store, input.meetingId))
})

export const minutesRemindReaders = implement(minutesRemindReadersDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const meeting = await finalMeeting(store, input.meetingId)
  const before = await followUpOf(store, meeting)
  let sent = 0
  let alreadyReminded = 0
  for (const row of before.unread) {
    const fresh = await notify(
      ctx.ports,
      {
        id: readReminderId(meeting._id, row.memberId),
        memberId: row.memberId,
        branchId: meeting.branchId,
        topic: 'minutes.final',
        fields: meetingFields(meeting),
      },
      ctx.now,
    )
    if (fresh) sent += 1
    else alreadyReminded += 1
  }
  return { sent, alreadyReminded, followUp: await followUpOf(store, meeting) }
})
