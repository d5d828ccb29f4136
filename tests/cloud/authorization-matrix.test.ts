/**
 * Every declared action × every role × three targets (own org, another branch, the subtree below
 * the actor's org), through the real router on the embedded store. The expected decision of each
 * cell is written down here by hand, not derived from the declarations: a declaration that grants
 * more than this table says is an unexpected allow, and a new action without a row fails the test.
 */
import { ACTIONS, type ActionName } from '../../src/domain/api/catalog'
import type { ActionDecl } from '../../src/domain/api/define'
import { normalizeRoles } from '../../src/domain/roster-csv'
import { ROLES, type Member, type Org, type Role } from '../../src/domain/org'
import type { Meeting } from '../../src/domain/meeting'
import { openTestApi, type TestApi } from './api-fixture'
import { ATTENDANCE_ROWS } from './matrix/attendance'
import { DUES_ROWS } from './matrix/dues'
import { FOLLOW_UP_ROWS } from './matrix/follow-up'
import { MEMBER_STATE_ROWS } from './matrix/member-states'
import { MINUTES_ROWS } from './matrix/minutes'
import { MOBILE_ROWS } from './matrix/mobile'
import { ORGLIFE_ROWS } from './matrix/orglife'
import { PLANNING_ROWS } from './matrix/planning'
import { SUPERVISION_ROWS } from './matrix/supervision'
import { WEBLOGIN_ROWS } from './matrix/weblogin'
import {
  CELLS,
  branchEditors,
  committeeOrSupervisor,
  everyone,
  withinReach,
  type Cell,
  type MatrixRows,
  type Rule,
  type Target,
} from './matrix/table'

const AREAS: MatrixRows<string>[] = [
  PLANNING_ROWS,
  ATTENDANCE_ROWS,
  MINUTES_ROWS,
  MOBILE_ROWS,
  ORGLIFE_ROWS,
  SUPERVISION_ROWS,
  WEBLOGIN_ROWS,
  DUES_ROWS,
  MEMBER_STATE_ROWS,
  FOLLOW_UP_ROWS,
]

const EXPECTED: Record<string, Rule> = {
  'system.health': everyone,
  'session.devAccounts': everyone,
  'session.devLogin': everyone,
  'session.devNewUser': everyone,
  'session.whoami': everyone,
  'meeting.schedule': branchEditors,
  'meeting.listMine': everyone,
  'home.tasks': everyone,
  'meeting.listBranch': withinReach,
  'meeting.get': withinReach,
  'meeting.edit': branchEditors,
  'meeting.reschedule': branchEditors,
  'meeting.cancel': branchEditors,
  'org.listGroups': withinReach,
  'org.subtree': withinReach,
  'compliance.summary': withinReach,
  'roster.list': withinReach,
  'roster.get': withinReach,
  'roster.create': branchEditors,
  'roster.update': branchEditors,
  'invite.create': branchEditors,
  'invite.preview': everyone,
  'binding.bind': everyone,
  'binding.unbind': branchEditors,
  'roster.importPreview': branchEditors,
  'roster.importCommit': branchEditors,
  'roster.export': committeeOrSupervisor,
}

// ---- inputs that pass validation, so authorization is the only question ----

/** A roster upload's file id (src/domain/uploads.ts); the handler, reached only when allowed, finds no such file. */
const csv = (t: Target) => `local:uploads/roster/matrix-${t.seq}.csv`

