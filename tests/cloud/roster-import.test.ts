/**
 * Roster import and export through the real router on the embedded store: UTF-8 and GBK files,
 * every bad row explained by row, column and what to fix, all-or-nothing commits (with a failure
 * forced in the middle of the transaction), and an export that imports back unchanged.
 */
import { createHash } from 'node:crypto'
import iconv from 'iconv-lite'
import { requestIds } from '../../src/cloud/action-context'
import { HANDLERS } from '../../src/cloud/actions'
import type { Filter, NewDoc, QueryOptions, StorePort, StoreTx } from '../../src/cloud/ports/store'
import { createMain } from '../../src/cloud/router'
import { rosterFileUpload, uploadPath } from '../../src/domain/uploads'
import { MEMBER_B1, apiPerTest, SECRETARY_B1, SECRETARY_B2, SUPERVISOR } from './api-fixture'

const api = apiPerTest()

const HEADER = '姓名,性别,手机号,党员类别,入党时间,转正时间,职务,党小组,状态'
let uploads = 0
/** Puts a file where the client uploads a roster (src/domain/uploads.ts); returns its file id. */
const uploaded = async (bytes: Buffer, path = uploadPath(rosterFileUpload, `t${++uploads}`, 'csv')) =>
  (await api.ports.files.put(path, bytes, 'text/csv')).fileId
const utf8 = (lines: string[], bom = true) =>
  uploaded(
    Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(lines.join('\r\n') + '\r\n')]),
  )
