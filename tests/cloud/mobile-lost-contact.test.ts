/**
 * 失联 handling (issue 16 §7) against the real embedded API: 查找记录 (who, when, how, result), the
 * proposal to the 党委 for 停止党籍 only after six calendar months and a search, shown to the 党委 —
 * and never made, nor acted on, by the app itself. Also the yearly 报到 default.
 */
import { DAILY_JOBS } from '../../src/cloud/jobs'
import { formatDate } from '../../src/domain/beijing-time'
import { addMonths, DAY_MS } from '../../src/domain/mobile'
import { MOBILE_B1, MOBILE_B2, SECRETARY_B1, SECRETARY_B2, SUPERVISOR, apiPerTest, requestIds } from './api-fixture'

const api = apiPerTest()
const rid = requestIds('req-lost')

const today = () => formatDate(api.clock.now)

test('韩磊, 200 days out of contact, is 失联 from the date six calendar months after; the seeded search is on his page', async () => {
  const view = await api.as(SECRETARY_B2).call('mobile.get', { memberId: MOBILE_B2 })
  const p = view.profile!
  expect(p.lostSince).toBe(addMonths(formatDate(p.lastContactAt), 6))
  expect(p.lost).toBe(true)
  expect(p.state).toBe('lost_risk')
  expect(view.searches).toHaveLength(1)
  expect(view.searches[0]).toMatchObject({ method: 'phone', methodLabel: '电话', found: false })
  expect(view.proposal).toBeNull()
  expect(view.proposalProblem).toBeNull()
  expect(view.can).toMatchObject({ recordSearch: true, proposeStop: true })
  expect(view.timeline.some((e) => e.kind === 'search')).toBe(true)
})

test('a 查找记录 keeps who, when, how and the result; one that reached the member is a contact', async () => {
  const recorded = await api
    .as(SECRETARY_B2)
    .call(
      'mobile.recordSearch',
      { memberId: MOBILE_B2, date: today(), method: 'relatives', result: '联系其父亲，也不知其下落', found: false },
      rid(),
    )
  expect(recorded).toMatchObject({ date: today(), method: 'relatives', found: false, recordedAt: api.clock.now })
  expect(recorded.byName).not.toBe('')
  const stored = await api.ports.store.get('mobile_searches', recorded.id)
  expect(stored).toMatchObject({ byId: SECRETARY_B2, memberId: MOBILE_B2, branchId: 'org_b2' })
  // Still lost: a search that did not reach him does not move the last contact.
  expect((await api.as(SECRETARY_B2).call('mobile.get', { memberId: MOBILE_B2 })).profile!.lost).toBe(true)

  api.clock.now += 60_000
  await api
    .as(SECRETARY_B2)
    .call(
      'mobile.recordSearch',
      { memberId: MOBILE_B2, date: today(), method: 'host_org', result: '经流入地党组织联系上本人', found: true },
      rid(),
    )
  const after = await api.as(SECRETARY_B2).call('mobile.get', { memberId: MOBILE_B2 })
  expect(after.profile).toMatchObject({ lastContactAt: api.clock.now, lost: false, state: 'normal' })
  expect(after.proposalProblem).toContain('不满 6 个月')

  // A future date, and a member without a registry entry, are refused and write nothing.
  const before = await api.ports.store.count('mobile_searches', [])
  const future = await api.as(SECRETARY_B2).result(
    'mobile.recordSearch',
    {
      memberId: MOBILE_B2,
      date: formatDate(api.clock.now + 2 * DAY_MS),
      method: 'phone',
      result: '电话',
      found: false,
    },
    rid(),
  )
  expect(!future.ok && future.error.fields?.[0].field).toBe('date')
  expect(await api.ports.store.count('mobile_searches', [])).toBe(before)
})