const SAMPLES: Record<string, (t: Target) => Record<string, unknown>> = {
  'system.health': () => ({}),
  'session.devAccounts': () => ({}),
  'session.devLogin': () => ({ memberId: 'm_b1_01' }),
  'session.devNewUser': () => ({}),
  'session.whoami': () => ({}),
  'meeting.schedule': (t) => ({
    branchId: t.org,
    kind: 'theme_day',
    title: '矩阵测试主题党日',
    date: '2026-12-18',
    startTime: '15:00',
    endTime: '16:00',
    place: '党员活动室',
    agenda: ['学习'],
  }),
  'meeting.listMine': () => ({ when: 'upcoming' }),
  'home.tasks': () => ({}),
  'meeting.listBranch': (t) => ({ when: 'past', branchId: t.org, limit: 1 }),
  'meeting.get': (t) => ({ meetingId: t.meetingId }),
  // Allowed calls meet a past meeting or a stale version and are refused by the handler, not the router.
  'meeting.edit': (t) => ({ meetingId: t.meetingId, version: 1, title: '矩阵', place: '会议室', agenda: ['学习'] }),
  'meeting.reschedule': (t) => ({
    meetingId: t.meetingId,
    version: 1,
    date: '2026-12-30',
    startTime: '15:00',
    endTime: '16:00',
    reason: '矩阵测试',
  }),
  'meeting.cancel': (t) => ({ meetingId: t.meetingId, version: 1, reason: '矩阵测试' }),
  'org.listGroups': (t) => ({ branchId: t.org }),
  'org.subtree': (t) => ({ orgId: t.org }),
  'compliance.summary': (t) => ({ orgId: t.org, limit: 5 }),
  'roster.list': (t) => ({ branchId: t.org, limit: 1 }),
  'roster.get': (t) => ({ memberId: t.memberId }),
  'roster.create': (t) => ({
    branchId: t.org,
    name: `矩阵${t.seq}`,
    gender: 'male',
    phone: `175${String(t.seq).padStart(8, '0')}`,
    category: 'full',
    joinedAt: '2010-07-01',
    confirmedAt: '2011-07-01',
    roles: ['member'],
    groupId: null,
    status: 'normal',
  }),
  // No field changes: an allowed call writes nothing.
  'roster.update': (t) => ({ memberId: t.memberId, version: t.version, reason: '矩阵测试' }),
  'invite.create': (t) => ({ memberId: t.memberId }),
  'invite.preview': () => ({ code: 'ABCDEFGH' }),
  'binding.bind': () => ({ code: 'ABCDEFGH', name: '某某某', phone: '13800001234' }),
  'binding.unbind': (t) => ({ memberId: t.memberId, reason: '矩阵测试' }),
  'roster.importPreview': (t) => ({ branchId: t.org, fileId: csv(t) }),
  'roster.importCommit': (t) => ({ branchId: t.org, fileId: csv(t) }),
  'roster.export': (t) => ({ branchId: t.org }),
}
for (const area of AREAS) {
  Object.assign(EXPECTED, area.expected)
  Object.assign(SAMPLES, area.samples)
}

// ---- the people and places of the matrix ----

const actorId = (role: Role) => `mx_${role}`

/** Per actor kind, what each cell points at (records are created in beforeAll). */
interface CellTargets {
  org: string
  memberId: string
  meetingId: string
}
let BRANCH_CELLS: Record<Cell, CellTargets>
let SUPERVISOR_CELLS: Record<Cell, CellTargets>

let api: TestApi

async function firstMeeting(branchId: string, groupId: string | null): Promise<string> {
  const page = await api.ports.store.query<Meeting>('meetings', {
    where: [
      { field: 'branchId', op: 'eq', value: branchId },
      { field: 'groupId', op: 'eq', value: groupId },
    ],
    limit: 1,
  })
  return page.items[0]._id
}

