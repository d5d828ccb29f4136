/**
 * The device's position and the ways to fix not having it. A failure is classified by
 * domain/location-failure.ts (with the phone's switches read from WeChat right after it) and thrown
 * as a LocationError carrying the Chinese advice and the fix its button performs.
 */
import Taro from '@tarojs/taro'
import {
  adviseLocationFailure,
  classifyLocationFailure,
  type LocationAdvice,
  type LocationFix,
  type LocationSettings,
  type LocationUse,
} from '../domain/location-failure'
import { ApiCallError } from './api'

const platform = (): 'weapp' | 'h5' => (process.env.TARO_ENV === 'weapp' ? 'weapp' : 'h5')

/**
 * A position that could not be had. An ApiCallError (`VALIDATION_FAILED`), so pages that only show
 * `errorMessage(err)` still show the specific advice.
 */
export class LocationError extends ApiCallError {
  constructor(readonly advice: LocationAdvice) {
    super('VALIDATION_FAILED', advice.message)
  }
}

export interface Position {
  /** WGS-84 degrees. */
  lat: number
  lng: number
}

/** The phone's location switches as WeChat reports them; empty in a browser or an old client. */
function readSettings(): LocationSettings {
  if (platform() !== 'weapp') return {}
  const out: LocationSettings = {}
  try {
    const system = Taro.getSystemSetting?.()
    if (typeof system?.locationEnabled === 'boolean') out.locationEnabled = system.locationEnabled
  } catch {
    // Base library below 2.20.1: no switches to read.
  }
  try {
    const app = Taro.getAppAuthorizeSetting?.()
    const authorized = app?.locationAuthorized as LocationSettings['locationAuthorized'] | undefined
    if (authorized) out.locationAuthorized = authorized
  } catch {
    // As above.
  }
  return out
}

/** The advice for a failed location call, with the phone's switches taken into account. */
export function adviceFor(err: unknown, use: LocationUse): LocationAdvice {
  const errMsg = typeof (err as { errMsg?: unknown })?.errMsg === 'string' ? (err as { errMsg: string }).errMsg : ''
  return adviseLocationFailure(classifyLocationFailure(err, readSettings()), platform(), use, errMsg)
}

/**
 * The member's position in WGS-84: the one coordinate system both WeChat and the browser offer, so
 * a place set on one platform is measured the same on the other (GCJ-02 would be ~500 m off).
 *
 * @param use what the position is for (shapes the advice on failure).
 * @throws LocationError with the advice when there is no position.
 */
export async function currentPosition(use: LocationUse): Promise<Position> {
  try {
    const r = await Taro.getLocation({ type: 'wgs84', isHighAccuracy: true })
    return { lat: r.latitude, lng: r.longitude }
  } catch (err) {
    throw new LocationError(adviceFor(err, use))
  }
}

export interface ChosenPlace {
  name: string
  address: string
}

/**
 * A place the person picks on WeChat's map (`chooseLocation`).
 *
 * @returns the place, or null when the map was closed without choosing.
 * @throws LocationError with the advice for any other failure.
 */
export async function choosePlace(): Promise<ChosenPlace | null> {
  try {
    const r = await Taro.chooseLocation({})
    return r.name || r.address ? { name: r.name ?? '', address: r.address ?? '' } : null
  } catch (err) {
    const advice = adviceFor(err, 'check_in')
    if (advice.kind === 'cancelled') return null
    throw new LocationError(advice)
  }
}

/**
 * Performs the fix a location message offers.
 *
 * @returns true when the person can try again right away (the permission is now granted, or the
 *   privacy guide agreed); false when they still have something to do elsewhere (the phone's
 *   settings) or declined.
 */
export async function applyLocationFix(fix: LocationFix): Promise<boolean> {
  try {
    switch (fix) {
      case 'open_setting': {
        const r = await Taro.openSetting()
        return r.authSetting?.['scope.userLocation'] === true
      }
      case 'open_app_authorize_setting':
        await Taro.openAppAuthorizeSetting({})
        return false
      case 'agree_privacy':
        await new Promise<void>((resolve, reject) =>
          Taro.requirePrivacyAuthorize({ success: () => resolve(), fail: (e) => reject(e) }),
        )
        return true
      case 'retry':
        return true
      case 'none':
        return false
    }
  } catch {
    return false
  }
}
