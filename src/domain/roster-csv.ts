/**
 * The roster as a spreadsheet (CSV or .xlsx): the columns of an import or export file, how each
 * cell maps to a member's field, what is wrong with a row (in Chinese, by row and column as a
 * spreadsheet numbers them), and what an import would create, update or leave unchanged — never
 * over a name that looks damaged by an encoding (src/domain/text-damage.ts). Pure: decoding, CSV
 * syntax and workbooks are the server's (src/cloud/actions/roster-import.ts).
 */
import { z } from 'zod'
import { memberFields, memberProblems } from './api/catalog'
import type { ImportProblem } from './api/views'
import {
  BRANCH_ROLES,
  hasRosterKeeper,
  MEMBER_CATEGORY_LABELS,
  MEMBER_STATUS_LABELS,
  ROLE_LABELS,
  ROLES,
  type BranchRole,
  type Member,
  type MemberCategory,
  type MemberStatus,
  maskPhone,
  type Role,
} from './org'
import { escapeFormula, unescapeFormula } from './spreadsheet-text'
import { encodingDamage } from './text-damage'

export const ROSTER_COLUMNS = [
  '姓名',
  '性别',
  '手机号',
  '党员类别',
  '入党时间',
  '转正时间',
  '职务',
  '党小组',
  '状态',
] as const
export type RosterColumn = (typeof ROSTER_COLUMNS)[number]
/** Columns a file may leave out: a new member then has none, an existing one keeps what they had. */
const OPTIONAL_COLUMNS: readonly RosterColumn[] = ['转正时间', '职务', '党小组']

export const MAX_IMPORT_ROWS = 2000
export const WHOLE_ROW = '(整行)'

export const GENDER_LABELS = { male: '男', female: '女' } as const
type Gender = keyof typeof GENDER_LABELS

/** The member fields one row sets; the optional columns only when the file has them. */
export interface ImportedMember {
  name: string
  gender: Gender
  phone: string
  category: MemberCategory
  joinedAt: string
  status: MemberStatus
  confirmedAt?: string | null
  roles?: Role[]
  groupId?: string | null
}

export interface ImportedRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number
  member: ImportedMember
}

export interface GroupRef {
  id: string
  name: string
}

type FieldName = keyof ImportedMember
const COLUMN_OF: Record<FieldName, RosterColumn> = {
  name: '姓名',
  gender: '性别',
  phone: '手机号',
  category: '党员类别',
  joinedAt: '入党时间',
  confirmedAt: '转正时间',
  roles: '职务',
  groupId: '党小组',
  status: '状态',
}

const rowSchema = z.object(memberFields).partial({ confirmedAt: true, roles: true, groupId: true })

function labelled<T extends string>(labels: Record<T, string>): Map<string, T> {
  return new Map(Object.entries(labels).map(([value, label]) => [label as string, value as T]))
}
const GENDERS = labelled(GENDER_LABELS)
const CATEGORIES = labelled(MEMBER_CATEGORY_LABELS)
const STATUSES = labelled(MEMBER_STATUS_LABELS)
const BRANCH_ROLE_LABELS = new Map(BRANCH_ROLES.map((r) => [ROLE_LABELS[r], r]))
const quoteAll = (labels: Iterable<string>) => [...labels].map((l) => `“${l}”`).join('、')

/** `member` first, then the others in the order of ROLES, each once. */
export function normalizeRoles(roles: readonly Role[]): Role[] {
  const set = new Set<Role>(roles)
  return ['member', ...ROLES.filter((r) => r !== 'member' && set.has(r))]
}

/** Whether two fields hold the same value; role lists compare as sets. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const sorted = (x: unknown[]) => JSON.stringify([...x].map(String).sort())
    return sorted(a) === sorted(b)
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

/** 2020-07-01, 2020/7/1 (what Excel writes back), 2020.7.1 or 2020年7月1日 → 2020-07-01; null when not a real date. */
export function normalizeDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim())
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** A number as Excel shows it in a narrow General column: 1.38E+10, 1.3800138E+10. */
const SCIENTIFIC = /^\d(\.\d+)?e\+?\d+$/i

