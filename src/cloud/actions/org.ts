import type { OrgRef } from '../../domain/api/views'
import type { Org } from '../../domain/org'
import type { MemberContext } from '../action-context'
import { orgRef, readAll } from './roster-reads'

/** A branch has a handful of groups; the cap only guards against broken data. */
const MAX_GROUPS = 200

export async function orgListGroups(ctx: MemberContext): Promise<OrgRef[]> {
  const children = await readAll<Org>(
    ctx.ports.store,
    'orgs',
    [{ field: 'parentId', op: 'eq', value: ctx.target.org._id }],
    'name',
    MAX_GROUPS,
  )
  return children.filter((o) => o.kind === 'group').map(orgRef)
}
