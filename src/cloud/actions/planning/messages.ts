/** The in-app 消息 list: every notice `notify` kept for the actor, newest first, and marking them read. */
import type { messageListMine as listDecl, messageMarkRead as markDecl } from '../../../domain/api/catalog-planning'
import type { ParsedInputOf } from '../../../domain/api/define'
import type { MarkReadResult, MessagePage, MessageView } from '../../../domain/api/views-planning'
import type { MemberContext } from '../../action-context'
import type { NoticeDoc } from '../../notices'
import type { Filter, Stored } from '../../ports/store'

/** “全部已读” marks at most this many per call; the reply's unread count says if more remain. */
export const MARK_ALL_CAP = 500

function unreadWhere(memberId: string): Filter[] {
  return [
    { field: 'memberId', op: 'eq', value: memberId },
    { field: 'readAt', op: 'eq', value: null },
  ]
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

export async function messageListMine(ctx: MemberContext, input: ParsedInputOf<typeof listDecl>): Promise<MessagePage> {
  const { store } = ctx.ports
  const page = await store.query<NoticeDoc>('notifications', {
    where: [{ field: 'memberId', op: 'eq', value: ctx.actor.memberId }],
    orderBy: { field: 'createdAt', direction: 'desc' },
    limit: input.limit,
    cursor: input.cursor,
  })
  return {
    items: page.items.map(viewOf),
    nextCursor: page.nextCursor,
    unread: await store.count('notifications', unreadWhere(ctx.actor.memberId)),
  }
}

export async function messageMarkRead(
  ctx: MemberContext,
  input: ParsedInputOf<typeof markDecl>,
): Promise<MarkReadResult> {
  const { store } = ctx.ports
  const me = ctx.actor.memberId
  let marked = 0
  const mark = async (n: Stored<NoticeDoc>) => {
    // Someone else's notice is left alone, as if it did not exist.
    if (n.memberId !== me || n.readAt !== null) return
    await store.update<NoticeDoc>('notifications', n._id, { readAt: ctx.now }, n._version)
    marked += 1
  }
  if (input.all) {
    while (marked < MARK_ALL_CAP) {
      const page = await store.query<NoticeDoc>('notifications', {
        where: unreadWhere(me),
        orderBy: { field: 'createdAt', direction: 'desc' },
        limit: 100,
      })
      if (page.items.length === 0) break
      for (const n of page.items) await mark(n)
    }
  } else {
    for (const id of new Set(input.ids ?? [])) {
      const n = await store.get<NoticeDoc>('notifications', id)
      if (n) await mark(n)
    }
  }
  return { marked, unread: await store.count('notifications', unreadWhere(me)) }
}