/**
 * Why a phone such as `1.38E+10` is refused and what to do. Excel keeps only what it shows when it
 * saves a CSV, so the lost digits cannot be worked out and are never guessed.
 */
function scientificPhone(phone: string): string {
  return (
    `手机号列已被 Excel 改成科学计数法（“${phone}”），后几位数字已经丢失，无法还原。` +
    '请在 Excel 中选中手机号列，设置单元格格式为“文本”，再逐个重新输入 11 位号码后保存；' +
    '或在名单页“导出名单（Excel）”得到 .xlsx 文件，在其中修改后直接导入 .xlsx，手机号不会被改动'
  )
}

interface HeaderMap {
  index: Map<RosterColumn, number>
  problems: ImportProblem[]
}

function readHeader(header: readonly string[], body: readonly string[][]): HeaderMap {
  const index = new Map<RosterColumn, number>()
  const problems: ImportProblem[] = []
  header.forEach((raw, i) => {
    const name = raw.replace(/^\uFEFF/, '').trim()
    if (!name) {
      // Excel often leaves empty columns at the right edge; only one holding data needs a name.
      if (body.some((r) => (r[i] ?? '').trim())) {
        problems.push({
          row: 1,
          column: `第 ${i + 1} 列`,
          message: `第 ${i + 1} 列有内容但没有列名，请在第一行填上列名或删除这一列`,
        })
      }
      return
    }
    if (!(ROSTER_COLUMNS as readonly string[]).includes(name)) {
      problems.push({
        row: 1,
        column: name,
        message: `不认识的列“${name}”：名单只能包含 ${ROSTER_COLUMNS.join('、')} 这些列，请删除这一列或改成其中之一`,
      })
      return
    }
    const column = name as RosterColumn
    if (index.has(column)) {
      problems.push({ row: 1, column, message: `“${column}”列出现了两次，请只保留一列` })
      return
    }
    index.set(column, i)
  })
  for (const column of ROSTER_COLUMNS) {
    if (!index.has(column) && !OPTIONAL_COLUMNS.includes(column)) {
      problems.push({ row: 1, column, message: `缺少“${column}”列，请在第一行加上这一列并逐行填写` })
    }
  }
  return { index, problems }
}

/**
 * Reads the records of a file (the first is the header) into members, or explains each bad row.
 * Groups are the branch's 党小组, matched by name. `from` is the file's kind: a CSV's cells carry
 * the apostrophe rosterTable put before formula-like text, which is taken off here; a
 * workbook's text cells are read as they are.
 */
