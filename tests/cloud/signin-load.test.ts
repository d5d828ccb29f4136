/**
 * Issue 5's load test through the local host's real HTTP on 127.0.0.1: 500 members of one branch,
 * all participants of one 党课, sign in concurrently, each scanning twice. Exactly one record each,
 * no error, and the first scan's time stands.
 */
import { CROWD_MEETING, CROWD_NOW, crowdSignsIn, startCrowd, type Crowd } from '../bench/signin.bench'

let crowd: Crowd
beforeAll(async () => {
  crowd = await startCrowd(500)
}, 60_000)
afterAll(() => crowd.close())

test('500 members scanning twice at once make exactly 500 records and no error', async () => {
  const outcomes = await crowdSignsIn(crowd, 2)
  expect(outcomes).toHaveLength(1000)
  expect(outcomes.filter((o) => !o.ok).map((o) => o.error)).toEqual([])
  // Per member: one scan made the record, the other found it.
  const created = new Map<string, number>()
  for (const o of outcomes) created.set(o.memberId, (created.get(o.memberId) ?? 0) + (o.created ? 1 : 0))
  expect([...created.values()].every((c) => c === 1)).toBe(true)
  expect(created.size).toBe(500)

  const records = await crowd.ports.store.count('attendance', [{ field: 'meetingId', op: 'eq', value: CROWD_MEETING }])
  expect(records).toBe(500)
  const one = await crowd.ports.store.get<{ signedAt: number; _version: number; via: string }>(
    'attendance',
    `${CROWD_MEETING}.${crowd.memberIds[123]}`,
  )
  expect(one).toMatchObject({ signedAt: CROWD_NOW, _version: 1, via: 'qr' })
}, 120_000)
