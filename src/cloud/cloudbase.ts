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
import { WxContextIdentity, type WxContextApi } from './adapters/wx-context-identity'
import type { ClockPort, Ports } from './ports'

export interface WxCloud extends CloudStorageApi, SubscribeMessageApi, WxContextApi {
  database(): CloudBaseDb
}

export interface CloudBaseOptions {
  templates?: SubscribeTemplates
  miniprogramState?: MiniprogramState
  clock?: ClockPort
}

/** Options from the cloud function's environment variables (set in the CloudBase console). */
export function cloudBaseOptionsFromEnv(env: Record<string, string | undefined>): CloudBaseOptions {
  const state = env.SUBSCRIBE_STATE
  if (state !== undefined && state !== 'developer' && state !== 'trial' && state !== 'formal') {
    throw new Error('SUBSCRIBE_STATE must be developer, trial or formal')
  }
  return { templates: parseSubscribeTemplates(env.SUBSCRIBE_TEMPLATES), miniprogramState: state }
}

export function openCloudBase(cloud: WxCloud, options: CloudBaseOptions = {}): Ports {
  const clock = options.clock ?? systemClock
  const store = new CloudBaseStore(cloud.database())
  return {
    store,
    files: new CloudBaseFiles(cloud),
    notifier: new SubscribeNotifier(cloud, store, clock, {
      templates: options.templates ?? {},
      miniprogramState: options.miniprogramState,
    }),
    clock,
    identity: new WxContextIdentity(cloud),
    host: 'cloudbase',
  }
}
