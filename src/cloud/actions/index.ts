/**
 * The handler of every declared action, collected from the modules that implement them
 * (`implement(decl, handler)`). `satisfies HandlerMap` makes the build fail when an action is
 * declared without a handler, or a handler's types drift from its declaration.
 */
import { ATTENDANCE_HANDLERS } from './attendance'
import * as binding from './binding'
import * as compliance from './compliance'
import { DUES_HANDLERS } from './dues'
import { handlersIn, type HandlerMap } from './handler'
import * as heartTalks from './heart-talks'
import * as home from './home'
import * as meetingChanges from './meeting-changes'
import * as memberStates from './member-states'
import * as meetings from './meetings'
import { MINUTES_HANDLERS } from './minutes'
import { MOBILE_HANDLERS } from './mobile'
import * as org from './org'
import { ORGLIFE_HANDLERS } from './orglife'
import { PLANNING_HANDLERS } from './planning'
import * as roster from './roster'
import * as readFollowUp from './minutes/read-follow-up'
import * as scheduleCheck from './schedule-check'
import * as rosterImport from './roster-import'
import * as session from './session'
import { SUPERVISION_HANDLERS } from './supervision'
import * as system from './system'
import { WEBLOGIN_HANDLERS } from './weblogin'

export const HANDLERS = {
  ...handlersIn(system, session, meetings, meetingChanges, org, compliance, roster, binding, rosterImport),
  ...handlersIn(memberStates, heartTalks, home),
  ...handlersIn(scheduleCheck, readFollowUp),
  ...PLANNING_HANDLERS,
  ...ATTENDANCE_HANDLERS,
  ...MINUTES_HANDLERS,
  ...MOBILE_HANDLERS,
  ...ORGLIFE_HANDLERS,
  ...SUPERVISION_HANDLERS,
  ...WEBLOGIN_HANDLERS,
  ...DUES_HANDLERS,
} satisfies HandlerMap
