/**
 * Locking minutes: finalize (server time, attendance frozen, 补录 flag, hash chain, the meeting
 * now counts), amendments appended after that, and 阅签 by the participants.
 */
import { implement } from '../handler'
import {
  minutesAmend as minutesAmendDecl,
  minutesConfirmRead as minutesConfirmReadDecl,
  minutesFinalize as minutesFinalizeDecl,
} from '../../../domain/api/catalog-minutes'
import { AppError } from '../../../domain/errors'
import {
  amendableFieldLabel,
  correctedContent,
  decisionTallies,
  fieldText,
  finalizeProblems,
  isLateEntry,
  type ChainEntry,
} from '../../../domain/minutes'
import { finalizeBlocked } from '../../../domain/minutes-attendance'
import type { DecisionTally } from '../../../domain/decisions'
import { kindRule } from '../../../domain/meeting-kinds'
import { formatDate } from '../../../domain/beijing-time'
import { probationEndsOn } from '../../../domain/member-states'
import { membersByIds } from '../roster-reads'
import type { MeetingDoc } from '../../collections'
import { ownerOf, rulesFor, updateCounters } from '../../compliance-counters'
import type { MinutesDoc } from '../../documents'
import {
  amendmentHash,
  appendToChain,
  chainHeadOf,
  committeeOf,
  entryId,
  minutesHash,
  readHash,
  sealOf,
} from '../../minutes-chain'
import { meetingFields, notify } from '../../notices'
import { StoreConflict, type Stored, type StorePort } from '../../ports/store'
import { addReadToRow } from '../../supervision-rows'
import {
  branchOf,
  buildView,
  decisionRulesFor,
  liveAttendance,
  meetingMinutes,
  minutesRulesFor,
  readAmendments,
  readPhotos,
} from './records'

/** The meeting and its final minutes; refused with `notFinal` while they are not final. */
async function finalMinutes(
  store: StorePort,
  meetingId: string,
  notFinal: string,
): Promise<{ meeting: Stored<MeetingDoc>; doc: Stored<MinutesDoc> }> {
  const { meeting, doc } = await meetingMinutes(store, meetingId)
  if (!doc || doc.status !== 'final') throw new AppError('CONFLICT', notFinal)
  return { meeting, doc }
}

