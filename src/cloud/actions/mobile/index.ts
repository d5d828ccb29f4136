/** Handlers of the actions declared in src/domain/api/catalog-mobile.ts. */
import type { MOBILE_ACTIONS } from '../../../domain/api/catalog-mobile'
import type { HandlersOf } from '../handler'
import { mobileCheckIn } from './checkins'
import { makeupAccept, makeupGet, makeupSubmit } from './makeups'
import {
  mobileGet,
  mobileGetMine,
  mobileListBranch,
  mobileRecordContact,
  mobileRules,
  mobileSetCadence,
  mobileSetThresholds,
  mobileUpdateProfile,
} from './profiles'
import { mobileReportGet, mobileReportMarkRead, mobileReportSubmit } from './reports'

export const MOBILE_HANDLERS = {
  'mobile.getMine': mobileGetMine,
  'mobile.checkIn': mobileCheckIn,
  'mobile.reportSubmit': mobileReportSubmit,
  'mobile.reportGet': mobileReportGet,
  'mobile.listBranch': mobileListBranch,
  'mobile.get': mobileGet,
  'mobile.updateProfile': mobileUpdateProfile,
  'mobile.recordContact': mobileRecordContact,
  'mobile.reportMarkRead': mobileReportMarkRead,
  'mobile.rules': mobileRules,
  'mobile.setCadence': mobileSetCadence,
  'mobile.setThresholds': mobileSetThresholds,
  'makeup.get': makeupGet,
  'makeup.submit': makeupSubmit,
  'makeup.accept': makeupAccept,
} satisfies HandlersOf<typeof MOBILE_ACTIONS>
