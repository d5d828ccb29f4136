import { eq } from '../ports/store'
import { implement } from './handler'
import { orgListGroups as orgListGroupsDecl, orgSubtree as orgSubtreeDecl } from '../../domain/api/catalog-meetings'
import type { OrgNode } from '../../domain/api/views'
import { isActiveMember, type Org } from '../../domain/org'
import { orgRef, readAll } from './roster-reads'

/** A branch has a handful of groups; the cap only guards against broken data. */
const MAX_GROUPS = 200
/** A 党委 with a thousand branches and their groups fits; beyond this the data is wrong. */
const MAX_SUBTREE = 10_000
const MAX_MEMBERS_COUNTED = 500_000

export const orgListGroups = implement(orgListGroupsDecl, async (ctx) => {
  const children = await readAll<Org>(ctx.ports.store, 'orgs', [eq('parentId', ctx.target.org._id)], 'name', MAX_GROUPS)
  return children.filter((o) => o.kind === 'group').map(orgRef)
})

export const orgSubtree = implement(orgSubtreeDecl, async (ctx) => {
  const { store } = ctx.ports
  const root = ctx.target.org
  const below = await readAll(store, 'orgs', [{ field: 'path', op: 'contains', value: root._id }], 'name', MAX_SUBTREE)
  const orgs = below.some((o) => o._id === root._id) ? below : [root, ...below]
  // Members are counted where they belong; a group's members belong to its branch (orgId).
  const counts = new Map<string, number>()
  for (const branch of orgs.filter((o) => o.kind !== 'group')) {
    const members = await readAll(store, 'members', [eq('orgId', branch._id)], 'name', MAX_MEMBERS_COUNTED)
    counts.set(branch._id, members.filter(isActiveMember).length)
    for (const m of members) {
      if (m.groupId && isActiveMember(m)) counts.set(m.groupId, (counts.get(m.groupId) ?? 0) + 1)
    }
  }
  const children = new Map<string | null, Org[]>()
  for (const o of orgs) {
    if (o._id === root._id) continue
    children.set(o.parentId, [...(children.get(o.parentId) ?? []), o])
  }
  const out: OrgNode[] = []
  const walk = (org: Org & { _id: string }, depth: number) => {
    out.push({ ...orgRef(org), parentId: org.parentId, depth, memberCount: counts.get(org._id) ?? 0 })
    for (const child of children.get(org._id) ?? []) walk(child as Org & { _id: string }, depth + 1)
  }
  walk(root, 0)
  return out
})