beforeAll(async () => {
  api = await openTestApi()
  const { store } = api.ports
  const member = (id: string, orgId: string, groupId: string | null, roles: Role[], n: number) => ({
    _id: id,
    orgId,
    groupId,
    name: `矩阵成员${n}`,
    gender: 'male' as const,
    phone: `1770000${String(1000 + n)}`,
    category: 'full' as const,
    roles,
    status: 'normal' as const,
    joinedAt: '2005-07-01',
    confirmedAt: '2006-07-01',
  })
  // One person per role, holding only that role (and 党员); the 党委组织员 at the committee.
  for (const [i, role] of ROLES.entries()) {
    const doc =
      role === 'supervisor'
        ? member(actorId(role), 'org_cmte', null, ['supervisor'], i)
        : member(actorId(role), 'org_b1', 'org_b1_g1', normalizeRoles([role]), i)
    await store.insert<Omit<Member, 'id'>>('members', doc)
    await store.insert('bindings', { _id: `dev_${doc._id}`, memberId: doc._id, boundAt: api.clock.now })
  }
  // A committee staff member, and another 党委 with a branch the demo's 党委 does not supervise.
  await store.insert<Omit<Member, 'id'>>('members', member('mx_cmte_staff', 'org_cmte', null, ['member'], 20))
  await store.insert<Omit<Org, 'id'>>('orgs', {
    _id: 'org_cmte2',
    kind: 'committee',
    name: '另一个党委',
    parentId: null,
    path: ['org_cmte2'],
  })
  await store.insert<Omit<Org, 'id'>>('orgs', {
    _id: 'org_x1',
    kind: 'branch',
    name: '外单位党支部',
    parentId: 'org_cmte2',
    path: ['org_cmte2', 'org_x1'],
  })
  await store.insert<Omit<Member, 'id'>>('members', member('mx_x1_member', 'org_x1', null, ['member'], 21))
  const template = (await store.get<Omit<Meeting, 'id'>>('meetings', await firstMeeting('org_b1', null)))!
  const { _id: _ignored, _version: _v, ...body } = template
  for (const [id, branchId] of [
    ['mtg_mx_cmte', 'org_cmte'],
    ['mtg_mx_x1', 'org_x1'],
  ]) {
    await store.insert('meetings', { ...body, _id: id, branchId, participantIds: [], groupId: null })
  }

  BRANCH_CELLS = {
    own: { org: 'org_b1', memberId: 'm_b1_11', meetingId: await firstMeeting('org_b1', null) },
    // A 党小组 of the actor's own branch, a member of it and its group meeting.
    subtree: { org: 'org_b1_g1', memberId: 'm_b1_12', meetingId: await firstMeeting('org_b1', 'org_b1_g1') },
    other: { org: 'org_b2', memberId: 'm_b2_11', meetingId: await firstMeeting('org_b2', null) },
  }
  for (const area of AREAS) await area.prepare?.(api)
  SUPERVISOR_CELLS = {
    own: { org: 'org_cmte', memberId: 'mx_cmte_staff', meetingId: 'mtg_mx_cmte' },
    // The 党委 reaching a branch below it.
    subtree: { org: 'org_b1', memberId: 'm_b1_11', meetingId: await firstMeeting('org_b1', null) },
    other: { org: 'org_x1', memberId: 'mx_x1_member', meetingId: 'mtg_mx_x1' },
  }
}, 30_000)

afterAll(async () => {
  await api.close()
})

const DENIED = new Set(['FORBIDDEN', 'NOT_BOUND'])

test('every declared action has a decision and a sample input in the matrix', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(ACTIONS).sort())
  expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(ACTIONS).sort())
})

test('every action × role × target is allowed or denied exactly as the table says', async () => {
  const unexpected: string[] = []
  let cells = 0
  let allowed = 0
  let unexpectedAllows = 0
  let seq = 0
  for (const name of Object.keys(ACTIONS) as ActionName[]) {
    const decl = ACTIONS[name] as ActionDecl
    for (const role of ROLES) {
      for (const cell of CELLS) {
        seq += 1
        const where = (role === 'supervisor' ? SUPERVISOR_CELLS : BRANCH_CELLS)[cell]
        const version = (await api.ports.store.get('members', where.memberId))?._version ?? 1
        const input = SAMPLES[name]({ ...where, version, seq })
        // The router validates before it authorizes: a sample that fails validation would hide the answer.
        const parsed = decl.input.safeParse(input)
        if (!parsed.success) throw new Error(`sample input of ${name} is invalid: ${parsed.error.message}`)
        const r = await api.as(actorId(role)).raw(name, input, decl.write ? `matrix-${seq}` : undefined)
        if (!r.ok && ['UNAUTHENTICATED', 'INTERNAL', 'UNKNOWN_ACTION', 'REQUEST_ID_REUSED'].includes(r.error.code)) {
          throw new Error(`${name} as ${role} on ${cell}: ${r.error.code} ${r.error.message}`)
        }
        const allow = r.ok || !DENIED.has(r.error.code)
        const expected = EXPECTED[name](role, cell)
        cells += 1
        if (allow) allowed += 1
        if (allow !== expected) {
          if (allow) unexpectedAllows += 1
          unexpected.push(
            `${name} as ${role} on ${cell}: expected ${expected ? 'allow' : 'deny'}, got ${r.ok ? 'ok' : r.error.code}`,
          )
        }
      }
    }
  }
  console.log(
    `authorization matrix: ${cells} cells (${Object.keys(ACTIONS).length} actions × ${ROLES.length} roles × ` +
      `${CELLS.length} targets), ${allowed} allowed, ${cells - allowed} denied; unexpected allows: ${unexpectedAllows}, ` +
      `unexpected denies: ${unexpected.length - unexpectedAllows}`,
  )
  expect(cells).toBe(Object.keys(ACTIONS).length * ROLES.length * CELLS.length)
  expect(unexpected).toEqual([])
  expect(unexpectedAllows).toBe(0)
}, 120_000)
