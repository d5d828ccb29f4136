/**
 * Minutes as a Word document (.docx), generated on the server with `docx`: one meeting, or a
 * branch's 会议记录本 for a year. Every field of the minutes is written out, with the 补录 flag,
 * the amendments after the original, the content hash and the lines for the signatures, and the
 * branch's chain head as printed witness (issue 14 §5).
 *
 * Print that replaces paper (issue 20 §7): a record takes the pages its content needs; the lines
 * before the signatures are kept with them (keepNext / keepLines), so the signature block never
 * sits alone on a page; 应到/实到 are printed once; every page has 第 N 页 共 M 页 in its footer;
 * 预备党员 and 列席 are marked among those present. The book has a cover, a 目录 whose page numbers
 * are PAGEREF fields to each entry's bookmark (the word processor lays them out), one entry per
 * meeting of this app, and the meetings kept on paper before it in one table.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageReference,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { formatDate } from '../domain/beijing-time'
import { FONT, pageFooter, tableOf } from './docx-parts'
import type { ChainReport, MinutesAmendmentView } from '../domain/api/views-minutes'
import { beijing, formatSpan } from '../domain/beijing-time'
import { kindLabel, type MeetingKind } from '../domain/meeting-kinds'
import { photoFlag, type PhotoSource } from '../domain/photo-source'
import { belatedNames } from '../domain/minutes-attendance'
import { kindRule } from '../domain/meeting-kinds'
import { personCountLine, tallySummary } from '../domain/decisions'
import {
  chainHeadLabel,
  decisionTallies,
  missedQuorumText,
  voteOutcome,
  type ChainHead,
  type MinutesAttendance,
  type MinutesContent,
  type MinutesPerson,
} from '../domain/minutes'

/** One meeting's minutes as the document shows them. */
export interface DocxMinutes {
  branchName: string
  kind: MeetingKind
  title: string
  startAt: number
  endAt: number
  /** `missing`: finalized in this app, but its record is gone. */
  status: 'draft' | 'final' | 'legacy' | 'missing'
  /** The original as locked (or the draft). */
  content: MinutesContent | null
  attendance: MinutesAttendance | null
  amendments: MinutesAmendmentView[]
  /** `flag` as the view has it; without it, the flag is judged here from `source` and the end. */
  photos: { sha256: string; receivedAt: number; source?: PhotoSource | null; flag?: string }[]
  finalizedAt: number | null
  finalizedBy: string | null
  late: boolean
  lateAfter: string
  contentHash: string | null
  reads: { confirmed: number; expected: number } | null
  /** The record's own entry on the branch's chain, when it has one. */
  chainSeq?: number | null
  /** Member ids of those who were 预备党员 on the meeting's day: marked （预备党员） among those present. */
  probationary?: readonly string[]
}

/** '，<flag>' for a photo the record flags (相册选取, 来源未知, 会后 N 天收到), else ''. */
function photoNote(p: DocxMinutes['photos'][number], endAt: number): string {
  const flag = p.flag ?? photoFlag(p.source, endAt, p.receivedAt)
  return flag ? `，${flag}` : ''
}
const time = (ms: number) => beijing(ms).format('YYYY年MM月DD日 HH:mm')
const shortTime = (ms: number) => beijing(ms).format('YYYY-MM-DD HH:mm')

/** Paragraph options every helper takes: keep with the next paragraph (and its own lines together). */
interface Keep {
  keepNext?: boolean
}

function line(label: string, value: string, opts: { bold?: boolean } & Keep = {}): Paragraph {
  return new Paragraph({
    spacing: { after: 80 },
    keepNext: opts.keepNext,
    children: [
      new TextRun({ text: `${label}：`, bold: true, font: FONT }),
      new TextRun({ text: value, bold: opts.bold, font: FONT }),
    ],
  })
}

function text(value: string, opts: { bold?: boolean; color?: string; size?: number } & Keep = {}): Paragraph {
  const lines = value.split('\n')
  return new Paragraph({
    spacing: { after: 80 },
    keepNext: opts.keepNext,
    children: lines.map(
      (l, i) =>
        new TextRun({
          text: l,
          break: i > 0 ? 1 : undefined,
          font: FONT,
          bold: opts.bold,
          color: opts.color,
          size: opts.size,
        }),
    ),
  })
}

function heading(value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  // A heading never ends a page: it stays with what it heads.
  return new Paragraph({
    heading: level,
    keepNext: true,
    keepLines: true,
    spacing: { before: 200, after: 120 },
    children: [new TextRun({ text: value, font: FONT })],
  })
}

