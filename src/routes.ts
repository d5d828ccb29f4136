/** Page paths, in one place so a moved page breaks the build, not a tap. */
export const PAGES = {
  home: '/pages/index/index',
  meetings: '/pages/meetings/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  meetingDetail: '/packages/meeting/pages/detail/index',
  meetingSchedule: '/packages/meeting/pages/schedule/index',
  rosterList: '/packages/roster/pages/list/index',
  memberDetail: '/packages/roster/pages/member/index',
  memberEdit: '/packages/roster/pages/edit/index',
  memberInvite: '/packages/roster/pages/invite/index',
  bind: '/packages/roster/pages/bind/index',
  rosterImport: '/packages/roster/pages/import/index',
  orgs: '/packages/roster/pages/orgs/index',
} as const
