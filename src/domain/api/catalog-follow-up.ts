/**
 * Actions of issue 20 §4–5: warnings before a meeting is scheduled (the same people at the same
 * time, a kind's quota already met in its period) and the 阅签 follow-up — who has and has not
 * read final minutes, and one reminder per person per record. Merged into ACTIONS in catalog.ts.
 */
import { z } from 'zod'
import { MEETING_ORGANIZER_ROLES } from '../org'
import { catalogOf, defineAction, onMeetingRecord, shape } from './define'
import { idField } from './fields'
import { meetingSchedule } from './catalog-meetings'
import type { ScheduleCheck, ReadFollowUp, ReadReminderResult } from './views-follow-up'

export const meetingCheckSchedule = defineAction({
  name: 'meeting.checkSchedule',
  summary:
    '安排或改期前的提醒：同一批人同一时间已有别的会议，或本期这类会议已经安排或召开够了次数（如一个月第二次主题党日）；只提醒不拦截，由组织者决定是否继续。改期时带上 meetingId，不与它自己比较',
  input: () => meetingSchedule.input.safeExtend({ meetingId: idField('会议编号').optional() }),
  output: shape<ScheduleCheck>(),
  write: false,
  access: meetingSchedule.access,
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  preconditions: meetingSchedule.preconditions,
})

const meetingInput = z.object({ meetingId: idField('会议编号') }).strict()

export const minutesReaders = defineAction({
  name: 'minutes.readers',
  summary: '阅签情况：定稿的会议记录，应阅签的参会党员中谁已阅签（何时）、谁还没有，以及是否已提醒过',
  input: () => meetingInput,
  output: shape<ReadFollowUp>(),
  write: false,
  access: onMeetingRecord(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['CONFLICT', 'NOT_FOUND'],
})

export const minutesRemindReaders = defineAction({
  name: 'minutes.remindReaders',
  summary:
    '提醒未阅签的参会党员阅签：每人每份记录只发一次通知，再点不会重复发送，返回这次发出的人数和此前已提醒过的人数',
  input: () => meetingInput,
  output: shape<ReadReminderResult>(),
  write: true,
  access: onMeetingRecord(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['CONFLICT', 'NOT_FOUND'],
})

export const FOLLOW_UP_ACTIONS = catalogOf(meetingCheckSchedule, minutesReaders, minutesRemindReaders)
