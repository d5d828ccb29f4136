/** The registry: the member's own page, the branch list, one member's timeline, edits and rules. */
import { eq } from '../../ports/store'
import { implement } from '../handler'
import { mobileGetMine as mobileGetMineDecl } from '../../../domain/api/catalog-mobile'
import { isAllowed } from '../../../domain/access'
import {
  mobileRecordContact as contactDecl,
  mobileReportMarkRead as markReadDecl,
  mobileSetCadence as cadenceDecl,
  mobileSetThresholds as thresholdsDecl,
  mobileUpdateProfile as updateDecl,
  mobileGet as getDecl,
  mobileListBranch as listDecl,
  mobileRules as rulesDecl,
  mobileRecordSearch as searchDecl,
  mobileProposeStop as proposeDecl,
} from '../../../domain/api/catalog-mobile'
import type { MobileProfileView, TimelineEntry } from '../../../domain/api/views-mobile'
import { beijing } from '../../../domain/beijing-time'
import { AppError } from '../../../domain/errors'
import {
  CONTACT_STATES,
  compareByRisk,
  mobileRuleSetId,
  REPORT_KIND_LABELS,
  reportRequirement,
  SEARCH_METHOD_LABELS,
  stopProposalProblem,
  type ContactState,
  type MobileRuleSet,
} from '../../../domain/mobile'
import type { MemberContext } from '../../action-context'
import type { CheckinDoc, MakeupDoc, ProfileDoc, ReportDoc } from '../../documents'
import { StoreConflict, type Stored, type StorePort } from '../../ports/store'
import { membersOf, orgRef } from '../roster-reads'
import { seesPrivate } from '../roster'
import { checkinSeenBy, phoneSeenBy, reportSeenBy, type MobileViewer } from '../../../domain/visibility'
import { makeupView } from './registry'
import { proposalId, proposalView, searchesOf, searchView } from './lost-contact'
import { missedMeetings } from './makeups'
import { withAttendanceContact } from '../../mobile-attendance-contact'
import {
  checkinView,
  dueView,
  invalid,
  mobileRulesFor,
  profileView,
  reportView,
  rulesView,
  touchContact,
} from './registry'

/**
 * The actor as src/domain/visibility.ts sees them on a 流动党员 of the branch at `orgPath`: whether
 * they read reports and 报到 notes (the branch committee, who answer them) and whole phone numbers.
 */
function mobileViewer(ctx: MemberContext, org: { path: string[] }): MobileViewer & { fullPhones: boolean } {
  return {
    memberId: ctx.actor.memberId,
    branchCommittee: isAllowed(ctx.actor, markReadDecl.access, { orgPath: org.path }),
    fullPhones: seesPrivate(ctx.actor, org),
  }
}

/** A member's records shown at once; older ones stay stored. */
const RECENT = 50

async function recentOf<T>(store: StorePort, collection: string, memberId: string, orderField: string) {
  const page = await store.query<T>(collection, {
    where: [eq('memberId', memberId)],
    orderBy: { field: orderField, direction: 'desc' },
    limit: RECENT,
  })
  return page.items
}

export const mobileGetMine = implement(mobileGetMineDecl, async (ctx) => {
  const { store } = ctx.ports
  const me = ctx.actor.memberId
  const rules = await mobileRulesFor(store, ctx.target.org)
  const profile = await store.get('mobile_profiles', me)
  const reports = (await recentOf<ReportDoc>(store, 'reports', me, 'submittedAt')).map(reportView)
  const checkins = (await recentOf<CheckinDoc>(store, 'checkins', me, 'at')).map(checkinView)
  return {
    profile: profile ? profileView(await withAttendanceContact(store, profile), ctx.actor.name, ctx.now, rules) : null,
    due: dueView(profile?.lastCheckinAt ?? null, ctx.now, rules.cadence),
    requirement: reportRequirement(reports, ctx.now),
    checkins,
    reports,
    missed: ctx.actor.orgKind === 'branch' ? await missedMeetings(store, ctx.actor.orgId, me, ctx.now) : [],
  }
})

