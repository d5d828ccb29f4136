/**
 * The compliance dashboard: for each branch below an org, each kind's status in its current period,
 * read from the per-period counters (one query per branch), never from the meetings themselves —
 * its cost grows with the number of branches, not with how many meetings they have held.
 */
import { eq } from '../ports/store'
import { implement } from './handler'
import { complianceSummary as complianceSummaryDecl } from '../../domain/api/catalog'
import type { BranchCompliance, ComplianceItem } from '../../domain/api/views'
import { beijing, fromBeijing } from '../../domain/beijing-time'
import { emptyCounter, statusFromCounter, type ComplianceStatus } from '../../domain/compliance'
import type { EffectiveKindRule } from '../../domain/kind-rules'
import type { Org } from '../../domain/org'
import { periodSpan } from '../../domain/periods'
import { AppError } from '../../domain/errors'
import type { MemberContext } from '../action-context'
import { rulesOwed } from '../branch-committee'
import { committeeStanding } from '../../domain/branch-committee'
import { heartTalkTally } from './heart-talks'
import { counterKey, rulesFor } from '../compliance-counters'
import type { Stored } from '../ports/store'
import { membersOf, orgRef, readAll } from './roster-reads'

/** Which status needs attention first. */
const URGENCY: ComplianceStatus[] = ['overdue', 'missed', 'due', 'in_progress', 'done']
const MAX_GROUPS = 200
/** The branch sees what its 党委 was told for this long. */
const ESCALATIONS_SHOWN_MS = 30 * 86_400_000

export const complianceSummary = implement(complianceSummaryDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const root = ctx.target.org
  const at = input.date ? fromBeijing(input.date, '12:00') : ctx.now
  if (Number.isNaN(at)) {
    throw new AppError('VALIDATION_FAILED', '这一天不存在，请重新选择日期。', [
      { field: 'date', message: '日期不存在' },
    ])
  }
  let branches: Stored<Org>[]
  let nextCursor: string | null = null
  if (root.kind === 'branch') {
    branches = [root]
  } else {
    const page = await store.query('orgs', {
      where: [{ field: 'path', op: 'contains', value: root._id }, eq('kind', 'branch')],
      orderBy: { field: 'name', direction: 'asc' },
      limit: input.limit,
      cursor: input.cursor,
    })
    branches = page.items
    nextCursor = page.nextCursor
  }
  // Branches of one committee share their ancestors' rule sets: read each path's rules once.
  const rulesByParent = new Map<string, Promise<EffectiveKindRule[]>>()
  const items: BranchCompliance[] = []
  for (const branch of branches) {
    const key = branch.parentId ?? branch._id
    if (!rulesByParent.has(key)) rulesByParent.set(key, rulesFor(store, branch))
    items.push(await branchCompliance(ctx, branch, await rulesByParent.get(key)!, at))
  }
  return { items, nextCursor }
})

async function branchCompliance(
  ctx: MemberContext,
  branch: Stored<Org>,
  rules: readonly EffectiveKindRule[],
  at: number,
): Promise<BranchCompliance> {
  const { store } = ctx.ports
  const groups = (await readAll(store, 'orgs', [eq('parentId', branch._id)], 'name', MAX_GROUPS)).filter(
    (g) => g.kind === 'group',
  )
  const members = await membersOf(store, branch._id)
  const committee = committeeStanding(members)
  const owed = rulesOwed(rules, committee)
    .filter((r) => r.audience !== 'pair')
    .flatMap((rule) => {
      const span = periodSpan(at, rule.period)
      const owners = rule.audience === 'group' ? groups : [branch]
      return owners.map((owner) => ({ rule, span, owner, key: counterKey(owner._id, rule.kind, span.key) }))
    })
  const counters = await store.query('compliance_counters', {
    where: [
      eq('branchId', branch._id),
      { field: 'periodKey', op: 'in', value: [...new Set(owed.map((o) => o.span.key))] },
    ],
    limit: 100,
  })
  const byKey = new Map(counters.items.map((c) => [c._id, c.counter]))
  const items: ComplianceItem[] = owed.map(({ rule, span, owner, key }) => {
    const result = statusFromCounter(byKey.get(key) ?? emptyCounter(), rule, span, ctx.now)
    return {
      kind: rule.kind,
      owner: orgRef(owner),
      periodKey: span.key,
      periodLabel: span.label,
      status: result.status,
      counted: result.counted,
      required: result.required,
      scheduled: result.scheduled,
      atRisk: result.atRisk,
      reason: result.reason,
    }
  })
  const rank = (i: ComplianceItem) => URGENCY.indexOf(i.status) * 2 - (i.atRisk ? 1 : 0)
  const worst = items.reduce<ComplianceItem | null>((w, i) => (!w || rank(i) < rank(w) ? i : w), null)
  const told = await store.query('escalations', {
    where: [eq('branchId', branch._id), { field: 'at', op: 'gte', value: ctx.now - ESCALATIONS_SHOWN_MS }],
    orderBy: { field: 'at', direction: 'desc' },
    limit: 5,
  })
  return {
    branch: orgRef(branch),
    items,
    worst: worst?.status ?? 'done',
    atRisk: items.some((i) => i.atRisk),
    escalations: told.items.map((e) => ({ at: e.at, reason: e.reason })),
    committee,
    heartTalks: await heartTalkTally(store, branch._id, members, beijing(at).year()),
  }
}