export function readRosterTable(
  records: readonly (readonly string[])[],
  groups: readonly GroupRef[],
  from: 'csv' | 'xlsx' = 'csv',
): { rows: ImportedRow[]; problems: ImportProblem[] } {
  const asText = from === 'csv' ? unescapeFormula : (c: string) => c
  const [header = [], ...body] = records.map((r, i) =>
    r.map((c) => (i === 0 ? String(c ?? '') : asText(String(c ?? '')))),
  )
  if (header.every((c) => !c.trim())) {
    return {
      rows: [],
      problems: [{ row: 1, column: WHOLE_ROW, message: `文件是空的：第一行应是列名（${ROSTER_COLUMNS.join('、')}）` }],
    }
  }
  const { index, problems } = readHeader(header, body)
  if (problems.length) return { rows: [], problems }

  const rows: ImportedRow[] = []
  const phoneRows = new Map<string, number>()
  const groupByName = new Map(groups.map((g) => [g.name, g.id]))
  body.forEach((cells, i) => {
    const row = i + 2
    if (cells.every((c) => !c.trim())) return
    const rowProblems: ImportProblem[] = []
    const problem = (column: string, message: string): void => {
      rowProblems.push({ row, column, message })
    }
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim())) {
      problem(WHOLE_ROW, '这一行比第一行的列多，可能是某个单元格里有英文逗号；请检查并删去多余的内容')
    }
    const cell = (column: RosterColumn) => {
      const at = index.get(column)
      return at === undefined ? undefined : (cells[at] ?? '').trim()
    }
    const candidate: Record<string, unknown> = {}
    const fromLabel = <T extends string>(column: RosterColumn, field: FieldName, labels: Map<string, T>): void => {
      const text = cell(column) ?? ''
      if (!text) return problem(column, `请填写${column}：${quoteAll(labels.keys())}`)
      const value = labels.get(text)
      if (value === undefined) return problem(column, `${column}“${text}”不对，只能填 ${quoteAll(labels.keys())}`)
      candidate[field] = value
    }
    const date = (column: RosterColumn, field: FieldName, required: boolean): void => {
      const text = cell(column)
      if (text === undefined) return
      if (!text) {
        if (required) problem(column, `请填写${column}，如 2020-07-01`)
        else candidate[field] = null
        return
      }
      const value = normalizeDate(text)
      if (!value) return problem(column, `${column}“${text}”不是有效的日期，请写成 年-月-日，如 2020-07-01`)
      candidate[field] = value
    }

    candidate.name = cell('姓名') ?? ''
    fromLabel('性别', 'gender', GENDERS)
    const phone = (cell('手机号') ?? '').replace(/[\s-]/g, '')
    if (SCIENTIFIC.test(phone)) problem('手机号', scientificPhone(phone))
    else candidate.phone = phone
    fromLabel('党员类别', 'category', CATEGORIES)
    date('入党时间', 'joinedAt', true)
    date('转正时间', 'confirmedAt', false)
    const roleText = cell('职务')
    if (roleText !== undefined) {
      const roles: Role[] = []
      for (const label of roleText.split(/[、,，;；/\s]+/).filter(Boolean)) {
        const role = BRANCH_ROLE_LABELS.get(label)
        if (role) roles.push(role as BranchRole)
        else
          problem('职务', `职务“${label}”不对，只能填 ${quoteAll(BRANCH_ROLE_LABELS.keys())}，多个职务用顿号“、”隔开`)
      }
      candidate.roles = normalizeRoles(roles)
    }
    const groupName = cell('党小组')
    if (groupName !== undefined) {
      if (!groupName) candidate.groupId = null
      else if (groupByName.has(groupName)) candidate.groupId = groupByName.get(groupName)
      else {
        problem(
          '党小组',
          groups.length
            ? `本支部没有名为“${groupName}”的党小组，请填 ${quoteAll(groups.map((g) => g.name))} 之一，或留空`
            : `本支部没有设党小组，请把“${groupName}”删去、留空`,
        )
      }
    }
    fromLabel('状态', 'status', STATUSES)

    // The same field rules as 新增党员, on the cells that mapped; one problem per cell.
    const flagged = new Set(rowProblems.map((p) => p.column))
    const flag = (column: string, message: string) => {
      if (!flagged.has(column)) problem(column, message)
      flagged.add(column)
    }
    const parsed = rowSchema.safeParse(candidate)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) flag(COLUMN_OF[issue.path[0] as FieldName] ?? WHOLE_ROW, issue.message)
    }
    const dates = candidate as { category?: string; joinedAt?: string; confirmedAt?: string | null }
    for (const p of memberProblems(dates)) flag(COLUMN_OF[p.field as FieldName] ?? WHOLE_ROW, p.message)
    const phoneOk = typeof candidate.phone === 'string' && !rowProblems.some((p) => p.column === '手机号')
    if (phoneOk) {
      const first = phoneRows.get(candidate.phone as string)
      if (first !== undefined) {
        problem('手机号', `手机号与第 ${first} 行重复：同一个人只能出现一次，请删去重复的行或改正号码`)
      } else phoneRows.set(candidate.phone as string, row)
    }
    problems.push(...rowProblems)
    if (!rowProblems.length && parsed.success) rows.push({ row, member: parsed.data as ImportedMember })
  })
  if (rows.length + problems.length === 0) {
    problems.push({ row: 2, column: WHOLE_ROW, message: '文件里只有列名，没有党员；请从第 2 行起每行填写一名党员' })
  }
  return { rows, problems }
}

