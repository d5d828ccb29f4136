/**
 * On the host nothing can reach WeChat, so notifications go to an outbox collection in the same
 * SQLite file, where tests and the secretary's PC can read what would have been sent.
 *
 * What "delivered" means here: the host's development login stands in for WeChat identity, so a
 * member with a WeChat binding counts as reached (their notice is in the outbox, as it would be sent),
 * and a member without one is not reached (`no-binding`), exactly as production answers for them.
 * Consent (43101) cannot be known without WeChat and is not simulated.
 */
import type { DeliveryResult, Notification, NotifierPort } from '../ports/notifier'
import { StoreConflict, type StorePort } from '../ports/store'

export class OutboxNotifier implements NotifierPort {
  constructor(
    private readonly store: StorePort,
    private readonly clock: { now(): number },
  ) {}

  async send(n: Notification): Promise<DeliveryResult> {
    const { id, ...rest } = n
    try {
      await this.store.insert('outbox', { _id: id, ...rest, queuedAt: this.clock.now() })
    } catch (err) {
      // The same notification replayed by an idempotent write: it is already queued.
      if (!(err instanceof StoreConflict && err.reason === 'duplicate')) throw err
    }
    const bound = await this.store.query('bindings', {
      where: [{ field: 'memberId', op: 'eq', value: n.memberId }],
      limit: 1,
    })
    if (bound.items.length === 0) {
      return { delivered: false, failure: 'no-binding', reason: `member ${n.memberId} has no WeChat binding` }
    }
    return { delivered: true }
  }
}