test('before six calendar months the proposal is refused, saying from which date', async () => {
  await api
    .as(SECRETARY_B1)
    .call(
      'mobile.recordSearch',
      { memberId: MOBILE_B1, date: today(), method: 'phone', result: '电话未接通', found: false },
      rid(),
    )
  const r = await api.as(SECRETARY_B1).result('mobile.proposeStop', { memberId: MOBILE_B1, reason: '失联' }, rid())
  expect(r.ok).toBe(false)
  if (!r.ok) {
    expect(r.error.code).toBe('VALIDATION_FAILED')
    const view = await api.as(SECRETARY_B1).call('mobile.get', { memberId: MOBILE_B1 })
    expect(r.error.message).toContain(view.profile!.lostSince)
  }
  expect(await api.ports.store.count('stop_proposals', [])).toBe(0)
})

test('the branch proposes 停止党籍 for 韩磊: recorded once, shown to the 党委, and nothing about him changes', async () => {
  const memberBefore = await api.ports.store.get('members', MOBILE_B2)
  const made = await api
    .as(SECRETARY_B2)
    .call('mobile.proposeStop', { memberId: MOBILE_B2, reason: '失联已满六个月，电话、微信均联系不上。' }, rid())
  expect(made).toMatchObject({
    memberId: MOBILE_B2,
    branch: { id: 'org_b2' },
    committee: { id: 'org_cmte' },
    proposedAt: api.clock.now,
  })
  expect(made.searches).toHaveLength(1)

  // The 党委 sees it, with the searches it rests on; the first branch sees none of its own.
  const forCommittee = await api.as(SUPERVISOR).call('mobile.stopProposals', { orgId: 'org_cmte' })
  expect(forCommittee.items.map((i) => i.memberId)).toEqual([MOBILE_B2])
  expect(forCommittee.items[0].searches[0].result).toContain('停机')
  expect((await api.as(SECRETARY_B1).call('mobile.stopProposals', {})).items).toEqual([])
  expect((await api.as(SECRETARY_B2).call('mobile.get', { memberId: MOBILE_B2 })).proposal?.id).toBe(made.id)

  // Made once: a second proposal is refused while the first is open.
  const again = await api
    .as(SECRETARY_B2)
    .result('mobile.proposeStop', { memberId: MOBILE_B2, reason: '再次提请' }, rid())
  expect(!again.ok && again.error.code).toBe('CONFLICT')
  expect(await api.ports.store.count('stop_proposals', [])).toBe(1)

  // Never automatic: the member's record is untouched, and a year of daily jobs changes nothing either.
  const memberAfter = await api.ports.store.get('members', MOBILE_B2)
  expect(memberAfter).toEqual(memberBefore)
  for (let day = 1; day <= 3; day += 1) {
    for (const job of DAILY_JOBS) await job.run(api.ports, api.clock.now + day * 120 * DAY_MS)
  }
  expect(await api.ports.store.get('members', MOBILE_B2)).toMatchObject({ status: memberBefore!.status })
  expect(await api.ports.store.get('members', MOBILE_B1)).toMatchObject({ status: 'mobile' })
  expect(await api.ports.store.count('stop_proposals', [])).toBe(1)
})

test('报到 is yearly by default: the second branch set nothing, so a check-in in May covers the year', async () => {
  const home = await api.as(MOBILE_B2).call('mobile.getMine', {})
  // 韩磊 last checked in about 200 days ago (May 2026): 2026 is done, the next is due by the end of 2027.
  expect(formatDate(home.profile!.lastCheckinAt!).startsWith('2026-05')).toBe(true)
  expect(home.due).toMatchObject({ cadence: 'year', dueDate: '2027-12-31', doneThisPeriod: true })
  const rules = await api.as(SECRETARY_B2).call('mobile.rules', {})
  expect(rules).toMatchObject({ cadence: 'year', source: { cadence: 'default' } })
  // A branch may ask more often.
  const monthly = await api.as(SECRETARY_B2).call('mobile.setCadence', { cadence: 'month' }, rid())
  expect(monthly).toMatchObject({ cadence: 'month', source: { cadence: 'org_b2' } })
})