export const mobileListBranch = implement(listDecl, async (ctx, _input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const rules = await mobileRulesFor(store, branch)
  const viewer = mobileViewer(ctx, branch)
  const members = await membersOf(store, branch._id)
  const names = new Map(members.map((m) => [m._id, m.name]))
  const rows: MobileProfileView[] = []
  const seen = new Set<string>()
  let cursor: string | null = null
  do {
    const page: { items: Stored<ProfileDoc>[]; nextCursor: string | null } = await store.query('mobile_profiles', {
      where: [eq('branchId', branch._id)],
      orderBy: { field: 'lastContactAt', direction: 'asc' },
      limit: 100,
      cursor,
    })
    for (const p of page.items) {
      const member = members.find((m) => m._id === p.memberId)
      // A profile stays when the member comes back; only members still 流动 are listed.
      if (!member || member.status !== 'mobile') continue
      seen.add(p.memberId)
      const row = profileView(
        await withAttendanceContact(store, p),
        names.get(p.memberId) ?? p.memberId,
        ctx.now,
        rules,
      )
      rows.push({ ...row, contact: phoneSeenBy(row.contact, viewer.fullPhones) })
    }
    cursor = page.nextCursor
  } while (cursor && rows.length < 2000)
  rows.sort(compareByRisk)
  const counts = Object.fromEntries(CONTACT_STATES.map((s) => [s, 0])) as Record<ContactState, number>
  for (const r of rows) counts[r.state] += 1
  return {
    branch: orgRef(branch),
    rules: rulesView(rules),
    rows,
    counts,
    unregistered: members
      .filter((m) => m.status === 'mobile' && !seen.has(m._id))
      .map((m) => ({ memberId: m._id, name: m.name })),
    can: {
      setCadence: isAllowed(ctx.actor, cadenceDecl.access, { orgPath: branch.path }),
      setThresholds: isAllowed(ctx.actor, thresholdsDecl.access, { orgPath: branch.path }),
    },
  }
})

export const mobileGet = implement(getDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const member = ctx.target.record
  const rules = await mobileRulesFor(store, ctx.target.org)
  // Reports and 报到 notes for the member's branch committee, whole phones for roster keepers only.
  const viewer = mobileViewer(ctx, ctx.target.org)
  const profile = await store.get('mobile_profiles', input.memberId)
  const checkins = (await recentOf<CheckinDoc>(store, 'checkins', input.memberId, 'at')).map((c) =>
    checkinSeenBy(c, viewer),
  )
  const reports = (await recentOf<ReportDoc>(store, 'reports', input.memberId, 'submittedAt')).map((r) =>
    reportSeenBy(r, viewer),
  )
  const makeups = await recentOf<MakeupDoc>(store, 'makeups', input.memberId, 'submittedAt')
  const searches = await searchesOf(store, input.memberId)
  const proposalDoc = profile
    ? await store.get('stop_proposals', proposalId(input.memberId, profile.lastContactAt))
    : null
  // Attendance at a meeting is contact too: the page's 最近联系 and the stop-proposal check use both.
  const contacted = profile ? await withAttendanceContact(store, profile) : null
  const timeline: TimelineEntry[] = [
    ...checkins.map((c) => ({
      at: c.at,
      kind: c.kind,
      title: c.kind === 'checkin' ? c.city : c.byName,
      detail: c.note,
    })),
    ...reports.map((r) => ({
      at: r.submittedAt,
      kind: 'report' as const,
      title: r.title,
      detail: `${REPORT_KIND_LABELS[r.kind]}，${r.readAt ? `已阅${r.reply ? `，回复：${r.reply}` : ''}` : '待阅'}`,
    })),
    ...makeups.map((m) => ({
      at: m.submittedAt,
      kind: 'makeup' as const,
      title: m.meetingTitle,
      detail: m.acceptedAt ? '已确认' : '待确认',
    })),
    ...searches.map((q) => ({
      at: q.recordedAt,
      kind: 'search' as const,
      title: `${q.date} ${SEARCH_METHOD_LABELS[q.method]}查找，${q.found ? '已取得联系' : '未取得联系'}`,
      detail: `${q.result}（${q.byName}）`,
    })),
  ].sort((a, b) => b.at - a.at)
  return {
    profile: contacted
      ? (() => {
          const view = profileView(contacted, member.name, ctx.now, rules)
          return { ...view, contact: phoneSeenBy(view.contact, viewer.fullPhones) }
        })()
      : null,
    member: { id: member._id, name: member.name, status: member.status, branchId: member.orgId },
    requirement: reportRequirement(reports, ctx.now),
    due: dueView(profile?.lastCheckinAt ?? null, ctx.now, rules.cadence),
    reports: reports.map(reportView),
    makeups: makeups.map(makeupView),
    timeline,
    searches: searches.map(searchView),
    proposal: proposalDoc ? await proposalView(store, proposalDoc, ctx.actor) : null,
    proposalProblem: contacted
      ? stopProposalProblem({
          lastContactAt: contacted.lastContactAt,
          searches,
          now: ctx.now,
          openProposal: proposalDoc !== null,
        })
      : '还没有登记流动信息',
    can: {
      editProfile: isAllowed(ctx.actor, updateDecl.access, { orgPath: ctx.target.org.path }),
      recordContact: isAllowed(ctx.actor, contactDecl.access, { orgPath: ctx.target.org.path }),
      markReports: isAllowed(ctx.actor, markReadDecl.access, { orgPath: ctx.target.org.path }),
      recordSearch: isAllowed(ctx.actor, searchDecl.access, { orgPath: ctx.target.org.path }),
      proposeStop: isAllowed(ctx.actor, proposeDecl.access, { orgPath: ctx.target.org.path }),
    },
  }
})

