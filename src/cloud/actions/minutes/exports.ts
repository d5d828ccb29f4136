/**
 * Reading minutes out: the branch's 会议记录本 for a year, Word (.docx) exports of one meeting or the
 * whole book, and verification of the branch's hash chain.
 */
import { eq } from '../../ports/store'
import { implement } from '../handler'
import {
  minutesBook as minutesBookDecl,
  minutesExport as minutesExportDecl,
  minutesExportBook as minutesExportBookDecl,
  minutesExportNotice as minutesExportNoticeDecl,
  minutesExportSignSheet as minutesExportSignSheetDecl,
  minutesVerify as minutesVerifyDecl,
} from '../../../domain/api/catalog-minutes'
import type { BookEntry, DocxFile } from '../../../domain/api/views-minutes'
import { formatDate, fromBeijing } from '../../../domain/beijing-time'
import { AppError } from '../../../domain/errors'
import type { Org } from '../../../domain/org'
import type { MemberContext } from '../../action-context'
import type { MeetingDoc } from '../../collections'
import type { MinutesDoc } from '../../documents'
import type { ChainHead, MinutesAttendance } from '../../../domain/minutes'
import { chainHeadOf, minutesEntryOf, minutesMissing, sha256Hex, verifyChain } from '../../minutes-chain'
import type { DocxMinutes } from '../../minutes-docx'
import type { Page, QueryOptions, Stored, StorePort } from '../../ports/store'
import { correctedContent, lateAfterDays } from '../../../domain/minutes'
import { minutesAttendanceSeenBy, type Viewer } from '../../../domain/visibility'
import { readAttendanceBoard } from '../../attendance-board'
import type { MeetingPrint } from '../../meeting-print-docx'
import { membersByIds } from '../roster-reads'
import { isCommitteeMember } from '../../../domain/org'
import { amendmentViews, buildView, meetingMinutes, minutesRulesFor, minutesViewer, readAmendments } from './records'

/** A year of a branch's meetings is some 60; the cap guards the export against broken data. */
const MAX_BOOK_MEETINGS = 1000

export const minutesVerify = implement(minutesVerifyDecl, async (ctx, input) => {
  const branch = ctx.target.org
  return verifyChain(ctx.ports, branch, ctx.now, input.heads ?? [])
})

/**
 * The bytes `make` writes (given the branch's chain head) as a .docx file: inline on the local
 * host; through cloud storage in production (content-addressed, so re-exports dedupe). The
 * generator and its docx library load only here.
 */
async function docxFile(
  ctx: MemberContext,
  filename: string,
  branchId: string,
  make: (
    gen: typeof import('../../minutes-docx'),
    chain: { head: ChainHead | null; printedAt: number },
  ) => Promise<Buffer>,
): Promise<DocxFile> {
  const gen = await import('../../minutes-docx')
  const head = await chainHeadOf(ctx.ports.store, branchId)
  const content = await make(gen, { head, printedAt: ctx.now })
  const file = { filename, contentType: gen.DOCX_TYPE, size: content.length }
  if (ctx.ports.host !== 'cloudbase') return { ...file, base64: content.toString('base64'), fileId: null }
  const stored = await ctx.ports.files.put(`exports/${sha256Hex(new Uint8Array(content))}.docx`, content, gen.DOCX_TYPE)
  return { ...file, base64: null, fileId: stored.fileId }
}

/**
 * The ids among `attendance`'s attended who were 预备党员 on `startAt`'s Beijing date: admitted
 * (joinedAt) on or before it and not yet 转正 (confirmedAt absent or after it). Members no longer
 * on file are left unmarked.
 */
async function probationaryAt(
  store: StorePort,
  attendance: MinutesAttendance | null,
  startAt: number,
): Promise<string[]> {
  if (!attendance) return []
  const day = formatDate(startAt)
  const ids = attendance.attended.map((p) => p.memberId)
  const members = await Promise.all(ids.map((id) => store.get('members', id)))
  return members
    .filter((m): m is NonNullable<typeof m> => m !== null)
    .filter((m) => m.joinedAt <= day && (m.category === 'probationary' ? true : (m.confirmedAt ?? '') > day))
    .map((m) => m._id)
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60)

