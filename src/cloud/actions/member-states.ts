/**
 * Member states (issue 16 §3): 留党察看, an approved exclusion from 应到 and 延长预备期, each set by the
 * branch's roster keepers and each change written to `member_history` in the same transaction, with
 * who made it, when (server time) and why. The rules are in src/domain/member-states.ts.
 */
import { implement } from './handler'
import {
  memberStateApproveConfirmation,
  memberStateExtendProbation,
  memberStateSetExclusion,
  memberStateSetPartyProbation,
} from '../../domain/api/catalog-member-states'
import { AppError } from '../../domain/errors'
import {
  confirmationApprovalProblem,
  confirmationPendingText,
  exclusionProblem,
  extensionProblem,
  partyProbationProblem,
} from '../../domain/member-states'
import type { Member, MemberChangeField, Org } from '../../domain/org'
import { sameValue } from '../../domain/roster-csv'
import type { MemberContext } from '../action-context'
import type { Stored } from '../ports/store'
import { invalid, memberDetail, type MemberDoc } from './roster'

type StateField = Extract<MemberChangeField, 'partyProbation' | 'exclusion' | 'probationExtendedTo'>

/** Writes one state field and its history entry together; refuses a stale version. */
async function setState<F extends StateField>(
  ctx: MemberContext,
  current: MemberDoc,
  org: Stored<Org>,
  input: { version: number; reason: string },
  field: F,
  value: Member[F],
) {
  if (current._version !== input.version) {
    throw new AppError('CONFLICT', `${current.name}的信息刚被别人修改过，请刷新后在最新的信息上再修改。`)
  }
  const from = current[field] ?? null
  if (sameValue(from, value ?? null)) return memberDetail(ctx, current, org)
  const updated = await ctx.ports.store.transaction(async (tx) => {
    const saved = await tx.update<Omit<Member, 'id'>>(
      'members',
      current._id,
      { [field]: value } as Partial<Omit<Member, 'id'>>,
      input.version,
    )
    await tx.insert('member_history', {
      _id: ctx.newId('mh'),
      memberId: current._id,
      orgId: current.orgId,
      field,
      from,
      to: value ?? null,
      reason: input.reason,
      by: ctx.actor.memberId,
      at: ctx.now,
    })
    return saved
  })
  return memberDetail(ctx, updated, org)
}

export const setPartyProbation = implement(memberStateSetPartyProbation, async (ctx, input) => {
  const p = input.partyProbation
  if (p) {
    const problem = partyProbationProblem(p.from, p.to)
    if (problem) throw invalid('partyProbation.to', problem)
    if (p.liftedOn !== null && p.liftedOn < p.from) {
      throw invalid('partyProbation.liftedOn', '恢复党员权利的日期不能早于留党察看开始的日期，请重新选择')
    }
  }
  return setState(ctx, ctx.target.record, ctx.target.org, input, 'partyProbation', p)
})

export const setExclusion = implement(memberStateSetExclusion, async (ctx, input) => {
  const e = input.exclusion
  if (e) {
    const problem = exclusionProblem(e)
    if (problem) throw invalid('exclusion.from', problem)
  }
  return setState(ctx, ctx.target.record, ctx.target.org, input, 'exclusion', e)
})

export const extendProbation = implement(memberStateExtendProbation, async (ctx, input) => {
  const m = ctx.target.record
  const problem = extensionProblem(m, input.until)
  if (problem) throw invalid('until', problem)
  return setState(ctx, m, ctx.target.org, input, 'probationExtendedTo', input.until)
})

/**
 * 上级党委批准转正 (or 延长预备期, applying `until` as extendProbation does): after the 支部大会 passed the 转正 (its minutes finalized, `confirmationPending`), the
 * roster keepers record the approval — category 预备党员 → 正式党员, `confirmedAt` the approval date —
 * and the history says who recorded it, when, and which 党委 approved on which day after which meeting.
 */
export const approveConfirmation = implement(memberStateApproveConfirmation, async (ctx, input) => {
  const m = ctx.target.record
  const problem = confirmationApprovalProblem(m, input.approvedOn)
  if (problem) throw invalid('approvedOn', problem)
  if (m._version !== input.version) {
    throw new AppError('CONFLICT', `${m.name}的信息刚被别人修改过，请刷新后在最新的信息上再修改。`)
  }
  const pending = m.confirmationPending!
  const extend = pending.decision === 'extend'
  const until = input.until ?? null
  if (extend) {
    const problem = until ? extensionProblem(m, until) : '请选择上级党委批准的延长后预备期满日期'
    if (problem) throw invalid('until', problem)
  }
  const what = extend ? `延长预备期至 ${until}` : '转正'
  const why = `${input.approvedBy} ${input.approvedOn} 批准${what}（${confirmationPendingText(pending).split(' → ')[0]}，会议记录 ${pending.meetingId}）；${input.reason}`
  const updated = await ctx.ports.store.transaction(async (tx) => {
    const saved = await tx.update<Omit<Member, 'id'>>(
      'members',
      m._id,
      extend
        ? { probationExtendedTo: until, confirmationPending: null }
        : { category: 'full', confirmedAt: input.approvedOn, confirmationPending: null },
      input.version,
    )
    const entry = { memberId: m._id, orgId: m.orgId, reason: why, by: ctx.actor.memberId, at: ctx.now }
    await tx.insert('member_history', {
      _id: ctx.newId('mh'),
      ...entry,
      ...(extend
        ? { field: 'probationExtendedTo', from: m.probationExtendedTo ?? null, to: until }
        : { field: 'category', from: 'probationary', to: 'full' }),
    })
    await tx.insert('member_history', {
      _id: ctx.newId('mh'),
      ...entry,
      field: 'confirmationPending',
      from: pending,
      to: null,
    })
    return saved
  })
  return memberDetail(ctx, updated, ctx.target.org)
})
