/**
 * The `api` cloud function: every action of the mini-program arrives here through
 * `wx.cloud.callFunction({ name: 'api', data: { action, input, requestId } })`, and every action of
 * the browser build through CloudBase's HTTP access service (an integration request whose body is
 * the same call, identified by its `Authorization: Bearer` web session; http-access.ts). Both go
 * through the same router as on the local host. scripts/build-cloud.ts bundles this file, with
 * function.json beside it as the function's config.json (openapi permissions, triggers).
 */
import { HANDLERS } from '../../actions'
import { cloudBaseOptionsFromEnv, openCloudBase, type WxCloud } from '../../cloudbase'
import { createMain, type Main } from '../../router'
import { handleHttpAccess, isHttpAccessEvent, webOriginFromEnv, type HttpAccessReply } from './http-access'

interface WxServerSdk extends WxCloud {
  init(options: { env: unknown }): void
  readonly DYNAMIC_CURRENT_ENV: unknown
}

// Required, not imported: the bundle leaves wx-server-sdk to the function's own node_modules
// (installed by 上传并部署：云端安装依赖), and a plain require keeps the module object as is.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const cloud = require('wx-server-sdk') as WxServerSdk
// The environment the function is deployed in, so one build serves test and production environments.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

let handle: Main | null = null
let webOrigin: string | null | undefined

/**
 * Ports are made on the first call and kept while the container lives. Takes the function's event
 * and context; returns the call's result, or for an HTTP-access event the integration response.
 */
export async function main(event: unknown, context?: unknown): Promise<Awaited<ReturnType<Main>> | HttpAccessReply> {
  handle ??= createMain(openCloudBase(cloud, cloudBaseOptionsFromEnv(process.env)), HANDLERS)
  if (isHttpAccessEvent(event)) {
    if (webOrigin === undefined) webOrigin = webOriginFromEnv(process.env.WEB_ORIGIN)
    return handleHttpAccess(event, handle, { webOrigin })
  }
  return handle(event, context)
}
