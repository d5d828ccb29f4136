/** 思想汇报 and other reports: the member submits, the branch committee reads and may reply. */
import { implement } from '../handler'
import {
  mobileReportGet as getDecl,
  mobileReportMarkRead as markReadDecl,
  mobileReportSubmit as submitDecl,
} from '../../../domain/api/catalog-mobile'
import type { ReportView } from '../../../domain/api/views-mobile'
import { beijing } from '../../../domain/beijing-time'
import { AppError } from '../../../domain/errors'
import { notify } from '../../notices'
import type { Stored } from '../../ports/store'
import { organizersOf } from './makeups'
import type { ReportDoc } from '../../documents'
import { insertCountingContact, invalid, reportView } from './registry'

function mine(doc: Stored<ReportDoc>, memberId: string): ReportView {
  if (doc.memberId !== memberId) throw new AppError('CONFLICT', '汇报编号已被使用，请重新打开汇报页面后再提交。')
  return reportView(doc)
}

export const mobileReportSubmit = implement(submitDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const me = ctx.actor.memberId
  const replayed = await store.get('reports', input.id)
  if (replayed) return mine(replayed, me)
  if (ctx.actor.orgKind !== 'branch') throw invalid('id', '汇报提交给所在党支部；你不属于任何党支部，无需提交')
  const thisYear = beijing(ctx.now).year()
  if (input.year > thisYear || input.year < thisYear - 1) {
    throw invalid('year', `汇报年度只能是今年（${thisYear}）或去年（${thisYear - 1}）`)
  }
  const doc: ReportDoc & { _id: string } = {
    _id: input.id,
    memberId: me,
    memberName: ctx.actor.name,
    branchId: ctx.actor.orgId,
    year: input.year,
    kind: input.kind,
    title: input.title,
    body: input.body,
    submittedAt: ctx.now,
    readAt: null,
    readBy: null,
    readByName: null,
    reply: null,
  }
  const { saved, created } = await insertCountingContact<ReportDoc>(store, 'reports', doc, me, ctx.now)
  if (!created) return mine(saved, me)
  for (const organizerId of await organizersOf(store, ctx.actor.orgId)) {
    if (organizerId === me) continue
    await notify(
      ctx.ports,
      {
        id: `report.${saved._id}.${organizerId}.submitted`,
        memberId: organizerId,
        branchId: saved.branchId,
        topic: 'report.submitted',
        fields: {
          reportId: saved._id,
          memberId: me,
          memberName: ctx.actor.name,
          kind: input.kind,
          title: input.title,
          submittedAt: saved.submittedAt,
        },
      },
      ctx.now,
    )
  }
  return reportView(saved)
})

export const mobileReportGet = implement(getDecl, async (ctx, input) => {
  const doc = await ctx.ports.store.get('reports', input.reportId)
  // Someone else's report is not there for this member, whatever its id.
  if (!doc || doc.memberId !== ctx.actor.memberId) {
    throw new AppError('NOT_FOUND', '没有找到这份汇报，请返回“我的汇报”刷新后再看。')
  }
  return reportView(doc)
})

export const mobileReportMarkRead = implement(markReadDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const doc = ctx.target.record
  const reply = input.reply ? input.reply : null
  if (doc.readAt !== null && (reply === null || reply === doc.reply)) return reportView(doc)
  const saved = await store.update(
    'reports',
    doc._id,
    {
      readAt: doc.readAt ?? ctx.now,
      readBy: doc.readBy ?? ctx.actor.memberId,
      readByName: doc.readByName ?? ctx.actor.name,
      reply: reply ?? doc.reply,
    },
    doc._version,
  )
  if (reply) {
    await notify(
      ctx.ports,
      {
        id: `report.${doc._id}.reply.${saved._version}`,
        memberId: doc.memberId,
        branchId: doc.branchId,
        topic: 'report.replied',
        fields: { reportId: doc._id, kind: doc.kind, title: doc.title, repliedBy: ctx.actor.name, reply },
      },
      ctx.now,
    )
  }
  return reportView(saved)
})