/** A member's roster fields as stored. */
export type RosterFields = Pick<
  Member,
  'name' | 'gender' | 'phone' | 'category' | 'joinedAt' | 'confirmedAt' | 'roles' | 'groupId' | 'status'
>
export type ExistingMember = RosterFields & { id: string; version: number }

export interface PlannedRow {
  row: number
  action: 'create' | 'update' | 'unchanged'
  /** The Chinese names of the columns that change. */
  changes: RosterColumn[]
  /** The member after the import. */
  next: RosterFields
  existing: ExistingMember | null
}

const COMPARED: (keyof RosterFields)[] = [
  'name',
  'gender',
  'phone',
  'category',
  'joinedAt',
  'confirmedAt',
  'roles',
  'groupId',
  'status',
]

/**
 * Why a row's name is refused: it looks damaged by an encoding (text-damage.ts), so it must not
 * replace the stored name nor become a new member's. Says what to do; null for a sound name.
 */
function damagedName(name: string, current: ExistingMember | null): string | null {
  if (current && name === current.name) return null
  const why = encodingDamage(name, current?.name ?? null)
  if (!why) return null
  const keep = current ? `，系统中的姓名“${current.name}”保持不变` : ''
  return (
    `姓名${why}${keep}。这一行没有导入：请在名单页“导出名单（Excel）”得到 .xlsx 文件，在其中修改后导入；` +
    `或把这一格改成正确的姓名，另存为“CSV UTF-8（逗号分隔）”后重新导入`
  )
}

/**
 * Same names, which are allowed (two people may share one) but easy to get wrong: a warning for
 * each planned row whose name another member of the branch, or another row of the file, has too.
 */
function sameNameWarnings(plan: readonly PlannedRow[], existing: readonly ExistingMember[]): ImportProblem[] {
  const touched = new Set(plan.map((p) => p.existing?.id).filter(Boolean))
  const holders = new Map<string, string[]>()
  const hold = (name: string, who: string) => holders.set(name, [...(holders.get(name) ?? []), who])
  for (const m of existing) if (!touched.has(m.id)) hold(m.name, `名单中的${m.name}（${maskPhone(m.phone)}）`)
  for (const p of plan) hold(p.next.name, `第 ${p.row} 行（${maskPhone(p.next.phone)}）`)
  const warnings: ImportProblem[] = []
  for (const p of plan) {
    const me = `第 ${p.row} 行（${maskPhone(p.next.phone)}）`
    const others = (holders.get(p.next.name) ?? []).filter((w) => w !== me)
    if (!others.length) continue
    warnings.push({
      row: p.row,
      column: '姓名',
      message:
        `本支部还有同名的${others.join('、')}：如果是同一个人，请把手机号改成一致，以免重复登记；` +
        '确是不同的人可以照常导入，之后请在名单中用手机号尾号区分',
    })
  }
  return warnings
}

/**
 * Which member each row is about (by its spreadsheet row): the member with the row's phone; else,
 * when the phone is new, the one member of that name whose own phone no row of the file has — a
 * phone changed in the file — as long as no other such row or member shares the name (then the
 * row is a new member, and sameNameWarnings says so).
 */
function matchMembers(rows: readonly ImportedRow[], existing: readonly ExistingMember[]): Map<number, ExistingMember> {
  const byPhone = new Map(existing.map((m) => [m.phone, m]))
  const matched = new Map<number, ExistingMember>()
  for (const { row, member } of rows) {
    const m = byPhone.get(member.phone)
    if (m) matched.set(row, m)
  }
  const taken = new Set([...matched.values()].map((m) => m.id))
  const unmatched = rows.filter((r) => !matched.has(r.row))
  for (const { row, member } of unmatched) {
    const holders = existing.filter((m) => m.name === member.name)
    const claimants = unmatched.filter((r) => r.member.name === member.name)
    if (holders.length === 1 && claimants.length === 1 && !taken.has(holders[0].id)) matched.set(row, holders[0])
  }
  return matched
}

