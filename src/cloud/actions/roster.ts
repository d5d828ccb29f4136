/**
 * 支部成员: the branch roster. Who may call what is declared in the catalog and enforced by the
 * router; what a viewer sees of a record (full phone numbers, change history, the edit button)
 * follows from the same declarations through `isAllowed`, never from a role checked here.
 */
import { eq } from '../ports/store'
import type { BindingDoc } from '../collections'
import { implement } from './handler'
import { rosterGet as rosterGetDecl } from '../../domain/api/catalog-roster'
import { isAllowed, type Actor } from '../../domain/access'
import {
  memberProblems,
  rosterExport as rosterExportDecl,
  rosterUpdate as rosterUpdateDecl,
  rosterCreate as rosterCreateDecl,
  rosterList as rosterListDecl,
} from '../../domain/api/catalog'
import type { MemberDetail, MemberHistoryEntry, MemberRow } from '../../domain/api/views'
import { AppError } from '../../domain/errors'
import { hasRosterKeeper, hasVotingRights, isActiveMember, type Member, type Org } from '../../domain/org'
import { phoneSeenBy } from '../../domain/visibility'
import { normalizeRoles, sameValue } from '../../domain/roster-csv'
import type { MemberContext } from '../action-context'
import { decodeCursor, encodeCursor, type Filter, type Stored, type StorePort, type StoreTx } from '../ports/store'
import { membersByIds, membersOf, orgRef, readAll } from './roster-reads'
import { endSessions, openSessionsOf } from './weblogin/sessions'
import { memberStatesView } from '../../domain/member-states'
import { beijing } from '../../domain/beijing-time'

export type MemberDoc = Stored<Omit<Member, 'id'>>

/** A branch has a handful of groups; the cap only guards against broken data. */
const MAX_GROUPS = 200
const MAX_SEARCHED = 2000
/** The newest changes shown on a member's page. */
const HISTORY_SHOWN = 100

/** Fields whose changes are kept with who, when and why. */
export const TRACKED_FIELDS = ['name', 'status', 'roles', 'category', 'groupId', 'confirmedAt'] as const

