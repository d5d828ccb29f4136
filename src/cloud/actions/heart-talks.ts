/**
 * 谈心谈话 per pair (issue 16 §4): a talk is recorded by one of the pair or by the branch's organizers;
 * the yearly duty per pair is derived from the roster (src/domain/heart-talks.ts). A talk's note is
 * shown only to the pair and the branch's 书记, the 党委 included in "not".
 */
import { eq } from '../ports/store'
import { implement } from './handler'
import { heartTalkDuty, heartTalkRecord } from '../../domain/api/catalog-heart-talks'
import type { HeartTalkView, PersonRef } from '../../domain/api/views-heart-talks'
import { beijing } from '../../domain/beijing-time'
import { AppError } from '../../domain/errors'
import { owedPairs, pairDuty, pairKey, seesTalkNote } from '../../domain/heart-talks'
import type { Actor } from '../../domain/access'
import { isActiveMember, MEETING_ORGANIZER_ROLES, type Member, type Org } from '../../domain/org'
import type { HeartTalkDoc } from '../documents'
import type { Stored, StorePort } from '../ports/store'
import { invalid, seesPrivate } from './roster'
import { membersByIds, membersOf, readAll } from './roster-reads'

/** A branch records at most a few thousand talks a year; the cap only guards against broken data. */
const MAX_TALKS = 5000

function isSecretaryOf(actor: Actor, branch: Pick<Stored<Org>, '_id'>): boolean {
  return actor.orgId === branch._id && actor.roles.includes('secretary')
}

function organizesIn(actor: Actor, branch: Pick<Stored<Org>, '_id'>): boolean {
  return actor.orgId === branch._id && actor.roles.some((r) => MEETING_ORGANIZER_ROLES.includes(r))
}

const person = (m: Pick<Stored<Member>, '_id' | 'name'>): PersonRef => ({ id: m._id, name: m.name })

function talkView(
  t: Stored<HeartTalkDoc>,
  names: Map<string, string>,
  actor: Actor,
  branch: Stored<Org>,
): HeartTalkView {
  const ref = (id: string): PersonRef => ({ id, name: names.get(id) ?? '（已不在名单中）' })
  return {
    id: t._id,
    pairKey: t.pairKey,
    members: [ref(t.memberIds[0]), ref(t.memberIds[1])],
    date: t.date,
    note: seesTalkNote(t.memberIds, actor.memberId, isSecretaryOf(actor, branch)) ? t.note : null,
    recordedBy: ref(t.recordedBy),
    recordedAt: t.recordedAt,
  }
}

/**
 * The year's done / owed pair counts of a branch from its members (already read) and one read of its
 * talks that year, for the compliance summary.
 */
export async function heartTalkTally(
  store: StorePort,
  branchId: string,
  members: readonly Stored<Member>[],
  year: number,
): Promise<{ year: number; owed: number; done: number }> {
  const pairs = owedPairs(members.map((m) => ({ ...m, id: m._id })))
  if (pairs.length === 0) return { year, owed: 0, done: 0 }
  const talks = await readAll(store, 'heart_talks', [eq('branchId', branchId), eq('year', year)], 'date', MAX_TALKS)
  const duty = pairDuty(pairs, talks, year)
  return { year, owed: duty.owed, done: duty.done }
}

export const record = implement(heartTalkRecord, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const [a, b] = input.memberIds
  if (!input.memberIds.includes(ctx.actor.memberId) && !organizesIn(ctx.actor, branch)) {
    throw new AppError('FORBIDDEN', '只能登记自己参与的谈心谈话；为其他两位党员登记请联系支部书记或组织委员。')
  }
  const today = beijing(ctx.now).format('YYYY-MM-DD')
  if (input.date > today) throw invalid('date', '谈话日期不能晚于今天：请在谈话之后再登记')
  const people = await membersByIds(store, [a, b])
  for (const id of [a, b]) {
    const m = people.find((p) => p._id === id)
    if (!m || m.orgId !== branch._id || !isActiveMember(m)) {
      throw invalid('memberIds', `${m?.name ?? '所选党员'}不是本支部在册党员，请重新选择谈话对象`)
    }
  }
  const key = pairKey(a, b)
  const talk = await ctx.createOnce('heart_talks', {
    _id: ctx.newId('ht'),
    branchId: branch._id,
    year: Number(input.date.slice(0, 4)),
    pairKey: key,
    memberIds: key.split('+') as [string, string],
    date: input.date,
    note: input.note,
    recordedBy: ctx.actor.memberId,
    recordedAt: ctx.now,
  })
  const names = new Map([...people, { _id: ctx.actor.memberId, name: ctx.actor.name }].map((p) => [p._id, p.name]))
  return talkView(talk, names, ctx.actor, branch)
})

export const duty = implement(heartTalkDuty, async (ctx, input) => {
  const { store } = ctx.ports
  const branch = ctx.target.org
  const members = await membersOf(store, branch._id)
  const names = new Map(members.map((m) => [m._id, m.name]))
  const pairs = owedPairs(members.map((m) => ({ ...m, id: m._id })))
  const talks = await readAll(
    store,
    'heart_talks',
    [eq('branchId', branch._id), eq('year', input.year)],
    'date',
    MAX_TALKS,
  )
  const result = pairDuty(pairs, talks, input.year)
  const whole = seesPrivate(ctx.actor, branch)
  const mine = (ids: readonly string[]) => whole || ids.includes(ctx.actor.memberId)
  const ref = (id: string): PersonRef => ({ id, name: names.get(id) ?? '（已不在名单中）' })
  return {
    branch: { id: branch._id, name: branch.name },
    year: input.year,
    owed: result.owed,
    done: result.done,
    whole,
    outstanding: result.outstanding
      .filter((p) => mine(p.memberIds))
      .map((p) => ({
        key: p.key,
        kind: p.kind,
        members: [ref(p.memberIds[0]), ref(p.memberIds[1])] as [PersonRef, PersonRef],
      })),
    talks: talks
      .filter((t) => mine(t.memberIds))
      .reverse()
      .map((t) => talkView(t, names, ctx.actor, branch)),
    recordsForOthers: organizesIn(ctx.actor, branch),
    viewer: { id: ctx.actor.memberId, inBranch: ctx.actor.orgId === branch._id },
    people: members.filter(isActiveMember).map(person),
  }
})
