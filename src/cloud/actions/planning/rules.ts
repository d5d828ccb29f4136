/**
 * rules.get / rules.setOverride: a supervising 党委 (or 党总支) sets meeting frequencies for its
 * subtree. Statuses are computed from counter + rule when read, so a new count needs nothing else;
 * a new period (党课 每季度 → 每半年) changes which counter a meeting belongs to, so the counters of
 * the affected kinds are rebuilt from the meetings for every branch below, within a bounded window.
 * rules.setMinutesDue: the one minutes deadline (逾期 and 补录 both read it, issue 16); the 党委's
 * matrix rows of the year are marked for judging again, since their deadlines moved.
 */
import { eq } from '../../ports/store'
import { implement } from '../handler'
import { isAllowed } from '../../../domain/access'
import {
  rulesGet as rulesGetDecl,
  rulesSetAtRiskDays as rulesSetAtRiskDaysDecl,
  rulesSetMinutesDue as rulesSetMinutesDueDecl,
  rulesSetOverride as rulesSetOverrideDecl,
} from '../../../domain/api/catalog-planning'
import { rulesSetOverride as rulesSetOverrideAccess } from '../../../domain/api/catalog-planning'
import type { RuleView, RulesView } from '../../../domain/api/views-planning'
import { counterFromMeetings, counterKey, rebuildWindow, type MeetingFacts } from '../../../domain/compliance'
import { AppError } from '../../../domain/errors'
import {
  ALLOWED_PERIODS,
  atRiskDaysFrom,
  effectiveRules,
  minutesDueFrom,
  minutesDueText,
  kindsWithNewPeriod,
  type EffectiveKindRule,
  type RuleOverride,
  type RuleSet,
} from '../../../domain/kind-rules'
import type { Meeting } from '../../../domain/meeting'
import { DEFAULT_KIND_RULES, type MeetingKind } from '../../../domain/meeting-kinds'
import type { Org } from '../../../domain/org'
import { PERIOD_LABELS, periodSpan, periodsOfYear, type Period } from '../../../domain/periods'
import type { MemberContext } from '../../action-context'
import { factsOf, ownerOf } from '../../compliance-counters'
import type { RuleSetDoc } from '../../documents'
import type { Stored, StorePort } from '../../ports/store'
import { orgRef, readAll } from '../roster-reads'
import { markTreeForJudging } from '../../supervision-rows'
import { beijing } from '../../../domain/beijing-time'

/** A 党委 with more branches than this changes periods in steps (per 党总支), not in one call. */
export const MAX_REBUILD_BRANCHES = 500
/** A branch holds some sixty meetings a year; beyond this the data is wrong, not big. */
const MAX_WINDOW_MEETINGS = 5000

async function ruleSetsAlong(store: StorePort, path: readonly string[]): Promise<Stored<RuleSetDoc>[]> {
  const sets: Stored<RuleSetDoc>[] = []
  for (const id of path) {
    const set = await store.get<RuleSetDoc>('rule_sets', id)
    if (set) sets.push(set)
  }
  return sets
}

async function rulesView(ctx: MemberContext, org: Stored<Org>): Promise<RulesView> {
  const { store } = ctx.ports
  const sets = await ruleSetsAlong(store, org.path)
  const rules = effectiveRules(DEFAULT_KIND_RULES, sets)
  const names = new Map<string, string>()
  for (const set of sets) names.set(set.orgId, (await store.get('orgs', set.orgId))?.name ?? set.orgId)
  const source = (s: string) =>
    s === 'default' ? { orgId: null, name: '国家规定' } : { orgId: s, name: names.get(s) ?? s }
  // The minutes deadline and the at-risk days have no national text: their default is the app's own.
  const appDefault = (s: string) => (s === 'default' ? { orgId: null, name: '系统默认' } : source(s))
  const own = sets.find((s) => s.orgId === org._id) ?? null
  const due = minutesDueFrom(sets)
  const risk = atRiskDaysFrom(sets)
  const ownRisk = atRiskDaysFrom(own ? [own] : []).source
  const ownMs = own?.minutesLateAfterMs
  return {
    org: orgRef(org),
    rules: rules.map((r): RuleView => ({
      kind: r.kind,
      label: r.label,
      period: r.period,
      periodLabel: PERIOD_LABELS[r.period],
      requiredCount: r.requiredCount,
      frequencyText: r.frequencyText,
      source: { period: source(r.source.period), requiredCount: source(r.source.requiredCount) },
      allowedPeriods: [...ALLOWED_PERIODS[r.kind]],
    })),
    ownOverrides: own?.overrides ?? [],
    canEdit:
      (org.kind === 'committee' || org.kind === 'general_branch') &&
      isAllowed(ctx.actor, rulesSetOverrideAccess.access, { orgPath: org.path }),
    updatedAt: own?.updatedAt ?? null,
    minutesDue: {
      ms: due.ms,
      text: minutesDueText(due.ms),
      source: appDefault(due.source),
      ownDays: typeof ownMs === 'number' && due.source === org._id ? Math.round(ownMs / 86_400_000) : null,
    },
    atRisk: (Object.keys(risk.days) as Period[]).map((period) => ({
      period,
      periodLabel: PERIOD_LABELS[period],
      days: risk.days[period],
      source: appDefault(risk.source[period]),
      ownDays: ownRisk[period] === org._id ? risk.days[period] : null,
    })),
  }
}

