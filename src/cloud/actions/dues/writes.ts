/**
 * The dues writes of a branch's 书记 or 组织委员: a member's base for a year, a payment (recording
 * only), an approved 减免, a correction (a new entry; the original is kept) and the 上缴 to the 党委.
 */
import { implement } from '../handler'
import {
  duesCorrect as correctDecl,
  duesRecordExemption as exemptionDecl,
  duesRecordHandover as handoverDecl,
  duesRecordPayment as paymentDecl,
  duesSetBase as setBaseDecl,
  duesSetRules as setRulesDecl,
} from '../../../domain/api/catalog-dues'
import { beijing } from '../../../domain/beijing-time'
import { duesQuote, duesRuleSetId, paymentMonthsProblem, type DuesRuleSet } from '../../../domain/dues'
import { AppError } from '../../../domain/errors'
import type { DuesEntryDoc } from '../../documents'
import { duesRulesFor, firstDueMonth, monthOf } from '../../dues-ledger'
import { eq } from '../../ports/store'
import { handoverView } from './reads'
import { baseView, entryView } from './views'

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ field, message }])
}

/** Bases may be declared for last year, this year and next year. */
function checkYear(year: number, now: number): void {
  const thisYear = beijing(now).year()
  if (year < thisYear - 1 || year > thisYear + 1) {
    throw invalid(
      'year',
      `只能核定去年（${thisYear - 1}）、今年（${thisYear}）或明年（${thisYear + 1}）的基数，请修改年份。`,
    )
  }
}

function checkDate(field: string, date: string, now: number): void {
  if (date > beijing(now).format('YYYY-MM-DD')) throw invalid(field, '日期不能晚于今天，请修改。')
}

export const duesSetBase = implement(setBaseDecl, async (ctx, input) => {
  const member = ctx.target.record
  checkYear(input.year, ctx.now)
  const rules = await duesRulesFor(ctx.ports.store, ctx.target.org)
  const quote = duesQuote(input.category, input.baseFen ?? null, rules)
  const saved = await ctx.createOnce('dues_bases', {
    _id: ctx.newId('dues_base'),
    memberId: member._id,
    branchId: member.orgId,
    year: input.year,
    category: quote.category,
    baseFen: quote.baseFen,
    rateBp: quote.rateBp,
    monthlyFen: quote.monthlyFen,
    basis: quote.basis,
    declaredAt: ctx.now,
    declaredBy: ctx.actor.memberId,
    declaredByName: ctx.actor.name,
    note: input.note,
  })
  return baseView(saved)
})

export const duesRecordPayment = implement(paymentDecl, async (ctx, input) => {
  const member = ctx.target.record
  const rules = await duesRulesFor(ctx.ports.store, ctx.target.org)
  const problem = paymentMonthsProblem(input.months, monthOf(ctx.now), rules, firstDueMonth(member))
  if (problem) throw invalid('months', problem)
  checkDate('paidOn', input.paidOn, ctx.now)
  const saved = await ctx.createOnce('dues_entries', {
    _id: ctx.newId('dues'),
    memberId: member._id,
    branchId: member.orgId,
    kind: 'payment',
    months: input.months,
    firstMonth: input.months[0],
    lastMonth: input.months[input.months.length - 1],
    amountFen: input.amountFen,
    method: input.method,
    receiptNo: input.receiptNo,
    paidOn: input.paidOn,
    approval: null,
    correctsId: null,
    correctionReason: null,
    note: input.note,
    recordedAt: ctx.now,
    recordedBy: ctx.actor.memberId,
    recordedByName: ctx.actor.name,
  })
  return entryView(saved, member.name, null)
})

