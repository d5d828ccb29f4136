/** Reads of orgs and members shared by several actions, always paged and bounded. */
import { eq } from '../ports/store'
import { AppError } from '../../domain/errors'
import type { Member, Org, OrgKind } from '../../domain/org'
import type { OrgRef } from '../../domain/api/views'
import type { CollectionName, DocOf } from '../collections'
import type { Filter, Stored, StorePort } from '../ports/store'

/** A branch has at most a few hundred members; beyond this the data is wrong, not big. */
const MAX_BRANCH_MEMBERS = 2000

export async function membersOf(store: StorePort, orgId: string): Promise<Stored<Member>[]> {
  return readAll(store, 'members', [eq('orgId', orgId)], 'name', MAX_BRANCH_MEMBERS)
}

export async function membersByIds(store: StorePort, ids: readonly string[]): Promise<Stored<Member>[]> {
  const out: Stored<Member>[] = []
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100)
    const page = await store.query('members', { where: [{ field: '_id', op: 'in', value: chunk }], limit: 100 })
    out.push(...page.items)
  }
  const byId = new Map(out.map((m) => [m._id, m]))
  return ids.map((id) => byId.get(id)).filter((m): m is Stored<Member> => Boolean(m))
}

/**
 * Every document of `collection` matching `where`, ordered by `orderField`, read a page at a time.
 * Takes at most `cap` documents and throws past it (the data is wrong, not big).
 */
export async function readAll<C extends CollectionName>(
  store: StorePort,
  collection: C,
  where: Filter[],
  orderField: string,
  cap: number,
): Promise<Stored<DocOf<C>>[]>
export async function readAll<T>(
  store: StorePort,
  collection: string,
  where: Filter[],
  orderField: string,
  cap: number,
): Promise<Stored<T>[]>
export async function readAll<T>(
  store: StorePort,
  collection: string,
  where: Filter[],
  orderField: string,
  cap: number,
): Promise<Stored<T>[]> {
  const out: Stored<T>[] = []
  let cursor: string | null = null
  do {
    const page: { items: Stored<T>[]; nextCursor: string | null } = await store.query<T>(collection, {
      where,
      orderBy: { field: orderField, direction: 'asc' },
      limit: 100,
      cursor,
    })
    out.push(...page.items)
    cursor = page.nextCursor
    if (out.length > cap)
      throw new AppError('INTERNAL', `数据量超出上限（${collection} 超过 ${cap} 条），请联系管理员检查数据。`)
  } while (cursor)
  return out
}

export async function orgOfKind(store: StorePort, id: string, kind: OrgKind): Promise<Stored<Org> | null> {
  const org = await store.get('orgs', id)
  return org && org.kind === kind ? org : null
}

export function orgRef(org: Pick<Stored<Org>, '_id' | 'name' | 'kind'>): OrgRef {
  return { id: org._id, name: org.name, kind: org.kind }
}
