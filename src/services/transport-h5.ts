/** Browser: POST to the local host, carrying the development session as a bearer token. */
import type { CallResult } from '../domain/errors'
import { readSession } from './session'
import type { CallEvent } from '../domain/api/call-event'

export const API_PATH = '/api/call'

export async function sendH5(event: CallEvent): Promise<CallResult<unknown>> {
  const session = readSession()
  const res = await fetch(API_PATH, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(session ? { authorization: `Bearer ${session.token}` } : {}),
    },
    body: JSON.stringify(event),
  })
  const text = await res.text()
  try {
    return JSON.parse(text) as CallResult<unknown>
  } catch {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `服务器返回了无法识别的内容（HTTP ${res.status}），请稍后重试。` },
    }
  }
}
