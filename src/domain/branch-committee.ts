/**
 * Small branches (issue 16 §5). 《中国共产党支部工作条例（试行）》 (2018), 第六章 (支部委员会建设):
 * 有正式党员 7 人以上的党支部，应当设立党支部委员会；正式党员不足 7 人的党支部，设 1 名书记，必要时可以
 * 设 1 名副书记. A branch below the threshold has no 支部委员会, so it owes no 支委会. Derived from the
 * roster (active 正式党员), never set by hand. Pure.
 */
import type { Member } from './org'

/** 条例 第六章: the number of 正式党员 from which a branch sets up a 支部委员会. */
export const BRANCH_COMMITTEE_RULES = { minFullMembers: 7 } as const

export interface CommitteeStanding {
  /** Whether the branch has (and so must run) a 支部委员会. */
  hasCommittee: boolean
  /** Active 正式党员 counted. */
  fullMembers: number
  /** Why, in Chinese, for the pages that leave 支委会 out. */
  reason: string
}

/** Active 正式党员 (正常 or 流动): 预备党员 and members transferred out, suspended or lost do not count. */
export function countsAsFullMember(m: Pick<Member, 'category' | 'status'>): boolean {
  return m.category === 'full' && (m.status === 'normal' || m.status === 'mobile')
}

/** Whether a branch with these members has a 支部委员会, and why (条例 第六章). */
export function committeeStanding(members: readonly Pick<Member, 'category' | 'status'>[]): CommitteeStanding {
  const fullMembers = members.filter(countsAsFullMember).length
  const min = BRANCH_COMMITTEE_RULES.minFullMembers
  return fullMembers >= min
    ? { hasCommittee: true, fullMembers, reason: `正式党员 ${fullMembers} 人，设支部委员会` }
    : {
        hasCommittee: false,
        fullMembers,
        reason: `正式党员 ${fullMembers} 人，不足 ${min} 人，按《支部工作条例》不设支部委员会，不召开支委会`,
      }
}
