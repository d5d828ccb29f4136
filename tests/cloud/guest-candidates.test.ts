/**
 * 邀请列席's search (tryout finding b): it searched only the own branch, so a member of another
 * branch of the 党委 could never be found and 列席审批 stayed empty. Now the other branches are
 * searched by exact full name or full phone, showing name and branch only; partial input finds no one
 * outside the branch, and people already on the list or invited are left out.
 */
import type { ActionName } from '../../src/domain/api/catalog'
import {
  MEMBER_B1,
  MEMBER_B2,
  SECRETARY_B1,
  apiPerTest,
  requestIds,
  scheduleInput,
  type In,
  type Out,
} from './api-fixture'

const api = apiPerTest()
const rid = requestIds('guest-candidates-test')

const ok = <N extends ActionName>(memberId: string, action: N, input: In<N>): Promise<Out<N>> =>
  api.as(memberId).call(action, input, rid())

async function personOf(memberId: string) {
  const m = (await api.ports.store.get<{ name: string; phone: string; orgId: string }>('members', memberId))!
  const org = (await api.ports.store.get<{ name: string }>('orgs', m.orgId))!
  return { ...m, branchName: org.name }
}

async function meetingOfB1() {
  return ok(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00', title: '列席查找' }),
  )
}

test('a member of another branch is found by full name or full phone, with name and branch only', async () => {
  const m = await meetingOfB1()
  const b2 = await personOf(MEMBER_B2)
  const byName = await ok(SECRETARY_B1, 'attendance.guestCandidates', { meetingId: m.id, search: b2.name })
  expect(byName.searchedCommittee).toBe(true)
  const hit = byName.items.find((x) => x.id === MEMBER_B2)
  expect(hit).toEqual({
    id: MEMBER_B2,
    name: b2.name,
    label: b2.name,
    branchName: b2.branchName,
    waitsForAcceptance: true,
  })
  // Nothing else about them: no phone anywhere in the answer.
  expect(JSON.stringify(byName)).not.toContain(b2.phone)

  const byPhone = await ok(SECRETARY_B1, 'attendance.guestCandidates', { meetingId: m.id, search: b2.phone })
  expect(byPhone.items.map((x) => x.id)).toEqual([MEMBER_B2])

  // Part of the name or phone finds no one outside the branch.
  const partPhone = await ok(SECRETARY_B1, 'attendance.guestCandidates', {
    meetingId: m.id,
    search: b2.phone.slice(0, 7),
  })
  expect(partPhone.items.map((x) => x.id)).not.toContain(MEMBER_B2)
  if (b2.name.length > 1) {
    const partName = await ok(SECRETARY_B1, 'attendance.guestCandidates', {
      meetingId: m.id,
      search: b2.name.slice(0, 1),
    })
    expect(partName.items.filter((x) => x.waitsForAcceptance)).toEqual([])
  }

  // Invited from there, they wait for acceptance as built; the search then leaves them out (counted).
  const invited = await ok(SECRETARY_B1, 'attendance.inviteGuests', { meetingId: m.id, memberIds: [MEMBER_B2] })
  expect(invited.pendingGuests).toBe(1)
  const again = await ok(SECRETARY_B1, 'attendance.guestCandidates', { meetingId: m.id, search: b2.name })
  expect(again.items.map((x) => x.id)).not.toContain(MEMBER_B2)
  expect(again.alreadyListed).toBeGreaterThanOrEqual(1)
})

test('the own branch is still found by part of a name, and joins at once', async () => {
  const m = await meetingOfB1()
  const b1 = await personOf(MEMBER_B1)
  // MEMBER_B1 is a participant: left out. Search the branch for anyone else by one character of a name.
  const found = await ok(SECRETARY_B1, 'attendance.guestCandidates', { meetingId: m.id, search: b1.name.slice(0, 1) })
  expect(found.items.map((x) => x.id)).not.toContain(MEMBER_B1)
  expect(found.alreadyListed).toBeGreaterThanOrEqual(1)
  for (const x of found.items.filter((i) => !i.waitsForAcceptance)) expect(x.branchName).toBe(b1.branchName)
})