/**
 * What importing these rows into a branch does: a row that matches a member (by phone, or by a
 * unique name when only the phone changed: matchMembers) updates them or leaves them unchanged,
 * any other creates one. A row whose name looks damaged by an encoding is left out of the plan
 * and refused; a name another member has too is a warning. Also refuses a file that would leave
 * the branch with nobody to keep its roster. Returns the plan, the problems (any one stops the
 * import) and the warnings (which do not), each by spreadsheet row.
 */
export function planImport(
  rows: readonly ImportedRow[],
  existing: readonly ExistingMember[],
): { plan: PlannedRow[]; problems: ImportProblem[]; warnings: ImportProblem[] } {
  const matched = matchMembers(rows, existing)
  const problems: ImportProblem[] = []
  const sound = rows.filter(({ row, member }) => {
    const why = damagedName(member.name, matched.get(row) ?? null)
    if (why) problems.push({ row, column: '姓名', message: why })
    return !why
  })
  const plan = sound.map(({ row, member }): PlannedRow => {
    const current = matched.get(row) ?? null
    const base: RosterFields = current ?? {
      ...member,
      confirmedAt: null,
      roles: ['member'],
      groupId: null,
    }
    const next: RosterFields = {
      name: member.name,
      gender: member.gender,
      phone: member.phone,
      category: member.category,
      joinedAt: member.joinedAt,
      status: member.status,
      confirmedAt: member.confirmedAt !== undefined ? member.confirmedAt : base.confirmedAt,
      roles: normalizeRoles(member.roles ?? base.roles),
      groupId: member.groupId !== undefined ? member.groupId : base.groupId,
    }
    if (!current) return { row, action: 'create', changes: [], next, existing: null }
    for (const p of memberProblems(next)) {
      problems.push({ row, column: COLUMN_OF[p.field as FieldName] ?? WHOLE_ROW, message: p.message })
    }
    const changes = COMPARED.filter((f) => !sameValue(current[f], next[f])).map((f) => COLUMN_OF[f])
    return { row, action: changes.length ? 'update' : 'unchanged', changes, next, existing: current }
  })

  const touched = new Set(plan.map((p) => p.existing?.id).filter(Boolean))
  const after = [...existing.filter((m) => !touched.has(m.id)), ...plan.map((p) => p.next)]
  if (hasRosterKeeper(existing) && !hasRosterKeeper(after)) {
    const demoting = plan.filter((p) => p.existing && hasRosterKeeper([p.existing]) && !hasRosterKeeper([p.next]))
    for (const p of demoting.length ? demoting : plan.slice(0, 1)) {
      problems.push({
        row: p.row,
        column: p.changes.includes('状态') ? '状态' : '职务',
        message: '导入后本支部将没有在册的书记、副书记或组织委员来管理名单；请保留至少一位，或先为其他党员设置该职务',
      })
    }
  }
  return { plan, problems, warnings: sameNameWarnings(plan, existing) }
}

/**
 * The roster as records (header first) that readRosterTable reads back unchanged from a file of
 * the same kind: for a CSV, text a spreadsheet would run as a formula gets an apostrophe before
 * it (src/domain/spreadsheet-text.ts); a workbook holds every cell as text and needs none.
 */
export function rosterTable(
  members: readonly RosterFields[],
  groups: readonly GroupRef[],
  to: 'csv' | 'xlsx' = 'csv',
): string[][] {
  const groupName = new Map(groups.map((g) => [g.id, g.name]))
  const asCell = to === 'csv' ? escapeFormula : (c: string) => c
  const body = members.map((m) => {
    const roles = m.roles.filter((r) => r !== 'member').map((r) => ROLE_LABELS[r])
    return [
      m.name,
      GENDER_LABELS[m.gender],
      m.phone,
      MEMBER_CATEGORY_LABELS[m.category],
      m.joinedAt,
      m.confirmedAt ?? '',
      roles.length ? roles.join('、') : ROLE_LABELS.member,
      m.groupId ? (groupName.get(m.groupId) ?? '') : '',
      MEMBER_STATUS_LABELS[m.status],
    ].map(asCell)
  })
  return [[...ROSTER_COLUMNS], ...body]
}
