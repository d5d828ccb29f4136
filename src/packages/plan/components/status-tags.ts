/** Tag colours of the planning pages' statuses, matching 首页's compliance list. */
import type { CalendarMeetingStatus } from '../../../domain/api/views-planning'
import type { ComplianceStatus } from '../../../domain/compliance'

export type TagType = 'success' | 'primary' | 'default' | 'danger' | 'warning'

export const PERIOD_TAG: Record<ComplianceStatus, TagType> = {
  done: 'success',
  in_progress: 'primary',
  due: 'default',
  overdue: 'danger',
  missed: 'danger',
}

export const MEETING_TAG: Record<CalendarMeetingStatus, TagType> = {
  upcoming: 'primary',
  ongoing: 'warning',
  ended: 'default',
  cancelled: 'default',
}
