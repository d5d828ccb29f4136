/**
 * Browser: POST the call as JSON, carrying the session (the development login's on the local host,
 * the 扫码登录 web session anywhere) as a bearer token. Where to: the local host's `/api/call`, or
 * in a production h5 build the `api` function's CloudBase HTTP-access address, set when building
 * (`TARO_APP_API_URL=https://<domain>/api npm run build:h5`; `.env` keeps it empty by default).
 */
import type { CallResult } from '../domain/errors'
import { readSession } from './session'
import type { CallEvent } from '../domain/api/call-event'

export const API_PATH = '/api/call'

/** Replaced at build time (Taro defines `process.env.TARO_APP_*`); empty means the local host. */
export const API_URL = process.env.TARO_APP_API_URL || API_PATH

export async function sendH5(event: CallEvent): Promise<CallResult<unknown>> {
  const session = readSession()
  const res = await fetch(API_URL, {
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
