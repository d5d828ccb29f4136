/**
 * Every action the server offers, declared once (in the catalog-<area>.ts files). The router
 * validates and authorizes from these declarations; the client's `call()` takes its types from
 * them; docs/api.md is generated from them.
 */
import { ATTENDANCE_ACTIONS } from './catalog-attendance'
import { DUES_ACTIONS } from './catalog-dues'
import { FOLLOW_UP_ACTIONS } from './catalog-follow-up'
import { HEART_TALK_ACTIONS } from './catalog-heart-talks'
import { HOME_ACTIONS } from './catalog-home'
import { MEETING_ACTIONS } from './catalog-meetings'
import { MEMBER_STATE_ACTIONS } from './catalog-member-states'
import { MINUTES_ACTIONS } from './catalog-minutes'
import { MOBILE_ACTIONS } from './catalog-mobile'
import { ORGLIFE_ACTIONS } from './catalog-orglife'
import { PLANNING_ACTIONS } from './catalog-planning'
import { ROSTER_ACTIONS } from './catalog-roster'
import { SESSION_ACTIONS } from './catalog-session'
import { SUPERVISION_ACTIONS } from './catalog-supervision'
import { WEBLOGIN_ACTIONS } from './catalog-weblogin'

export * from './catalog-meetings'
export * from './catalog-roster'
export * from './catalog-session'

export const ACTIONS = {
  ...SESSION_ACTIONS,
  ...MEETING_ACTIONS,
  ...ROSTER_ACTIONS,
  ...MEMBER_STATE_ACTIONS,
  ...HEART_TALK_ACTIONS,
  ...HOME_ACTIONS,
  ...PLANNING_ACTIONS,
  ...ATTENDANCE_ACTIONS,
  ...MINUTES_ACTIONS,
  ...MOBILE_ACTIONS,
  ...ORGLIFE_ACTIONS,
  ...SUPERVISION_ACTIONS,
  ...WEBLOGIN_ACTIONS,
  ...DUES_ACTIONS,
  ...FOLLOW_UP_ACTIONS,
} as const

export type Actions = typeof ACTIONS
export type ActionName = keyof Actions