export const minutesExport = implement(minutesExportDecl, async (ctx, input) => {
  const { meeting, doc: minutes } = await meetingMinutes(ctx.ports.store, input.meetingId)
  const view = await buildView(ctx, meeting, minutes)
  if (!view.content) {
    throw new AppError('CONFLICT', '会议记录还没有定稿，定稿后才能导出；支委可以在编辑页导出草稿。')
  }
  const doc: DocxMinutes = {
    branchName: view.branchName,
    kind: view.kind,
    title: view.title,
    startAt: view.startAt,
    endAt: view.endAt,
    status: view.status === 'final' ? 'final' : 'draft',
    content: view.content,
    attendance: view.attendance,
    amendments: view.amendments,
    photos: view.photos,
    finalizedAt: view.finalizedAt,
    finalizedBy: view.finalizedBy?.name ?? null,
    late: view.late,
    lateAfter: view.lateAfter,
    contentHash: view.contentHash,
    reads: view.status === 'final' ? { confirmed: view.reads.confirmed, expected: view.reads.expected } : null,
    chainSeq: view.status === 'final' ? ((await minutesEntryOf(ctx.ports.store, meeting._id))?.seq ?? null) : null,
    probationary: await probationaryAt(ctx.ports.store, view.attendance, view.startAt),
  }
  return docxFile(
    ctx,
    `会议记录_${formatDate(view.startAt)}_${safeName(view.title)}.docx`,
    meeting.branchId,
    (gen, chain) => gen.minutesDocx(`${view.branchName}会议记录`, [doc], chain),
  )
})

/** A page of the branch's held (not cancelled) meetings that began in `year`, up to now, oldest first. */
function yearMeetings(
  store: StorePort,
  branchId: string,
  year: number,
  now: number,
  page: Pick<QueryOptions, 'limit' | 'cursor'>,
): Promise<Page<Stored<MeetingDoc>>> {
  const from = fromBeijing(`${year}-01-01`, '00:00')
  const to = Math.min(fromBeijing(`${year + 1}-01-01`, '00:00'), now)
  return store.query('meetings', {
    where: [
      eq('branchId', branchId),
      { field: 'startAt', op: 'gte', value: from },
      { field: 'startAt', op: 'lt', value: to },
      eq('status', 'scheduled'),
    ],
    orderBy: { field: 'startAt', direction: 'asc' },
    ...page,
  })
}

/** One meeting of the book as `viewer` may read it (leave notes redacted by src/domain/visibility.ts). */
async function bookEntry(
  store: StorePort,
  m: Stored<MeetingDoc>,
  viewer: Viewer,
): Promise<BookEntry & { doc: Stored<MinutesDoc> | null }> {
  const doc = await store.get('minutes', m._id)
  const final = doc?.status === 'final'
  const missing = await minutesMissing(store, m, doc !== null)
  const amendments = final ? await readAmendments(store, m._id) : []
  return {
    meetingId: m._id,
    kind: m.kind,
    title: final && doc.title ? doc.title : m.title,
    startAt: m.startAt,
    endAt: m.endAt,
    status: doc ? doc.status : 'none',
    late: final ? doc.late : m.minutesLate === true,
    content: final ? correctedContent(doc.content, amendments) : null,
    attendance: final ? minutesAttendanceSeenBy(doc.attendance, doc.content, viewer) : null,
    amendments: amendments.length,
    finalizedAt: doc?.finalizedAt ?? m.minutesFinalizedAt ?? null,
    legacy: !final && !doc && m.minutesFinalizedAt != null && !missing,
    missing,
    doc,
  }
}

export const minutesBook = implement(minutesBookDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const page = await yearMeetings(store, branch._id, input.year, ctx.now, { limit: input.limit, cursor: input.cursor })
  const viewer = minutesViewer(ctx, branch)
  const items = await Promise.all(page.items.map((m) => bookEntry(store, m, viewer)))
  return {
    branchId: branch._id,
    branchName: branch.name,
    year: input.year,
    items: items.map(({ doc: _doc, ...entry }) => entry),
    nextCursor: page.nextCursor,
  }
})

