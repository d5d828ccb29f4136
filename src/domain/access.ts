/**
 * The one authorization rule. The router applies it to every action before the handler runs;
 * no handler checks roles by hand.
 */
import type { Access } from './api/define'
import type { OrgKind, Role } from './org'

export interface Actor {
  memberId: string
  name: string
  /** The org the person belongs to (a branch, or the committee for its staff). */
  orgId: string
  orgKind: OrgKind
  groupId: string | null
  roles: readonly Role[]
}

export interface TargetRef {
  /** Path of the org the action touches, from the root down to it. */
  orgPath: readonly string[]
  /** Set when the action touches one member's own record. */
  memberId?: string
}

/** Where a role is held: a 党小组长 leads a group, every other role is held at the member's org. */
function heldAt(actor: Actor, role: Role): string | null {
  return role === 'group_leader' ? actor.groupId : actor.orgId
}

export function isAllowed(actor: Actor, access: Access, target: TargetRef): boolean {
  if (access.kind !== 'member') return true
  return access.roles.some((role) => {
    if (!actor.roles.includes(role)) return false
    const org = heldAt(actor, role)
    if (!org) return false
    switch (access.scope) {
      case 'self':
        return target.memberId === actor.memberId
      case 'group':
        return actor.groupId !== null && target.orgPath.includes(actor.groupId)
      case 'branch':
        return actor.orgKind === 'branch' && org === actor.orgId && target.orgPath.includes(org)
      case 'subtree':
        return target.orgPath.includes(org)
    }
  })
}