export const rulesGet = implement(rulesGetDecl, async (ctx, _input) => {
  return rulesView(ctx, ctx.target.org)
})

/** A branch's meetings starting in [start, end), by start, at most `max` (through the branchId + startAt index). */
export function meetingsStartingIn<T>(store: StorePort, branchId: string, start: number, end: number, max: number) {
  return readAll<T>(
    store,
    'meetings',
    [
      eq('branchId', branchId),
      { field: 'startAt', op: 'gte', value: start },
      { field: 'startAt', op: 'lt', value: end },
    ],
    'startAt',
    max,
  )
}

/**
 * Rewrites, for one branch, every counter of `kinds` in the window under `rules`: from the
 * branch's meetings, including counters left from an earlier period setting that are now stale.
 */
export async function rebuildBranchCounters(
  store: StorePort,
  branch: Stored<Org>,
  rules: readonly EffectiveKindRule[],
  kinds: readonly MeetingKind[],
  now: number,
): Promise<number> {
  if (kinds.length === 0) return 0
  const window = rebuildWindow(now)
  const meetings = (
    await meetingsStartingIn<Omit<Meeting, 'id'>>(store, branch._id, window.start, window.end, MAX_WINDOW_MEETINGS)
  ).filter((m) => kinds.includes(m.kind))
  let written = 0
  for (const kind of kinds) {
    const rule = rules.find((r) => r.kind === kind)
    if (!rule) continue
    const spans = window.years.flatMap((y) => periodsOfYear(y, rule.period))
    const ofKind = meetings.filter((m) => m.kind === kind)
    const owners = new Set(ofKind.map((m) => ownerOf(m)))
    owners.add(branch._id)
    const existing = await readAll(
      store,
      'compliance_counters',
      [eq('branchId', branch._id), { field: 'periodKey', op: 'in', value: spans.map((s) => s.key) }],
      'periodKey',
      MAX_WINDOW_MEETINGS,
    )
    for (const c of existing) if (c.kind === kind) owners.add(c.ownerId)
    const byId = new Map(existing.map((c) => [c._id, c]))
    for (const owner of owners) {
      const facts: MeetingFacts[] = ofKind.filter((m) => ownerOf(m) === owner).map((m) => factsOf(m))
      for (const span of spans) {
        const key = counterKey(owner, kind, span.key)
        const inSpan = facts.filter((f) => periodSpan(f.startAt, rule.period).key === span.key)
        const current = byId.get(key)
        if (!current && inSpan.length === 0) continue
        const counter = counterFromMeetings(inSpan, span, kind)
        await store.transaction(async (tx) => {
          const fresh = await tx.get('compliance_counters', key)
          if (fresh) await tx.update('compliance_counters', key, { counter }, fresh._version)
          else
            await tx.insert('compliance_counters', {
              _id: key,
              ownerId: owner,
              branchId: branch._id,
              kind,
              period: span.period,
              periodKey: span.key,
              start: span.start,
              end: span.end,
              counter,
            })
        })
        written += 1
      }
    }
  }
  return written
}

/** Refuses a rule set on a branch or 党小组: these rules are the 党委's (or 党总支's), for every branch below. */
function committeeOnly(org: Stored<Org>, what: string): void {
  if (org.kind === 'branch' || org.kind === 'group') {
    throw new AppError(
      'VALIDATION_FAILED',
      `${what}由党委（党总支）为所辖支部统一设置，不能单独设在支部或党小组上；请在党委一级设置。`,
      [{ field: 'orgId', message: '请选择党委或党总支' }],
    )
  }
}

export const rulesSetAtRiskDays = implement(rulesSetAtRiskDaysDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const org = ctx.target.org
  committeeOnly(org, '“有风险”提醒的提前天数')
  const atRiskDays = Object.fromEntries(Object.entries(input.atRiskDays).filter(([, v]) => v !== undefined))
  const value = Object.keys(atRiskDays).length > 0 ? atRiskDays : null
  const existing = await store.get<RuleSetDoc>('rule_sets', org._id)
  const stamp = { updatedAt: ctx.now, updatedBy: ctx.actor.memberId }
  if (existing) await store.update<RuleSetDoc>('rule_sets', org._id, { atRiskDays: value, ...stamp }, existing._version)
  else
    await ctx.createOnce<RuleSetDoc>('rule_sets', {
      _id: org._id,
      orgId: org._id,
      overrides: [],
      atRiskDays: value,
      ...stamp,
    })
  const year = beijing(ctx.now).year()
  for (const y of [year - 1, year]) await markTreeForJudging(store, org, y)
  return rulesView(ctx, org)
})

