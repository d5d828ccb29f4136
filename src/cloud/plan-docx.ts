/**
 * A published annual plan as a Word document (.docx) for the notice board, written with `docx`: the
 * title, the 主题党日 rule, one table per month (date, weekday, time, meeting, 党小组, place, note)
 * and the plan's notes. Loaded only by plan.export (a lazy part of the cloud bundle).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { planSheetTitle, type PlanSheet, type PlanSheetRow } from './plan-sheet'

export const PLAN_DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const FONT = 'SimSun'

function text(value: string, opts: { bold?: boolean; size?: number } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: value, font: FONT, ...opts })] })
}

function table(rows: PlanSheetRow[]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' }
  const cell = (value: string, opts: { bold?: boolean; strike?: boolean } = {}) =>
    new TableCell({
      borders: { top: border, bottom: border, left: border, right: border },
      children: [new Paragraph({ children: [new TextRun({ text: value, font: FONT, ...opts })] })],
    })
  const header = ['日期', '星期', '时间', '会议', '党小组', '地点', '备注']
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { bold: true })) }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: [
              r.date.slice(5).replace('-', '月') + '日',
              r.weekday,
              r.time,
              `${r.kindLabel}：${r.title}`,
              r.groupName ?? '',
              r.place,
              r.note,
            ].map((v, k) => cell(v, { strike: r.cancelled && k < 6 })),
          }),
      ),
    ],
  })
}

/** Builds the document; resolves to the .docx bytes. */
export async function planDocx(sheet: PlanSheet): Promise<Buffer> {
  const months = new Map<number, PlanSheetRow[]>()
  for (const r of sheet.rows) {
    const m = Number(r.date.slice(5, 7))
    months.set(m, [...(months.get(m) ?? []), r])
  }
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      heading: HeadingLevel.TITLE,
      children: [new TextRun({ text: planSheetTitle(sheet), font: FONT, bold: true })],
    }),
    text(`${sheet.themeDayText}；全年共 ${sheet.rows.length} 次会议。时间为北京时间，如有调整以支部通知为准。`),
  ]
  for (const [month, rows] of [...months].sort((a, b) => a[0] - b[0])) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        children: [new TextRun({ text: `${month}月`, font: FONT, bold: true })],
      }),
      table(rows),
    )
  }
  if (sheet.rows.length === 0) children.push(text('计划中没有会议。'))
  for (const note of sheet.notes) children.push(text(note))
  const doc = new Document({
    creator: '党支部组织生活',
    title: planSheetTitle(sheet),
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  })
  return Buffer.from(await Packer.toBuffer(doc))
}
