/**
 * 失联 handling (issue 16 §7): the branch records each search for a member out of contact (查找记录:
 * who, when, how, result), and at six calendar months without contact, with searches that did not
 * reach the member, proposes 停止党籍 to its 党委. The proposal is a record the 党委 reads
 * (`mobile.stopProposals`, and on the member's page); the app never changes a member's status
 * because of it — the 党组织 decides by its own procedure (《中国共产党党员教育管理工作条例》).
 */
import { eq, type Filter, type Stored, type StorePort, type StoreReader } from '../../ports/store'
import { implement } from '../handler'
import {
  mobileAnswerStopProposal as answerDecl,
  mobileProposeStop as proposeDecl,
  mobileRecordSearch as searchDecl,
  mobileStopProposals as proposalsDecl,
} from '../../../domain/api/catalog-mobile'
import type { SearchRecordView, StopProposalView } from '../../../domain/api/views-mobile'
import { beijing, fromBeijing } from '../../../domain/beijing-time'
import { AppError } from '../../../domain/errors'
import { lostSince, SEARCH_METHOD_LABELS, stopProposalProblem } from '../../../domain/mobile'
import type { Actor } from '../../../domain/access'
import type { Org } from '../../../domain/org'
import type { MobileSearchDoc, StopProposalDoc } from '../../documents'
import { orgRef, readAll } from '../roster-reads'
import { invalid, touchContact } from './registry'

/** Searches kept per member for the proposal and the page; a branch looks a handful of times. */
const MAX_SEARCHES = 200
/** Proposals a 党委's list shows at once, newest first. */
const MAX_PROPOSALS = 200

export function searchView(doc: Stored<MobileSearchDoc>): SearchRecordView {
  return {
    id: doc._id,
    memberId: doc.memberId,
    date: doc.date,
    method: doc.method,
    methodLabel: SEARCH_METHOD_LABELS[doc.method],
    result: doc.result,
    found: doc.found,
    byName: doc.byName,
    recordedAt: doc.recordedAt,
  }
}

/** A member's searches, newest first. */
export function searchesOf(store: StorePort, memberId: string): Promise<Stored<MobileSearchDoc>[]> {
  return readAll(store, 'mobile_searches', [eq('memberId', memberId)], 'recordedAt', MAX_SEARCHES).then((all) =>
    [...all].sort((a, b) => b.recordedAt - a.recordedAt),
  )
}

/** The id of a member's proposal for one spell out of contact (one per last contact). */
export function proposalId(memberId: string, lastContactAt: number): string {
  return `${memberId}.${lastContactAt}`
}

/** Builds a proposal's view: the branch and 党委 by name, the searches it was made on. */
export async function proposalView(
  store: StoreReader,
  doc: Stored<StopProposalDoc>,
  viewer?: Pick<Actor, 'orgId' | 'orgKind'>,
): Promise<StopProposalView> {
  const [branch, committee] = await Promise.all([store.get('orgs', doc.branchId), store.get('orgs', doc.committeeId)])
  const searches = (await Promise.all(doc.searchIds.map((id) => store.get('mobile_searches', id))))
    .filter((s): s is Stored<MobileSearchDoc> => !!s)
    .map(searchView)
  const ref = (o: Stored<Org> | null, id: string) => (o ? orgRef(o) : { id, name: id, kind: 'branch' as const })
  return {
    id: doc._id,
    memberId: doc.memberId,
    memberName: doc.memberName,
    branch: ref(branch, doc.branchId),
    committee: ref(committee, doc.committeeId),
    lastContactAt: doc.lastContactAt,
    lostSince: doc.lostSince,
    reason: doc.reason,
    searches,
    proposedAt: doc.proposedAt,
    proposedByName: doc.proposedByName,
    status: doc.status,
    canAnswer: !!viewer && doc.status === 'open' && mayAnswer(viewer, doc),
    answer: doc.answer
      ? {
          agreed: doc.answer.agreed,
          decidedOn: doc.answer.decidedOn,
          docNo: doc.answer.docNo,
          reason: doc.answer.reason,
          byName: doc.answer.byName,
          at: doc.answer.at,
        }
      : null,
  }
}

/** The nearest 党委 above a branch (the root when the path has none). */
async function committeeOf(store: StoreReader, branch: Pick<Org, 'path'>): Promise<string> {
  for (const id of [...branch.path].reverse()) {
    const org = await store.get('orgs', id)
    if (org?.kind === 'committee') return org._id
  }
  return branch.path[0]
}

export const mobileRecordSearch = implement(searchDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const member = ctx.target.record
  const today = beijing(ctx.now).format('YYYY-MM-DD')
  if (input.date > today) throw invalid('date', '查找日期不能晚于今天')
  const profile = await store.get('mobile_profiles', member._id)
  if (!profile) {
    throw invalid('memberId', `还没有登记${member.name}的流动信息；请先登记外出时间、所在地和联系方式，再记录查找情况`)
  }
  const doc: MobileSearchDoc & { _id: string } = {
    _id: ctx.newId('search'),
    memberId: member._id,
    branchId: member.orgId,
    date: input.date,
    method: input.method,
    result: input.result,
    found: input.found,
    byId: ctx.actor.memberId,
    byName: ctx.actor.name,
    recordedAt: ctx.now,
  }
  // A search that reached the member is a contact: on its day (noon), or now when it was today.
  const contactAt = input.date === today ? ctx.now : Math.min(ctx.now, fromBeijing(input.date, '12:00'))
  const saved = await store.transaction(async (tx) => {
    const existing = await tx.get('mobile_searches', doc._id)
    if (existing) return existing
    const created = await tx.insert('mobile_searches', doc)
    if (input.found) await touchContact(tx, member._id, contactAt, false)
    return created
  })
  return searchView(saved)
})

