/**
 * The annual plan (issue 4 §2) in `plans` (`_id = ${branchId}.${year}`): generated as a draft from
 * the rules in force and the holiday calendar, adjusted by the secretary (every date checked against
 * holidays and shown with a warning, never silently moved), then published: one meeting per item,
 * each inserted with its compliance counters in one transaction, under an id derived from the item so
 * a replay or a retried publish creates nothing twice; each member gets one notice for the plan.
 */
import { implement } from '../handler'
import { createHash } from 'node:crypto'
import { isAllowed } from '../../../domain/access'
import {
  DEFAULT_PLAN_PLACE,
  DEFAULT_PLAN_TIMES,
  DEFAULT_THEME_DAY,
  dayRuleText,
  generatePlan,
} from '../../../domain/annual-plan'
import {
  planUpdate as planUpdateDecl,
  planGenerate as planGenerateDecl,
  planGet as planGetDecl,
  planPublish as planPublishDecl,
} from '../../../domain/api/catalog-planning'
import type { PlanItemView, PlanView } from '../../../domain/api/views-planning'
import { beijing, fromBeijing } from '../../../domain/beijing-time'
import { AppError, type FieldProblem } from '../../../domain/errors'
import { deriveParticipants, type Meeting } from '../../../domain/meeting'
import { kindRule } from '../../../domain/meeting-kinds'
import { isActiveMember, type Org } from '../../../domain/org'
import { periodSpan } from '../../../domain/periods'
import { dateWarning, quotaWarnings, yearWarning } from '../../../domain/plan-warnings'
import type { PlanCalendar } from '../../../domain/statutory-holidays'
import type { MemberContext } from '../../action-context'
import { chineseDaysCalendar } from '../../adapters/chinese-days-calendar'
import { committeeStandingOf, rulesOwed } from '../../branch-committee'
import { rulesFor, updateCounters } from '../../compliance-counters'
import type { MeetingDoc } from '../../collections'
import type { PlanDoc, PlanItemDoc } from '../../documents'
import { notify } from '../../notices'
import { eq, type Stored } from '../../ports/store'
import { groupsOf } from '../roster'
import { membersOf, orgRef, readAll } from '../roster-reads'

export function planId(branchId: string, year: number): string {
  return `${branchId}.${year}`
}

/** The meeting an item becomes: the same id however often publishing is tried. */
export function plannedMeetingId(plan: string, itemId: string): string {
  return `mtg_p${createHash('sha256').update(`${plan}|${itemId}`).digest('hex').slice(0, 24)}`
}

let computedCalendar: PlanCalendar | null = null

/**
 * The holiday calendar plans use: the chinese-days dataset, and for a year it lacks, the holidays
 * computed from the law and the lunar calendar (domain/statutory-holidays.ts, with tyme4ts: a lazy
 * part of the cloud bundle, loaded the first time a plan or a calendar month needs it).
 */
export async function planCalendar(): Promise<PlanCalendar> {
  if (!computedCalendar) {
    const { withComputedHolidays } = await import('../../../domain/statutory-holidays')
    computedCalendar = withComputedHolidays(chineseDaysCalendar)
  }
  return computedCalendar
}

/** A meeting as a plan item for the quota count: kind, 党小组, Beijing date and start time. */
function plannedOf(m: Stored<MeetingDoc>): {
  kind: MeetingDoc['kind']
  groupId: string | null
  date: string
  startTime: string
} {
  const at = beijing(m.startAt)
  return { kind: m.kind, groupId: m.groupId ?? null, date: at.format('YYYY-MM-DD'), startTime: at.format('HH:mm') }
}

