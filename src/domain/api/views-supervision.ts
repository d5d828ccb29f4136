/** What the supervision actions (catalog-supervision.ts) return: the 党委's year matrix and exports. */
import type { MeetingKind } from '../meeting-kinds'
import type {
  CellStatus,
  FlagReason,
  MatrixCell,
  MatrixColumn,
  MatrixFlag,
  MatrixIndicators,
  MatrixRow,
} from '../supervision'
import type { DocxFile } from './views-minutes'

export type { CellStatus, FlagReason, MatrixCell, MatrixColumn, MatrixFlag, MatrixIndicators, MatrixRow }

export interface MatrixView {
  year: number
  columns: MatrixColumn[]
  /** Per branch of the page: its row, then its 党小组 rows (when 党小组会 is among the kinds shown). */
  rows: MatrixRow[]
  nextCursor: string | null
  /** Branches matching the filters, across all pages (a page holds up to `limit` branches). */
  total: number
}

/** One time the 党委 was told about a branch (escalation by the daily job). */
export interface EscalationView {
  id: string
  /** `silent`: no organizational life for the rule's days; `overdue`: a quota 逾期. */
  cause: 'silent' | 'overdue'
  /** For `overdue`: the kind and period key of the quota. */
  kind: MeetingKind | null
  period: string | null
  /** Server time the 党委 was told. */
  at: number
  /** Why, in Chinese, as the 党委 read it. */
  reason: string
}

export interface BranchSupervisionView {
  year: number
  columns: MatrixColumn[]
  /** The branch's row first, then its 党小组 rows. */
  rows: MatrixRow[]
  /** Newest first. */
  escalations: EscalationView[]
}

/** An exported file; same delivery as `minutes.export` (inline base64 locally, `fileId` in production). */
export type ExportFile = DocxFile
