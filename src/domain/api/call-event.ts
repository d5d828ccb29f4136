/**
 * What one call carries over the wire, the same in every transport: the client's `send()` posts it
 * (to the `api` cloud function, or to the local host's POST /api/call) and the server's
 * `main(event, context)` reads it.
 */
export interface CallEvent {
  /** A declared action's name, e.g. `meeting.get` (src/domain/api/catalog.ts). */
  action: string
  /** The action's input, checked on the server against the declaration's schema. */
  input?: unknown
  /** Client-made id of a write; a replay returns the first result. */
  requestId?: string
}
