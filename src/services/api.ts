/**
 * The one typed way to call the server: `call('meeting.get', { meetingId })`. Action names, inputs
 * and outputs come from the declarations in src/domain/api/catalog.ts (types only: nothing of the
 * server is bundled into the app).
 */
import type { ActionName, Actions } from '../domain/api/catalog'
import type { InputOf, OutputOf } from '../domain/api/define'
import type { ErrorCode, FieldProblem } from '../domain/errors'
import { rememberEndedSession } from './browser-login'
import { clearSession, readSession, usesDevLogin } from './session'
import { relaunch } from './navigation'
import { send } from './transport'

export type ClientErrorCode = ErrorCode | 'NETWORK'

export class ApiCallError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message)
  }

  /** The message for one input field, if the server named it. */
  field(name: string): string | undefined {
    return this.fields.find((f) => f.field === name || f.field.startsWith(`${name}.`))?.message
  }
}

/** Any failure of a call as an ApiCallError: the server's own, or a generic one in Chinese. */
export function asCallError(err: unknown): ApiCallError {
  return err instanceof ApiCallError ? err : new ApiCallError('INTERNAL', '出了点问题，请稍后重试。')
}

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试；已填写的内容不会丢失。'

/** A fresh id for one write the person means to make; reuse it when retrying that same write. */
export function newRequestId(): string {
  const bytes = new Uint8Array(12)
  const webCrypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (webCrypto?.getRandomValues) webCrypto.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256)
  return `r${Date.now().toString(36)}${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

export async function call<N extends ActionName>(
  action: N,
  input: InputOf<Actions[N]>,
  options: { requestId?: string } = {},
): Promise<OutputOf<Actions[N]>> {
  let result
  try {
    result = await send({ action, input, requestId: options.requestId })
  } catch {
    throw new ApiCallError('NETWORK', NETWORK_MESSAGE)
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) {
    throw new ApiCallError('INTERNAL', '服务器没有给出有效的答复，请稍后重试。')
  }
  if (result.ok) return result.data as OutputOf<Actions[N]>
  const { code, message, fields } = result.error
  if (code === 'UNAUTHENTICATED' && usesDevLogin) {
    // A session that ended (revoked, idle): the login page says why, once.
    if (readSession()) rememberEndedSession(message)
    clearSession()
    relaunch('login')
  }
  throw new ApiCallError(code, message, fields)
}

export function errorMessage(err: unknown): string {
  return err instanceof ApiCallError ? err.message : '出了点问题，请稍后重试。'
}
