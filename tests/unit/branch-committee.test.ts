import { committeeStanding } from '../../src/domain/branch-committee'
import type { Member } from '../../src/domain/org'

const full = (n: number): Pick<Member, 'category' | 'status'>[] =>
  Array.from({ length: n }, () => ({ category: 'full', status: 'normal' }))

describe('small branches (条例 第六章)', () => {
  it('has a 支部委员会 from 7 正式党员', () => {
    expect(committeeStanding(full(7))).toMatchObject({ hasCommittee: true, fullMembers: 7 })
    const six = committeeStanding(full(6))
    expect(six).toMatchObject({ hasCommittee: false, fullMembers: 6 })
    expect(six.reason).toContain('不足 7 人')
  })

  it('counts only active 正式党员', () => {
    const members: Pick<Member, 'category' | 'status'>[] = [
      ...full(6),
      { category: 'probationary', status: 'normal' },
      { category: 'full', status: 'transferred' },
      { category: 'full', status: 'lost' },
    ]
    expect(committeeStanding(members).hasCommittee).toBe(false)
    expect(committeeStanding([...members, { category: 'full', status: 'mobile' }]).hasCommittee).toBe(true)
  })
})
