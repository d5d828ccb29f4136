/**
 * Telling people something: every notice is kept in the `notifications` collection (the in-app
 * 消息 list, read on every platform) and handed to the notifier (a WeChat subscribe message in
 * production, the outbox on the host). The notice id is deterministic, so a replayed write or a
 * second run of the daily timer neither stores nor sends it twice.
 */
import type { Notification } from './ports/notifier'
import type { Ports } from './ports'
import { StoreConflict } from './ports/store'

/** A notice as kept for the in-app 消息 list. */
export interface NoticeDoc extends Omit<Notification, 'id'> {
  createdAt: number
  /** When the member opened it in the app; null while unread. */
  readAt: number | null
}

/** Stores and sends one notice; returns false when it was already there (nothing is sent again). */
export async function notify(ports: Pick<Ports, 'store' | 'notifier'>, n: Notification, now: number): Promise<boolean> {
  const { id, ...rest } = n
  try {
    await ports.store.insert<NoticeDoc>('notifications', { _id: id, ...rest, createdAt: now, readAt: null })
  } catch (err) {
    if (err instanceof StoreConflict && err.reason === 'duplicate') return false
    throw err
  }
  await ports.notifier.send(n)
  return true
}
