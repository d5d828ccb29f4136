import { deriveParticipants, meetingPhase } from '../../src/domain/meeting'
import { DEFAULT_KIND_RULES, MEETING_KINDS, kindRule } from '../../src/domain/meeting-kinds'
import { hasVotingRights, maskPhone, type Member } from '../../src/domain/org'

type P = Pick<Member, 'id' | 'roles' | 'status' | 'groupId'>
const people: P[] = [
  { id: 'sec', roles: ['member', 'secretary'], status: 'normal', groupId: 'g1' },
  { id: 'org', roles: ['member', 'organizer'], status: 'mobile', groupId: 'g2' },
  { id: 'm1', roles: ['member'], status: 'normal', groupId: 'g1' },
  { id: 'm2', roles: ['member'], status: 'normal', groupId: 'g2' },
  { id: 'lost', roles: ['member'], status: 'lost', groupId: 'g1' },
  { id: 'gone', roles: ['member', 'committee'], status: 'transferred', groupId: 'g1' },
]

test('every kind has exactly one rule, with the frequencies of the 支部工作条例', () => {
  expect(DEFAULT_KIND_RULES.map((r) => r.kind).sort()).toEqual([...MEETING_KINDS].sort())
  expect(kindRule('branch_congress')).toMatchObject({
    period: 'quarter',
    requiredCount: 1,
    quorum: 'voting_members_majority',
  })
  expect(kindRule('committee_meeting')).toMatchObject({
    period: 'month',
    audience: 'committee',
    quorum: 'committee_majority',
  })
  expect(kindRule('theme_day')).toMatchObject({ period: 'month', audience: 'all' })
  expect(kindRule('life_meeting')).toMatchObject({ period: 'year' })
})

test('participants follow the kind: all active members, the committee, one group, or a pair', () => {
  expect(deriveParticipants('theme_day', people)).toEqual(['sec', 'org', 'm1', 'm2'])
  expect(deriveParticipants('committee_meeting', people)).toEqual(['sec', 'org'])
  expect(deriveParticipants('group_meeting', people, { groupId: 'g2' })).toEqual(['org', 'm2'])
  expect(deriveParticipants('group_meeting', people)).toEqual([])
  expect(deriveParticipants('heart_talk', people, { pairIds: ['sec', 'm2'] })).toEqual(['sec', 'm2'])
})

test('a meeting is upcoming before its start, ongoing until its end, then ended; cancelled wins', () => {
  const m = { status: 'scheduled' as const, startAt: 1000, endAt: 2000 }
  expect(meetingPhase(m, 999)).toBe('upcoming')
  expect(meetingPhase(m, 1000)).toBe('ongoing')
  expect(meetingPhase(m, 1999)).toBe('ongoing')
  expect(meetingPhase(m, 2000)).toBe('ended')
  expect(meetingPhase({ ...m, status: 'cancelled' }, 1500)).toBe('cancelled')
})

test('预备党员 and inactive members have no vote; phones are masked', () => {
  expect(hasVotingRights({ category: 'full', status: 'normal' })).toBe(true)
  expect(hasVotingRights({ category: 'full', status: 'mobile' })).toBe(true)
  expect(hasVotingRights({ category: 'probationary', status: 'normal' })).toBe(false)
  expect(hasVotingRights({ category: 'full', status: 'suspended' })).toBe(false)
  expect(maskPhone('13800001234')).toBe('138****1234')
  expect(maskPhone('123')).toBe('****')
})
