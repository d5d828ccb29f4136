/** Handlers of the actions declared in src/domain/api/catalog-mobile.ts. */
import { MOBILE_ACTIONS } from '../../../domain/api/catalog-mobile'
import { handlersIn, type HandlersOf } from '../handler'
import * as checkins from './checkins'
import * as lostContact from './lost-contact'
import * as makeups from './makeups'
import * as profiles from './profiles'
import * as reports from './reports'

export const MOBILE_HANDLERS = handlersIn(checkins, lostContact, makeups, profiles, reports) satisfies HandlersOf<
  typeof MOBILE_ACTIONS
>
