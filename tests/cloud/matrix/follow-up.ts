/** Matrix rows of the actions in src/domain/api/catalog-follow-up.ts. */
import type { FOLLOW_UP_ACTIONS } from '../../../src/domain/api/catalog-follow-up'
import { branchEditors, type MatrixRows } from './table'

export const FOLLOW_UP_ROWS: MatrixRows<keyof typeof FOLLOW_UP_ACTIONS> = {
  expected: {
    // As meeting.schedule: those who schedule are warned before saving.
    'meeting.checkSchedule': branchEditors,
    // Who has not read, and the reminder, are the organizers' (书记, 副书记, 组织委员) of the branch.
    'minutes.readers': branchEditors,
    'minutes.remindReaders': branchEditors,
  },
  // The sample meeting's minutes were kept on paper: allowed calls are refused by the handler (not final).
  samples: {
    'meeting.checkSchedule': (t) => ({
      branchId: t.org,
      kind: 'theme_day',
      title: '矩阵测试主题党日',
      date: '2026-12-04',
      startTime: '15:00',
      endTime: '17:00',
      place: '党员活动室',
      agenda: ['学习'],
    }),
    'minutes.readers': (t) => ({ meetingId: t.meetingId }),
    'minutes.remindReaders': (t) => ({ meetingId: t.meetingId }),
  },
}
