/**
 * A 流动党员 at a meeting is in contact (DESIGN.md §2): the latest confirmed attendance moves the
 * member page's and the registry's 最近联系 forward; an attendance the organizer has not confirmed yet
 * does not.
 */
import type { AttendanceDoc } from '../../src/cloud/documents'
import { MOBILE_B1, SECRETARY_B1, apiPerTest } from './api-fixture'

const api = apiPerTest()

function attendance(meetingId: string, signedAt: number, confirmed: boolean): AttendanceDoc & { _id: string } {
  return {
    _id: `${meetingId}.${MOBILE_B1}`,
    meetingId,
    branchId: 'org_b1',
    memberId: MOBILE_B1,
    mode: confirmed ? 'in_person' : 'remote',
    late: false,
    via: confirmed ? 'qr' : 'remote',
    signedAt,
    offline: false,
    manualReason: null,
    recordedBy: null,
    confirmed,
    receivedAt: signedAt,
    confirmedBy: null,
    confirmedAt: null,
  }
}

test('attendance counts as contact on the member page and in the registry; an unconfirmed one does not', async () => {
  const get = () => api.as(SECRETARY_B1).call('mobile.get', { memberId: MOBILE_B1 })
  const before = (await get()).profile!
  const now = api.clock.now
  // Make the stored contact old enough to matter, then attend a meeting today.
  await api.ports.store.update('mobile_profiles', MOBILE_B1, { lastContactAt: now - 100 * 86_400_000 }, before.version)
  const stale = (await get()).profile!
  // The seed's own meetings already count (this member attended one after the stored contact).
  expect(stale.daysSinceContact).toBeGreaterThan(30)
  expect(stale.state).not.toBe('normal')

  await api.ports.store.insert('attendance', attendance('mtg-remote-pending', now - 3_600_000, false))
  expect((await get()).profile!.daysSinceContact).toBe(stale.daysSinceContact)

  await api.ports.store.insert('attendance', attendance('mtg-today', now - 7_200_000, true))
  const after = (await get()).profile!
  expect(after.lastContactAt).toBe(now - 7_200_000)
  expect(after.daysSinceContact).toBe(0)
  expect(after.state).toBe('normal')
  const list = await api.as(SECRETARY_B1).call('mobile.listBranch', { branchId: 'org_b1' })
  const row = list.rows.find((r) => r.memberId === MOBILE_B1)
  expect(row).toMatchObject({ lastContactAt: now - 7_200_000, daysSinceContact: 0 })
})
