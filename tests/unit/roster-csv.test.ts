import {
  normalizeDate,
  normalizeRoles,
  planImport,
  readRosterTable,
  rosterTable,
  ROSTER_COLUMNS,
  type ExistingMember,
} from '../../src/domain/roster-csv'

const GROUPS = [
  { id: 'g1', name: '第一党小组' },
  { id: 'g2', name: '第二党小组' },
]

const member = (overrides: Partial<ExistingMember> = {}): ExistingMember => ({
  id: 'm1',
  version: 3,
  name: '张建国',
  gender: 'male',
  phone: '13800001000',
  category: 'full',
  joinedAt: '1995-01-15',
  confirmedAt: '1996-01-15',
  roles: ['member', 'secretary'],
  groupId: 'g1',
  status: 'normal',
  ...overrides,
})

test('dates as people and Excel write them become 年-月-日; impossible dates do not', () => {
  expect(normalizeDate('2020-07-01')).toBe('2020-07-01')
  expect(normalizeDate('2020/7/1')).toBe('2020-07-01')
  expect(normalizeDate('2020.07.1')).toBe('2020-07-01')
  expect(normalizeDate('2020年7月1日')).toBe('2020-07-01')
  expect(normalizeDate('2021-02-29')).toBeNull()
  expect(normalizeDate('20200701')).toBeNull()
  expect(normalizeDate('7/1/2020')).toBeNull()
})

test('roles always include 党员, each once, in a fixed order', () => {
  expect(normalizeRoles([])).toEqual(['member'])
  expect(normalizeRoles(['organizer', 'member', 'secretary', 'organizer'])).toEqual([
    'member',
    'secretary',
    'organizer',
  ])
})

test('the export table reads back as the same members, whatever the column order', () => {
  const members = [
    member(),
    member({
      id: 'm2',
      name: '朱浩然',
      phone: '13800001481',
      category: 'probationary',
      confirmedAt: null,
      roles: ['member'],
      groupId: null,
      status: 'mobile',
    }),
  ]
  const table = rosterTable(members, GROUPS)
  expect(table[0]).toEqual([...ROSTER_COLUMNS])
  expect(table[1]).toEqual([
    '张建国',
    '男',
    '13800001000',
    '正式党员',
    '1995-01-15',
    '1996-01-15',
    '书记',
    '第一党小组',
    '正常',
  ])
  expect(table[2]).toEqual(['朱浩然', '男', '13800001481', '预备党员', '1995-01-15', '', '党员', '', '流动'])
  const reversed = table.map((r) => [...r].reverse())
  for (const t of [table, reversed]) {
    const { rows, problems } = readRosterTable(t, GROUPS)
    expect(problems).toEqual([])
    const { plan } = planImport(rows, members)
    expect(plan.map((p) => [p.action, p.existing?.id])).toEqual([
      ['unchanged', 'm1'],
      ['unchanged', 'm2'],
    ])
  }
})

test('rows are numbered as a spreadsheet does; blank lines and empty trailing columns are skipped', () => {
  const { rows, problems } = readRosterTable(
    [
      ['姓名', '性别', '手机号', '党员类别', '入党时间', '状态', ''],
      ['', '', '', '', '', '', ''],
      ['李四', '男', '138 0000 1234', '正式党员', '2000-01-01', '正常', ''],
      ['王五', '男', '13800001235', '正式党员', '2000-01-01', '正常', '', '多余, 内容'],
    ],
    GROUPS,
  )
  expect(rows).toEqual([
    {
      row: 3,
      member: {
        name: '李四',
        gender: 'male',
        phone: '13800001234',
        category: 'full',
        joinedAt: '2000-01-01',
        status: 'normal',
      },
    },
  ])
  expect(problems).toEqual([{ row: 4, column: '(整行)', message: expect.stringMatching(/英文逗号/) }])
})

