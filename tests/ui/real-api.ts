/**
 * UI tests talk to the real server code: the transport is replaced by a direct call into `main()`
 * of an embedded API on a temporary SQLite file (tests/cloud/api-fixture.ts), as the signed-in
 * member. Only the network hop is skipped (it is covered by the host and end-to-end tests), and it
 * can be cut to test offline paths. Also the UI side of the fixture layer: a fresh link and Taro mock
 * per test, and typing into a form field.
 */
import { fireEvent } from '@testing-library/react'
import type { CallEvent } from '../../src/domain/api/call-event'
import { openTestApi, type TestApi } from '../cloud/api-fixture'
import { resetTaroMock } from '../mocks/taro'

export const link: {
  api: TestApi | null
  user: string | null
  offline: boolean
  sent: CallEvent[]
} = { api: null, user: null, offline: false, sent: [] }

/** Opens a fresh seeded API, signed in as `user` (null: nobody), online, with nothing sent. */
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

/** Before each test of the file: the Taro mock reset and a fresh link signed in as `user`; closed after. */
export function linkPerTest(user: string | null): void {
  beforeEach(async () => {
    resetTaroMock()
    await openLink(user)
  })
  afterEach(closeLink)
}

/** The transport's send: records the event, fails as a lost network when offline, else calls main(). */
export function send(event: CallEvent) {
  link.sent.push(event)
  if (link.offline) return Promise.reject(new TypeError('Failed to fetch'))
  const api = link.api!
  return api.main(event, link.user ? { sessionToken: api.tokenFor(link.user) } : {})
}

/** Types `value` into the field `#fieldId` (the input itself, or the input or textarea inside it). */
export function typeInto(container: HTMLElement, fieldId: string, value: string): void {
  const box = container.querySelector(`#${fieldId}`)!
  const el = box.matches('input, textarea') ? box : box.querySelector('input, textarea')!
  fireEvent.change(el, { target: { value } })
}