export const minutesFinalize = implement(minutesFinalizeDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const { meeting, doc } = await meetingMinutes(store, input.meetingId)
  if (doc?.status === 'final') throw new AppError('CONFLICT', '会议记录已经定稿，无需再次定稿；如有错误请提交更正。')
  const blocked = finalizeBlocked(meeting, ctx.now)
  if (blocked) throw new AppError('CONFLICT', `${blocked}。`)
  if (!doc) throw new AppError('CONFLICT', '还没有保存过会议记录草稿，请先填写并保存，再定稿。')
  if (doc._version !== input.version) {
    throw new AppError('CONFLICT', '草稿在你查看之后又被修改过，请刷新、核对最新内容后再定稿。')
  }
  const branch = await branchOf(store, meeting.branchId)
  const live = await liveAttendance(store, meeting, doc.content, ctx.now)
  const kind = kindRule(meeting.kind)
  const decisionRules = await decisionRulesFor(store, branch)
  const subjectIds = [
    ...new Set(doc.content.items.flatMap((i) => (i.motion?.subject?.memberId ? [i.motion.subject.memberId] : []))),
  ]
  // Only members of this branch may be a decision's subject.
  const subjects = new Map(
    (await membersByIds(store, subjectIds))
      .filter((m) => m.orgId === meeting.branchId)
      .map((m) => [m._id, { category: m.category, name: m.name, probationEndsOn: probationEndsOn(m) }]),
  )
  const problems = finalizeProblems(doc.content, live, {
    meeting: { kind: meeting.kind, kindLabel: kind.label, quorum: kind.quorum, date: formatDate(meeting.startAt) },
    subjects,
    rules: decisionRules,
  })
  if (problems.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `会议记录还不完整：${problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('；')}。请补充后保存草稿，再定稿。`,
      problems.map((p) => ({ field: `content.${p.field}`, message: p.message })),
    )
  }
  const photos = (await readPhotos(store, meeting._id)).map((p) => ({
    id: p._id,
    sha256: p.sha256,
    receivedAt: p.receivedAt,
    source: p.source ?? null,
  }))
  // Each typed decision is locked as counted, person by person, with the attendance.
  const tallies = decisionTallies(doc.content, live.roll ?? [], kind.quorum, decisionRules).filter(
    (t): t is DecisionTally => t !== null,
  )
  const attendance = tallies.length > 0 ? { ...live, decisions: tallies } : live
  const [rules, minutesRules] = await Promise.all([rulesFor(store, branch), minutesRulesFor(store, branch)])
  const late = isLateEntry(meeting.endAt, ctx.now, minutesRules)

  const { _id: _docId, _version: _docVersion, ...draft } = doc
  const locked: MinutesDoc = {
    ...draft,
    status: 'final',
    title: meeting.title,
    meetingStartAt: meeting.startAt,
    meetingEndAt: meeting.endAt,
    attendance,
    photos,
    finalizedAt: ctx.now,
    finalizedBy: ctx.actor.memberId,
    late,
    contentHash: null,
  }
  const contentHash = minutesHash(locked)
  const [seal, committeeId] = await Promise.all([sealOf(store, meeting, locked), committeeOf(store, branch)])

  const saved = await store.transaction(async (tx) => {
    const m = await tx.get('meetings', meeting._id)
    const current = await tx.get('minutes', meeting._id)
    if (!m || !current) throw new AppError('NOT_FOUND')
    if (current.status === 'final') throw new AppError('CONFLICT', '会议记录刚被别人定稿，请刷新查看。')
    if (current._version !== doc._version || m._version !== meeting._version) {
      throw new StoreConflict('version', 'minutes', current._id)
    }
    await appendToChain(
      tx,
      {
        branchId: meeting.branchId,
        kind: 'minutes',
        refId: meeting._id,
        meetingId: meeting._id,
        contentHash,
        at: ctx.now,
        seal,
      },
      { committeeId, by: 'finalize' },
    )
    const after = await tx.update('minutes', meeting._id, { ...locked, contentHash }, current._version)
    const meetingAfter = await tx.update(
      'meetings',
      m._id,
      { minutesFinalizedAt: ctx.now, minutesLate: late, updatedAt: ctx.now },
      m._version,
    )
    await updateCounters(tx, rules, m, meetingAfter)
    // A 转正 or 延长预备期 the 支部大会 passed now waits for the 上级党委's 审批 (发展党员工作细则 第五章), on the member's page.
    for (const t of tallies) {
      const subjectId = doc.content.items[t.item]?.motion?.subject?.memberId
      const decision = t.kind === 'confirm' ? 'confirm' : t.kind === 'extend_probation' ? 'extend' : null
      if (!decision || !t.passes || !subjectId || !subjects.has(subjectId)) continue
      const member = await tx.get('members', subjectId)
      if (!member || member.category !== 'probationary') continue
      const passedOn = formatDate(meeting.startAt)
      const pending = { decision, meetingId: meeting._id, meetingTitle: meeting.title, passedOn } as const
      await tx.update('members', subjectId, { confirmationPending: pending }, member._version)
      await tx.insert('member_history', {
        _id: ctx.newId('mh'),
        memberId: subjectId,
        orgId: member.orgId,
        field: 'confirmationPending',
        from: member.confirmationPending ?? null,
        to: pending,
        reason: `支部党员大会表决通过${t.label}（会议记录定稿），报上级党委审批`,
        by: ctx.actor.memberId,
        at: ctx.now,
      })
    }
    return { after, meetingAfter }
  })

  for (const memberId of meeting.participantIds) {
    await notify(
      ctx.ports,
      {
        id: `${meeting._id}.${memberId}.minutes.final`,
        memberId,
        branchId: meeting.branchId,
        topic: 'minutes.final',
        fields: meetingFields(meeting),
      },
      ctx.now,
    )
  }
  return buildView(ctx, saved.meetingAfter, saved.after)
})

