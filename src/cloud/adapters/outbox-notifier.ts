/**
 * On the host nothing can reach WeChat, so notifications go to an outbox collection in the same
 * SQLite file, where tests and the secretary's PC can read what would have been sent.
 */
import type { Notification, NotifierPort } from '../ports/notifier'
import { StoreConflict, type StorePort } from '../ports/store'

export interface OutboxEntry extends Omit<Notification, 'id'> {
  queuedAt: number
}

export class OutboxNotifier implements NotifierPort {
  constructor(
    private readonly store: StorePort,
    private readonly clock: { now(): number },
  ) {}

  async send(n: Notification): Promise<{ delivered: boolean; reason?: string }> {
    const { id, ...rest } = n
    try {
      await this.store.insert<OutboxEntry>('outbox', { _id: id, ...rest, queuedAt: this.clock.now() })
    } catch (err) {
      // The same notification replayed by an idempotent write: it is already queued.
      if (!(err instanceof StoreConflict && err.reason === 'duplicate')) throw err
    }
    return { delivered: false, reason: 'queued in the local outbox' }
  }
}
