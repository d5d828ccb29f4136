/**
 * 谈心谈话 per pair (issue 16 §4). 《中国共产党支部工作条例（试行）》 (2018), 第五章 组织生活, the
 * 谈心谈话 article: 支部委员之间、支部委员和党员之间 … 每年谈心谈话一般不少于 1 次. So each year the branch
 * owes one talk per pair of committee members and per committee member with each other member; the
 * duty is derived from the roster, never typed. Pure: plain values in.
 */
import { isActiveMember, isCommitteeMember, type Member } from './org'

/** The yearly duty: how many talks each pair owes per calendar year (条例 第五章: 一般不少于 1 次). */
export const HEART_TALK_RULES = { talksPerPairPerYear: 1 } as const

export type PairKind = 'committee' | 'committee_member'
export const PAIR_KIND_LABELS: Record<PairKind, string> = {
  committee: '委员之间',
  committee_member: '委员与党员',
}

export interface OwedPair {
  /** `a+b` with the two member ids sorted, the same whoever records the talk. */
  key: string
  memberIds: [string, string]
  kind: PairKind
}

/** The pair key of two members (order does not matter); throws when both ids are the same. */
export function pairKey(a: string, b: string): string {
  if (a === b) throw new Error('a pair needs two different members')
  return a < b ? `${a}+${b}` : `${b}+${a}`
}

/**
 * Every pair owed a talk this year among the branch's active members: each two committee members
 * (委员之间) and each committee member with each other member (委员与党员), ordered by key.
 */
export function owedPairs(members: readonly Pick<Member, 'id' | 'roles' | 'status'>[]): OwedPair[] {
  const active = members.filter(isActiveMember)
  const committee = active.filter((m) => isCommitteeMember(m.roles))
  const others = active.filter((m) => !isCommitteeMember(m.roles))
  const out: OwedPair[] = []
  const add = (a: string, b: string, kind: PairKind) => {
    const key = pairKey(a, b)
    out.push({ key, memberIds: key.split('+') as [string, string], kind })
  }
  for (let i = 0; i < committee.length; i += 1) {
    for (let j = i + 1; j < committee.length; j += 1) add(committee[i].id, committee[j].id, 'committee')
    for (const m of others) add(committee[i].id, m.id, 'committee_member')
  }
  return out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
}

export interface PairDuty {
  year: number
  owed: number
  done: number
  /** Pairs with fewer talks than the rule asks this year, in key order. */
  outstanding: (OwedPair & { talks: number })[]
}

/**
 * The year's duty from the owed pairs and the talks recorded (each with its pair key and Beijing
 * date): a pair is done once it has `talksPerPairPerYear` talks dated in `year`. Talks of pairs no
 * longer owed (a member left) do not count.
 */
export function pairDuty(
  pairs: readonly OwedPair[],
  talks: readonly { pairKey: string; date: string }[],
  year: number,
): PairDuty {
  const counts = new Map<string, number>()
  for (const t of talks) {
    if (!t.date.startsWith(`${year}-`)) continue
    counts.set(t.pairKey, (counts.get(t.pairKey) ?? 0) + 1)
  }
  const outstanding = pairs
    .map((p) => ({ ...p, talks: counts.get(p.key) ?? 0 }))
    .filter((p) => p.talks < HEART_TALK_RULES.talksPerPairPerYear)
  return { year, owed: pairs.length, done: pairs.length - outstanding.length, outstanding }
}

/** Whether `memberId` may see a talk's note: one of the pair, or the branch's secretary. */
export function seesTalkNote(memberIds: readonly string[], viewerId: string, viewerIsSecretary: boolean): boolean {
  return viewerIsSecretary || memberIds.includes(viewerId)
}