export const minutesAmend = implement(minutesAmendDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const { meeting, doc } = await finalMinutes(
    store,
    input.meetingId,
    '会议记录还没有定稿，直接修改草稿即可，不需要提交更正。',
  )
  const current = correctedContent(doc.content, await readAmendments(store, meeting._id))
  const committeeId = await committeeOf(store, await branchOf(store, meeting.branchId))
  const changes = input.changes.map((c, i) => {
    const before = fieldText(current, c.field)
    if (before === undefined) {
      throw new AppError('VALIDATION_FAILED', '要更正的内容在会议记录中不存在，请重新选择。', [
        { field: `changes.${i}.field`, message: '会议记录中没有这一项' },
      ])
    }
    return { field: c.field, label: amendableFieldLabel(current, c.field), before, after: c.text }
  })
  if (changes.every((c) => c.before === c.after)) {
    throw new AppError('VALIDATION_FAILED', '更正后的内容与现在的记录相同，请修改后再提交。', [
      { field: 'changes', message: '没有需要更正的内容' },
    ])
  }

  const saved = await store.transaction(async (tx) => {
    const m = await tx.get('minutes', meeting._id)
    if (!m) throw new AppError('NOT_FOUND')
    if (m._version !== doc._version) throw new StoreConflict('version', 'minutes', m._id)
    const seq = m.amendmentCount + 1
    const body = {
      meetingId: meeting._id,
      branchId: meeting.branchId,
      seq,
      reason: input.reason,
      changes: changes.filter((c) => c.before !== c.after),
      by: ctx.actor.memberId,
      at: ctx.now,
    }
    const contentHash = amendmentHash(body)
    const amendment = await tx.insert('minutes_amendments', {
      _id: `${meeting._id}-a${seq}`,
      ...body,
      contentHash,
    })
    await appendToChain(
      tx,
      {
        branchId: meeting.branchId,
        kind: 'amendment',
        refId: amendment._id,
        meetingId: meeting._id,
        contentHash,
        at: ctx.now,
      },
      { committeeId, by: 'amend' },
    )
    // The count only orders amendments; it is not part of the locked content.
    return tx.update('minutes', m._id, { amendmentCount: seq }, m._version)
  })
  return buildView(ctx, meeting, saved)
})

/** Appends racing for one branch's head conflict; a 阅签 is retried this many times before the person is asked to. */
const READ_ATTEMPTS = 5

export const minutesConfirmRead = implement(minutesConfirmReadDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const { meeting, doc } = await finalMinutes(store, input.meetingId, '会议记录还没有定稿，定稿后会通知你阅签。')
  if (!meeting.participantIds.includes(ctx.actor.memberId)) {
    throw new AppError('CONFLICT', '你不在这次会议的应参会名单中，不需要阅签；可以照常阅读会议记录。')
  }
  const readId = `${meeting._id}.${ctx.actor.memberId}`
  const committeeId = await committeeOf(store, await branchOf(store, meeting.branchId))
  // The 阅签 and the chain entry sealing it land together; the new head is the member's receipt.
  let sealed: { seq: number; hash: string; at: number } | null = null
  for (let attempt = 1; !sealed; attempt += 1) {
    try {
      sealed = await store.transaction(async (tx) => {
        const existing = await tx.get('minutes_reads', readId)
        if (existing) return null
        const read = { meetingId: meeting._id, memberId: ctx.actor.memberId, at: ctx.now }
        const entry = await appendToChain(
          tx,
          {
            branchId: meeting.branchId,
            kind: 'read',
            refId: readId,
            meetingId: meeting._id,
            contentHash: readHash(read),
            at: ctx.now,
          },
          { committeeId, by: 'read' },
        )
        await tx.insert('minutes_reads', { _id: readId, ...read, chainSeq: entry.seq })
        await addReadToRow(tx, meeting, ownerOf(meeting)) // the 党委's 阅签 rate
        return { seq: entry.seq, hash: entry.hash, at: ctx.now }
      })
      if (!sealed) break
    } catch (err) {
      if (!(err instanceof StoreConflict) || attempt >= READ_ATTEMPTS) throw err
    }
  }
  const receipt = sealed ?? (await earlierReceipt(store, meeting.branchId, readId))
  const view = await buildView(ctx, meeting, doc)
  return {
    ...view,
    receipt: {
      memberId: ctx.actor.memberId,
      branchId: meeting.branchId,
      seq: receipt.seq,
      hash: receipt.hash,
      confirmedAt: receipt.at,
      meetingId: meeting._id,
      meetingTitle: view.title,
    },
  }
})

/**
 * The receipt of a 阅签 made before: its own chain entry; for one made before 阅签 were chained,
 * the branch's current head (which covers it all the same).
 */
async function earlierReceipt(
  store: StorePort,
  branchId: string,
  readId: string,
): Promise<{ seq: number; hash: string; at: number }> {
  const read = await store.get('minutes_reads', readId)
  const entry = read?.chainSeq ? await store.get<ChainEntry>('minutes_chain', entryId(branchId, read.chainSeq)) : null
  if (entry) return { seq: entry.seq, hash: entry.hash, at: read!.at }
  const head = await chainHeadOf(store, branchId)
  if (!head || !read) throw new AppError('CONFLICT', '暂时取不到记录链的链头，请稍后再阅签一次。')
  return { seq: head.seq, hash: head.hash, at: read.at }
}
