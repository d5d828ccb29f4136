/**
 * 我的组织生活 (issue 15): a member's year, derived from meetings, sign-ins, leave and 补学 — nothing
 * typed. The member reads their own; the branch's organizers and the 党委 read any member's.
 */
import { orgLifeMember as memberDecl, orgLifeMine as mineDecl } from '../../../domain/api/catalog-orglife'
import type { OrgLifeView } from '../../../domain/api/views-orglife'
import { fromBeijing } from '../../../domain/beijing-time'
import { lapseLine, lapseRun, withExclusion, type LapseCause, type MonthFact } from '../../../domain/lapse'
import { isCommitteeMember, type Member, type Org } from '../../../domain/org'
import { orgLifeEntry, orgLifeMonthFacts, orgLifeTotals, requiredHours } from '../../../domain/org-life'
import { branchDuesFacts } from '../../lapse-sources'
import { owedMeetings, studyRulesFor } from '../../org-life-reads'
import type { Ports } from '../../ports'
import type { Stored } from '../../ports/store'
import { implement } from '../handler'

/** Months looked back for the member's own 党章 第九条 line. */
const LAPSE_LOOKBACK_MONTHS = 12
const MONTH_MS = 31 * 86_400_000

/**
 * The view of `member` (of org `org`) for Beijing `year` at `now` (ms). `mine` says whether the
 * viewer is the member. A member of the 党委 (not of a branch) owes no branch meetings: empty.
 */
async function orgLifeView(
  ports: Ports,
  member: Stored<Member>,
  org: Stored<Org>,
  year: number,
  now: number,
  mine: boolean,
): Promise<OrgLifeView> {
  const { store } = ports
  const rules = await studyRulesFor(store, org)
  const inBranch = org.kind === 'branch'
  const from = fromBeijing(`${year}-01-01`, '00:00')
  const to = fromBeijing(`${year + 1}-01-01`, '00:00')
  const owed = inBranch ? await owedMeetings(store, org._id, member._id, from, to) : []
  const entries = owed.map((f) => orgLifeEntry(f, rules, now)).reverse()

  const lapses: OrgLifeView['lapses'] = []
  if (inBranch) {
    const since = now - (LAPSE_LOOKBACK_MONTHS + 1) * MONTH_MS
    const recent = since >= from && now <= to ? owed : await owedMeetings(store, org._id, member._id, since, now)
    const facts: Record<LapseCause, Record<string, MonthFact>> = {
      org_life: withExclusion(orgLifeMonthFacts(recent, now), member.exclusion, now),
      dues: (await branchDuesFacts(store, org._id, now, LAPSE_LOOKBACK_MONTHS)).get(member._id) ?? {},
    }
    for (const cause of ['org_life', 'dues'] as const) {
      const run = lapseRun(facts[cause], now, LAPSE_LOOKBACK_MONTHS)
      const line = lapseLine(cause, run)
      if (line && run.since) lapses.push({ cause, months: run.months, since: run.since, line })
    }
  }
  return {
    member: {
      id: member._id,
      name: member.name,
      branchId: org._id,
      branchName: org.name,
      committee: isCommitteeMember(member.roles),
    },
    year,
    entries: mine ? entries : entries.map((e) => ({ ...e, makeupOffered: false })),
    totals: orgLifeTotals(entries, requiredHours(member.roles, rules)),
    lapses,
    mine,
  }
}

export const orgLifeMine = implement(mineDecl, async (ctx, input) => {
  const me = await ctx.ports.store.get('members', ctx.actor.memberId)
  // The router found the actor's member record a moment ago; it cannot vanish within the call.
  return orgLifeView(ctx.ports, me!, ctx.target.org, input.year, ctx.now, true)
})

export const orgLifeMember = implement(memberDecl, async (ctx, input) => {
  const member = ctx.target.record
  return orgLifeView(ctx.ports, member, ctx.target.org, input.year, ctx.now, member._id === ctx.actor.memberId)
})