const gbk = (lines: string[]) => uploaded(iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'))

const counts = async () => ({
  members: await api.ports.store.count('members'),
  history: await api.ports.store.count('member_history'),
  bindings: await api.ports.store.count('bindings'),
  invitations: await api.ports.store.count('invitations'),
})

/** Two new people, one update (吴俊杰 back from 流动 and made 党小组长), one unchanged (黄晓明), four bad rows. */
const MIXED = [
  HEADER,
  '林小雨,女,13612345678,预备党员,2026/6/1,,,第二党小组,正常',
  '陈思远,男,13612345679,正式党员,2015年7月1日,2016-07-01,党员,,正常',
  '吴俊杰,男,13800001333,正式党员,2002-01-15,2003-01-15,党小组长,第二党小组,正常',
  '黄晓明,男,13800001259,正式党员,2016-08-15,2017-08-15,党员,第一党小组,正常',
  '王五,男,1.38E+10,正式党员,2010-07-01,2011-07-01,,,正常',
  '赵六,男,13612340000,预备党员,2020-07-01,2021-07-01,班长,第三党小组,离职',
  ',女,13612340001,正式党员,2020-02-30,,,,正常',
  '陈思远,男,13612345679,正式党员,2015-07-01,2016-07-01,,,正常',
]

describe('preview', () => {
  test('every bad row is explained by row, column and what to fix; the good rows say what they would do', async () => {
    const before = await counts()
    const preview = await api.as(SECRETARY_B1).call('roster.importPreview', { fileId: await utf8(MIXED) })
    expect(preview.canCommit).toBe(false)
    expect(preview.counts).toEqual({ create: 2, update: 1, unchanged: 1 })
    expect(preview.rows).toEqual([
      { row: 2, name: '林小雨', phoneMasked: '136****5678', action: 'create', changes: [] },
      { row: 3, name: '陈思远', phoneMasked: '136****5679', action: 'create', changes: [] },
      { row: 4, name: '吴俊杰', phoneMasked: '138****1333', action: 'update', changes: ['职务', '状态'] },
      { row: 5, name: '黄晓明', phoneMasked: '138****1259', action: 'unchanged', changes: [] },
    ])
    const byCell = preview.problems.map((p) => `${p.row} ${p.column}`)
    expect(byCell).toEqual([
      '6 手机号',
      '7 职务',
      '7 党小组',
      '7 状态',
      '7 转正时间',
      '8 入党时间',
      '8 姓名',
      '9 手机号',
    ])
    const message = (row: number, column: string) =>
      preview.problems.find((p) => p.row === row && p.column === column)?.message
    expect(message(6, '手机号')).toMatch(/科学计数法.*文本/)
    expect(message(7, '职务')).toMatch(/“班长”不对.*书记/)
    expect(message(7, '党小组')).toMatch(/没有名为“第三党小组”.*第一党小组/)
    expect(message(7, '状态')).toMatch(/“离职”不对.*正常/)
    expect(message(7, '转正时间')).toMatch(/预备党员还没有转正时间/)
    expect(message(8, '入党时间')).toMatch(/不是有效的日期/)
    expect(message(8, '姓名')).toMatch(/请填写姓名/)
    expect(message(9, '手机号')).toMatch(/与第 3 行重复/)
    for (const p of preview.problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/)
    // A preview writes nothing.
    expect(await counts()).toEqual(before)
  })

  test('a GBK file from Excel on Chinese Windows reads the same as UTF-8, with or without BOM', async () => {
    const fromUtf8 = await api.as(SECRETARY_B1).call('roster.importPreview', { fileId: await utf8(MIXED) })
    const fromUtf8NoBom = await api.as(SECRETARY_B1).call('roster.importPreview', { fileId: await utf8(MIXED, false) })
    const fromGbk = await api.as(SECRETARY_B1).call('roster.importPreview', { fileId: await gbk(MIXED) })
    const gbkBytes = await api.ports.files.get(await gbk(MIXED))
    expect(gbkBytes.includes(Buffer.from('林小雨'))).toBe(false)
    expect(gbkBytes.includes(iconv.encode('林小雨', 'gbk'))).toBe(true)
    expect(fromGbk).toEqual(fromUtf8)
    expect(fromUtf8NoBom).toEqual(fromUtf8)
  })

  test('the header is checked first: unknown, repeated and missing columns', async () => {
    const preview = await api.as(SECRETARY_B1).call('roster.importPreview', {
      fileId: await utf8([
        '姓名,性别,电话,党员类别,入党时间,状态,状态',
        '林小雨,女,13612345678,预备党员,2026-06-01,正常,正常',
      ]),
    })
    expect(preview.rows).toEqual([])
    expect(preview.problems.map((p) => [p.row, p.column])).toEqual([
      [1, '电话'],
      [1, '状态'],
      [1, '手机号'],
    ])
    expect(preview.problems[0].message).toMatch(/不认识的列“电话”/)
    expect(preview.problems[1].message).toMatch(/出现了两次/)
    expect(preview.problems[2].message).toMatch(/缺少“手机号”列/)
  })

  test('unbalanced quotes, an empty file and too many rows are explained', async () => {
    const quoted = await api.as(SECRETARY_B1).call('roster.importPreview', {
      fileId: await utf8([HEADER, '"林小雨,女,13612345678,预备党员,2026-06-01,,,,正常']),
    })
    expect(quoted.problems.some((p) => p.row === 2 && /引号/.test(p.message))).toBe(true)
    const onlyHeader = await api.as(SECRETARY_B1).call('roster.importPreview', { fileId: await utf8([HEADER]) })
    expect(onlyHeader).toMatchObject({
      canCommit: false,
      problems: [{ row: 2, message: expect.stringMatching(/没有党员/) }],
    })
    const many = [
      HEADER,
      ...Array.from(
        { length: 2001 },
        (_, i) => `人${i},男,135${String(i).padStart(8, '0')},正式党员,2010-07-01,,,,正常`,
      ),
    ]
    const r = await api.as(SECRETARY_B1).result('roster.importPreview', { fileId: await utf8(many) })
    expect(!r.ok && r.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'fileId' }] })
    expect(!r.ok && r.error.message).toMatch(/最多导入 2000/)
  })

  test('a file that would leave the branch without a roster keeper is refused at the rows that do it', async () => {
    // 书记, 副书记 and 组织委员 of 第一党支部, all made plain members.
    const lines = [
      HEADER,
      '张建国,男,13800001000,正式党员,1995-01-15,1996-01-15,党员,第一党小组,正常',
      '李秀英,女,13800001037,正式党员,2002-02-15,2003-02-15,党员,第二党小组,正常',
      '王志强,男,13800001074,正式党员,2009-03-15,2010-03-15,党员,第一党小组,正常',
    ]
    const preview = await api.as(SECRETARY_B1).call('roster.importPreview', { fileId: await utf8(lines) })
    expect(preview.problems.map((p) => `${p.row} ${p.column}`)).toEqual(['2 职务', '3 职务', '4 职务'])
    expect(preview.problems[0].message).toMatch(/没有在册的书记、副书记或组织委员/)
  })
})