/** `names` as printed: 张三（预备党员，远程）; each person's marks in brackets, '无' for none. */
function people(list: readonly MinutesPerson[], marks: (p: MinutesPerson) => string[] = () => []): string {
  if (list.length === 0) return '无'
  return list
    .map((p) => {
      const all = [...marks(p), p.note].filter(Boolean)
      return all.length ? `${p.name}（${all.join('，')}）` : p.name
    })
    .join('、')
}

/**
 * Who was present, as the record prints them: the members who attended, 预备党员 marked, then the
 * 列席 guests who came, marked 列席. Guests who did not come are left to their own line.
 */
export function presentLine(a: MinutesAttendance, probationary: readonly string[] = []): string {
  const pre = new Set(probationary)
  const guestsHere = a.guests.filter((g) => g.note !== '未到')
  const members = a.attended.length ? people(a.attended, (p) => (pre.has(p.memberId) ? ['预备党员'] : [])) : ''
  const guests = guestsHere.length ? people(guestsHere, () => ['列席']) : ''
  return [members, guests].filter(Boolean).join('、') || '无'
}

function cell(value: string, bold = false): TableCell {
  return new TableCell({
    width: { size: 25, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ children: [new TextRun({ text: value, bold, font: FONT })] })],
  })
}

function attendanceTable(a: MinutesAttendance): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' }
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [cell('应到', true), cell(`${a.expected} 人`), cell('实到', true), cell(`${a.present} 人`)],
      }),
      new TableRow({
        cantSplit: true,
        children: [
          cell('请假', true),
          cell(`${a.onLeave.length} 人`),
          cell('缺席', true),
          cell(`${a.absent.length} 人`),
        ],
      }),
    ],
  })
}

/**
 * One meeting's record: heading (from a new page when `pageBreakBefore`, bookmarked as `bookmark`
 * for the book's 目录), flags, the meeting, attendance once, the agenda, amendments, then the tail
 * (with `beforeSignatures`, kept with it) and the signatures kept with the record's last paragraph.
 */
