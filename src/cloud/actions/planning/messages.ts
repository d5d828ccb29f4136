/**
 * The in-app 消息 list: every notice `notify` kept for the actor, newest first, its unread count, and marking them read;
 * and, for a branch's organizers, who a meeting's notices (or the branch's lately) did not reach on
 * WeChat, so they can tell them another way.
 */
import { eq } from '../../ports/store'
import { implement } from '../handler'
import {
  messageListMine as listDecl,
  messageMarkRead as markDecl,
  messageUnreadCount as unreadDecl,
  messageNotReachedForMeeting as forMeetingDecl,
  messageNotReachedInBranch as inBranchDecl,
} from '../../../domain/api/catalog-planning'
import type { MessageView, NotReachedView, UndeliveredNoticeView } from '../../../domain/api/views-planning'
import { DELIVERY_FAILURE_LABELS } from '../../../domain/delivery'
import { MESSAGE_TEMPLATES, NOTICE_TOPICS, type SubscribeTopic } from '../../../domain/subscribe-messages'
import type { MemberContext } from '../../action-context'
import type { NoticeDoc } from '../../documents'
import type { Filter, Stored } from '../../ports/store'
import { membersByIds } from '../roster-reads'

/** “全部已读” marks at most this many per call; the reply's unread count says if more remain. */
export const MARK_ALL_CAP = 500

function unreadWhere(memberId: string): Filter[] {
  return [eq('memberId', memberId), eq('readAt', null)]
}

function viewOf(n: Stored<NoticeDoc>): MessageView {
  return {
    id: n._id,
    template: n.template,
    title: n.title,
    body: n.body,
    page: n.page,
    createdAt: n.createdAt,
    read: n.readAt !== null,
  }
}

export const messageListMine = implement(listDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const page = await store.query('notifications', {
    where: [eq('memberId', ctx.actor.memberId)],
    orderBy: { field: 'createdAt', direction: 'desc' },
    limit: input.limit,
    cursor: input.cursor,
  })
  return {
    items: page.items.map(viewOf),
    nextCursor: page.nextCursor,
    unread: await store.count('notifications', unreadWhere(ctx.actor.memberId)),
  }
})

/** The actor's unread count alone (the 首页 badge), without reading a page of notices. */
export const messageUnreadCount = implement(unreadDecl, async (ctx, _input) => ({
  unread: await ctx.ports.store.count('notifications', unreadWhere(ctx.actor.memberId)),
}))

export const messageMarkRead = implement(markDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const me = ctx.actor.memberId
  let marked = 0
  const mark = async (n: Stored<NoticeDoc>) => {
    // Someone else's notice is left alone, as if it did not exist.
    if (n.memberId !== me || n.readAt !== null) return
    await store.update('notifications', n._id, { readAt: ctx.now }, n._version)
    marked += 1
  }
  if (input.all) {
    while (marked < MARK_ALL_CAP) {
      const page = await store.query('notifications', {
        where: unreadWhere(me),
        orderBy: { field: 'createdAt', direction: 'desc' },
        limit: 100,
      })
      if (page.items.length === 0) break
      for (const n of page.items) await mark(n)
    }
  } else {
    for (const id of new Set(input.ids ?? [])) {
      const n = await store.get('notifications', id)
      if (n) await mark(n)
    }
  }
  return { marked, unread: await store.count('notifications', unreadWhere(me)) }
})

/** How far back the branch's list of people not reached looks. */
export const NOT_REACHED_DAYS = 30
const NOT_REACHED_PAGE = 100

/** The undelivered notices matching `where`, newest first, with the names of who they did not reach. */
async function notReached(ctx: MemberContext, where: Filter[], since: number | null): Promise<NotReachedView> {
  const { store } = ctx.ports
  const page = await store.query('notifications', {
    where: [...where, eq('delivery.status', 'undelivered')],
    orderBy: { field: 'createdAt', direction: 'desc' },
    limit: NOT_REACHED_PAGE,
  })
  const names = new Map(
    (await membersByIds(store, [...new Set(page.items.map((n) => n.memberId))])).map((m) => [m._id, m.name]),
  )
  const notices: UndeliveredNoticeView[] = page.items.map((n) => {
    const failure = n.delivery?.failure ?? 'send-failed'
    const topic = NOTICE_TOPICS[n.template as SubscribeTopic]
    return {
      id: n._id,
      memberId: n.memberId,
      name: names.get(n.memberId) ?? '（已不在名册中）',
      topic: n.template,
      topicTitle: topic ? MESSAGE_TEMPLATES[topic.template].title : n.template,
      title: n.title,
      failure,
      failureLabel: DELIVERY_FAILURE_LABELS[failure],
      createdAt: n.createdAt,
    }
  })
  const people = new Map<string, NotReachedView['people'][number]>()
  for (const n of notices) {
    const p = people.get(n.memberId) ?? { memberId: n.memberId, name: n.name, reasons: [], notices: 0 }
    if (!p.reasons.includes(n.failureLabel)) p.reasons.push(n.failureLabel)
    p.notices += 1
    people.set(n.memberId, p)
  }
  return { people: [...people.values()], notices, truncated: page.nextCursor !== null, since }
}

export const messageNotReachedForMeeting = implement(forMeetingDecl, async (ctx, input) => {
  // The router read the meeting (the target record) and checked the actor organizes its branch.
  return notReached(ctx, [eq('meetingId', input.meetingId)], null)
})

export const messageNotReachedInBranch = implement(inBranchDecl, async (ctx, _input) => {
  const since = ctx.now - NOT_REACHED_DAYS * 86_400_000
  return notReached(ctx, [eq('branchId', ctx.target.org._id), { field: 'createdAt', op: 'gte', value: since }], since)
})
