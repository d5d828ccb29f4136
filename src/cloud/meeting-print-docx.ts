/**
 * What an organizer prints before a meeting (issue 20 §7): the 会议通知 to post or hand out, and the
 * 签到表 the people sign at the door, as .docx generated with `docx`. Loaded with the minutes
 * generator (re-exported by minutes-docx.ts, so both share one lazy part of the cloud bundle);
 * shared pieces in docx-parts.ts.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TextRun } from 'docx'
import { beijing, formatSpan } from '../domain/beijing-time'
import { kindLabel, type MeetingKind } from '../domain/meeting-kinds'
import { FONT, pageFooter, tableOf } from './docx-parts'

/** The meeting as both prints show it. */
export interface PrintMeeting {
  branchName: string
  kind: MeetingKind
  title: string
  startAt: number
  endAt: number
  place: string
  agenda: readonly string[]
}

/** One person on a print: the name as listed (same names told apart) and marks such as 预备党员. */
export interface PrintPerson {
  label: string
  marks: readonly string[]
}

/** What both prints take: the meeting, 应到 in roster order, the 列席 guests, and when it is printed (epoch ms). */
export interface MeetingPrint {
  meeting: PrintMeeting
  expected: readonly PrintPerson[]
  guests: readonly PrintPerson[]
  printedAt: number
}

const dateText = (ms: number) => beijing(ms).format('YYYY年M月D日')

function para(
  value: string,
  opts: { bold?: boolean; size?: number; center?: boolean; right?: boolean; before?: number; indent?: boolean } = {},
): Paragraph {
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : undefined,
    spacing: { before: opts.before ?? 0, after: 120, line: 400 },
    indent: opts.indent ? { firstLine: 480 } : undefined,
    children: [new TextRun({ text: value, bold: opts.bold, size: opts.size ?? 24, font: FONT })],
  })
}

const named = (p: PrintPerson) => (p.marks.length ? `${p.label}（${p.marks.join('，')}）` : p.label)

function documentOf(title: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(
    new Document({
      creator: '党支部组织生活',
      title,
      styles: { default: { document: { run: { font: FONT, size: 24 } } } },
      sections: [{ footers: { default: pageFooter() }, children }],
    }),
  )
}

/**
 * The 会议通知: who is called to what, when and where, the agenda, those expected and 列席, how to
 * ask for leave, signed by the branch with the date printed. Resolves to the .docx bytes.
 */
export function noticeDocx(p: MeetingPrint): Promise<Buffer> {
  const m = p.meeting
  const kind = kindLabel(m.kind)
  const children: Paragraph[] = [
    para('会议通知', { bold: true, size: 40, center: true }),
    para(`${m.branchName}全体参会同志：`, { before: 240 }),
    para(`经支部研究，定于 ${formatSpan(m.startAt, m.endAt)} 在${m.place}召开${kind}「${m.title}」，请准时参加。`, {
      indent: true,
    }),
    para('会议议程：', { bold: true, before: 120 }),
    ...(m.agenda.length ? m.agenda : ['（议程另行通知）']).map((item, i) =>
      para(`${i + 1}. ${item}`, { indent: true }),
    ),
    para(`参加人员（${p.expected.length} 人）：`, { bold: true, before: 120 }),
    para(p.expected.map(named).join('、') || '无', { indent: true }),
  ]
  if (p.guests.length) {
    children.push(para('列席人员：', { bold: true }), para(p.guests.map(named).join('、'), { indent: true }))
  }
  children.push(
    para('有关要求：', { bold: true, before: 120 }),
    para('请提前 10 分钟到场，会前在小程序中扫码签到或在签到表上签名。', { indent: true }),
    para('因故不能参加的，请在会前通过小程序「请假」或向支部书记说明原因；会后按要求补学。', { indent: true }),
    para(m.branchName, { right: true, before: 480 }),
    para(dateText(p.printedAt), { right: true }),
  )
  return documentOf(`会议通知：${m.title}`, children)
}

/**
 * The 签到表: the meeting on top, then every person expected — numbered, the name as listed (two of
 * one name told apart), marks (预备党员, 委员, 已请假) — with a tall empty cell to sign in and one for
 * the time; the 列席 guests below in a table of their own; 应到 / 实到 / 请假 to fill in at the end.
 * Resolves to the .docx bytes.
 */
export function signSheetDocx(p: MeetingPrint): Promise<Buffer> {
  const m = p.meeting
  /** Room to write a name by hand: 0.9 cm. */
  const SIGN_ROW = 510
  const rows = (list: readonly PrintPerson[]) =>
    list.map((person, i) => [String(i + 1), person.label, person.marks.join('，'), '', ''])
  const widths = [8, 22, 20, 32, 18]
  const header = ['序号', '姓名', '备注', '本人签名', '到会时间']
  const children: (Paragraph | Table)[] = [
    para('签到表', { bold: true, size: 40, center: true }),
    para(`${m.branchName}  ${kindLabel(m.kind)}：${m.title}`, { bold: true, center: true }),
    para(`时间：${formatSpan(m.startAt, m.endAt)}  地点：${m.place}`, { center: true }),
    para(`应到人员（${p.expected.length} 人）`, { bold: true, before: 120 }),
    tableOf(widths, header, rows(p.expected), SIGN_ROW),
  ]
  if (p.guests.length) {
    children.push(para('列席人员', { bold: true, before: 240 }), tableOf(widths, header, rows(p.guests), SIGN_ROW))
  }
  children.push(
    para(`应到 ${p.expected.length} 人，实到 ____ 人，请假 ____ 人，缺席 ____ 人。`, { before: 240 }),
    para('记录人（签字）：______________', { before: 120 }),
    para(`${dateText(p.printedAt)} 打印。签到表请与会议记录一并存档。`, { size: 18 }),
  )
  return documentOf(`签到表：${m.title}`, children)
}
