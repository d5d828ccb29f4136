/**
 * The production runtime: the same router as the embedded host, on CloudBase's database, storage
 * and subscribe messages. `cloud` is the initialized wx-server-sdk module, typed structurally so
 * nothing here loads the SDK and tests can pass a stand-in.
 */
import { CloudBaseFiles, type CloudStorageApi } from './adapters/cloudbase-files'
import { CloudBaseStore, type CloudBaseDb } from './adapters/cloudbase-store'
import {
  parseSubscribeTemplates,
  SubscribeNotifier,
  type MiniprogramState,
  type SubscribeMessageApi,
  type SubscribeTemplates,
} from './adapters/subscribe-notifier'
import { systemClock } from './adapters/system-clock'
import { WebSessionIdentity } from './adapters/web-session-identity'
import { WxacodeImage, type WxacodeApi, type WxacodeGetUnlimitedParam } from './adapters/wxacode-image'
import { WxContextIdentity, type WxContextApi } from './adapters/wx-context-identity'
import type { ClockPort, Ports } from './ports'

export interface WxCloud extends CloudStorageApi, SubscribeMessageApi, WxacodeApi, WxContextApi {
  openapi: SubscribeMessageApi['openapi'] & WxacodeApi['openapi']
  database(): CloudBaseDb
}

export interface CloudBaseOptions {
  templates?: SubscribeTemplates
  miniprogramState?: MiniprogramState
  clock?: ClockPort
  /** Which version of the mini-program an invitation's code opens; WeChat's default is the released one. */
  codeEnvVersion?: WxacodeGetUnlimitedParam['envVersion']
  /** The secret that signs browser sessions (扫码登录); without it the browser build cannot log in. */
  webSessionSecret?: Buffer
  /**
   * False: write the request record after the call's writes instead of in their transaction
   * (CloudBaseStore `atomicWriteScopes`); env `ATOMIC_WRITE_SCOPES=off`. On by default.
   */
  atomicWriteScopes?: boolean
}

/** Options from the cloud function's environment variables (set in the CloudBase console). */
export function cloudBaseOptionsFromEnv(env: Record<string, string | undefined>): CloudBaseOptions {
  const state = env.SUBSCRIBE_STATE
  if (state !== undefined && state !== 'developer' && state !== 'trial' && state !== 'formal') {
    throw new Error('SUBSCRIBE_STATE must be developer, trial or formal')
  }
  const codeEnv = env.WXACODE_ENV_VERSION
  if (codeEnv !== undefined && codeEnv !== 'release' && codeEnv !== 'trial' && codeEnv !== 'develop') {
    throw new Error('WXACODE_ENV_VERSION must be release, trial or develop')
  }
  const webSecret = env.WEB_SESSION_SECRET
  if (webSecret !== undefined && webSecret !== '' && Buffer.byteLength(webSecret, 'utf8') < 32) {
    throw new Error('WEB_SESSION_SECRET must be at least 32 bytes (e.g. 64 hex digits from `openssl rand -hex 32`)')
  }
  const atomic = env.ATOMIC_WRITE_SCOPES
  if (atomic !== undefined && atomic !== '' && atomic !== 'on' && atomic !== 'off') {
    throw new Error('ATOMIC_WRITE_SCOPES must be on or off')
  }
  return {
    templates: parseSubscribeTemplates(env.SUBSCRIBE_TEMPLATES),
    miniprogramState: state,
    ...(codeEnv ? { codeEnvVersion: codeEnv } : {}),
    ...(webSecret ? { webSessionSecret: Buffer.from(webSecret, 'utf8') } : {}),
    ...(atomic === 'off' ? { atomicWriteScopes: false } : {}),
  }
}

export function openCloudBase(cloud: WxCloud, options: CloudBaseOptions = {}): Ports {
  const clock = options.clock ?? systemClock
  const store = new CloudBaseStore(cloud.database(), { atomicWriteScopes: options.atomicWriteScopes !== false })
  return {
    store,
    files: new CloudBaseFiles(cloud),
    notifier: new SubscribeNotifier(cloud, store, clock, {
      templates: options.templates ?? {},
      miniprogramState: options.miniprogramState,
    }),
    clock,
    identity: new WebSessionIdentity({
      secret: options.webSessionSecret ?? null,
      store,
      clock,
      transport: new WxContextIdentity(cloud),
    }),
    codes: new WxacodeImage(cloud, options.codeEnvVersion),
    host: 'cloudbase',
  }
}
