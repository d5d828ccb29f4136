/**
 * Pieces the generated Word documents share (minutes, 会议记录本, 会议通知, 签到表): the font, the
 * page-number footer and a fixed-width bordered table.
 */
import {
  AlignmentType,
  BorderStyle,
  Footer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'

/** The font every document is set in. */
export const FONT = 'SimSun'

/** 第 N 页 共 M 页, centred in every page's footer. */
export function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: '第 ', font: FONT, size: 18 }),
          new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 18 }),
          new TextRun({ text: ' 页 共 ', font: FONT, size: 18 }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], font: FONT, size: 18 }),
          new TextRun({ text: ' 页', font: FONT, size: 18 }),
        ],
      }),
    ],
  })
}

/** The text width of an A4 page with the default 2.54 cm margins, in twentieths of a point. */
const TEXT_WIDTH_TWIPS = 11906 - 2 * 1440

/**
 * A bordered table: `widths` in percent of the text width (fixed, so LibreOffice and Word agree),
 * a header row repeated on each page, rows never split across pages; `minHeight` (twips) for rows
 * that must leave room to write, e.g. a signature.
 */
export function tableOf(widths: number[], header: string[], rows: (string | Paragraph)[][], minHeight?: number): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' }
  const twips = widths.map((w) => Math.round((w / 100) * TEXT_WIDTH_TWIPS))
  const cellOf = (v: string | Paragraph, i: number, bold = false) =>
    new TableCell({
      width: { size: twips[i], type: WidthType.DXA },
      verticalAlign: 'center',
      children: [typeof v === 'string' ? new Paragraph({ children: [new TextRun({ text: v, bold, font: FONT })] }) : v],
    })
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: twips,
    layout: 'fixed',
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cellOf(h, i, true)) }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            height: minHeight ? { value: minHeight, rule: 'atLeast' } : undefined,
            children: r.map((v, i) => cellOf(v, i)),
          }),
      ),
    ],
  })
}