test('a column with data but no header is a problem of the header row', () => {
  const { rows, problems } = readRosterTable(
    [
      ['姓名', '性别', '手机号', '党员类别', '入党时间', '状态', ''],
      ['李四', '男', '13800001234', '正式党员', '2000-01-01', '正常', '备注'],
    ],
    GROUPS,
  )
  expect(rows).toEqual([])
  expect(problems).toEqual([{ row: 1, column: '第 7 列', message: expect.stringMatching(/没有列名/) }])
})

test('a row with problems in several cells lists each', () => {
  const { problems } = readRosterTable(
    [
      ['姓名', '性别', '手机号', '党员类别', '入党时间', '状态'],
      ['王五', '未知', '13800001235', '正式', '2000-13-01', '正常'],
    ],
    GROUPS,
  )
  expect(problems.map((p) => [p.row, p.column])).toEqual([
    [2, '性别'],
    [2, '党员类别'],
    [2, '入党时间'],
  ])
  expect(problems[0].message).toMatch(/“男”、“女”/)
})

test('updates list the changed columns; a file may not leave the branch without a roster keeper', () => {
  const secretary = member()
  const { rows } = readRosterTable(
    [
      ['姓名', '性别', '手机号', '党员类别', '入党时间', '状态', '职务'],
      ['张建国', '男', '13800001000', '正式党员', '1995-01-15', '已转出', '书记'],
    ],
    GROUPS,
  )
  const { plan, problems } = planImport(rows, [secretary])
  expect(plan[0]).toMatchObject({ action: 'update', changes: ['状态'] })
  expect(plan[0].next.groupId).toBe('g1')
  expect(problems).toEqual([{ row: 2, column: '状态', message: expect.stringMatching(/书记、副书记或组织委员/) }])
  const withDeputy = planImport(rows, [
    secretary,
    member({ id: 'm2', phone: '13800001037', roles: ['member', 'deputy_secretary'] }),
  ])
  expect(withDeputy.problems).toEqual([])
})

test('a new phone updates the one member of that name; with two of that name it is a new member and a warning', () => {
  const huang = member({ id: 'm2', name: '黄晓明', phone: '13800001259', roles: ['member'] })
  const row = (phone: string) => ({ row: 2, member: { ...huang, phone } })
  const single = planImport([row('13912345678')], [member(), huang])
  expect(single.plan).toEqual([expect.objectContaining({ action: 'update', changes: ['手机号'], existing: huang })])
  expect(single.warnings).toEqual([])

  const twin = member({ id: 'm3', name: '黄晓明', phone: '13800009999', roles: ['member'] })
  const twins = planImport([row('13912345678')], [member(), huang, twin])
  expect(twins.plan).toEqual([expect.objectContaining({ action: 'create', existing: null })])
  expect(twins.warnings).toEqual([
    {
      row: 2,
      column: '姓名',
      message: expect.stringMatching(/^本支部还有同名的名单中的黄晓明（138\*{4}1259）、名单中的黄晓明（138\*{4}9999）/),
    },
  ])
  // Its phone taken by another row of the file, the member is that row's, and the new phone a new person's.
  const moved = planImport([row('13912345678'), { row: 3, member: { ...huang } }], [member(), huang])
  expect(moved.plan.map((p) => [p.row, p.action])).toEqual([
    [2, 'create'],
    [3, 'unchanged'],
  ])
})

test('the CSV table escapes formula-like cells, the workbook table does not, and each reads back as stored', () => {
  const m = member({ name: '=HYPERLINK("x")', roles: ['member'] })
  const csv = rosterTable([m], GROUPS, 'csv')
  const xlsx = rosterTable([m], GROUPS, 'xlsx')
  expect(csv[1][0]).toBe('\'=HYPERLINK("x")')
  expect(xlsx[1][0]).toBe('=HYPERLINK("x")')
  expect(readRosterTable(csv, GROUPS, 'csv').rows[0].member.name).toBe('=HYPERLINK("x")')
  expect(readRosterTable(xlsx, GROUPS, 'xlsx').rows[0].member.name).toBe('=HYPERLINK("x")')
  // A workbook cell that happens to start with an apostrophe is text as typed, never unescaped.
  expect(readRosterTable(csv, GROUPS, 'xlsx').rows[0].member.name).toBe('\'=HYPERLINK("x")')
})
