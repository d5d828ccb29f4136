import { kindRule } from '../../src/domain/meeting-kinds'
import { moreThanHalf, quorumOf, votePasses, type ExpectedPerson } from '../../src/domain/quorum'

const congress = kindRule('branch_congress')
const committee = kindRule('committee_meeting')

const full = (id: string, extra: Partial<ExpectedPerson> = {}): ExpectedPerson => ({
  memberId: id,
  votingRights: true,
  committee: false,
  ...extra,
})
const ids = (n: number, prefix = 'm') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`)

test('more than half is an exact integer', () => {
  expect([0, 1, 2, 3, 4, 9, 10, 11].map(moreThanHalf)).toEqual([1, 1, 2, 2, 3, 5, 6, 6])
})

test('支部党员大会: exactly half of the voters present fails, half + 1 passes', () => {
  const expected = ids(10).map((id) => full(id))
  expect(quorumOf(congress, expected, ids(5))).toEqual({
    applies: true,
    entitled: 10,
    needed: 6,
    presentCounting: 5,
    met: false,
  })
  expect(quorumOf(congress, expected, ids(6))).toMatchObject({ needed: 6, presentCounting: 6, met: true })
})

test('预备党员 and visiting 流动党员 present do not count toward the congress quorum', () => {
  const expected = [
    ...ids(6).map((id) => full(id)),
    ...ids(3, 'p').map((id) => full(id, { votingRights: false })),
    full('v1', { visiting: true }),
  ]
  // 3 voters + 3 预备党员 + 1 visiting = 7 of 10 people, but only 3 of 6 voters: not met.
  const r = quorumOf(congress, expected, ['m1', 'm2', 'm3', 'p1', 'p2', 'p3', 'v1'])
  expect(r).toMatchObject({ entitled: 6, needed: 4, presentCounting: 3, met: false })
  expect(quorumOf(congress, expected, ['m1', 'm2', 'm3', 'm4'])).toMatchObject({ met: true })
})

test('someone present twice, or present but not expected, is counted once or not at all', () => {
  const expected = ids(4).map((id) => full(id))
  expect(quorumOf(congress, expected, ['m1', 'm1', 'm2', 'stranger'])).toMatchObject({ presentCounting: 2, met: false })
})

test('支部委员会: more than half of the committee', () => {
  const expected = [...ids(5, 'c').map((id) => full(id, { committee: true })), ...ids(20).map((id) => full(id))]
  expect(quorumOf(committee, expected, ['c1', 'c2', ...ids(20)])).toMatchObject({
    entitled: 5,
    needed: 3,
    presentCounting: 2,
    met: false,
  })
  expect(quorumOf(committee, expected, ['c1', 'c2', 'c3'])).toMatchObject({ presentCounting: 3, met: true })
})

test('a congress with nobody entitled to vote cannot be quorate', () => {
  expect(quorumOf(congress, [full('p1', { votingRights: false })], ['p1'])).toMatchObject({ needed: 1, met: false })
})

test('kinds without quorum: applies=false, always met', () => {
  for (const kind of ['party_lecture', 'theme_day', 'group_meeting', 'life_meeting'] as const) {
    expect(quorumOf(kindRule(kind), [full('m1'), full('m2')], [])).toEqual({
      applies: false,
      entitled: 2,
      needed: 0,
      presentCounting: 0,
      met: true,
    })
  }
})

test('a vote passes with more than half of all those entitled, not of those present', () => {
  expect(votePasses(5, 10)).toBe(false)
  expect(votePasses(6, 10)).toBe(true)
  expect(votePasses(4, 7)).toBe(true)
  expect(votePasses(3, 7)).toBe(false)
})