function meetingSection(
  m: DocxMinutes,
  place: { pageBreakBefore?: boolean; bookmark?: string; beforeSignatures?: TailLine[] } = {},
): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = []
  const headingText = `${kindLabel(m.kind)}：${m.title}`
  out.push(
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      keepNext: true,
      keepLines: true,
      pageBreakBefore: place.pageBreakBefore,
      spacing: { before: 200, after: 120 },
      children: place.bookmark
        ? [new Bookmark({ id: place.bookmark, children: [new TextRun({ text: headingText, font: FONT })] })]
        : [new TextRun({ text: headingText, font: FONT })],
    }),
  )
  if (m.late) {
    out.push(
      text(`【补录】本记录于 ${m.finalizedAt ? time(m.finalizedAt) : ''} 定稿，晚于会议结束超过 ${m.lateAfter}。`, {
        bold: true,
        color: 'C00000',
      }),
    )
  }
  const belated = belatedNames(m.attendance)
  if (belated.length > 0) {
    out.push(
      text(`【补登】${belated.join('、')} 的出席是会议结束超过规定时限后代为登记的。`, { bold: true, color: 'C00000' }),
    )
  }
  if (m.status === 'draft') out.push(text('【草稿】本记录尚未定稿，内容可能变动。', { bold: true, color: 'C00000' }))
  out.push(line('支部', m.branchName))
  out.push(line('会议类型', kindLabel(m.kind)))
  out.push(line('会议时间', formatSpan(m.startAt, m.endAt)))
  if (m.status === 'missing') {
    out.push(
      text('【记录缺失】本次会议的记录已在本系统定稿，但现在找不到了（可能被删除）。请校验记录链，并报告党委。', {
        bold: true,
        color: 'C00000',
      }),
    )
    return out
  }
  if (m.status === 'legacy' || !m.content) {
    out.push(text('本次会议的记录在启用本系统之前已定稿，系统中没有电子记录，请查阅纸质会议记录本。'))
    return out
  }
  const c = m.content
  out.push(line('会议地点', c.place))
  out.push(line('主持人', c.chair))
  out.push(line('记录人', c.recorder))
  const a = m.attendance
  if (a) {
    // 应到 / 实到 / 请假 / 缺席 once, in the table; the names below it.
    out.push(attendanceTable(a))
    out.push(line('出席', presentLine(a, m.probationary)))
    out.push(line('请假', people(a.onLeave)))
    out.push(line('缺席', people(a.absent)))
    const guestsAway = a.guests.filter((g) => g.note === '未到')
    if (guestsAway.length) out.push(line('列席未到', guestsAway.map((g) => g.name).join('、')))
    if (a.quorum?.applies) {
      out.push(
        line(
          '到会情况',
          `有表决权的党员 ${a.quorum.entitled} 人，到会 ${a.quorum.presentCounting} 人，${a.quorum.met ? '超过半数' : `未过半数${missedQuorumText(m.kind)}`}`,
        ),
      )
    }
  } else {
    out.push(line('出席情况', '考勤尚未确认'))
  }
  out.push(heading('会议议程与记录', HeadingLevel.HEADING_2))
  // Typed decisions: as locked at finalize; on a draft, counted now against the roll.
  const locked = new Map((a?.decisions ?? []).map((t) => [t.item, t]))
  const live = a && m.status === 'draft' ? decisionTallies(c, a.roll ?? [], kindRule(m.kind).quorum) : []
  // The record's paragraphs from the agenda on, built once it is known which one is last: that one
  // is kept with the tail (定稿, 阅签, hash) and the signatures, so when they do not fit on the page
  // its last lines move to the next page with them and the signatures never stand alone.
  const body: ((keepNext: boolean) => Paragraph)[] = []
  c.items.forEach((item, i) => {
    body.push(() => text(`${i + 1}. ${item.topic}`, { bold: true, keepNext: true }))
    body.push((k) => line('发言情况', item.speeches || '（无）', { keepNext: k }))
    body.push((k) => line('决议', item.decision || '（无）', { keepNext: k }))
    const tally = locked.get(i) ?? live[i] ?? null
    if (item.motion && tally) {
      body.push((k) => line('表决', tallySummary(tally), { keepNext: k }))
      body.push((k) => line('计票情况', tally.people.map(personCountLine).join('；'), { keepNext: k }))
    } else if (item.vote) {
      const vote = item.vote
      const outcome = a ? voteOutcome(vote, a) : null
      const verdict = outcome
        ? outcome.problem
          ? `（${outcome.problem}）`
          : outcome.passes
            ? '，通过'
            : '，未通过'
        : ''
      body.push((k) =>
        line('表决', `赞成 ${vote.for} 票，反对 ${vote.against} 票，弃权 ${vote.abstain} 票${verdict}`, {
          keepNext: k,
        }),
      )
    }
  })
  const notes = c.notes
  if (notes) body.push((k) => line('其他事项', notes, { keepNext: k }))
  if (m.photos.length > 0) {
    const photos = `${m.photos.length} 张（${m.photos.map((p) => `收到于 ${time(p.receivedAt)}${photoNote(p, m.endAt)}，SHA-256 ${p.sha256.slice(0, 16)}…`).join('；')}）`
    body.push((k) => line('现场照片', photos, { keepNext: k }))
  }
  if (m.amendments.length > 0) {
    body.push(() => heading('更正记录（原记录保持不变）', HeadingLevel.HEADING_2))
    for (const am of m.amendments) {
      body.push(() =>
        text(`更正 ${am.seq}：${time(am.at)}，${am.by.name}。原因：${am.reason}`, { bold: true, keepNext: true }),
      )
      for (const ch of am.changes) {
        body.push((k) => text(`${ch.label}：「${ch.before}」更正为「${ch.after}」`, { keepNext: k }))
      }
    }
  }
  body.forEach((make, i) => out.push(make(i === body.length - 1)))
  const tail: TailLine[] = []
  if (m.finalizedAt) {
    tail.push([
      { text: '定稿：', bold: true },
      { text: `${time(m.finalizedAt)}${m.finalizedBy ? `，${m.finalizedBy}` : ''}` },
    ])
  }
  if (m.reads)
    tail.push([{ text: '阅签：', bold: true }, { text: `已阅签 ${m.reads.confirmed} / ${m.reads.expected}` }])
  if (m.contentHash) tail.push([{ text: `内容哈希（SHA-256）：${m.contentHash}`, size: 16, color: '666666' }])
  if (m.chainSeq) tail.push([{ text: `本记录在支部记录链中为第 ${m.chainSeq} 条`, size: 16, color: '666666' }])
  tail.push(...(place.beforeSignatures ?? []))
  out.push(tailParagraph(tail))
  return out
}

/** One line of the closing block: its runs (text, bold, size in half-points, colour). */
type TailLine = { text: string; bold?: boolean; size?: number; color?: string }[]

/**
 * The closing block as ONE paragraph that is never split (keepLines): `lines`, then the 记录人 and
 * 主持人 signature lines and the date. One paragraph, because LibreOffice may break a chain of
 * keep-with-next paragraphs; the record's last paragraph is kept with it (keepNext), so the
 * signatures always share a page with the record's own text.
 */
