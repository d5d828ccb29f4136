/**
 * Editing, rescheduling and cancelling a meeting. Each change is conditional on the version the
 * organizer saw, refused once the meeting has started (ended, for a cancellation), kept in the
 * meeting's history in the same transaction, and announced to the participants.
 */
import type { MeetingDoc } from '../collections'
import { implement } from './handler'
import { fromBeijing, formatSpan } from '../../domain/beijing-time'
import {
  meetingCancel as meetingCancelDecl,
  meetingEdit as meetingEditDecl,
  meetingReschedule as meetingRescheduleDecl,
} from '../../domain/api/catalog'
import type { MeetingDetail } from '../../domain/api/views'
import { AppError } from '../../domain/errors'
import { changeRefusal, type MeetingChange } from '../../domain/meeting'
import type { MemberContext } from '../action-context'
import { rulesFor, updateCounters } from '../compliance-counters'
import { meetingFields, notify } from '../notices'
import { StoreConflict, type Stored } from '../ports/store'
import { detailOf } from './meetings'
import { membersByIds } from './roster-reads'

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${message}。`, [{ field, message }])
}

/** Applies `patch` and records `change`, atomically; refuses stale versions and closed meetings. */
async function change(
  ctx: MemberContext,
  input: { meetingId: string; version: number },
  kind: MeetingChange['change'],
  patch: (m: Stored<MeetingDoc>) => { patch: Partial<MeetingDoc>; summary: string[]; reason: string | null },
): Promise<{ before: Stored<MeetingDoc>; after: Stored<MeetingDoc> }> {
  const { store } = ctx.ports
  const rules = await rulesFor(store, ctx.target.org)
  const result = await store.transaction(async (tx) => {
    const before = await tx.get('meetings', input.meetingId)
    if (!before) throw new AppError('NOT_FOUND')
    if (before._version !== input.version) throw new StoreConflict('version', 'meetings', before._id)
    const refusal = changeRefusal(before, kind, ctx.now)
    if (refusal) throw new AppError('CONFLICT', `${refusal}。`)
    const { patch: p, summary, reason } = patch(before)
    if (summary.length === 0) return { before, after: before, unchanged: true }
    const after = await tx.update('meetings', before._id, { ...p, updatedAt: ctx.now }, before._version)
    await updateCounters(tx, rules, before, after)
    await tx.insert('meeting_history', {
      _id: ctx.newId('mch'),
      meetingId: before._id,
      branchId: before.branchId,
      change: kind,
      summary,
      reason,
      by: ctx.actor.memberId,
      at: ctx.now,
    })
    return { before, after, unchanged: false }
  })
  if (!result.unchanged) await announce(ctx, result.after, kind, result.after._version)
  return result
}

async function announce(ctx: MemberContext, m: Stored<MeetingDoc>, kind: MeetingChange['change'], version: number) {
  for (const memberId of m.participantIds) {
    const request = {
      // One notice per participant per version: a replayed change does not notify twice.
      id: `${m._id}.${memberId}.${kind}.${version}`,
      memberId,
      branchId: m.branchId,
    }
    if (kind === 'cancelled') {
      await notify(
        ctx.ports,
        { ...request, topic: 'meeting.cancelled', fields: { ...meetingFields(m), reason: m.cancelReason ?? '' } },
        ctx.now,
      )
    } else {
      const topic = kind === 'edited' ? 'meeting.edited' : 'meeting.rescheduled'
      await notify(ctx.ports, { ...request, topic, fields: meetingFields(m) }, ctx.now)
    }
  }
}

async function detail(ctx: MemberContext, m: Stored<MeetingDoc>): Promise<MeetingDetail> {
  const branch = (await ctx.ports.store.get('orgs', m.branchId))!
  return detailOf(ctx, m, branch, await membersByIds(ctx.ports.store, m.participantIds))
}

export const meetingEdit = implement(meetingEditDecl, async (ctx, input) => {
  const { after } = await change(ctx, input, 'edited', (m) => {
    const summary: string[] = []
    if (m.title !== input.title) summary.push(`主题：${m.title} → ${input.title}`)
    if (m.place !== input.place) summary.push(`地点：${m.place} → ${input.place}`)
    if (JSON.stringify(m.agenda) !== JSON.stringify(input.agenda)) summary.push(`议程：改为 ${input.agenda.length} 项`)
    return {
      patch: { title: input.title, place: input.place, agenda: input.agenda },
      summary,
      reason: input.reason ?? null,
    }
  })
  return detail(ctx, after)
})

export const meetingReschedule = implement(meetingRescheduleDecl, async (ctx, input) => {
  const startAt = fromBeijing(input.date, input.startTime)
  const endAt = fromBeijing(input.date, input.endTime)
  if (Number.isNaN(startAt) || Number.isNaN(endAt)) throw invalid('date', '这一天不存在，请重新选择日期')
  if (startAt <= ctx.now) throw invalid('startTime', '改期后的开始时间必须在现在之后')
  const { after } = await change(ctx, input, 'rescheduled', (m) => ({
    patch: { startAt, endAt },
    summary:
      m.startAt === startAt && m.endAt === endAt
        ? []
        : [`时间：${formatSpan(m.startAt, m.endAt)} → ${formatSpan(startAt, endAt)}`],
    reason: input.reason,
  }))
  return detail(ctx, after)
})

export const meetingCancel = implement(meetingCancelDecl, async (ctx, input) => {
  const { after } = await change(ctx, input, 'cancelled', () => ({
    patch: { status: 'cancelled', cancelReason: input.reason, cancelledBy: ctx.actor.memberId, cancelledAt: ctx.now },
    summary: ['会议取消'],
    reason: input.reason,
  }))
  return detail(ctx, after)
})
