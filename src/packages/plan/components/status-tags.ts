/** Tag colours of the planning pages' statuses; a period's are 首页's compliance colours. */
import type { CalendarMeetingStatus } from '../../../domain/api/views-planning'

export { STATUS_TAG as PERIOD_TAG } from '../../../components/compliance-list'

export type TagType = 'success' | 'primary' | 'default' | 'danger' | 'warning'

export const MEETING_TAG: Record<CalendarMeetingStatus, TagType> = {
  upcoming: 'primary',
  ongoing: 'warning',
  ended: 'default',
  cancelled: 'default',
}
