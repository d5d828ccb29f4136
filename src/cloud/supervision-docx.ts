/**
 * A branch's 述职评议 packet for a year as a Word document (.docx), written with `docx`: the year's
 * meetings by kind with their attendance, the average attendance rate, every 补录 and every 代为登记
 * with its reason, the 流动党员 and their contact state, and the branch's chain head with the result
 * of verifying it. Loaded only by supervision.exportPacket (a lazy part of the cloud bundle).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { formatDate, formatSpan, beijing } from '../domain/beijing-time'
import { kindLabel, type MeetingKind } from '../domain/meeting-kinds'

export const PACKET_DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const FONT = 'SimSun'

/** One meeting of the year as the packet lists it. */
export interface PacketMeeting {
  kind: MeetingKind
  title: string
  startAt: number
  endAt: number
  /** 应到 and 实到 when attendance was confirmed; null otherwise. */
  attendance: { expected: number; present: number } | null
  /** 已定稿, 补录, 未定稿 or 已取消. */
  state: string
  /** For 补录: why it is one (the rule it broke). */
  lateReason: string | null
  /** 代为登记 at this meeting: who and why. */
  manual: { name: string; reason: string }[]
}

export interface PacketDoc {
  branchName: string
  committeeName: string
  year: number
  meetings: PacketMeeting[]
  /** Per kind owed: required in the year and counted. */
  quotas: { kind: MeetingKind; required: number; counted: number; backfilled: number }[]
  mobile: { name: string; city: string; state: string; days: number }[]
  chain: {
    head: { seq: number; hash: string; at: number } | null
    ok: boolean
    entries: number
    /** The first problem verify named, in Chinese; null when none. */
    problem: string | null
    checkedAt: number
  }
  exportedAt: number
}

const time = (ms: number) => beijing(ms).format('YYYY年MM月DD日 HH:mm')

function text(value: string, opts: { bold?: boolean; color?: string } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: value, font: FONT, ...opts })] })
}

function heading(value: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    children: [new TextRun({ text: value, font: FONT, bold: true })],
  })
}

function table(header: string[], rows: string[][]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' }
  const cell = (value: string, bold = false) =>
    new TableCell({
      borders: { top: border, bottom: border, left: border, right: border },
      children: [new Paragraph({ children: [new TextRun({ text: value, font: FONT, bold })] })],
    })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
    ],
  })
}

const percent = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—')

/** Builds the packet; resolves to the .docx bytes. */
export async function packetDocx(p: PacketDoc): Promise<Buffer> {
  const title = `${p.branchName} ${p.year}年组织生活述职评议材料`
  const held = p.meetings.filter((m) => m.attendance)
  const expected = held.reduce((n, m) => n + m.attendance!.expected, 0)
  const present = held.reduce((n, m) => n + m.attendance!.present, 0)
  const late = p.meetings.filter((m) => m.lateReason)
  const manual = p.meetings.flatMap((m) => m.manual.map((x) => ({ m, ...x })))
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      heading: HeadingLevel.TITLE,
      children: [new TextRun({ text: title, font: FONT, bold: true })],
    }),
    text(`上级党组织：${p.committeeName}，导出时间：${time(p.exportedAt)}`),

    heading('一、各类会议完成情况'),
    table(
      ['会议类型', '全年应开', '已完成（计入）', '其中补录'],
      p.quotas.map((q) => [kindLabel(q.kind), String(q.required), String(q.counted), String(q.backfilled)]),
    ),
    heading('二、全年会议及出席情况'),
    text(
      `已确认考勤的会议 ${held.length} 次，应到 ${expected} 人次，实到 ${present} 人次，平均出席率 ${percent(present, expected)}。`,
    ),
    p.meetings.length === 0
      ? text('这一年没有会议。')
      : table(
          ['日期', '类型', '主题', '应到', '实到', '出席率', '记录'],
          p.meetings.map((m) => [
            formatDate(m.startAt),
            kindLabel(m.kind),
            m.title,
            m.attendance ? String(m.attendance.expected) : '—',
            m.attendance ? String(m.attendance.present) : '—',
            m.attendance ? percent(m.attendance.present, m.attendance.expected) : '—',
            m.state,
          ]),
        ),
    heading('三、补录'),
    late.length === 0
      ? text('全年没有补录的会议记录。')
      : table(
          ['会议', '时间', '原因'],
          late.map((m) => [`${kindLabel(m.kind)}：${m.title}`, formatSpan(m.startAt, m.endAt), m.lateReason!]),
        ),
    heading('四、代为登记'),
    manual.length === 0
      ? text('全年没有代为登记的签到。')
      : table(
          ['会议', '日期', '党员', '原因'],
          manual.map((x) => [`${kindLabel(x.m.kind)}：${x.m.title}`, formatDate(x.m.startAt), x.name, x.reason]),
        ),
    heading('五、流动党员'),
    p.mobile.length === 0
      ? text('支部没有流动党员。')
      : table(
          ['姓名', '所在地', '联系状态', '未联系天数'],
          p.mobile.map((m) => [m.name, m.city, m.state, String(m.days)]),
        ),
    heading('六、会议记录链'),
    text(
      p.chain.head
        ? `链头：第 ${p.chain.head.seq} 条 · ${p.chain.head.hash}（${time(p.chain.head.at)}）`
        : '链头：支部还没有写入记录链的记录。',
    ),
    text(
      p.chain.ok
        ? `核验结果：${time(p.chain.checkedAt)} 核验 ${p.chain.entries} 条，全部一致。`
        : `核验结果：${time(p.chain.checkedAt)} 核验发现问题——${p.chain.problem ?? '记录链与留存不一致'}`,
      p.chain.ok ? {} : { bold: true, color: 'C00000' },
    ),
    text('可将上面的链头与党委留存、党员阅签回执或本材料的打印件比对，确认此后记录未被改写。'),
  ]
  const doc = new Document({
    creator: '党支部组织生活',
    title,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [{ children }],
  })
  return Packer.toBuffer(doc)
}