function tailParagraph(lines: readonly TailLine[]): Paragraph {
  const all: TailLine[] = [
    ...lines,
    [{ text: '' }],
    [{ text: '记录人（签字）：______________      主持人（签字）：______________' }],
    [{ text: '' }],
    [{ text: '日期：________年____月____日' }],
  ]
  return new Paragraph({
    keepLines: true,
    spacing: { before: 120 },
    children: all.flatMap((runs, i) =>
      runs.map((r, j) => new TextRun({ ...r, font: FONT, break: i > 0 && j === 0 ? 1 : undefined })),
    ),
  })
}

/**
 * The chain head in two small lines of the closing block: 记录链链头 第 N 条 · the first 16 hex digits
 * (what 校验记录链 asks for) with when it was printed, then the full hash.
 */
function compactChainHead(head: ChainHead | null, printedAt: number): TailLine[] {
  if (!head) return [[{ text: `记录链链头：本支部还没有记录入链（${time(printedAt)} 导出）`, size: 16 }]]
  return [
    [
      {
        text: `记录链链头：${chainHeadLabel(head)}（写入于 ${time(head.at)}，本文件导出于 ${time(printedAt)}）`,
        size: 16,
      },
    ],
    [
      {
        text: `完整哈希（SHA-256）：${head.hash}。核验时在「会议记录本 › 校验记录链」中填写序号和哈希前 16 位。`,
        size: 14,
        color: '666666',
      },
    ],
  ]
}

/**
 * The branch's chain head as every export prints it, so the paper witnesses the chain: the sequence
 * number and the first 16 hex digits large enough to type back into 校验记录链, the full hash in small
 * type, and when it was printed; with a verification report, its outcome. `head` null: nothing is on
 * the chain yet. Used by the minutes exports and the 述职评议 packet.
 */
export function chainHeadParagraphs(
  head: ChainHead | null,
  printedAt: number,
  report?: Pick<ChainReport, 'ok' | 'entries' | 'firstProblem'> | null,
): Paragraph[] {
  const out = [heading('记录链链头', HeadingLevel.HEADING_2)]
  if (!head) {
    out.push(text(`记录链链头：本支部还没有记录入链（${time(printedAt)} 导出）`))
  } else {
    out.push(
      new Paragraph({
        spacing: { after: 80 },
        children: [
          new TextRun({ text: '记录链链头：', bold: true, font: FONT }),
          new TextRun({ text: chainHeadLabel(head), bold: true, font: 'Consolas' }),
        ],
      }),
    )
    out.push(text(`完整哈希（SHA-256）：${head.hash}`, { size: 14, color: '666666' }))
    out.push(
      text(
        `链头写入于 ${time(head.at)}，本文件导出于 ${time(printedAt)}。核验时在「会议记录本 › 校验记录链」中填写上面的序号和哈希前 16 位；记录若在此后被改写，校验会指出来。`,
        { size: 18 },
      ),
    )
  }
  if (report) {
    out.push(
      text(
        report.ok
          ? `校验结果：记录链完好，共 ${report.entries} 条，与党委留存的锚点一致。`
          : `校验结果：未通过——${report.firstProblem?.message ?? '记录链不一致'}`,
        { bold: !report.ok, color: report.ok ? undefined : 'C00000' },
      ),
    )
  }
  return out
}

function titleParagraph(title: string, opts: { pageBreakBefore?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    heading: HeadingLevel.TITLE,
    keepNext: true,
    pageBreakBefore: opts.pageBreakBefore,
    children: [new TextRun({ text: title, font: FONT, bold: true })],
  })
}

function documentOf(title: string, children: (Paragraph | Table)[], cover = false): Promise<Buffer> {
  const doc = new Document({
    creator: '党支部组织生活',
    title,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        // The cover has no page number; every other page has 第 N 页 共 M 页.
        properties: { titlePage: cover },
        footers: cover ? { default: pageFooter(), first: new Footer({ children: [] }) } : { default: pageFooter() },
        children,
      },
    ],
  })
  return Packer.toBuffer(doc)
}

/**
 * The document: `title`, then each meeting's minutes (each after the first from a new page), then
 * the branch's chain head (`head`, printed at `printedAt`; omitted when `chain` is not given), with
 * page numbers in the footer. Resolves to the .docx bytes. For a year's book see `minutesBookDocx`.
 */