async function viewOf(ctx: MemberContext, branch: Stored<Org>, plan: Stored<PlanDoc>): Promise<PlanView> {
  const calendar = await planCalendar()
  const groups = await groupsOf(ctx.ports.store, branch._id)
  const groupNames = new Map(groups.map((g) => [g._id, g.name]))
  // A branch without a 支部委员会 (fewer than 7 正式党员) owes no 支委会: no quota warning, and why.
  const standing = await committeeStandingOf(ctx.ports.store, branch._id)
  const rules = rulesOwed(await rulesFor(ctx.ports.store, branch), standing)
  const yw = yearWarning(plan.year, calendar)
  // Who 发布 would tell, for the secretary's confirmation; a published plan has told them already.
  const notifyCount =
    plan.status === 'draft' ? (await membersOf(ctx.ports.store, branch._id)).filter((m) => isActiveMember(m)).length : 0
  const items: PlanItemView[] = plan.items.map((i) => ({
    ...i,
    kindLabel: kindRule(i.kind).label,
    groupName: i.groupId ? (groupNames.get(i.groupId) ?? '（党小组已撤销）') : null,
    warning: dateWarning(i.date, plan.year, calendar),
  }))
  return {
    id: plan._id,
    branch: orgRef(branch),
    year: plan.year,
    status: plan.status,
    version: plan._version,
    themeDay: plan.themeDay,
    themeDayText: `主题党日：${dayRuleText(plan.themeDay)}`,
    items,
    warnings: [
      ...(yw ? [yw] : []),
      ...(standing.hasCommittee ? [] : [standing.reason]),
      ...(plan.status === 'draft' ? (plan.leftOut ?? []) : []),
      ...(plan.status === 'draft'
        ? quotaWarnings(
            // Meetings already held or scheduled this year count toward their period's quota.
            [...plan.items, ...(await heldInYear(ctx, branch._id, plan.year)).map(plannedOf)],
            rules,
            plan.year,
            groups.map((g) => ({ id: g._id, name: g.name })),
            ctx.now,
          )
        : []),
    ],
    calendarCovered: yw === null,
    generatedAt: plan.generatedAt,
    updatedAt: plan.updatedAt,
    publishedAt: plan.publishedAt,
    canEdit: plan.status === 'draft' && isAllowed(ctx.actor, planUpdateDecl.access, { orgPath: branch.path }),
    notifyCount,
  }
}

/** Longest list of a branch's meetings in one year read for planning (the data is wrong past it). */
const MAX_YEAR_MEETINGS = 2000

/** The key a meeting counts under against the plan: kind, period key (`2026-11`), 党小组. */
function coverKey(kind: string, periodKey: string, groupId: string | null | undefined): string {
  return `${kind}|${periodKey}|${groupId ?? ''}`
}

/**
 * The branch's meetings in Beijing year `year` that are not cancelled, when that year has begun by
 * `ctx.now` (none otherwise: a future year has nothing held yet), oldest first.
 */
async function heldInYear(ctx: MemberContext, branchId: string, year: number): Promise<Stored<MeetingDoc>[]> {
  const from = fromBeijing(`${year}-01-01`, '00:00')
  const to = fromBeijing(`${year + 1}-01-01`, '00:00')
  if (ctx.now < from) return []
  const all = await readAll(
    ctx.ports.store,
    'meetings',
    [eq('branchId', branchId), { field: 'startAt', op: 'gte', value: from }, { field: 'startAt', op: 'lt', value: to }],
    'startAt',
    MAX_YEAR_MEETINGS,
  )
  return all.filter((m) => m.status !== 'cancelled')
}

function sortItems(items: PlanItemDoc[]): PlanItemDoc[] {
  return items.sort(
    (a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.title.localeCompare(b.title),
  )
}

export const planGenerate = implement(planGenerateDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const id = planId(branch._id, input.year)
  const existing = await store.get('plans', id)
  if (existing?.status === 'published') {
    throw new AppError(
      'CONFLICT',
      `${input.year}年的计划已经发布，不能重新生成；如需调整，请在会议详情中逐次改期或取消。`,
    )
  }
  const groups = await groupsOf(ctx.ports.store, branch._id)
  const themeDay = input.themeDayRule ?? existing?.themeDay ?? DEFAULT_THEME_DAY
  const rules = rulesOwed(await rulesFor(store, branch), await committeeStandingOf(store, branch._id))
  const generated = generatePlan({
    year: input.year,
    branchId: branch._id,
    rules,
    groups: groups.map((g) => ({ id: g._id, name: g.name })),
    themeDay,
    defaults: { times: { ...DEFAULT_PLAN_TIMES, ...(input.times ?? {}) } },
    calendar: await planCalendar(),
  })
  // A year under way: no meeting on a day already past, and none in a period the branch already
  // held (or scheduled) that kind of meeting in — each left out is said, never dropped silently.
  const held = await heldInYear(ctx, branch._id, input.year)
  const covered = new Map<string, number>()
  for (const m of held) {
    const k = coverKey(m.kind, periodSpan(m.startAt, kindRule(m.kind, rules).period).key, m.groupId)
    covered.set(k, (covered.get(k) ?? 0) + 1)
  }
  let past = 0
  const coveredLabels: string[] = []
  const groupNames = new Map(groups.map((g) => [g._id, g.name]))
  const wanted = generated.items.filter((i) => {
    const k = coverKey(i.kind, i.periodKey, i.groupId)
    const already = covered.get(k) ?? 0
    if (already > 0) {
      covered.set(k, already - 1)
      const span = periodSpan(fromBeijing(i.date, i.startTime), kindRule(i.kind, rules).period)
      const group = i.groupId ? `${groupNames.get(i.groupId) ?? ''}的` : ''
      coveredLabels.push(`${span.label}${group}${kindRule(i.kind, rules).label}`)
      return false
    }
    if (fromBeijing(i.date, i.startTime) < ctx.now) {
      past += 1
      return false
    }
    return true
  })
  const leftOut = [
    ...(past > 0
      ? [`${input.year}年已过去的日期不再安排：生成时略去了今天以前的 ${past} 次会议，需要补开的请另行安排。`]
      : []),
    ...(coveredLabels.length > 0
      ? [
          `已有会议的期间没有重复安排（${coveredLabels.length} 次）：${coveredLabels.slice(0, 6).join('、')}${coveredLabels.length > 6 ? ' 等' : ''}。`,
        ]
      : []),
  ]
  const seen = new Map<string, number>()
  const items = wanted.map((i): PlanItemDoc => {
    const base = `${i.kind}-${i.periodKey}${i.groupId ? `-${i.groupId}` : ''}`
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return {
      id: `${base}-${n}`,
      kind: i.kind,
      periodKey: i.periodKey,
      date: i.date,
      startTime: i.startTime,
      endTime: i.endTime,
      title: i.title,
      place: input.place ?? DEFAULT_PLAN_PLACE,
      groupId: i.groupId,
      note: i.note ?? null,
      meetingId: null,
    }
  })
  const body: PlanDoc = {
    branchId: branch._id,
    year: input.year,
    status: 'draft',
    themeDay,
    items,
    generatedAt: ctx.now,
    generatedBy: ctx.actor.memberId,
    updatedAt: ctx.now,
    updatedBy: ctx.actor.memberId,
    publishedAt: null,
    publishedBy: null,
    leftOut,
  }
  const saved = existing
    ? await store.update('plans', id, body, existing._version)
    : await ctx.createOnce('plans', { _id: id, ...body })
  return viewOf(ctx, branch, saved)
})

