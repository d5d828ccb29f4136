/**
 * 支部成员 through the real router on the embedded store: who sees full phone numbers and change
 * history, searching, filtering and paging, adding and editing members with their history, and
 * bad input on every action of the roster, binding and import, refused in Chinese without a write.
 */
import type { MemberRow, Page } from '../../src/domain/api/views'
import {
  MEMBER_B1,
  apiPerTest,
  PROPAGANDA_B1,
  DEPUTY_B1,
  ORGANIZER_B1,
  type In,
  PROBATIONARY_B1,
  SECRETARY_B1,
  SECRETARY_B2,
  SUPERVISOR,
} from './api-fixture'

const api = apiPerTest()

const CHINESE = /[\u4e00-\u9fff]/

async function listAll(who: string, input: Record<string, unknown> = {}, limit = 50): Promise<MemberRow[]> {
  const out: MemberRow[] = []
  let cursor: string | null = null
  do {
    const page: Page<MemberRow> = await api.as(who).call('roster.list', { ...input, limit, cursor })
    out.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return out
}

const counts = async () => ({
  members: await api.ports.store.count('members'),
  bindings: await api.ports.store.count('bindings'),
  invitations: await api.ports.store.count('invitations'),
  history: await api.ports.store.count('member_history'),
  requests: await api.ports.store.count('requests'),
})

const newMember = (overrides: Record<string, unknown> = {}): In<'roster.create'> =>
  ({
    name: '林小雨',
    gender: 'female',
    phone: '13612345678',
    category: 'probationary',
    joinedAt: '2026-06-01',
    confirmedAt: null,
    roles: [],
    groupId: 'org_b1_g2',
    status: 'normal',
    ...overrides,
  }) as In<'roster.create'>

describe('roster.list', () => {
  test('a plain member sees masked phones; the secretary and the 党委 see full ones', async () => {
    const plain = await listAll(MEMBER_B1)
    expect(plain).toHaveLength(16)
    expect(plain.every((m) => m.phoneMasked && /^\d{3}\*{4}\d{4}$/.test(m.phone))).toBe(true)
    for (const who of [SECRETARY_B1, PROPAGANDA_B1]) {
      const rows = await listAll(who)
      expect(rows.every((m) => !m.phoneMasked && /^1\d{10}$/.test(m.phone))).toBe(true)
    }
    const sup = await listAll(SUPERVISOR, { branchId: 'org_b1' })
    expect(sup.find((m) => m.id === 'm_b1_16')).toMatchObject({ phone: '13800001555', phoneMasked: false })
    // The other branch's secretary reaches nothing here.
    const other = await api.as(SECRETARY_B2).result('roster.list', { branchId: 'org_b1' })
    expect(!other.ok && other.error.code).toBe('FORBIDDEN')
  })

  test('rows carry group, voting rights, binding and version; ordered by name and paged without repeats', async () => {
    const rows = await listAll(SECRETARY_B1, {}, 5)
    expect(new Set(rows.map((r) => r.id)).size).toBe(16)
    const names = rows.map((r) => r.name)
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names)
    expect(rows.find((r) => r.id === PROBATIONARY_B1)).toMatchObject({
      name: '朱浩然',
      category: 'probationary',
      votingRights: false,
      bound: true,
      group: { id: 'org_b1_g1', name: '第一党小组', kind: 'group' },
      version: 1,
    })
    expect(
      rows
        .filter((r) => !r.bound)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['m_b1_15', 'm_b1_16'])
  })

  test('filters by category, group and status; search by name or by the phone digits one may see', async () => {
    const probationary = await listAll(MEMBER_B1, { category: 'probationary' })
    expect(probationary.map((m) => m.name).sort()).toEqual(['朱浩然', '胡佳怡', '郭子涵'].sort())
    const mobile = await listAll(MEMBER_B1, { status: 'mobile' })
    expect(mobile.map((m) => m.name)).toEqual(['吴俊杰'])
    const group2 = await listAll(MEMBER_B1, { groupId: 'org_b1_g2', category: 'full' })
    expect(group2.every((m) => m.group?.id === 'org_b1_g2' && m.category === 'full')).toBe(true)
    expect(group2).toHaveLength(6)
    const xiao = await listAll(MEMBER_B1, { search: '晓' }, 1)
    expect(xiao.map((m) => m.name).sort()).toEqual(['马晓燕', '黄晓明'].sort())
    // 郭子涵: 13800001555. The last four are visible to all, the middle only to the committee.
    expect((await listAll(MEMBER_B1, { search: '1555' })).map((m) => m.name)).toEqual(['郭子涵'])
    expect(await listAll(MEMBER_B1, { search: '00001555' })).toEqual([])
    expect((await listAll(SECRETARY_B1, { search: '00001555' })).map((m) => m.name)).toEqual(['郭子涵'])
  })
})

