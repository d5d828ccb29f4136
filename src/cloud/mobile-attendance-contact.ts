/**
 * A 流动党员's attendance counts as contact (DESIGN.md §2): the registry's last contact is read
 * together with the member's latest confirmed attendance, so a member recorded 出席 today is not shown
 * 100 天未联系 on their page or in the registry.
 */
import type { AttendanceDoc, ProfileDoc } from './documents'
import { lastContactWith } from '../domain/mobile'
import { eq, type Stored, type StorePort } from './ports/store'

/** Epoch ms of the member's latest attendance that counts (confirmed), or null when there is none. */
export async function latestAttendanceAt(store: StorePort, memberId: string): Promise<number | null> {
  const page = await store.query<AttendanceDoc>('attendance', {
    where: [eq('memberId', memberId)],
    orderBy: { field: 'signedAt', direction: 'desc' },
    limit: 20,
  })
  const counted = page.items.find((r) => r.confirmed !== false)
  return counted ? counted.signedAt : null
}

/**
 * The profile with `lastContactAt` moved forward to the member's latest confirmed attendance (never
 * back). Returns a copy; the stored profile is not changed (ids derived from the stored last contact,
 * such as a stop proposal's, stay as they are).
 */
export async function withAttendanceContact(
  store: StorePort,
  profile: Stored<ProfileDoc>,
): Promise<Stored<ProfileDoc>> {
  const at = await latestAttendanceAt(store, profile.memberId)
  const lastContactAt = lastContactWith(profile.lastContactAt, at)
  return lastContactAt === profile.lastContactAt ? profile : { ...profile, lastContactAt }
}
