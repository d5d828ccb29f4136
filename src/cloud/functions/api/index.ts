/**
 * The `api` cloud function: every action of the mini-program arrives here through
 * `wx.cloud.callFunction({ name: 'api', data: { action, input, requestId } })` and goes through
 * the same router as on the local host. scripts/build-cloud.ts bundles this file, with
 * function.json beside it as the function's config.json (openapi permissions, triggers).
 */
import { HANDLERS } from '../../actions'
import { cloudBaseOptionsFromEnv, openCloudBase, type WxCloud } from '../../cloudbase'
import { createMain, type Main } from '../../router'

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

/** Ports are made on the first call and kept while the container lives. */
export async function main(event: unknown, context?: unknown): ReturnType<Main> {
  handle ??= createMain(openCloudBase(cloud, cloudBaseOptionsFromEnv(process.env)), HANDLERS)
  return handle(event, context)
}