export const mobileProposeStop = implement(proposeDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const member = ctx.target.record
  const profile = await store.get('mobile_profiles', member._id)
  if (!profile) {
    throw invalid('memberId', `还没有登记${member.name}的流动信息；失联党员的查找和提请从流动党员登记开始`)
  }
  const id = proposalId(member._id, profile.lastContactAt)
  const existing = await store.get('stop_proposals', id)
  const searches = await searchesOf(store, member._id)
  const problem = stopProposalProblem({
    lastContactAt: profile.lastContactAt,
    searches,
    now: ctx.now,
    openProposal: existing !== null,
  })
  if (problem) {
    if (existing) throw new AppError('CONFLICT', `${problem}。`)
    throw invalid('memberId', problem)
  }
  const since = beijing(profile.lastContactAt).format('YYYY-MM-DD')
  const branch = ctx.target.org
  const saved = await ctx.createOnce('stop_proposals', {
    _id: id,
    memberId: member._id,
    memberName: member.name,
    branchId: member.orgId,
    committeeId: await committeeOf(store, branch),
    path: [...branch.path],
    lastContactAt: profile.lastContactAt,
    lostSince: lostSince(profile.lastContactAt),
    reason: input.reason,
    searchIds: searches.filter((s) => !s.found && s.date >= since).map((s) => s._id),
    status: 'open',
    proposedAt: ctx.now,
    proposedBy: ctx.actor.memberId,
    proposedByName: ctx.actor.name,
  })
  return proposalView(store, saved)
})

export const mobileStopProposals = implement(proposalsDecl, async (ctx, _input) => {
  const { store } = ctx.ports
  const org = ctx.target.org
  // A 党委 (or 党总支) reads what every branch below it proposed, a branch its own.
  const where: Filter[] =
    org.kind === 'branch' ? [eq('branchId', org._id)] : [{ field: 'path', op: 'contains', value: org._id }]
  const docs = await readAll(store, 'stop_proposals', where, 'proposedAt', MAX_PROPOSALS)
  const items = await Promise.all(
    [...docs].sort((a, b) => b.proposedAt - a.proposedAt).map((d) => proposalView(store, d, ctx.actor)),
  )
  return { org: orgRef(org), items }
})

/** Whether `viewer` is staff of a 党委 (or 党总支) the proposal `doc` went up through. */
function mayAnswer(viewer: Pick<Actor, 'orgId' | 'orgKind'>, doc: Pick<StopProposalDoc, 'path'>): boolean {
  return viewer.orgKind !== 'branch' && viewer.orgKind !== 'group' && doc.path.includes(viewer.orgId)
}

/** A 党委 answers a few proposals a year; the cap only guards against broken data. */
const MAX_MEMBER_PROPOSALS = 50

/**
 * The 党委 answers the open 停止党籍 proposal about a member: 同意 needs the decision's date (not in
 * the future) and 文号, 不同意 a reason. Only staff of the 党委 (or 党总支) the proposal went up
 * through may answer, not the branch. Recorded only: the member's status is left to the roster's
 * own edit: 停止党籍 is the Party organization's decision (as mobile.proposeStop says), never the
 * app's. Returns the proposal with its answer.
 */
export const mobileAnswerStopProposal = implement(answerDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const member = ctx.target.record
  const proposals = await readAll(
    store,
    'stop_proposals',
    [eq('memberId', member._id)],
    'proposedAt',
    MAX_MEMBER_PROPOSALS,
  )
  const open = proposals.find((p) => p.status === 'open')
  if (!open) throw invalid('memberId', `没有待答复的${member.name}停止党籍提请：可能已经答复过；请刷新后再看。`)
  if (!mayAnswer(ctx.actor, open)) {
    throw invalid('memberId', '停止党籍提请由所报的党委答复，支部不能自行答复。')
  }
  if (input.agree) {
    if (!input.decidedOn) throw invalid('decidedOn', '请填写党委作出决定的日期。')
    if (input.decidedOn > beijing(ctx.now).format('YYYY-MM-DD')) {
      throw invalid('decidedOn', '决定日期不能晚于今天，请核对。')
    }
    if (!input.docNo) throw invalid('docNo', '请填写党委决定的文号。')
  } else if (!input.reason) {
    throw invalid('reason', '请说明不同意的理由，支部会看到。')
  }
  const answer = {
    agreed: input.agree,
    decidedOn: input.agree ? input.decidedOn! : null,
    docNo: input.agree ? input.docNo! : null,
    reason: input.agree ? null : input.reason!,
    by: ctx.actor.memberId,
    byName: ctx.actor.name,
    at: ctx.now,
  }
  const saved = await store.transaction(async (tx) => {
    const now = await tx.get('stop_proposals', open._id)
    if (!now || now.status !== 'open') {
      throw invalid('memberId', '这份提请刚刚已答复，请刷新后再看。')
    }
    return tx.update(
      'stop_proposals',
      now._id,
      { status: input.agree ? ('agreed' as const) : ('refused' as const), answer },
      now._version,
    )
  })
  return proposalView(store, saved, ctx.actor)
})