export const minutesExportBook = implement(minutesExportBookDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch: Stored<Org> = ctx.target.org
  const lateAfter = lateAfterDays(await minutesRulesFor(store, branch))
  const viewer = minutesViewer(ctx, branch)
  const meetings: DocxMinutes[] = []
  let cursor: string | null = null
  do {
    const page = await yearMeetings(store, branch._id, input.year, ctx.now, { limit: 100, cursor })
    for (const m of page.items) {
      const e = await bookEntry(store, m, viewer)
      if (e.status !== 'final' && !e.legacy && !e.missing) continue
      const doc = e.doc
      meetings.push({
        branchName: branch.name,
        kind: e.kind,
        title: e.title,
        startAt: e.startAt,
        endAt: e.endAt,
        status: e.missing ? 'missing' : e.legacy ? 'legacy' : 'final',
        // The book prints the original as locked, then its amendments.
        content: doc?.content ?? null,
        attendance: e.attendance,
        amendments: doc ? await amendmentViews(store, await readAmendments(store, m._id)) : [],
        photos: doc?.photos ?? [],
        finalizedAt: e.finalizedAt,
        finalizedBy: null,
        late: e.late,
        lateAfter,
        contentHash: doc?.contentHash ?? null,
        reads: null,
        chainSeq: doc ? ((await minutesEntryOf(store, m._id))?.seq ?? null) : null,
        probationary: await probationaryAt(store, e.attendance, e.startAt),
      })
    }
    if (meetings.length > MAX_BOOK_MEETINGS) {
      throw new AppError('INTERNAL', '这一年的会议数量超出上限，请联系管理员检查数据。')
    }
    cursor = page.nextCursor
  } while (cursor)
  return docxFile(ctx, `会议记录本_${safeName(branch.name)}_${input.year}.docx`, branch._id, (gen, chain) =>
    gen.minutesBookDocx({ branchName: branch.name, year: input.year, meetings, chain }),
  )
})

/**
 * What the 会议通知 and the 签到表 print for a meeting: the meeting, 应到 as the attendance board
 * lists them (same names told apart), marked 预备党员, 委员 and 已请假 (approved leave when printed),
 * and the 列席 guests.
 */
async function meetingPrint(ctx: MemberContext, meetingId: string): Promise<MeetingPrint & { branchId: string }> {
  const { store } = ctx.ports
  const { meeting } = await meetingMinutes(store, meetingId)
  const [board, branch] = await Promise.all([
    readAttendanceBoard(store, meeting, ctx.now),
    store.get('orgs', meeting.branchId),
  ])
  const byId = new Map(
    (
      await membersByIds(
        store,
        board.people.map((p) => p.memberId),
      )
    ).map((m) => [m._id, m]),
  )
  const person = (p: (typeof board.people)[number]) => {
    const m = byId.get(p.memberId)
    const marks = [
      m?.category === 'probationary' ? '预备党员' : '',
      m && m.orgId !== meeting.branchId ? '流动党员' : '',
      m && isCommitteeMember(m.roles) ? '委员' : '',
      p.leave?.status === 'approved' ? '已请假' : '',
    ].filter(Boolean)
    return { label: p.label, marks }
  }
  return {
    branchId: meeting.branchId,
    meeting: {
      branchName: branch?.name ?? '',
      kind: meeting.kind,
      title: meeting.title,
      startAt: meeting.startAt,
      endAt: meeting.endAt,
      place: meeting.place,
      agenda: meeting.agenda,
    },
    expected: board.people.filter((p) => !p.guest).map(person),
    guests: board.people.filter((p) => p.guest).map(person),
    printedAt: ctx.now,
  }
}

export const minutesExportNotice = implement(minutesExportNoticeDecl, async (ctx, input) => {
  const p = await meetingPrint(ctx, input.meetingId)
  return docxFile(
    ctx,
    `会议通知_${formatDate(p.meeting.startAt)}_${safeName(p.meeting.title)}.docx`,
    p.branchId,
    (gen) => gen.noticeDocx(p),
  )
})

export const minutesExportSignSheet = implement(minutesExportSignSheetDecl, async (ctx, input) => {
  const p = await meetingPrint(ctx, input.meetingId)
  return docxFile(ctx, `签到表_${formatDate(p.meeting.startAt)}_${safeName(p.meeting.title)}.docx`, p.branchId, (gen) =>
    gen.signSheetDocx(p),
  )
})
