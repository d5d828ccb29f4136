/**
 * `meeting.checkSchedule`: before 安排会议 saves, the warnings of src/domain/schedule-conflicts.ts for
 * the meeting as typed — the same participants `meeting.schedule` would derive, against the branch's
 * meetings around that time and in the kind's period (the period by the rules in force for the
 * branch). With `meetingId` (改期) that meeting is left out of the comparison. Reads only; a form that
 * `meeting.schedule` would refuse gets no warnings (the save says why).
 */
import { implement } from './handler'
import { meetingCheckSchedule as meetingCheckScheduleDecl } from '../../domain/api/catalog-follow-up'
import { fromBeijing } from '../../domain/beijing-time'
import { deriveParticipants } from '../../domain/meeting'
import { kindRule } from '../../domain/meeting-kinds'
import { periodSpan } from '../../domain/periods'
import { scheduleWarnings, type CalendarMeeting } from '../../domain/schedule-conflicts'
import { rulesFor } from '../compliance-counters'
import { listedLabels } from '../listed-labels'
import { eq } from '../ports/store'
import { membersOf, orgOfKind, readAll } from './roster-reads'

/** The longest meeting compared: one that started this long before the planned one may still run. */
const LONGEST_MEETING_MS = 24 * 3600 * 1000
/** A branch's meetings in one period and day are few; the cap only guards against broken data. */
const MAX_COMPARED = 2000

export const meetingCheckSchedule = implement(meetingCheckScheduleDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const startAt = fromBeijing(input.date, input.startTime)
  const endAt = fromBeijing(input.date, input.endTime)
  if (Number.isNaN(startAt) || Number.isNaN(endAt)) return { warnings: [] }

  let groupId: string | null = null
  if (kindRule(input.kind).audience === 'group') {
    const group = input.groupId ? await orgOfKind(store, input.groupId, 'group') : null
    if (!group || group.parentId !== branch._id) return { warnings: [] }
    groupId = group._id
  }
  const members = await membersOf(store, branch._id)
  const participantIds = deriveParticipants(
    input.kind,
    members.map((m) => ({ ...m, id: m._id })),
    { groupId, pairIds: input.pairIds ?? undefined },
  )
  const rule = (await rulesFor(store, branch)).find((r) => r.kind === input.kind) ?? kindRule(input.kind)
  const span = periodSpan(startAt, rule.period)
  const from = Math.min(span.start, startAt - LONGEST_MEETING_MS)
  const to = Math.max(span.end, endAt)
  const around = await readAll(
    store,
    'meetings',
    [
      eq('branchId', branch._id),
      { field: 'startAt', op: 'gte', value: from },
      { field: 'startAt', op: 'lt', value: to },
    ],
    'startAt',
    MAX_COMPARED,
  )
  const calendar: CalendarMeeting[] = around.map((m) => ({
    id: m._id,
    kind: m.kind,
    title: m.title,
    groupId: m.groupId,
    startAt: m.startAt,
    endAt: m.endAt,
    participantIds: m.participantIds,
    status: m.status,
  }))
  const labels = await listedLabels(store, participantIds, new Map(members.map((m) => [m._id, m])), branch._id)
  return {
    warnings: scheduleWarnings(
      { id: input.meetingId, kind: input.kind, groupId, startAt, endAt, participantIds },
      calendar,
      rule,
      labels,
    ),
  }
})
