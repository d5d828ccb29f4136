/**
 * Telling people something: every notice is built from its topic's structured fields
 * (src/domain/notices.ts), kept in the `notifications` collection (the in-app 消息 list, read on
 * every platform) and handed to the notifier (a WeChat subscribe message in production, the outbox on
 * the host); what the notifier answered is kept with the notice, so the branch's organizers see who
 * was not reached. The notice id is deterministic, so a replayed write or a second run of the daily
 * timer neither stores nor sends it twice.
 */
import type { NoticeDelivery } from '../domain/delivery'
import type { MeetingKind } from '../domain/meeting-kinds'
import { buildNotice, type MeetingFields, type NoticeFields } from '../domain/notices'
import type { SubscribeTopic } from '../domain/subscribe-messages'
import type { Ports } from './ports'
import type { Notification } from './ports/notifier'
import { StoreConflict } from './ports/store'

/** One notice to send: who to, about which branch, its topic and the fields its text is made from. */
export interface NoticeRequest<T extends SubscribeTopic> {
  /** Deterministic, so a replayed write does not notify twice. */
  id: string
  memberId: string
  branchId: string
  topic: T
  fields: NoticeFields<T>
}

/**
 * Builds, stores and sends one notice, then records whether it reached the person. Returns false
 * when it was already there (nothing is sent again). A notifier that throws leaves the notice stored
 * with `delivery: null` and the error propagates.
 */
export async function notify<T extends SubscribeTopic>(
  ports: Pick<Ports, 'store' | 'notifier'>,
  request: NoticeRequest<T>,
  now: number,
): Promise<boolean> {
  const built = buildNotice(request.topic, request.fields)
  const n: Notification = {
    id: request.id,
    memberId: request.memberId,
    template: request.topic,
    title: built.title,
    body: built.body,
    page: built.page,
    data: request.fields as unknown as Notification['data'],
    message: { template: built.template, values: built.values },
  }
  const { id, ...rest } = n
  let stored
  try {
    stored = await ports.store.insert('notifications', {
      _id: id,
      ...rest,
      branchId: request.branchId,
      meetingId: built.meetingId,
      createdAt: now,
      readAt: null,
      delivery: null,
    })
  } catch (err) {
    if (err instanceof StoreConflict && err.reason === 'duplicate') return false
    throw err
  }
  const result = await ports.notifier.send(n)
  const delivery: NoticeDelivery = result.delivered
    ? { status: 'delivered', failure: null, reason: null, at: now }
    : { status: 'undelivered', failure: result.failure, reason: result.reason, at: now }
  try {
    await ports.store.update('notifications', id, { delivery }, stored._version)
  } catch (err) {
    // The member opened it already (readAt changed the version): keep their read mark, add the answer.
    if (!(err instanceof StoreConflict && err.reason === 'version')) throw err
    const current = await ports.store.get('notifications', id)
    if (current) await ports.store.update('notifications', id, { delivery }, current._version)
  }
  return true
}

/** The fields every meeting notice names, from a stored meeting. */
export function meetingFields(m: {
  _id: string
  title: string
  kind: MeetingKind
  startAt: number
  endAt: number
  place: string
}): MeetingFields {
  return { meetingId: m._id, title: m.title, kind: m.kind, startAt: m.startAt, endAt: m.endAt, place: m.place }
}
