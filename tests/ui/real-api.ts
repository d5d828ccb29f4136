/**
 * UI tests talk to the real server code: the transport is replaced by a direct call into `main()`
 * of an embedded API on a temporary SQLite file, as the signed-in member. Only the network hop is
 * skipped (it is covered by the host and end-to-end tests), and it can be cut to test offline paths.
 */
import type { CallEvent } from '../../src/domain/api/call-event'
import { openTestApi, type TestApi } from '../cloud/api-fixture'

export const link: {
  api: TestApi | null
  user: string | null
  offline: boolean
  sent: CallEvent[]
} = { api: null, user: null, offline: false, sent: [] }

export async function openLink(user: string | null): Promise<TestApi> {
  link.api = await openTestApi()
  link.user = user
  link.offline = false
  link.sent.length = 0
  return link.api
}

export async function closeLink(): Promise<void> {
  await link.api?.close()
  link.api = null
}

export function send(event: CallEvent) {
  link.sent.push(event)
  if (link.offline) return Promise.reject(new TypeError('Failed to fetch'))
  const api = link.api!
  return api.main(event, link.user ? { sessionToken: api.tokenFor(link.user) } : {})
}
