/** Page paths, in one place so a moved page breaks the build, not a tap. */
export const PAGES = {
  home: '/pages/index/index',
  meetings: '/pages/meetings/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  meetingDetail: '/packages/meeting/pages/detail/index',
  meetingSchedule: '/packages/meeting/pages/schedule/index',
} as const