export const duesRecordExemption = implement(exemptionDecl, async (ctx, input) => {
  const member = ctx.target.record
  checkDate('approvedOn', input.approvedOn, ctx.now)
  const saved = await ctx.createOnce('dues_entries', {
    _id: ctx.newId('dues'),
    memberId: member._id,
    branchId: member.orgId,
    kind: 'exemption',
    months: input.months,
    firstMonth: input.months[0],
    lastMonth: input.months[input.months.length - 1],
    amountFen: input.monthlyFen,
    method: null,
    receiptNo: '',
    paidOn: input.approvedOn,
    approval: { approvedBy: input.approvedBy, approvedOn: input.approvedOn, reason: input.reason },
    correctsId: null,
    correctionReason: null,
    note: '',
    recordedAt: ctx.now,
    recordedBy: ctx.actor.memberId,
    recordedByName: ctx.actor.name,
  })
  return entryView(saved, member.name, null)
})

export const duesCorrect = implement(correctDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const original = ctx.target.record
  const id = ctx.newId('dues')
  const replay = await store.query('dues_entries', {
    where: [eq('memberId', original.memberId), eq('correctsId', original._id)],
    limit: 1,
  })
  const already = replay.items[0]
  const member = await store.get('members', original.memberId)
  const name = member?.name ?? ''
  // A replay of this very call finds its own correction; anyone else is told to correct the latest.
  if (already && already._id !== id) {
    throw new AppError('CONFLICT', '这条记录已经被更正过了，请刷新后更正最新的那一条。')
  }
  if (already) return entryView(already, name, null)
  const added = input.months.filter((m) => !original.months.includes(m))
  if (original.kind === 'payment') {
    const rules = await duesRulesFor(store, ctx.target.org)
    const problem = paymentMonthsProblem(added, monthOf(ctx.now), rules)
    if (problem) throw invalid('months', problem)
  }
  checkDate('paidOn', input.paidOn, ctx.now)
  const doc: DuesEntryDoc & { _id: string } = {
    _id: id,
    memberId: original.memberId,
    branchId: original.branchId,
    kind: original.kind,
    months: input.months,
    firstMonth: input.months[0],
    lastMonth: input.months[input.months.length - 1],
    amountFen: input.amountFen,
    method: original.kind === 'payment' ? (input.method ?? original.method) : null,
    receiptNo: input.receiptNo || original.receiptNo,
    paidOn: input.paidOn,
    approval: original.approval,
    correctsId: original._id,
    correctionReason: input.reason,
    note: original.note,
    recordedAt: ctx.now,
    recordedBy: ctx.actor.memberId,
    recordedByName: ctx.actor.name,
  }
  return entryView(await ctx.createOnce('dues_entries', doc), name, null)
})

export const duesRecordHandover = implement(handoverDecl, async (ctx, input) => {
  const branch = ctx.target.org
  checkDate('handedOn', input.handedOn, ctx.now)
  const saved = await ctx.createOnce('dues_handovers', {
    _id: ctx.newId('dues_up'),
    branchId: branch._id,
    committeeId: branch.path[0],
    year: input.year,
    amountFen: input.amountFen,
    handedOn: input.handedOn,
    receiptNo: input.receiptNo,
    note: input.note,
    recordedBy: ctx.actor.memberId,
    recordedByName: ctx.actor.name,
    recordedAt: ctx.now,
  })
  return handoverView(saved)
})

export const duesSetRules = implement(setRulesDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const org = ctx.target.org
  if (org.kind !== 'committee' && org.kind !== 'general_branch') {
    throw invalid('orgId', '农民党员交纳党费的金额由党委或党总支确定，请选择党委或党总支。')
  }
  const id = duesRuleSetId(org._id)
  const body = { farmerFen: input.farmerFen, updatedBy: ctx.actor.memberId, updatedAt: ctx.now }
  const current = await store.get<DuesRuleSet>('rule_sets', id)
  if (current) await store.update<DuesRuleSet>('rule_sets', id, body, current._version)
  else await store.insert<DuesRuleSet>('rule_sets', { _id: id, orgId: org._id, ...body })
  const rules = await duesRulesFor(store, org)
  return {
    orgId: org._id,
    farmerFen: rules.flatFen.farmer,
    farmerSource: rules.farmerSource,
    backPayMonths: rules.backPayMonths,
  }
})
