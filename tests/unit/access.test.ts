import { isAllowed, type Actor } from '../../src/domain/access'
import type { Access } from '../../src/domain/api/define'

const secretary: Actor = {
  memberId: 'a',
  name: '书记',
  orgId: 'b1',
  orgKind: 'branch',
  groupId: 'g1',
  roles: ['member', 'secretary'],
}
const member: Actor = { ...secretary, memberId: 'm', roles: ['member'] }
const leader: Actor = { ...secretary, memberId: 'l', roles: ['member', 'group_leader'] }
const supervisor: Actor = {
  memberId: 's',
  name: '组织员',
  orgId: 'c',
  orgKind: 'committee',
  groupId: null,
  roles: ['supervisor'],
}

const B1 = { orgPath: ['c', 'b1'] }
const B1G1 = { orgPath: ['c', 'b1', 'g1'] }
const B1G2 = { orgPath: ['c', 'b1', 'g2'] }
const B2 = { orgPath: ['c', 'b2'] }
const C = { orgPath: ['c'] }

const rule = (
  roles: Access & { kind: 'member' } extends infer A ? (A extends { roles: infer R } ? R : never) : never,
  scope: 'self' | 'group' | 'branch' | 'subtree',
): Access => ({
  kind: 'member',
  roles,
  scope,
  target: { from: 'actor' },
})

test('branch scope: own branch (and its groups) only, never another branch or the committee', () => {
  const a = rule(['secretary'], 'branch')
  expect(isAllowed(secretary, a, B1)).toBe(true)
  expect(isAllowed(secretary, a, B1G2)).toBe(true)
  expect(isAllowed(secretary, a, B2)).toBe(false)
  expect(isAllowed(secretary, a, C)).toBe(false)
  expect(isAllowed(member, a, B1)).toBe(false)
  expect(isAllowed(supervisor, rule(['supervisor'], 'branch'), B1)).toBe(false)
})

test('subtree scope: the committee reaches every branch; a branch role only its own', () => {
  const a = rule(['member', 'supervisor'], 'subtree')
  expect(isAllowed(supervisor, a, B1)).toBe(true)
  expect(isAllowed(supervisor, a, B2)).toBe(true)
  expect(isAllowed(member, a, B1)).toBe(true)
  expect(isAllowed(member, a, B2)).toBe(false)
})

test('group scope and the group leader role held at the group', () => {
  expect(isAllowed(leader, rule(['group_leader'], 'group'), B1G1)).toBe(true)
  expect(isAllowed(leader, rule(['group_leader'], 'group'), B1G2)).toBe(false)
  expect(isAllowed(leader, rule(['group_leader'], 'subtree'), B1)).toBe(false)
  expect(isAllowed(leader, rule(['group_leader'], 'subtree'), B1G1)).toBe(true)
})

test('self scope: only the actor’s own record', () => {
  const a = rule(['member'], 'self')
  expect(isAllowed(member, a, { ...B1, memberId: 'm' })).toBe(true)
  expect(isAllowed(member, a, { ...B1, memberId: 'a' })).toBe(false)
})

test('public and identified access need no role', () => {
  expect(isAllowed(member, { kind: 'public' }, B2)).toBe(true)
  expect(isAllowed(member, { kind: 'identified' }, B2)).toBe(true)
})
