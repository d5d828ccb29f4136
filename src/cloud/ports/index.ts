import type { ClockPort } from './clock'
import type { CodeImagePort } from './code-image'
import type { FilesPort } from './files'
import type { IdentityPort } from './identity'
import type { NotifierPort } from './notifier'
import type { StorePort } from './store'

/** Everything an action may touch outside pure code. */
export interface Ports {
  store: StorePort
  files: FilesPort
  notifier: NotifierPort
  clock: ClockPort
  identity: IdentityPort
  codes: CodeImagePort
  /** Which host serves the actions; embedded-only actions refuse to run elsewhere. */
  host: 'embedded' | 'cloudbase'
}

export type { ClockPort, CodeImagePort, FilesPort, IdentityPort, NotifierPort, StorePort }
