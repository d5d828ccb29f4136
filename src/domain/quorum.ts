/**
 * Quorum and vote thresholds (DESIGN.md §2), in exact integer arithmetic: "more than half of n" is
 * floor(n/2)+1 people, never a comparison against n*0.5, so 5 of 10 fails and 6 of 10 passes.
 */
import type { MeetingKindRule } from './meeting-kinds'

export interface ExpectedPerson {
  memberId: string
  /** A full member (正式党员) in good standing; 预备党员 have no vote. */
  votingRights: boolean
  committee: boolean
  /** Attending on a 《流动党员活动证》: takes part, but has no vote at this (host) branch. */
  visiting?: boolean
}

export interface QuorumResult {
  applies: boolean
  /** How many people the quorum is counted against (有表决权的党员, or the committee). */
  entitled: number
  needed: number
  presentCounting: number
  met: boolean
}

/** The smallest whole number of people that is more than half of n. */
export function moreThanHalf(n: number): number {
  return Math.floor(n / 2) + 1
}

export function quorumOf(
  rule: Pick<MeetingKindRule, 'quorum'>,
  expected: readonly ExpectedPerson[],
  present: readonly string[],
): QuorumResult {
  const here = new Set(present)
  const counting = (people: readonly ExpectedPerson[]) => {
    const entitled = people.length
    const presentCounting = people.filter((p) => here.has(p.memberId)).length
    const needed = moreThanHalf(entitled)
    return { applies: true, entitled, needed, presentCounting, met: presentCounting >= needed }
  }
  switch (rule.quorum) {
    case 'voting_members_majority':
      return counting(expected.filter((p) => p.votingRights && !p.visiting))
    case 'committee_majority':
      return counting(expected.filter((p) => p.committee))
    case 'none':
      return {
        applies: false,
        entitled: expected.length,
        needed: 0,
        presentCounting: expected.filter((p) => here.has(p.memberId)).length,
        met: true,
      }
  }
}

/**
 * A motion passes with more than half of those entitled to vote — of the whole electorate, not of
 * those present, so abstentions and absences count against it.
 */
export function votePasses(forVotes: number, entitled: number): boolean {
  return forVotes >= moreThanHalf(entitled)
}
