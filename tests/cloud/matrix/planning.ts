/** Matrix rows of the actions in src/domain/api/catalog-planning.ts. */
import type { PLANNING_ACTIONS } from '../../../src/domain/api/catalog-planning'
import { branchEditors, everyone, withinReach, type MatrixRows, type Rule } from './table'

/** The 党委's 组织员 on its own org and below it; a branch's call on a branch is refused by the handler. */
const supervisorInReach: Rule = (role, cell) => role === 'supervisor' && cell !== 'other'

export const PLANNING_ROWS: MatrixRows<keyof typeof PLANNING_ACTIONS> = {
  expected: {
    'rules.get': withinReach,
    'rules.setOverride': supervisorInReach,
    'rules.setMinutesDue': supervisorInReach,
    'rules.setAtRiskDays': supervisorInReach,
    'plan.generate': branchEditors,
    'plan.get': withinReach,
    'plan.update': branchEditors,
    'plan.publish': branchEditors,
    'plan.export': withinReach,
    'meeting.calendar': withinReach,
    'message.listMine': everyone,
    'message.unreadCount': everyone,
    'message.markRead': everyone,
    'message.notReachedForMeeting': branchEditors,
    'message.notReachedInBranch': branchEditors,
  },
  samples: {
    'rules.get': (t) => ({ orgId: t.org }),
    // The national defaults restated: an allowed call changes no rule and rebuilds nothing.
    'rules.setOverride': (t) => ({ orgId: t.org, overrides: [{ kind: 'party_lecture', period: 'quarter' }] }),
    // The default restated (3 days): an allowed call moves no deadline.
    'rules.setMinutesDue': (t) => ({ orgId: t.org, days: 3 }),
    // The defaults restated: an allowed call moves no warning.
    'rules.setAtRiskDays': (t) => ({ orgId: t.org, atRiskDays: { month: 7, quarter: 15, half: 15, year: 30 } }),
    'plan.generate': (t) => ({ branchId: t.org, year: 2028 }),
    'plan.get': (t) => ({ branchId: t.org, year: 2028 }),
    // Another year, never generated: an allowed call is answered NOT_FOUND by the handler and writes nothing.
    'plan.update': (t) => ({
      branchId: t.org,
      year: 2029,
      version: 1,
      items: [
        {
          kind: 'theme_day',
          date: '2029-01-05',
          startTime: '15:00',
          endTime: '17:00',
          title: '主题党日',
          place: '活动室',
        },
      ],
    }),
    'plan.publish': (t) => ({ branchId: t.org, year: 2029, version: 1 }),
    // A year never published: an allowed call is answered NOT_FOUND by the handler.
    'plan.export': (t) => ({ branchId: t.org, year: 2029, format: 'xlsx' }),
    'meeting.calendar': (t) => ({ branchId: t.org, month: '2026-11' }),
    'message.listMine': () => ({ limit: 1 }),
    'message.unreadCount': () => ({}),
    'message.markRead': () => ({ all: true }),
    'message.notReachedForMeeting': (t) => ({ meetingId: t.meetingId }),
    'message.notReachedInBranch': (t) => ({ branchId: t.org }),
  },
}
