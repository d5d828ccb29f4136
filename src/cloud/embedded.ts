/**
 * The embedded runtime: the same router as the cloud function, on SQLite and the local disk.
 * Used by the local host, the seed script and every test.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { COLLECTIONS } from './collections'
import { DevSessionIdentity } from './adapters/dev-session-identity'
import { LocalFiles } from './adapters/local-files'
import { OutboxNotifier } from './adapters/outbox-notifier'
import { QrCodeImage } from './adapters/qr-code-image'
import { SqliteStore } from './adapters/sqlite-store'
import { systemClock } from './adapters/system-clock'
import { WebSessionIdentity } from './adapters/web-session-identity'
import type { ClockPort, Ports } from './ports'

export interface EmbeddedOptions {
  dataDir: string
  clock?: ClockPort
  synchronous?: 'FULL' | 'NORMAL'
  /** Where phones reach the h5 build, for invitation QR codes; the host sets it once it listens. */
  publicUrl?: string
}

export const DB_FILE = 'party.sqlite'

/** A 32-byte secret kept beside the database, created on first use, readable only by its owner. */
function sessionSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, 'session.key')
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex')
}

export function openEmbedded(options: EmbeddedOptions): Ports {
  mkdirSync(options.dataDir, { recursive: true })
  const clock = options.clock ?? systemClock
  const store = new SqliteStore(path.join(options.dataDir, DB_FILE), {
    indexes: COLLECTIONS,
    synchronous: options.synchronous,
  })
  const secret = sessionSecret(options.dataDir)
  return {
    store,
    files: new LocalFiles(path.join(options.dataDir, 'files')),
    notifier: new OutboxNotifier(store, clock),
    clock,
    // The development login's sessions and the 扫码登录 web sessions, both signed with session.key.
    identity: new WebSessionIdentity({ secret, store, clock, transport: new DevSessionIdentity(secret, clock) }),
    codes: new QrCodeImage(options.publicUrl),
    host: 'embedded',
  }
}
