/**
 * How a call reaches the server. The WeChat build calls the `api` cloud function; the browser build
 * posts to the local host. Both end in the same `main(event, context)`.
 */
import type { CallEvent } from '../domain/api/call-event'
import type { CallResult } from '../domain/errors'
import { sendH5 } from './transport-h5'
import { sendWeapp } from './transport-weapp'

export type Send = (event: CallEvent) => Promise<CallResult<unknown>>

/** `process.env.TARO_ENV` is replaced at build time, so each build keeps only its own branch. */
export const send: Send = process.env.TARO_ENV === 'weapp' ? sendWeapp : sendH5
