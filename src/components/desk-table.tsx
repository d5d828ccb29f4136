/**
 * A table for the desk layout (browser build at desk width, see services/desk-media.ts): a header
 * row, one row per item, hover and keyboard focus; a row with `onOpen` opens on click or Enter.
 * Pages render it instead of their cards when `useDeskLayout()` is true, so the WeChat build never
 * renders it. Its look is the `desk-table` mixin of src/styles/desk.scss, which other tables share.
 */
import type { KeyboardEvent, ReactNode } from 'react'
import './desk-table.scss'

/** One column: `key` names the cell in each row, `title` heads it; `num` right-aligns figures. */
export interface DeskColumn {
  key: string
  title: string
  num?: boolean
  /** The column's width in CSS (e.g. '8em'); the rest share what is left. */
  width?: string
}

/** One row: its cells by column key, an optional id, and what opening it does. */
export interface DeskRow {
  key: string
  id?: string
  cells: Record<string, ReactNode>
  onOpen?: () => void
  /** A tone for the whole row, e.g. 'muted' for a row that no longer counts. */
  tone?: 'muted'
}

/**
 * The table of `rows` under `columns`; `id` names the table element, `caption` says what it lists
 * (read by screen readers, not shown).
 */
export function DeskTable({
  id,
  caption,
  columns,
  rows,
}: {
  id?: string
  caption: string
  columns: DeskColumn[]
  rows: DeskRow[]
}) {
  const keyOpen = (row: DeskRow) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' && e.target === e.currentTarget) row.onOpen?.()
  }
  return (
    <table className="desk-table" id={id}>
      <caption className="desk-table__caption">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th
              key={c.key}
              scope="col"
              className={c.num ? 'desk-table__num' : undefined}
              style={c.width ? { width: c.width } : undefined}
            >
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.key}
            id={row.id}
            className={[row.onOpen ? 'desk-table__row--link' : '', row.tone ? `desk-table__row--${row.tone}` : '']
              .filter(Boolean)
              .join(' ')}
            tabIndex={row.onOpen ? 0 : undefined}
            onClick={row.onOpen}
            onKeyDown={row.onOpen ? keyOpen(row) : undefined}
          >
            {columns.map((c) => (
              <td key={c.key} className={c.num ? 'desk-table__num' : undefined}>
                {row.cells[c.key]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