describe('commit', () => {
  test('a file with any problem is refused, naming each row and column, and nothing is imported', async () => {
    const before = await counts()
    const r = await api.as(SECRETARY_B1).result('roster.importCommit', { fileId: await utf8(MIXED) }, 'req-import-bad')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('VALIDATION_FAILED')
    expect(r.error.message).toMatch(/8 处问题.*没有导入任何人/)
    expect(r.error.fields?.map((f) => f.field)).toEqual(
      expect.arrayContaining(['row 6 手机号', 'row 8 姓名', 'row 9 手机号']),
    )
    expect(await counts()).toEqual(before)
  })

  test('a clean file creates and updates in one go, with history for the tracked changes', async () => {
    const clean = MIXED.slice(0, 5)
    const before = await counts()
    api.clock.now += 3600_000
    const fileId = await gbk(clean)
    const result = await api.as(SECRETARY_B1).call('roster.importCommit', { fileId }, 'req-import-ok')
    expect(result).toEqual({ created: 2, updated: 1, unchanged: 1 })
    expect(await counts()).toMatchObject({ members: before.members + 2, history: before.history + 2 })
    const wu = await api.as(SECRETARY_B1).call('roster.get', { memberId: 'm_b1_10' })
    expect(wu).toMatchObject({ status: 'normal', roles: ['member', 'group_leader'], version: 2 })
    expect(wu.history.map((h) => [h.field, h.from, h.to, h.reason, h.by.id, h.at])).toEqual(
      expect.arrayContaining([
        ['status', 'mobile', 'normal', '名单导入', SECRETARY_B1, api.clock.now],
        ['roles', ['member'], ['member', 'group_leader'], '名单导入', SECRETARY_B1, api.clock.now],
      ]),
    )
    const rows = await api.as(SECRETARY_B1).call('roster.list', { search: '林小雨' })
    expect(rows.items).toMatchObject([{ name: '林小雨', group: { name: '第二党小组' } }])
    // The upload has served and is removed; a replay answers from the first result, without it.
    await expect(api.ports.files.get(fileId)).rejects.toMatchObject({ code: 'ENOENT' })
    // A replay imports nothing more; importing the same file again changes nothing.
    expect(await api.as(SECRETARY_B1).result('roster.importCommit', { fileId }, 'req-import-ok')).toEqual({
      ok: true,
      data: result,
    })
    const again = await api
      .as(SECRETARY_B1)
      .call('roster.importCommit', { fileId: await gbk(clean) }, 'req-import-again')
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 4 })
    expect(await counts()).toMatchObject({ members: before.members + 2, history: before.history + 2 })
  })

  test('a file without the optional columns leaves those fields of existing members as they are', async () => {
    const lines = ['姓名,性别,手机号,党员类别,入党时间,状态', '吴俊杰,男,13800001333,正式党员,2002-01-15,正常']
    const preview = await api.as(SECRETARY_B1).call('roster.importPreview', { fileId: await utf8(lines) })
    expect(preview.rows).toEqual([expect.objectContaining({ action: 'update', changes: ['状态'] })])
  })

  test('a failure in the middle of the transaction leaves nothing imported (a taken id)', async () => {
    const requestId = 'req-import-collide'
    const key = createHash('sha256').update(`dev_${SECRETARY_B1}|${requestId}`).digest('hex').slice(0, 40)
    const ids = requestIds(key)
    ids('m')
    // The second new member's id is taken by someone else: the insert fails after the first one.
    await api.ports.store.insert('members', { _id: ids('m'), orgId: 'org_b2', name: '占位', phone: '13000000000' })
    const before = await counts()
    const r = await api
      .as(SECRETARY_B1)
      .result('roster.importCommit', { fileId: await utf8(MIXED.slice(0, 5)) }, requestId)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(await counts()).toEqual(before)
    expect(await api.ports.store.get('members', 'm_b1_10')).toMatchObject({ status: 'mobile', _version: 1 })
  })

  test('a failure in the middle of the transaction leaves nothing imported (the store fails)', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const store = api.ports.store
    let writes = 0
    const failing = (tx: StoreTx): StoreTx => {
      const guard = () => {
        writes += 1
        if (writes === 3) throw new Error('disk full')
      }
      return {
        get: <T>(c: string, id: string) => tx.get<T>(c, id),
        insert: async <T>(c: string, doc: NewDoc<T>) => (guard(), tx.insert<T>(c, doc)),
        update: async <T>(c: string, id: string, patch: Partial<T>, v: number) => (
          guard(),
          tx.update<T>(c, id, patch, v)
        ),
        remove: async (c: string, id: string, v: number) => (guard(), tx.remove(c, id, v)),
      }
    }
    // The real store, except that the third write inside a transaction fails.
    const flaky: StorePort = {
      kind: store.kind,
      get: <T>(c: string, id: string) => store.get<T>(c, id),
      insert: <T>(c: string, doc: NewDoc<T>) => store.insert<T>(c, doc),
      update: <T>(c: string, id: string, patch: Partial<T>, v: number) => store.update<T>(c, id, patch, v),
      remove: (c: string, id: string, v: number) => store.remove(c, id, v),
      query: <T>(c: string, options: QueryOptions) => store.query<T>(c, options),
      count: (c: string, where?: readonly Filter[]) => store.count(c, where),
      close: () => store.close(),
      transaction: <R>(fn: (tx: StoreTx) => Promise<R>) => store.transaction((tx) => fn(failing(tx))),
      writeScope: (run, seal) => store.writeScope(run, seal),
    }
    const main = createMain({ ...api.ports, store: flaky }, HANDLERS)
    const before = await counts()
    const r = await main(
      {
        action: 'roster.importCommit',
        input: { fileId: await utf8(MIXED.slice(0, 5)) },
        requestId: 'req-import-flaky',
      },
      { sessionToken: api.tokenFor(SECRETARY_B1) },
    )
    expect(writes).toBe(3)
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(await counts()).toEqual(before)
    spy.mockRestore()
  })
})