export async function minutesDocx(
  title: string,
  meetings: readonly DocxMinutes[],
  chain?: { head: ChainHead | null; printedAt: number },
): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [titleParagraph(title)]
  if (meetings.length === 0) children.push(text('这一年还没有会议记录。'))
  // One meeting: the chain head in two small lines above the signatures, so it takes no page of its own.
  const compact = chain && meetings.length === 1 ? compactChainHead(chain.head, chain.printedAt) : undefined
  meetings.forEach((m, i) => children.push(...meetingSection(m, { pageBreakBefore: i > 0, beforeSignatures: compact })))
  if (chain && !compact) children.push(...chainHeadParagraphs(chain.head, chain.printedAt))
  return documentOf(title, children)
}

/** What the 会议记录本 of a year holds. */
export interface DocxBook {
  branchName: string
  year: number
  /** Held meetings of the year, oldest first: final and missing records get an entry each; legacy ones share a table. */
  meetings: readonly DocxMinutes[]
  chain: { head: ChainHead | null; printedAt: number }
}

const bookmarkOf = (i: number) => `meeting_${i + 1}`
const LEGACY_BOOKMARK = 'paper_meetings'

/** A page number that the word processor fills in: the page where bookmark `id` stands. */
function pageRefCell(id: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: [new PageReference(id)] })
}

/**
 * The branch's 会议记录本 for a year as a .docx: a cover (branch, year, how many meetings, when
 * printed), a 目录 listing each meeting with the page it starts on (PAGEREF fields to bookmarks,
 * which LibreOffice and Word compute as they lay the pages out), one entry per meeting recorded in
 * this app (each from a new page, signatures kept with it), the meetings whose records were kept on
 * paper before the app in one table, then the chain head. Resolves to the .docx bytes.
 */
export async function minutesBookDocx(book: DocxBook): Promise<Buffer> {
  const title = `${book.branchName} ${book.year} 年会议记录本`
  const entries = book.meetings.filter((m) => m.status !== 'legacy')
  const paper = book.meetings.filter((m) => m.status === 'legacy')
  const children: (Paragraph | Table)[] = []
  // Cover.
  const big = (value: string, size: number, before = 0) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before, after: 200 },
      children: [new TextRun({ text: value, font: FONT, bold: true, size })],
    })
  children.push(big(book.branchName, 36, 2400), big(`会议记录本`, 56, 600), big(`${book.year} 年`, 36, 600))
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 2400 },
      children: [
        new TextRun({
          text: `本册收录 ${entries.length} 次会议的记录${paper.length ? `，另有 ${paper.length} 次会议的记录在纸质记录本中` : ''}`,
          font: FONT,
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({ text: `${formatDate(book.chain.printedAt)} 由党支部组织生活导出`, font: FONT, size: 18 }),
      ],
    }),
  )
  // 目录.
  children.push(titleParagraph('目录', { pageBreakBefore: true }))
  if (book.meetings.length === 0) children.push(text('这一年还没有会议记录。'))
  if (entries.length > 0) {
    children.push(
      tableOf(
        [9, 20, 57, 14],
        ['序号', '日期', '会议', '页码'],
        entries.map((m, i) => [
          String(i + 1),
          formatDate(m.startAt),
          `${kindLabel(m.kind)}：${m.title}${m.status === 'missing' ? '（记录缺失）' : ''}`,
          pageRefCell(bookmarkOf(i)),
        ]),
      ),
    )
  }
  if (paper.length > 0) {
    children.push(
      new Paragraph({
        spacing: { before: 120 },
        children: [
          new TextRun({ text: `启用本系统之前的会议（${paper.length} 次，记录见纸质记录本）：第 `, font: FONT }),
          new PageReference(LEGACY_BOOKMARK),
          new TextRun({ text: ' 页', font: FONT }),
        ],
      }),
    )
  }
  // One entry per meeting, each from a new page, its heading bookmarked for the 目录.
  entries.forEach((m, i) => children.push(...meetingSection(m, { pageBreakBefore: true, bookmark: bookmarkOf(i) })))
  if (paper.length > 0) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        keepNext: true,
        children: [
          new Bookmark({
            id: LEGACY_BOOKMARK,
            children: [new TextRun({ text: '启用本系统之前的会议', font: FONT })],
          }),
        ],
      }),
      text('以下会议的记录在启用本系统之前已定稿，系统中没有电子记录，请查阅纸质会议记录本。'),
      tableOf(
        [8, 26, 22, 44],
        ['序号', '会议时间', '会议类型', '会议名称'],
        paper.map((m, i) => [String(i + 1), shortTime(m.startAt), kindLabel(m.kind), m.title]),
      ),
    )
  }
  children.push(...chainHeadParagraphs(book.chain.head, book.chain.printedAt))
  return documentOf(title, children, true)
}

export { noticeDocx, signSheetDocx } from './meeting-print-docx'

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