export const planGet = implement(planGetDecl, async (ctx, input) => {
  const branch = ctx.target.org
  const plan = await ctx.ports.store.get('plans', planId(branch._id, input.year))
  if (plan) return viewOf(ctx, branch, plan)
  return {
    id: null,
    branch: orgRef(branch),
    year: input.year,
    calendarCovered: chineseDaysCalendar.hasYear(input.year),
    canEdit: isAllowed(ctx.actor, planUpdateDecl.access, { orgPath: branch.path }),
  }
})

async function draftOf(
  ctx: MemberContext,
  branch: Stored<Org>,
  year: number,
  version: number,
): Promise<Stored<PlanDoc>> {
  const plan = await ctx.ports.store.get('plans', planId(branch._id, year))
  if (!plan) throw new AppError('NOT_FOUND', `${year}年还没有计划，请先一键生成计划。`)
  if (plan.status === 'published') {
    throw new AppError('CONFLICT', `${year}年的计划已经发布，不能再改；如需调整，请在会议详情中逐次改期或取消。`)
  }
  if (plan._version !== version) {
    throw new AppError('CONFLICT', '计划刚被别人修改过，请刷新后在最新的计划上再改。')
  }
  return plan
}

export const planUpdate = implement(planUpdateDecl, async (ctx, input) => {
  const branch = ctx.target.org
  const plan = await draftOf(ctx, branch, input.year, input.version)
  const groups = new Set((await groupsOf(ctx.ports.store, branch._id)).map((g) => g._id))
  const before = new Map(plan.items.map((i) => [i.id, i]))
  const problems: FieldProblem[] = []
  const ids = new Set<string>()
  const rules = await rulesFor(ctx.ports.store, branch)
  const items = input.items.map((i, n): PlanItemDoc => {
    const startAt = fromBeijing(i.date, i.startTime)
    if (Number.isNaN(startAt))
      problems.push({ field: `items.${n}.date`, message: `${i.date} 这一天不存在，请重新选择日期` })
    else if (Number(i.date.slice(0, 4)) !== input.year) {
      problems.push({ field: `items.${n}.date`, message: `第 ${n + 1} 项的日期不在 ${input.year} 年内，请改到本年度` })
    }
    const groupId = i.kind === 'group_meeting' ? (i.groupId ?? null) : null
    if (groupId && !groups.has(groupId)) {
      problems.push({ field: `items.${n}.groupId`, message: `第 ${n + 1} 项的党小组不属于本支部，请重新选择` })
    }
    const old = i.id ? before.get(i.id) : undefined
    if (i.id && !old) problems.push({ field: `items.${n}.id`, message: `第 ${n + 1} 项不在原计划中，请刷新后再改` })
    const id = old ? old.id : ctx.newId('item')
    if (ids.has(id)) problems.push({ field: `items.${n}.id`, message: `第 ${n + 1} 项重复出现，请删除其中一项` })
    ids.add(id)
    const moved = old && (old.date !== i.date || old.kind !== i.kind)
    return {
      id,
      kind: i.kind,
      periodKey: Number.isNaN(startAt) ? '' : periodSpan(startAt, kindRule(i.kind, rules).period).key,
      date: i.date,
      startTime: i.startTime,
      endTime: i.endTime,
      title: i.title,
      place: i.place,
      groupId,
      note: moved || !old ? null : old.note,
      meetingId: null,
    }
  })
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `${problems[0].message}。请修改后再保存。`, problems)
  }
  const saved = await ctx.ports.store.update(
    'plans',
    plan._id,
    { items: sortItems(items), updatedAt: ctx.now, updatedBy: ctx.actor.memberId },
    plan._version,
  )
  return viewOf(ctx, branch, saved)
})

