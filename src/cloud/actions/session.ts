import { eq } from '../ports/store'
import { implement } from './handler'
import {
  sessionDevAccounts as sessionDevAccountsDecl,
  sessionDevLogin as sessionDevLoginDecl,
  sessionWhoami as sessionWhoamiDecl,
  sessionDevNewUser as sessionDevNewUserDecl,
} from '../../domain/api/catalog-session'
import { randomBytes } from 'node:crypto'
import type { DemoAccount, ProfileView, UnboundView } from '../../domain/api/views'
import { AppError } from '../../domain/errors'
import {
  BRANCH_ROLES,
  hasVotingRights,
  maskPhone,
  MEETING_ORGANIZER_ROLES,
  type Org,
  type Role,
} from '../../domain/org'
import type { Stored, StoreReader } from '../ports/store'
import { orgRef, readAll } from './roster-reads'

export const sessionWhoami = implement(sessionWhoamiDecl, async (ctx): Promise<ProfileView | UnboundView> => {
  if (!ctx.actor) return { bound: false }
  return (await profileOf(ctx.ports.store, ctx.actor.memberId)) ?? { bound: false }
})

/** What a bound person sees of themself (我的): whoami, and binding.bind once it succeeds. */
export async function profileOf(store: StoreReader, memberId: string): Promise<ProfileView | null> {
  const member = await store.get('members', memberId)
  const org = member && (await store.get('orgs', member.orgId))
  if (!member || !org) return null
  const path = (await Promise.all(org.path.map((id) => store.get('orgs', id)))).filter((o): o is Stored<Org> =>
    Boolean(o),
  )
  const group = member.groupId ? await store.get('orgs', member.groupId) : null
  return {
    bound: true,
    member: {
      id: member._id,
      name: member.name,
      gender: member.gender,
      // Only the member themself sees this view, and masked: the full number is for the committee.
      phoneMasked: maskPhone(member.phone),
      category: member.category,
      status: member.status,
      roles: member.roles,
      joinedAt: member.joinedAt,
      votingRights: hasVotingRights(member),
    },
    org: orgRef(org),
    group: group ? orgRef(group) : null,
    orgPath: path.map(orgRef),
    canSchedule: org.kind === 'branch' && member.roles.some((r) => MEETING_ORGANIZER_ROLES.includes(r)),
  }
}

/** Demo accounts are listed by their highest role: the 党委's staff first, then the branch roles in order. */
const ROLE_ORDER: readonly Role[] = ['supervisor', ...BRANCH_ROLES]

export const sessionDevAccounts = implement(sessionDevAccountsDecl, async (ctx) => {
  const { store } = ctx.ports
  const bindings = await readAll(store, 'bindings', [], 'memberId', 500)
  const accounts: DemoAccount[] = []
  const orgNames = new Map<string, string>()
  for (const b of bindings) {
    const m = await store.get('members', b.memberId)
    if (!m) continue
    if (!orgNames.has(m.orgId)) orgNames.set(m.orgId, (await store.get('orgs', m.orgId))?.name ?? '')
    accounts.push({
      memberId: m._id,
      name: m.name,
      orgId: m.orgId,
      orgName: orgNames.get(m.orgId) ?? '',
      roles: m.roles,
      category: m.category,
    })
  }
  const rank = (a: DemoAccount) => Math.min(...a.roles.map((r) => ROLE_ORDER.indexOf(r)))
  // Branches in the order they were set up, the committee's staff last; leaders first within each.
  return accounts.sort(
    (a, b) => a.orgId.localeCompare(b.orgId) || rank(a) - rank(b) || a.memberId.localeCompare(b.memberId),
  )
})

export const sessionDevLogin = implement(sessionDevLoginDecl, async (ctx, input) => {
  const issue = ctx.ports.identity.issueSession
  if (!issue) throw new AppError('NOT_AVAILABLE')
  const page = await ctx.ports.store.query('bindings', {
    where: [eq('memberId', input.memberId)],
    limit: 1,
  })
  const binding = page.items[0]
  if (!binding) throw new AppError('NOT_FOUND', '找不到这个演示账号，请回到登录页重新选择。')
  return issue.call(ctx.ports.identity, binding._id, ctx.now)
})

/** A WeChat user who has never been bound: what a new person sees on first opening the app. */
export const sessionDevNewUser = implement(sessionDevNewUserDecl, async (ctx) => {
  const issue = ctx.ports.identity.issueSession
  if (!issue) throw new AppError('NOT_AVAILABLE')
  return issue.call(ctx.ports.identity, `dev_guest_${randomBytes(8).toString('hex')}`, ctx.now)
})
