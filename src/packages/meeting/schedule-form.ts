/**
 * The schedule form's state, its defaults and its check against the very schema the server
 * validates with (the declaration of `meeting.schedule`), so a form filled offline is checked
 * the same way before it is sent.
 */
import { meetingSchedule } from '../../domain/api/catalog'
import type { InputOf } from '../../domain/api/define'
import { beijing } from '../../domain/beijing-time'
import { describeIssues, type FieldProblem } from '../../domain/errors'
import { kindRule, MEETING_KINDS, type MeetingKind } from '../../domain/meeting-kinds'

export type ScheduleInput = InputOf<typeof meetingSchedule>

export interface ScheduleForm {
  kind: MeetingKind
  title: string
  date: string
  startTime: string
  endTime: string
  place: string
  agenda: string[]
  groupId: string | null
}

/** Kinds scheduled from this form; 谈心谈话 is recorded between two people, not scheduled here. */
export const SCHEDULABLE_KINDS = MEETING_KINDS.filter((k) => kindRule(k).audience !== 'pair')

export function defaultForm(now: number): ScheduleForm {
  return {
    kind: 'theme_day',
    title: '',
    date: beijing(now).add(7, 'day').format('YYYY-MM-DD'),
    startTime: '15:00',
    endTime: '17:00',
    place: '',
    agenda: [''],
    groupId: null,
  }
}

export function toInput(form: ScheduleForm): ScheduleInput {
  const needsGroup = kindRule(form.kind).audience === 'group'
  return {
    kind: form.kind,
    title: form.title,
    date: form.date,
    startTime: form.startTime,
    endTime: form.endTime,
    place: form.place,
    // Blank lines are the empty slots the form offers, not agenda items.
    agenda: form.agenda.filter((a) => a.trim() !== ''),
    ...(needsGroup ? { groupId: form.groupId ?? '' } : {}),
  }
}

export interface FormCheck {
  ok: boolean
  fields: FieldProblem[]
  summary: string
}

export function checkForm(form: ScheduleForm): FormCheck {
  const parsed = meetingSchedule.input.safeParse(toInput(form))
  if (parsed.success) return { ok: true, fields: [], summary: '' }
  return { ok: false, ...describeIssues(parsed.error.issues) }
}
