/** WeChat: the `api` cloud function; WeChat itself tells the server who is calling (OPENID). */
import Taro from '@tarojs/taro'
import type { CallResult } from '../domain/errors'
import type { CallEvent } from '../domain/api/call-event'

export const CLOUD_FUNCTION = 'api'

export async function sendWeapp(event: CallEvent): Promise<CallResult<unknown>> {
  const res = await Taro.cloud.callFunction({ name: CLOUD_FUNCTION, data: { ...event } })
  return res.result as CallResult<unknown>
}
