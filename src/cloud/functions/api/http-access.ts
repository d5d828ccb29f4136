/**
 * The `api` function reached through CloudBase's HTTP access service (the browser build in
 * production). CloudBase turns the HTTP request into an "integration request" event
 * `{ path, httpMethod, headers, queryStringParameters, requestContext, body, isBase64Encoded }` and
 * turns the returned "integration response" `{ statusCode, headers, body, isBase64Encoded }` back
 * into HTTP. The body is the same `{ action, input, requestId }` the mini-program sends; who calls
 * comes only from the `Authorization: Bearer` web session (扫码登录): an HTTP call has no OPENID,
 * and nothing in the body is taken as identity.
 */
import type { CallEvent } from '../../../domain/api/call-event'
import type { CallResult } from '../../../domain/errors'
import type { HttpCallContext } from '../../ports/identity'

/** The integration request, as CloudBase's HTTP access service passes it (the fields this reads). */
export interface HttpAccessEvent {
  path?: string
  httpMethod: string
  headers: Record<string, string | undefined>
  body?: string | null
  /** A boolean, or the text 'true'/'false' in some versions of the service. */
  isBase64Encoded?: boolean | string
}

/** The integration response CloudBase turns into the HTTP reply. */
export interface HttpAccessReply {
  statusCode: number
  headers: Record<string, string>
  body: string
  isBase64Encoded: false
}

export interface HttpAccessOptions {
  /**
   * The one origin allowed to call from a browser (`WEB_ORIGIN`, e.g. `https://party.example.cn`,
   * where dist/h5 is hosted); null sends no CORS headers (only same-origin pages can call).
   */
  webOrigin: string | null
}

/**
 * The largest body accepted, in bytes: 100 KiB, CloudBase's own limit on a function's request; the
 * declared inputs are bounded to fit 100,000 bytes (src/domain/api/request-size.ts).
 */
export const MAX_HTTP_BODY_BYTES = 100 * 1024

/** Whether a function event came through HTTP access (an integration request), not `callFunction`. */
export function isHttpAccessEvent(event: unknown): event is HttpAccessEvent {
  if (!event || typeof event !== 'object') return false
  const e = event as Partial<HttpAccessEvent>
  return typeof e.httpMethod === 'string' && !!e.headers && typeof e.headers === 'object'
}

/** Takes `WEB_ORIGIN` as set in the console; returns it without a trailing slash, or null when unset. Throws when malformed. */
export function webOriginFromEnv(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null
  const origin = value.trim().replace(/\/+$/, '')
  if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(origin)) {
    throw new Error(`WEB_ORIGIN must be an origin such as https://party.example.cn, got ${value}`)
  }
  return origin
}

/** A header's value whatever the case of its name (HTTP names are case-insensitive); undefined unless text. */
function header(headers: HttpAccessEvent['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return typeof value === 'string' ? value : undefined
  }
  return undefined
}

/**
 * The client's address as the gateway reports it, for the "approximate place" only (never for a
 * decision): `x-real-ip`, else the last address of `x-forwarded-for` (the one the gateway appended).
 */
function clientIpOf(headers: HttpAccessEvent['headers']): string | null {
  const real = header(headers, 'x-real-ip')?.trim()
  if (real) return real
  const forwarded = header(headers, 'x-forwarded-for')
  const last = forwarded?.split(',').pop()?.trim()
  return last || null
}

function reply(status: number, body: unknown, cors: Record<string, string>): HttpAccessReply {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...cors },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  }
}

const refusal = (code: string, message: string) => ({ ok: false, error: { code, message } })

/**
 * Answers one HTTP-access event: preflight, method and size checks, then `main(callEvent, context)`
 * with the transport context built from the headers. Takes the event, the router's `main` and the
 * options; returns the integration response (JSON, with CORS headers for `webOrigin` when the
 * request comes from it). Refusals before the router are JSON in the API's own shape: 405 for a
 * method other than POST, 413 for a body over 100 KiB, 400 for a body that is not JSON.
 */
export async function handleHttpAccess(
  event: HttpAccessEvent,
  main: (event: unknown, context?: unknown) => Promise<CallResult<unknown>>,
  options: HttpAccessOptions,
): Promise<HttpAccessReply> {
  const origin = header(event.headers, 'origin')
  const cors: Record<string, string> =
    options.webOrigin && origin === options.webOrigin
      ? {
          'access-control-allow-origin': options.webOrigin,
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': 'authorization, content-type',
          'access-control-max-age': '600',
          vary: 'Origin',
        }
      : { vary: 'Origin' }
  const method = event.httpMethod.toUpperCase()
  if (method === 'OPTIONS') return { statusCode: 204, headers: cors, body: '', isBase64Encoded: false }
  if (method !== 'POST') return reply(405, refusal('VALIDATION_FAILED', '请用 POST 调用接口。'), cors)

  if (event.body != null && typeof event.body !== 'string') {
    return reply(400, refusal('VALIDATION_FAILED', '请求内容不是有效的 JSON，请刷新页面后重试。'), cors)
  }
  const encoded = event.isBase64Encoded === true || event.isBase64Encoded === 'true'
  const raw = Buffer.from(event.body ?? '', encoded ? 'base64' : 'utf8')
  if (raw.length > MAX_HTTP_BODY_BYTES) {
    return reply(
      413,
      refusal('VALIDATION_FAILED', '提交的内容超过 100 KB，请删减后重试；照片和文件请通过上传按钮添加。'),
      cors,
    )
  }
  let body: unknown
  try {
    body = JSON.parse(raw.toString('utf8'))
  } catch {
    return reply(400, refusal('VALIDATION_FAILED', '请求内容不是有效的 JSON，请刷新页面后重试。'), cors)
  }
  // Only the call itself is passed on: whatever else the body holds is not read.
  const b = (body && typeof body === 'object' ? body : {}) as Partial<CallEvent>
  const call: Partial<CallEvent> = { action: b.action, input: b.input, requestId: b.requestId }
  const auth = header(event.headers, 'authorization')
  const context: HttpCallContext = {
    via: 'http',
    sessionToken: auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined,
    clientIp: clientIpOf(event.headers),
  }
  return reply(200, await main(call, context), cors)
}
