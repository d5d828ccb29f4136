/**
 * Minutes as a Word document (.docx), generated on the server with `docx`: one meeting, or a
 * branch's 会议记录本 for a year. Every field of the minutes is written out, with the 补录 flag,
 * the amendments after the original, the content hash and the lines for the signatures, and the
 * branch's chain head as printed witness (issue 14 §5).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
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
}

const FONT = 'SimSun'

/** '，<flag>' for a photo the record flags (相册选取, 来源未知, 会后 N 天收到), else ''. */
function photoNote(p: DocxMinutes['photos'][number], endAt: number): string {
  const flag = p.flag ?? photoFlag(p.source, endAt, p.receivedAt)
  return flag ? `，${flag}` : ''
}
const time = (ms: number) => beijing(ms).format('YYYY年MM月DD日 HH:mm')

function line(label: string, value: string, opts: { bold?: boolean } = {}): Paragraph {
  return new Paragraph({
    spacing: { after: 80 },
    children: [
      new TextRun({ text: `${label}：`, bold: true, font: FONT }),
      new TextRun({ text: value, bold: opts.bold, font: FONT }),
    ],
  })
}

function text(value: string, opts: { bold?: boolean; color?: string; size?: number } = {}): Paragraph {
  const lines = value.split('\n')
  return new Paragraph({
    spacing: { after: 80 },
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
  return new Paragraph({
    heading: level,
    spacing: { before: 200, after: 120 },
    children: [new TextRun({ text: value, font: FONT })],
  })
}

function people(list: readonly MinutesPerson[]): string {
  if (list.length === 0) return '无'
  return list.map((p) => (p.note ? `${p.name}（${p.note}）` : p.name)).join('、')
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
        children: [cell('应到', true), cell(`${a.expected} 人`), cell('实到', true), cell(`${a.present} 人`)],
      }),
      new TableRow({
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

function meetingSection(m: DocxMinutes): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = []
  out.push(heading(`${kindLabel(m.kind)}：${m.title}`, HeadingLevel.HEADING_1))
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
    out.push(attendanceTable(a))
    out.push(line('应到', `${a.expected} 人`))
    out.push(line('实到', `${a.present} 人`))
    out.push(line('出席', people(a.attended)))
    out.push(line('请假', people(a.onLeave)))
    out.push(line('缺席', people(a.absent)))
    out.push(line('列席', people(a.guests)))
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
  c.items.forEach((item, i) => {
    out.push(text(`${i + 1}. ${item.topic}`, { bold: true }))
    out.push(line('发言情况', item.speeches || '（无）'))
    out.push(line('决议', item.decision || '（无）'))
    const tally = locked.get(i) ?? live[i] ?? null
    if (item.motion && tally) {
      out.push(line('表决', tallySummary(tally)))
      out.push(line('计票情况', tally.people.map(personCountLine).join('；')))
    } else if (item.vote) {
      const outcome = a ? voteOutcome(item.vote, a) : null
      const verdict = outcome
        ? outcome.problem
          ? `（${outcome.problem}）`
          : outcome.passes
            ? '，通过'
            : '，未通过'
        : ''
      out.push(
        line('表决', `赞成 ${item.vote.for} 票，反对 ${item.vote.against} 票，弃权 ${item.vote.abstain} 票${verdict}`),
      )
    }
  })
  if (c.notes) out.push(line('其他事项', c.notes))
  if (m.photos.length > 0) {
    out.push(
      line(
        '现场照片',
        `${m.photos.length} 张（${m.photos.map((p) => `收到于 ${time(p.receivedAt)}${photoNote(p, m.endAt)}，SHA-256 ${p.sha256.slice(0, 16)}…`).join('；')}）`,
      ),
    )
  }
  if (m.amendments.length > 0) {
    out.push(heading('更正记录（原记录保持不变）', HeadingLevel.HEADING_2))
    for (const am of m.amendments) {
      out.push(text(`更正 ${am.seq}：${time(am.at)}，${am.by.name}。原因：${am.reason}`, { bold: true }))
      for (const ch of am.changes) out.push(text(`${ch.label}：「${ch.before}」更正为「${ch.after}」`))
    }
  }
  if (m.finalizedAt) {
    out.push(line('定稿', `${time(m.finalizedAt)}${m.finalizedBy ? `，${m.finalizedBy}` : ''}`))
  }
  if (m.reads) out.push(line('阅签', `已阅签 ${m.reads.confirmed} / ${m.reads.expected}`))
  if (m.contentHash) out.push(text(`内容哈希（SHA-256）：${m.contentHash}`, { size: 16, color: '666666' }))
  if (m.chainSeq) out.push(text(`本记录在支部记录链中为第 ${m.chainSeq} 条`, { size: 16, color: '666666' }))
  out.push(
    new Paragraph({
      spacing: { before: 300 },
      children: [new TextRun({ text: '记录人（签字）：____________        主持人（签字）：____________', font: FONT })],
    }),
  )
  return out
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

/**
 * The document: `title`, then each meeting's minutes on its own page, then the branch's chain head
 * (`head`, printed at `printedAt`; omitted when `printedAt` is not given). Resolves to the .docx bytes.
 */
export async function minutesDocx(
  title: string,
  meetings: readonly DocxMinutes[],
  chain?: { head: ChainHead | null; printedAt: number },
): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      heading: HeadingLevel.TITLE,
      children: [new TextRun({ text: title, font: FONT, bold: true })],
    }),
  ]
  if (meetings.length === 0) children.push(text('这一年还没有会议记录。'))
  meetings.forEach((m, i) => {
    if (i > 0) children.push(new Paragraph({ children: [new PageBreak()] }))
    children.push(...meetingSection(m))
  })
  if (chain) children.push(...chainHeadParagraphs(chain.head, chain.printedAt))
  const doc = new Document({
    creator: '党支部组织生活',
    title,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [{ children }],
  })
  return Packer.toBuffer(doc)
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