describe('roster.get', () => {
  test('history and the edit button follow the viewer: editors, committee, plain members, the 党委', async () => {
    await api
      .as(SECRETARY_B1)
      .call(
        'roster.update',
        { memberId: 'm_b1_10', version: 1, status: 'normal', reason: '已返回本地工作' },
        'req-upd-status-1',
      )
    const bySecretary = await api.as(SECRETARY_B1).call('roster.get', { memberId: 'm_b1_10' })
    expect(bySecretary.canEdit).toBe(true)
    expect(bySecretary.history).toEqual([
      {
        field: 'status',
        from: 'mobile',
        to: 'normal',
        reason: '已返回本地工作',
        by: { id: SECRETARY_B1, name: '张建国' },
        at: api.clock.now,
      },
    ])
    const byPropaganda = await api.as(PROPAGANDA_B1).call('roster.get', { memberId: 'm_b1_10' })
    expect(byPropaganda).toMatchObject({ canEdit: false, phoneMasked: false })
    expect(byPropaganda.history).toHaveLength(1)
    const byMember = await api.as(MEMBER_B1).call('roster.get', { memberId: 'm_b1_10' })
    expect(byMember).toMatchObject({ canEdit: false, phoneMasked: true, history: [] })
    const bySupervisor = await api.as(SUPERVISOR).call('roster.get', { memberId: 'm_b1_10' })
    expect(bySupervisor).toMatchObject({ canEdit: false, phoneMasked: false, org: { id: 'org_b1' } })
    expect(bySupervisor.history).toHaveLength(1)
  })
})

