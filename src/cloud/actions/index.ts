/**
 * The handler of every declared action. `satisfies HandlerMap` makes the build fail when an
 * action is declared without a handler, or a handler's types drift from its declaration.
 */
import { bindingBind, bindingUnbind, inviteCreate, invitePreview } from './binding'
import { meetingGet, meetingListBranch, meetingListMine, meetingSchedule } from './meetings'
import { complianceSummary } from './compliance'
import { meetingCancel, meetingEdit, meetingReschedule } from './meeting-changes'
import { orgListGroups, orgSubtree } from './org'
import { rosterCreate, rosterGet, rosterList, rosterUpdate } from './roster'
import { rosterExport, rosterImportCommit, rosterImportPreview } from './roster-import'
import { sessionDevAccounts, sessionDevLogin, sessionDevNewUser, sessionWhoami } from './session'
import { systemHealth } from './system'
import { ATTENDANCE_HANDLERS } from './attendance'
import { MINUTES_HANDLERS } from './minutes'
import { MOBILE_HANDLERS } from './mobile'
import { PLANNING_HANDLERS } from './planning'
import type { HandlerMap } from './handler'

export const HANDLERS = {
  'system.health': systemHealth,
  'session.devAccounts': sessionDevAccounts,
  'session.devLogin': sessionDevLogin,
  'session.whoami': sessionWhoami,
  'meeting.schedule': meetingSchedule,
  'meeting.listMine': meetingListMine,
  'meeting.listBranch': meetingListBranch,
  'meeting.get': meetingGet,
  'meeting.edit': meetingEdit,
  'meeting.reschedule': meetingReschedule,
  'meeting.cancel': meetingCancel,
  'org.listGroups': orgListGroups,
  'org.subtree': orgSubtree,
  'compliance.summary': complianceSummary,
  'session.devNewUser': sessionDevNewUser,
  'roster.list': rosterList,
  'roster.get': rosterGet,
  'roster.create': rosterCreate,
  'roster.update': rosterUpdate,
  'invite.create': inviteCreate,
  'invite.preview': invitePreview,
  'binding.bind': bindingBind,
  'binding.unbind': bindingUnbind,
  'roster.importPreview': rosterImportPreview,
  'roster.importCommit': rosterImportCommit,
  'roster.export': rosterExport,
  ...PLANNING_HANDLERS,
  ...ATTENDANCE_HANDLERS,
  ...MINUTES_HANDLERS,
  ...MOBILE_HANDLERS,
} satisfies HandlerMap
