/**
 * Where a minutes photo came from (issue 18 §4): taken with the camera in the app, or chosen from the
 * album (which may hold a picture of another day). The client says which (WeChat `chooseMedia` is
 * asked for one `sourceType` at a time); the server stamps its arrival. A photo is flagged when it
 * came from the album, when its source is unknown (an older client), or when it arrived long after
 * the meeting ended. Pure.
 */

export type PhotoSource = 'camera' | 'album'

export const PHOTO_SOURCES = ['camera', 'album'] as const satisfies readonly PhotoSource[]

export const PHOTO_SOURCE_LABELS: Record<PhotoSource, string> = { camera: '现场拍摄', album: '相册选取' }

/** Rule data: a photo received more than this long after the meeting ended is flagged (exactly at it is not). */
export const PHOTO_LATE_AFTER_MS = 24 * 3_600_000

/**
 * The flag of a photo for the record, or '' when none: '相册选取', '来源未知', and/or
 * '会后 N 天收到' (N rounded up) when `receivedAt` is more than `lateAfterMs` after `meetingEndAt`
 * (epoch ms); several are joined with '，'.
 */
export function photoFlag(
  source: PhotoSource | null | undefined,
  meetingEndAt: number,
  receivedAt: number,
  lateAfterMs: number = PHOTO_LATE_AFTER_MS,
): string {
  const flags: string[] = []
  if (source === 'album') flags.push(PHOTO_SOURCE_LABELS.album)
  else if (source !== 'camera') flags.push('来源未知')
  const after = receivedAt - meetingEndAt
  if (after > lateAfterMs) flags.push(`会后 ${Math.ceil(after / (24 * 3_600_000))} 天收到`)
  return flags.join('，')
}