export const rulesSetMinutesDue = implement(rulesSetMinutesDueDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const org = ctx.target.org
  if (org.kind === 'branch' || org.kind === 'group') {
    throw new AppError(
      'VALIDATION_FAILED',
      '会议记录期限由党委（党总支）为所辖支部统一设置，不能单独设在支部或党小组上；请在党委一级设置。',
      [{ field: 'orgId', message: '请选择党委或党总支' }],
    )
  }
  const minutesLateAfterMs = input.days === null ? null : input.days * 86_400_000
  const existing = await store.get<RuleSetDoc>('rule_sets', org._id)
  const stamp = { updatedAt: ctx.now, updatedBy: ctx.actor.memberId }
  if (existing)
    await store.update<RuleSetDoc>('rule_sets', org._id, { minutesLateAfterMs, ...stamp }, existing._version)
  else
    await ctx.createOnce<RuleSetDoc>('rule_sets', {
      _id: org._id,
      orgId: org._id,
      overrides: [],
      minutesLateAfterMs,
      ...stamp,
    })
  // Every cell's deadline below moved: the matrix judges the rows of this year (and of last year,
  // whose last meetings may still be within their deadline) again on its next read.
  const year = beijing(ctx.now).year()
  for (const y of [year - 1, year]) await markTreeForJudging(store, org, y)
  return rulesView(ctx, org)
})

export const rulesSetOverride = implement(rulesSetOverrideDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const org = ctx.target.org
  if (org.kind === 'branch' || org.kind === 'group') {
    throw new AppError(
      'VALIDATION_FAILED',
      '会议频次由党委（党总支）为所辖支部统一设置，不能单独设在支部或党小组上；请在党委一级设置。',
      [{ field: 'orgId', message: '请选择党委或党总支' }],
    )
  }
  const overrides: RuleOverride[] = input.overrides.map((o) => ({
    kind: o.kind,
    ...(o.period !== undefined ? { period: o.period } : {}),
    ...(o.requiredCount !== undefined ? { requiredCount: o.requiredCount } : {}),
  }))

  // Everything is read and checked before anything is written: a refusal changes nothing.
  const branchCount = await store.count('orgs', [
    { field: 'path', op: 'contains', value: org._id },
    eq('kind', 'branch'),
  ])
  const existing = await store.get<RuleSetDoc>('rule_sets', org._id)
  const changed = new Map<string, { branch: Stored<Org>; kinds: MeetingKind[]; after: EffectiveKindRule[] }>()
  const allKinds = new Set<MeetingKind>()
  if (branchCount > 0) {
    if (branchCount > MAX_REBUILD_BRANCHES) {
      // Only a period change needs the rebuild; a count change is safe at any size.
      const sets = await ruleSetsAlong(store, org.path)
      const before = effectiveRules(DEFAULT_KIND_RULES, sets)
      const after = effectiveRules(DEFAULT_KIND_RULES, [
        ...sets.filter((s) => s.orgId !== org._id),
        { orgId: org._id, overrides },
      ])
      if (kindsWithNewPeriod(before, after).length > 0) {
        throw new AppError(
          'VALIDATION_FAILED',
          `本级所辖支部超过 ${MAX_REBUILD_BRANCHES} 个，改变会议周期需要重新统计全部支部；请分别在下级党总支设置，或联系管理员。`,
          [{ field: 'overrides', message: '所辖支部过多，不能一次改变周期' }],
        )
      }
    } else {
      const branches = await readAll(
        store,
        'orgs',
        [{ field: 'path', op: 'contains', value: org._id }, eq('kind', 'branch')],
        'name',
        MAX_REBUILD_BRANCHES,
      )
      for (const branch of branches) {
        const sets = await ruleSetsAlong(store, branch.path)
        const before = effectiveRules(DEFAULT_KIND_RULES, sets)
        // The new set takes its org's place along the path, replacing the old one.
        const withNew = effectiveRules(
          DEFAULT_KIND_RULES,
          branch.path
            .map((id) => (id === org._id ? { orgId: org._id, overrides } : sets.find((s) => s.orgId === id)))
            .filter((s): s is RuleSet => !!s),
        )
        const kinds = kindsWithNewPeriod(before, withNew)
        if (kinds.length > 0) {
          changed.set(branch._id, { branch, kinds, after: withNew })
          kinds.forEach((k) => allKinds.add(k))
        }
      }
    }
  }

  const doc = { orgId: org._id, overrides, updatedAt: ctx.now, updatedBy: ctx.actor.memberId }
  if (existing) await store.update<RuleSetDoc>('rule_sets', org._id, doc, existing._version)
  else await ctx.createOnce<RuleSetDoc>('rule_sets', { _id: org._id, ...doc })

  let counters = 0
  for (const { branch, kinds, after } of changed.values()) {
    counters += await rebuildBranchCounters(store, branch, after, kinds, ctx.now)
  }
  return {
    ...(await rulesView(ctx, org)),
    rebuilt: { kinds: [...allKinds], branches: changed.size, counters },
  }
})