describe('the uploaded file', () => {
  const refusal = async (fileId: string) => {
    const r = await api.as(SECRETARY_B1).result('roster.importPreview', { fileId })
    if (r.ok) throw new Error('accepted')
    expect(r.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'fileId' }] })
    expect(r.error.message).toMatch(/[\u4e00-\u9fff]/)
    return r.error.fields![0].message
  }

  test('is read only from the roster upload folder of this storage, and must still be there', async () => {
    const csv = Buffer.from([HEADER, '林小雨,女,13612345678,预备党员,2026-06-01,,,,正常'].join('\r\n'))
    expect(await refusal(await uploaded(csv, 'uploads/checkins/ci-1/photo.csv'))).toMatch(/不是为这里上传的/)
    expect(await refusal(await uploaded(csv, 'minutes/mtg_1/x.csv'))).toMatch(/不是为这里上传的/)
    // A WeChat cloud file id means nothing to the local host's files.
    expect(await refusal('cloud://env-1.bucket/uploads/roster/t1.csv')).toMatch(/不是本系统存储中的/)
    expect(await refusal('local:uploads/roster/../../session.key')).toMatch(/不是本系统存储中的/)
    expect(await refusal('local:uploads/roster/never-uploaded.csv')).toMatch(/已不在存储中/)
  })

  test('is refused when empty, over 512 KB or a broken workbook, saying what to do', async () => {
    expect(await refusal(await uploaded(Buffer.alloc(0)))).toMatch(/空的/)
    const big = Buffer.from(HEADER + '\r\n' + 'x'.repeat(rosterFileUpload.maxBytes))
    expect(await refusal(await uploaded(big))).toMatch(/太大.*最大 512 KB/)
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)])
    expect(await refusal(await uploaded(broken))).toMatch(/不是完好的 Excel 工作簿.*另存为/)
  })
})

describe('export', () => {
  test('a CSV with BOM, the import columns and full phones, named after the branch and the Beijing date', async () => {
    const file = await api.as(SECRETARY_B1).call('roster.export', { format: 'csv' })
    expect(file.filename).toBe('第一党支部-党员名单-20261122.csv')
    expect(file.contentType).toBe('text/csv;charset=utf-8')
    const content = Buffer.from(file.base64 ?? '', 'base64').toString('utf8')
    expect(content.startsWith('\uFEFF' + HEADER + '\r\n')).toBe(true)
    const lines = content.trim().split('\r\n')
    expect(lines).toHaveLength(17)
    expect(lines).toContain('张建国,男,13800001000,正式党员,1995-01-15,1996-01-15,书记,第一党小组,正常')
    expect(lines).toContain('吴俊杰,男,13800001333,正式党员,2002-01-15,2003-01-15,党员,第二党小组,流动')
    const sup = await api.as(SUPERVISOR).call('roster.export', { branchId: 'org_b2' })
    expect(sup.filename).toMatch(/^第二党支部-党员名单-\d{8}\.xlsx$/)
    expect((await api.as(MEMBER_B1).result('roster.export', {})).ok).toBe(false)
  })

  test('export then import is all unchanged, in either branch', async () => {
    for (const who of [SECRETARY_B1, SECRETARY_B2]) {
      const file = await api.as(who).call('roster.export', { format: 'csv' })
      const fileId = await uploaded(Buffer.from(file.base64 ?? '', 'base64'))
      const preview = await api.as(who).call('roster.importPreview', { fileId })
      expect(preview.problems).toEqual([])
      expect(preview.rows.every((r) => r.action === 'unchanged')).toBe(true)
      expect(preview.counts.unchanged).toBe(preview.rows.length)
      expect(preview.rows.length).toBeGreaterThanOrEqual(14)
    }
  })
})