export function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${message}。`, [{ field, message }])
}

/** Full phone numbers and the change history: for whoever may export the roster (支委 and 党委). */
export function seesPrivate(actor: Actor, org: Pick<Org, 'path'>): boolean {
  return isAllowed(actor, rosterExportDecl.access, { orgPath: org.path })
}

/** Edit, invite and unbind: for whoever may update the roster (书记, 副书记, 组织委员 of the branch). */
export function mayEdit(actor: Actor, org: Pick<Org, 'path'>): boolean {
  return isAllowed(actor, rosterUpdateDecl.access, { orgPath: org.path })
}

export async function groupsOf(store: StorePort, branchId: string): Promise<Stored<Org>[]> {
  const children = await readAll(store, 'orgs', [eq('parentId', branchId)], 'name', MAX_GROUPS)
  return children.filter((o) => o.kind === 'group')
}

/** The group, checked to be one of the branch's; null for none. */
export async function checkedGroup(
  store: StorePort,
  branchId: string,
  groupId: string | null | undefined,
): Promise<string | null> {
  if (!groupId) return null
  const group = await store.get('orgs', groupId)
  if (!group || group.kind !== 'group' || group.parentId !== branchId) {
    throw invalid('groupId', '所选党小组不属于本支部，请重新选择')
  }
  return group._id
}

/** Refuses a phone number already registered to another member of the branch, naming them. */
export async function assertPhoneFree(
  store: StorePort,
  branchId: string,
  phone: string,
  selfId: string | null,
): Promise<void> {
  const page = await store.query<Omit<Member, 'id'>>('members', {
    where: [eq('orgId', branchId), eq('phone', phone)],
    limit: 2,
  })
  const other = page.items.find((m) => m._id !== selfId)
  if (other) {
    throw invalid('phone', `手机号 ${phone} 已登记给本支部的${other.name}，同一支部不能重复，请核对号码`)
  }
}

export async function bindingOf(store: StorePort, memberId: string): Promise<Stored<BindingDoc> | null> {
  const page = await store.query('bindings', {
    where: [eq('memberId', memberId)],
    limit: 1,
  })
  return page.items[0] ?? null
}

async function boundIds(store: StorePort, memberIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>()
  for (let i = 0; i < memberIds.length; i += 100) {
    const page = await store.query('bindings', {
      where: [{ field: 'memberId', op: 'in', value: memberIds.slice(i, i + 100) }],
      limit: 100,
    })
    for (const b of page.items) out.add(b.memberId)
  }
  return out
}

function rowOf(m: MemberDoc, full: boolean, groups: Map<string, Stored<Org>>, bound: boolean): MemberRow {
  const group = m.groupId ? groups.get(m.groupId) : undefined
  return {
    id: m._id,
    name: m.name,
    gender: m.gender,
    category: m.category,
    status: m.status,
    roles: m.roles,
    group: group ? orgRef(group) : null,
    phone: phoneSeenBy(m.phone, full),
    phoneMasked: !full,
    votingRights: hasVotingRights(m),
    bound,
    version: m._version,
  }
}

async function historyOf(store: StorePort, memberId: string): Promise<MemberHistoryEntry[]> {
  const page = await store.query('member_history', {
    where: [eq('memberId', memberId)],
    orderBy: { field: 'at', direction: 'desc' },
    limit: HISTORY_SHOWN,
  })
  const people = await membersByIds(store, [...new Set(page.items.map((h) => h.by))])
  const names = new Map(people.map((p) => [p._id, p.name]))
  return page.items.map((h) => ({
    field: h.field,
    from: h.from,
    to: h.to,
    reason: h.reason,
    by: { id: h.by, name: names.get(h.by) ?? '（已不在名单中）' },
    at: h.at,
  }))
}

/** One member as the viewer may see them. `org` is the org the member belongs to. */
export async function memberDetail(
  ctx: Pick<MemberContext, 'ports' | 'actor' | 'now'>,
  m: MemberDoc,
  org: Stored<Org>,
): Promise<MemberDetail> {
  const { store } = ctx.ports
  const full = seesPrivate(ctx.actor, org)
  const group = m.groupId ? await store.get('orgs', m.groupId) : null
  const groups = new Map(group ? [[group._id, group]] : [])
  return {
    ...rowOf(m, full, groups, Boolean(await bindingOf(store, m._id))),
    org: orgRef(org),
    joinedAt: m.joinedAt,
    confirmedAt: m.confirmedAt ?? null,
    history: full ? await historyOf(store, m._id) : [],
    canEdit: mayEdit(ctx.actor, org),
    // The member sees their own states; the committee and the 党委 everyone's.
    states: full || ctx.actor.memberId === m._id ? memberStatesView(m, beijing(ctx.now).format('YYYY-MM-DD')) : null,
  }
}

/** Writes one history entry per tracked field that differs, inside the caller's transaction. */
export async function recordChanges(
  tx: StoreTx,
  newId: (prefix: string) => string,
  before: Omit<Member, 'id'>,
  after: Omit<Member, 'id'>,
  change: { memberId: string; reason: string | null; by: string; at: number },
): Promise<number> {
  let n = 0
  for (const field of TRACKED_FIELDS) {
    const from = before[field] ?? null
    const to = after[field] ?? null
    if (sameValue(from, to)) continue
    await tx.insert('member_history', {
      _id: newId('mh'),
      memberId: change.memberId,
      orgId: after.orgId,
      field,
      from,
      to,
      reason: change.reason,
      by: change.by,
      at: change.at,
    })
    n += 1
  }
  return n
}

export const rosterList = implement(rosterListDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const org = ctx.target.org
  // A 党小组 lists its members within the branch they belong to.
  const branchId = org.kind === 'group' && org.parentId ? org.parentId : org._id
  const where: Filter[] = [eq('orgId', branchId)]
  if (org.kind === 'group') where.push(eq('groupId', org._id))
  if (input.category) where.push(eq('category', input.category))
  if (input.groupId) where.push(eq('groupId', input.groupId))
  if (input.status) where.push(eq('status', input.status))
  const full = seesPrivate(ctx.actor, org)

  let page: { items: MemberDoc[]; nextCursor: string | null }
  const search = input.search?.trim()
  if (search) {
    // Names are matched anywhere, which no index serves: the branch is read whole (it is small and
    // bounded) and paged here with the store's cursor format, in the store's order.
    const all = await readAll<Omit<Member, 'id'>>(store, 'members', where, 'name', MAX_SEARCHED)
    const digits = /^\d+$/.test(search)
    // Digits match only what this viewer sees of a number, so a search cannot reveal a hidden one.
    const hits = all.filter((m) => m.name.includes(search) || (digits && phoneSeenBy(m.phone, full).includes(search)))
    page = pageOf(hits, input.cursor ?? null, input.limit)
  } else {
    page = await store.query<Omit<Member, 'id'>>('members', {
      where,
      orderBy: { field: 'name', direction: 'asc' },
      limit: input.limit,
      cursor: input.cursor,
    })
  }
  const groups = new Map((await groupsOf(store, branchId)).map((g) => [g._id, g]))
  const bound = await boundIds(
    store,
    page.items.map((m) => m._id),
  )
  return { items: page.items.map((m) => rowOf(m, full, groups, bound.has(m._id))), nextCursor: page.nextCursor }
})

function pageOf(
  sorted: MemberDoc[],
  cursor: string | null,
  limit: number,
): { items: MemberDoc[]; nextCursor: string | null } {
  let start = 0
  if (cursor) {
    const [name, id] = decodeCursor(cursor)
    const at = sorted.findIndex((m) => m._id === id)
    // The last member seen may have been renamed or removed since: go on from where it would sort.
    const after = sorted.findIndex((m) => m.name > String(name) || (m.name === name && m._id > id))
    start = at >= 0 ? at + 1 : after >= 0 ? after : sorted.length
  }
  const items = sorted.slice(start, start + limit)
  const last = items[items.length - 1]
  const more = start + limit < sorted.length
  return { items, nextCursor: more && last ? encodeCursor(last.name, last._id) : null }
}

export const rosterGet = implement(rosterGetDecl, async (ctx) => {
  return memberDetail(ctx, ctx.target.record, ctx.target.org)
})

export const rosterCreate = implement(rosterCreateDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const groupId = await checkedGroup(store, branch._id, input.groupId)
  const id = ctx.newId('m')
  // A retried request whose first run got as far as the insert gets that member back.
  const earlier = await store.get<Omit<Member, 'id'>>('members', id)
  if (earlier) return memberDetail(ctx, earlier, branch)
  await assertPhoneFree(store, branch._id, input.phone, null)
  const member = await ctx.createOnce<Omit<Member, 'id'>>('members', {
    _id: id,
    orgId: branch._id,
    groupId,
    name: input.name,
    gender: input.gender,
    phone: input.phone,
    category: input.category,
    roles: normalizeRoles(input.roles),
    status: input.status,
    joinedAt: input.joinedAt,
    confirmedAt: input.confirmedAt ?? null,
  })
  return memberDetail(ctx, member, branch)
})

export const rosterUpdate = implement(rosterUpdateDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const current = ctx.target.record
  const branch = ctx.target.org
  if (current._version !== input.version) {
    throw new AppError('CONFLICT', `${current.name}的信息刚被别人修改过，请刷新后在最新的信息上再修改。`)
  }
  const { memberId: _memberId, version, reason, ...given } = input
  const patch: Partial<Omit<Member, 'id'>> = {}
  for (const [key, value] of Object.entries(given) as [keyof typeof given, unknown][]) {
    if (value !== undefined) (patch as Record<string, unknown>)[key] = value
  }
  if (patch.roles) patch.roles = normalizeRoles(patch.roles)
  if (given.groupId !== undefined) patch.groupId = await checkedGroup(store, branch._id, given.groupId)
  const { _id, _version, ...before } = current
  const after: Omit<Member, 'id'> = { ...before, ...patch }

  const problems = memberProblems(after)
  if (problems.length) throw new AppError('VALIDATION_FAILED', `${problems[0].message}。`, problems)
  if (patch.phone && patch.phone !== before.phone) await assertPhoneFree(store, branch._id, patch.phone, _id)
  if (hasRosterKeeper([before]) && !hasRosterKeeper([after])) {
    const others = (await membersOf(store, branch._id)).filter((m) => m._id !== _id)
    if (!hasRosterKeeper(others)) {
      const field = isActiveMember(after) ? 'roles' : 'status'
      throw invalid(
        field,
        `${before.name}是本支部唯一在册的书记、副书记或组织委员，改后就没有人能管理名单了；请先为其他党员设置该职务`,
      )
    }
  }
  const changed = Object.keys(patch).filter(
    (k) => !sameValue(before[k as keyof typeof before], after[k as keyof typeof after]),
  )

  if (changed.length === 0) return memberDetail(ctx, current, branch)
  // Transferred out or suspended: the member's browsers (扫码登录) are logged out in the same write.
  const ended = after.status === 'transferred' || after.status === 'suspended' ? after.status : null
  const browsers = ended && before.status !== ended ? await openSessionsOf(store, _id, ctx.now) : []
  const updated = await store.transaction(async (tx) => {
    const saved = await tx.update<Omit<Member, 'id'>>('members', _id, patch, version)
    if (ended) await endSessions(tx, browsers, ended, ctx.now)
    await recordChanges(tx, ctx.newId, before, after, {
      memberId: _id,
      reason: reason ?? null,
      by: ctx.actor.memberId,
      at: ctx.now,
    })
    return saved
  })
  return memberDetail(ctx, updated, branch)
})
