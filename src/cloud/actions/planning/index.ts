/** Handlers of the actions declared in src/domain/api/catalog-planning.ts. */
import type { PLANNING_ACTIONS } from '../../../domain/api/catalog-planning'
import type { HandlersOf } from '../handler'
import { meetingCalendar } from './calendar'
import { messageListMine, messageMarkRead, messageNotReachedForMeeting, messageNotReachedInBranch } from './messages'
import { planGenerate, planGet, planPublish, planUpdate } from './plans'
import { rulesGet, rulesSetOverride } from './rules'

export const PLANNING_HANDLERS = {
  'rules.get': rulesGet,
  'rules.setOverride': rulesSetOverride,
  'plan.generate': planGenerate,
  'plan.get': planGet,
  'plan.update': planUpdate,
  'plan.publish': planPublish,
  'meeting.calendar': meetingCalendar,
  'message.listMine': messageListMine,
  'message.markRead': messageMarkRead,
  'message.notReachedForMeeting': messageNotReachedForMeeting,
  'message.notReachedInBranch': messageNotReachedInBranch,
} satisfies HandlersOf<typeof PLANNING_ACTIONS>
