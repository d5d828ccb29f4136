/**
 * Names as a meeting's lists show them (issue 17 §3): the attendance board, 列席 guests and, through
 * the board, the minutes. The rule is src/domain/same-names.ts; this reads what it needs.
 */
import type { Member } from '../domain/org'
import { sameNameLabels } from '../domain/same-names'
import type { StorePort } from './ports/store'

/**
 * The names of `ids` as a list of the meeting of `branchId` shows them (same-names.ts): a name alone,
 * or, where two share it, with the 党小组 (the other branch for a visitor) and the phone's last digits.
 * `byId` holds the members already read; the groups and other branches are read only on a collision.
 */
export async function listedLabels(
  store: StorePort,
  ids: readonly string[],
  byId: ReadonlyMap<string, Pick<Member, 'name' | 'orgId' | 'groupId' | 'phone'>>,
  branchId: string,
): Promise<Map<string, string>> {
  const people = ids.map((id) => ({ id, member: byId.get(id) }))
  const counts = new Map<string, number>()
  for (const { member } of people) if (member) counts.set(member.name, (counts.get(member.name) ?? 0) + 1)
  const colliding = people.filter((p) => p.member && (counts.get(p.member.name) ?? 0) > 1)
  const unitIds = [
    ...new Set(colliding.map(({ member }) => (member!.orgId === branchId ? member!.groupId : member!.orgId))),
  ]
  const units = new Map<string, string>()
  for (const id of unitIds) {
    if (!id) continue
    const org = await store.get('orgs', id)
    if (org) units.set(id, org.name)
  }
  return sameNameLabels(
    people.map(({ id, member }) => {
      if (!member) return { id, name: '（已离开本支部）' }
      const unitId = member.orgId === branchId ? member.groupId : member.orgId
      return { id, name: member.name, unit: unitId ? (units.get(unitId) ?? null) : null, phone: member.phone }
    }),
  )
}
