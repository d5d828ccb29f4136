import { owedPairs, pairDuty, pairKey, seesTalkNote } from '../../src/domain/heart-talks'
import type { Member, Role } from '../../src/domain/org'

const m = (id: string, roles: Role[], status: Member['status'] = 'normal') => ({ id, roles, status })

describe('谈心谈话 pairs', () => {
  const members = [
    m('s', ['secretary']),
    m('o', ['organizer']),
    m('p', ['propaganda']),
    m('a', ['member']),
    m('b', ['group_leader']),
    m('gone', ['member'], 'transferred'),
  ]

  it('owes each two committee members and each committee member with each other member', () => {
    const pairs = owedPairs(members)
    // 3 committee members: 3 pairs among them; with 2 others: 3 × 2 = 6.
    expect(pairs.filter((p) => p.kind === 'committee').map((p) => p.key)).toEqual(['o+p', 'o+s', 'p+s'])
    expect(pairs.filter((p) => p.kind === 'committee_member')).toHaveLength(6)
    expect(pairs.some((p) => p.key === 'a+b')).toBe(false)
    expect(pairs.some((p) => p.memberIds.includes('gone'))).toBe(false)
  })

  it('keys a pair the same whichever way round', () => {
    expect(pairKey('s', 'a')).toBe(pairKey('a', 's'))
    expect(() => pairKey('a', 'a')).toThrow()
  })

  it('counts a pair done by a talk dated in the year', () => {
    const pairs = owedPairs(members)
    const duty = pairDuty(
      pairs,
      [
        { pairKey: 'a+s', date: '2026-03-02' },
        { pairKey: 'a+s', date: '2026-09-02' },
        { pairKey: 'o+s', date: '2025-12-31' },
        { pairKey: 'a+b', date: '2026-05-01' },
      ],
      2026,
    )
    expect(duty.owed).toBe(9)
    expect(duty.done).toBe(1)
    expect(duty.outstanding).toHaveLength(8)
    expect(duty.outstanding.some((p) => p.key === 'o+s')).toBe(true)
  })

  it('shows a note to the pair and the secretary only', () => {
    expect(seesTalkNote(['a', 's'], 'a', false)).toBe(true)
    expect(seesTalkNote(['a', 's'], 'b', false)).toBe(false)
    expect(seesTalkNote(['a', 'o'], 'b', true)).toBe(true)
  })
})