export const planPublish = implement(planPublishDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const plan = await draftOf(ctx, branch, input.year, input.version)
  const members = (await membersOf(store, branch._id)).filter((m) => isActiveMember(m))
  const groups = new Set((await groupsOf(ctx.ports.store, branch._id)).map((g) => g._id))
  const rules = await rulesFor(store, branch)

  // Every item is checked before the first meeting is made: a refused publish changes nothing.
  const problems: FieldProblem[] = []
  const docs = plan.items.map((item, n) => {
    const startAt = fromBeijing(item.date, item.startTime)
    const endAt = fromBeijing(item.date, item.endTime)
    const where = `第 ${n + 1} 项（${item.date} ${item.title}）`
    if (Number.isNaN(startAt) || Number.isNaN(endAt)) {
      problems.push({ field: `items.${n}.date`, message: `${where}的日期不存在，请修改` })
    } else if (startAt < ctx.now) {
      problems.push({ field: `items.${n}.date`, message: `${where}的时间已经过去，请改到以后的日期或删除这一项` })
    }
    if (item.kind === 'group_meeting' && (!item.groupId || !groups.has(item.groupId))) {
      problems.push({ field: `items.${n}.groupId`, message: `${where}的党小组已不在本支部，请重新选择或删除` })
    }
    const participantIds = deriveParticipants(
      item.kind,
      members.map((m) => ({ ...m, id: m._id })),
      { groupId: item.groupId },
    )
    if (participantIds.length === 0 && problems.length === 0) {
      problems.push({ field: `items.${n}.kind`, message: `${where}按会议类型没有应参会的党员，请先设置职务或党小组` })
    }
    const meetingId = plannedMeetingId(plan._id, item.id)
    const doc = {
      _id: meetingId,
      branchId: branch._id,
      kind: item.kind,
      title: item.title,
      startAt,
      endAt,
      place: item.place,
      agenda: [`按${plan.year}年组织生活计划召开：${item.title}`],
      groupId: item.kind === 'group_meeting' ? item.groupId : null,
      participantIds,
      status: 'scheduled',
      createdBy: ctx.actor.memberId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      planId: plan._id,
      planItemId: item.id,
    } satisfies Omit<Meeting, 'id'> & { _id: string; planId: string; planItemId: string }
    return doc
  })
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `${problems[0].message}，然后再发布。`, problems)
  }

  let created = 0
  for (const doc of docs) {
    // The meeting and the counters it feeds land together; one already made by an earlier try is kept.
    const made = await store.transaction(async (tx) => {
      if (await tx.get('meetings', doc._id)) return false
      const inserted = await tx.insert('meetings', doc)
      await updateCounters(tx, rules, null, inserted)
      return true
    })
    if (made) created += 1
  }
  const saved = await store.update(
    'plans',
    plan._id,
    {
      status: 'published',
      items: plan.items.map((i, n) => ({ ...i, meetingId: docs[n]._id })),
      publishedAt: ctx.now,
      publishedBy: ctx.actor.memberId,
      updatedAt: ctx.now,
      updatedBy: ctx.actor.memberId,
    },
    plan._version,
  )

  // One notice per member for the whole plan, not one per meeting: a year of meetings would bury them.
  let notified = 0
  for (const m of members) {
    const mine = docs.filter((d) => d.participantIds.includes(m._id))
    if (mine.length === 0) continue
    const first = mine.reduce((a, b) => (b.startAt < a.startAt ? b : a))
    const sent = await notify(
      ctx.ports,
      {
        id: `${plan._id}.published.${m._id}`,
        memberId: m._id,
        branchId: branch._id,
        topic: 'plan.published',
        fields: {
          planId: plan._id,
          branchId: branch._id,
          branchName: branch.name,
          year: plan.year,
          total: docs.length,
          mine: mine.length,
          firstTitle: first.title,
          firstStartAt: first.startAt,
        },
      },
      ctx.now,
    )
    if (sent) notified += 1
  }
  return { ...(await viewOf(ctx, branch, saved)), created, notified }
})