describe('roster.create and roster.update', () => {
  test('a new member joins the branch with 党员 implied, and shows up in the list', async () => {
    const before = await counts()
    const created = await api.as(SECRETARY_B1).call('roster.create', newMember(), 'req-create-0001')
    expect(created).toMatchObject({
      name: '林小雨',
      roles: ['member'],
      group: { id: 'org_b1_g2' },
      org: { id: 'org_b1' },
      bound: false,
      votingRights: false,
      version: 1,
      canEdit: true,
      confirmedAt: null,
    })
    expect((await listAll(MEMBER_B1, { search: '林小雨' })).map((m) => m.id)).toEqual([created.id])
    // A replay returns the same member and adds nobody.
    const again = await api.as(SECRETARY_B1).call('roster.create', newMember(), 'req-create-0001')
    expect(again.id).toBe(created.id)
    expect(await counts()).toMatchObject({ members: before.members + 1 })
  })

  test('a phone already in the branch is refused naming its holder; another branch may have it', async () => {
    const r = await api.as(SECRETARY_B1).result('roster.create', newMember({ phone: '13800001555' }), 'req-create-dup1')
    expect(!r.ok && r.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'phone' }] })
    expect(!r.ok && r.error.message).toMatch(/郭子涵/)
    await api
      .as(SECRETARY_B2)
      .call('roster.create', newMember({ phone: '13800001555', groupId: null }), 'req-create-b2')
    const upd = await api
      .as(SECRETARY_B1)
      .result('roster.update', { memberId: 'm_b1_08', version: 1, phone: '13800001555' }, 'req-upd-dup-01')
    expect(!upd.ok && upd.error.fields?.[0]).toMatchObject({ field: 'phone', message: expect.stringMatching(/郭子涵/) })
  })

  test('changes to status, roles, category, group and 转正 are kept with reason, who and when, with the update', async () => {
    api.clock.now += 60_000
    const r = await api.as(ORGANIZER_B1).call(
      'roster.update',
      {
        memberId: PROBATIONARY_B1,
        version: 1,
        category: 'full',
        confirmedAt: '2027-07-01',
        roles: ['group_leader'],
        groupId: 'org_b1_g2',
        name: '朱浩然',
        reason: '支部大会通过转正',
      },
      'req-upd-confirm',
    )
    expect(r).toMatchObject({ category: 'full', confirmedAt: '2027-07-01' })
    expect(r.roles).toEqual(['member', 'group_leader'])
    expect(r.version).toBe(2)
    expect(r.history.map((h) => h.field).sort()).toEqual(['category', 'confirmedAt', 'groupId', 'roles'])
    expect(
      r.history.every((h) => h.reason === '支部大会通过转正' && h.by.id === ORGANIZER_B1 && h.at === api.clock.now),
    ).toBe(true)
    expect(r.history.find((h) => h.field === 'groupId')).toMatchObject({ from: 'org_b1_g1', to: 'org_b1_g2' })
    // Nothing tracked changed: no history, no new version.
    const same = await api
      .as(ORGANIZER_B1)
      .call('roster.update', { memberId: PROBATIONARY_B1, version: 2, name: '朱浩然' }, 'req-upd-same')
    expect(same.version).toBe(2)
    expect(await api.ports.store.count('member_history')).toBe(4)
  })

  test('an edit from a stale version is refused and changes nothing', async () => {
    await api
      .as(SECRETARY_B1)
      .call('roster.update', { memberId: 'm_b1_09', version: 1, status: 'lost' }, 'req-stale-first')
    const before = await counts()
    const r = await api
      .as(DEPUTY_B1)
      .result('roster.update', { memberId: 'm_b1_09', version: 1, status: 'mobile' }, 'req-stale-second')
    expect(!r.ok && r.error.code).toBe('CONFLICT')
    expect(!r.ok && r.error.message).toMatch(/刚被别人修改过/)
    expect(await counts()).toEqual(before)
    expect(await api.ports.store.get('members', 'm_b1_09')).toMatchObject({ status: 'lost', _version: 2 })
  })

  test('one may drop one’s own editor role, but the branch keeps at least one keeper of the roster', async () => {
    await api
      .as(DEPUTY_B1)
      .call('roster.update', { memberId: DEPUTY_B1, version: 1, roles: ['member'] }, 'req-self-demote')
    await api
      .as(ORGANIZER_B1)
      .call('roster.update', { memberId: ORGANIZER_B1, version: 1, roles: [] }, 'req-self-demote2')
    const before = await counts()
    const r = await api
      .as(SECRETARY_B1)
      .result(
        'roster.update',
        { memberId: SECRETARY_B1, version: 1, status: 'transferred', reason: '调离' },
        'req-last-keeper',
      )
    expect(!r.ok && r.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'status' }] })
    expect(!r.ok && r.error.message).toMatch(/唯一.*书记/)
    expect(await counts()).toEqual(before)
  })
})