export const mobileUpdateProfile = implement(updateDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const member = ctx.target.record
  if (member.status !== 'mobile') {
    throw invalid('memberId', `${member.name}的党员状态不是“流动”；请先在支部成员中把状态改为流动，再登记流动信息`)
  }
  const today = beijing(ctx.now).format('YYYY-MM-DD')
  if (input.since > today) throw invalid('since', '外出时间不能晚于今天')
  if (input.expectedReturn && input.expectedReturn < input.since) {
    throw invalid('expectedReturn', '预计返回时间不能早于外出时间')
  }
  const fields = {
    since: input.since,
    city: input.city,
    reason: input.reason,
    contact: input.contact,
    certificateNo: input.certificateNo,
    hostBranch: input.hostBranch,
    expectedReturn: input.expectedReturn ?? null,
    updatedAt: ctx.now,
    updatedBy: ctx.actor.memberId,
  }
  const rules = await mobileRulesFor(store, ctx.target.org)
  const existing = await store.get('mobile_profiles', member._id)
  let saved: Stored<ProfileDoc>
  if (input.version === null) {
    if (existing) throw new AppError('CONFLICT', `${member.name}的流动信息已经有人登记过了，请刷新后在此基础上修改。`)
    try {
      saved = await store.insert('mobile_profiles', {
        _id: member._id,
        memberId: member._id,
        branchId: member.orgId,
        ...fields,
        // Registering is a contact made by the branch.
        lastContactAt: ctx.now,
        lastCheckinAt: null,
        createdAt: ctx.now,
      })
    } catch (err) {
      if (err instanceof StoreConflict && err.reason === 'duplicate') {
        throw new AppError('CONFLICT', `${member.name}的流动信息已经有人登记过了，请刷新后在此基础上修改。`)
      }
      throw err
    }
  } else {
    if (!existing) throw new AppError('NOT_FOUND', '还没有登记这位党员的流动信息，请刷新后重新登记。')
    if (existing._version !== input.version) throw new AppError('CONFLICT')
    saved = await store.update<ProfileDoc>('mobile_profiles', member._id, fields, input.version)
  }
  return profileView(saved, member.name, ctx.now, rules)
})

export const mobileRecordContact = implement(contactDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const member = ctx.target.record
  const rules = await mobileRulesFor(store, ctx.target.org)
  const doc: CheckinDoc & { _id: string } = {
    _id: ctx.newId('contact'),
    memberId: member._id,
    branchId: member.orgId,
    kind: 'contact',
    city: '',
    note: input.note,
    deviceTime: ctx.now,
    at: ctx.now,
    photoFileId: null,
    byId: ctx.actor.memberId,
    byName: ctx.actor.name,
  }
  const profile = await store.transaction(async (tx) => {
    const current = await tx.get('mobile_profiles', member._id)
    if (!current) return null
    await tx.insert('checkins', doc)
    return touchContact(tx, member._id, ctx.now, false)
  })
  if (!profile) {
    throw invalid('memberId', `还没有登记${member.name}的流动信息；请先登记外出时间、所在地和联系方式，再记录联系`)
  }
  return profileView(profile, member.name, ctx.now, rules)
})

export const mobileRules = implement(rulesDecl, async (ctx, _input) => {
  return rulesView(await mobileRulesFor(ctx.ports.store, ctx.target.org))
})

async function saveRuleSet(ctx: MemberContext, patch: Pick<MobileRuleSet, 'thresholds' | 'cadence'>) {
  const { store } = ctx.ports
  const org = ctx.target.org
  const id = mobileRuleSetId(org._id)
  const current = await store.get<MobileRuleSet>('rule_sets', id)
  const body = { ...patch, updatedBy: ctx.actor.memberId, updatedAt: ctx.now }
  if (current) await store.update<MobileRuleSet>('rule_sets', id, body, current._version)
  else await store.insert<MobileRuleSet>('rule_sets', { _id: id, kind: 'mobile', orgId: org._id, ...body })
  return rulesView(await mobileRulesFor(store, org))
}

export const mobileSetCadence = implement(cadenceDecl, async (ctx, input) => {
  return saveRuleSet(ctx, { cadence: input.cadence })
})

export const mobileSetThresholds = implement(thresholdsDecl, async (ctx, input) => {
  const kind = ctx.target.org.kind
  if (kind !== 'committee' && kind !== 'general_branch') {
    throw invalid('orgId', '联系状态的期限由党委或党总支统一设定，请选择党委或党总支')
  }
  return saveRuleSet(ctx, {
    thresholds: {
      needsContactDays: input.needsContactDays,
      warningDays: input.warningDays,
      lostRiskMonths: input.lostRiskMonths,
    },
  })
})