describe('bad input on every action of the roster, binding and import is refused in Chinese and writes nothing', () => {
  const cases: [string, string, string, Record<string, unknown>, string][] = [
    ['session.devNewUser', 'unexpected field', '', { openid: 'o_forged' }, '(整体)'],
    ['roster.list', 'unknown status', MEMBER_B1, { status: 'retired' }, 'status'],
    ['roster.list', 'search too long', MEMBER_B1, { search: '长'.repeat(21) }, 'search'],
    ['roster.list', 'limit too large', MEMBER_B1, { limit: 500 }, 'limit'],
    ['roster.list', 'bad cursor', MEMBER_B1, { cursor: 'garbage' }, 'cursor'],
    ['roster.get', 'malformed id', MEMBER_B1, { memberId: 'm b1 01' }, 'memberId'],
    ['roster.create', 'no name', SECRETARY_B1, newMember({ name: '  ' }), 'name'],
    ['roster.create', 'short phone', SECRETARY_B1, newMember({ phone: '1381234' }), 'phone'],
    ['roster.create', 'unknown gender', SECRETARY_B1, newMember({ gender: 'x' }), 'gender'],
    ['roster.create', 'bad date', SECRETARY_B1, newMember({ joinedAt: '2026/6/1' }), 'joinedAt'],
    ['roster.create', 'probationary with 转正', SECRETARY_B1, newMember({ confirmedAt: '2027-06-01' }), 'confirmedAt'],
    [
      'roster.create',
      '转正 before joining',
      SECRETARY_B1,
      newMember({ category: 'full', confirmedAt: '2020-01-01' }),
      'confirmedAt',
    ],
    ['roster.create', 'the 党委 role', SECRETARY_B1, newMember({ roles: ['supervisor'] }), 'roles.0'],
    ['roster.create', 'group of another branch', SECRETARY_B1, newMember({ groupId: 'org_b2_g1' }), 'groupId'],
    ['roster.create', 'phone taken', SECRETARY_B1, newMember({ phone: '13800001000' }), 'phone'],
    ['roster.update', 'no version', SECRETARY_B1, { memberId: 'm_b1_08', status: 'lost' }, 'version'],
    ['roster.update', 'bad phone', SECRETARY_B1, { memberId: 'm_b1_08', version: 1, phone: '2380000100' }, 'phone'],
    [
      'roster.update',
      'reason too long',
      SECRETARY_B1,
      { memberId: 'm_b1_08', version: 1, reason: '长'.repeat(101) },
      'reason',
    ],
    [
      'roster.update',
      'probationary keeps 转正',
      SECRETARY_B1,
      { memberId: 'm_b1_08', version: 1, category: 'probationary' },
      'confirmedAt',
    ],
    [
      'roster.update',
      'group elsewhere',
      SECRETARY_B1,
      { memberId: 'm_b1_08', version: 1, groupId: 'org_b2_g2' },
      'groupId',
    ],
    ['invite.create', 'malformed id', SECRETARY_B1, { memberId: '' }, 'memberId'],
    ['invite.create', 'transferred member', SECRETARY_B1, { memberId: 'TRANSFERRED' }, 'memberId'],
    ['invite.preview', 'short code', MEMBER_B1, { code: 'ABC' }, 'code'],
    [
      'binding.bind',
      'phone not digits',
      MEMBER_B1,
      { code: 'ABCDEFGH', name: '郭子涵', phone: '1380000155a' },
      'phone',
    ],
    ['binding.bind', 'only the last four', MEMBER_B1, { code: 'ABCDEFGH', name: '郭子涵', phone: '1555' }, 'phone'],
    ['binding.bind', 'no name', MEMBER_B1, { code: 'ABCDEFGH', name: '', phone: '13800001555' }, 'name'],
    ['binding.unbind', 'no reason', SECRETARY_B1, { memberId: 'm_b1_08', reason: ' ' }, 'reason'],
    ['roster.importPreview', 'not a file id', SECRETARY_B1, { fileId: '这不是文件' }, 'fileId'],
    ['roster.importPreview', 'no file', SECRETARY_B1, { fileId: '' }, 'fileId'],
    [
      'roster.importCommit',
      'a file never uploaded',
      SECRETARY_B1,
      { fileId: 'local:uploads/roster/none.csv' },
      'fileId',
    ],
    [
      'roster.importCommit',
      'a bad row',
      SECRETARY_B1,
      { fileId: 'UPLOAD:姓名,性别,手机号,党员类别,入党时间,状态\n林小雨,女,123,预备党员,2026-06-01,正常\n' },
      'row 2 手机号',
    ],
    ['roster.export', 'malformed branch', SECRETARY_B1, { branchId: '../org_b1' }, 'branchId'],
  ]
  test.each(cases)('%s: %s', async (action, _what, who, input, field) => {
    if (typeof input.fileId === 'string' && input.fileId.startsWith('UPLOAD:')) {
      // A roster file put where the client uploads one, named by its file id.
      const content = Buffer.from(input.fileId.slice('UPLOAD:'.length), 'utf8')
      input = { fileId: (await api.ports.files.put('uploads/roster/bad-row.csv', content, 'text/csv')).fileId }
    }
    if (input.memberId === 'TRANSFERRED') {
      await api.ports.store.update('members', 'm_b1_15', { status: 'transferred' }, 1)
      input = { memberId: 'm_b1_15' }
    }
    const before = await counts()
    const token = who || null
    const r =
      action === 'session.devNewUser'
        ? await api.main({ action, input })
        : await api
            .as(token)
            .raw(action, input, `req-bad-${action}-${field}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('VALIDATION_FAILED')
    expect(r.error.message).toMatch(CHINESE)
    expect(r.error.fields?.map((f) => f.field)).toContain(field)
    for (const f of r.error.fields ?? []) expect(f.message).toMatch(CHINESE)
    expect(await counts()).toEqual(before)
  })
})
