/**
 * Writes made without a network wait here, in device storage, and are sent when the network
 * returns or the app is shown again (DESIGN.md: offline-first capture; the person always sees what
 * is pending). Each write keeps the request id it was made with, so sending it twice is harmless.
 *   enqueue(action, input, label, requestId?, uploads?) · flushOutbox() · usePendingWrites(action?)
 * A write may wait on a file too (a 报到 photo): the file stays on the device and is uploaded first
 * when the network returns, and its file id goes into the input before the write is sent.
 * Call `startOutbox()` once (app launch, or any page that queues writes): it listens for the
 * network coming back and for the app being shown.
 */
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ActionName, Actions } from '../domain/api/catalog'
import type { InputOf } from '../domain/api/define'
import { ApiCallError, call, newRequestId } from './api'
import { discardDeviceFile, uploadFile } from './file-upload'

const KEY = 'party.outbox'

/** A file a queued write waits on: uploaded before the write is sent, its id put into `field`. */
export interface PendingUpload {
  /** The input field that takes the uploaded file's id, e.g. `photoFileId`. */
  field: string
  /** Where the file is on the device (src/services/file-upload.ts `keepOnDevice`). */
  filePath: string
  /** Where it goes in storage (src/domain/uploads.ts). */
  cloudPath: string
  /** Set once uploaded, so a write that fails afterwards is not uploaded again. */
  fileId?: string
}

export interface PendingWrite<N extends ActionName = ActionName> {
  requestId: string
  action: N
  input: InputOf<Actions[N]>
  /** What the person sees in the pending list, e.g. 「支部党员大会」签到. */
  label: string
  queuedAt: number
  /** The last attempt's network failure, if any (it will be retried). */
  lastTriedAt: number | null
  /** Files to upload before sending; absent for writes that carry none. */
  uploads?: PendingUpload[]
}

/** A queued write the server refused: kept so the person sees why, until they dismiss it. */
export interface RefusedWrite {
  requestId: string
  action: ActionName
  label: string
  message: string
  at: number
}

interface OutboxState {
  pending: PendingWrite[]
  refused: RefusedWrite[]
}

function read(): OutboxState {
  try {
    const v = Taro.getStorageSync(KEY) as OutboxState | ''
    if (v && Array.isArray(v.pending) && Array.isArray(v.refused)) return v
  } catch {
    // Unreadable storage: start empty rather than fail the page.
  }
  return { pending: [], refused: [] }
}

const listeners = new Set<(s: OutboxState) => void>()

function write(state: OutboxState): void {
  try {
    Taro.setStorageSync(KEY, state)
  } catch {
    // Storage full: the queue still lives in memory for this session.
  }
  listeners.forEach((l) => l(state))
}

/** The writes still waiting to be sent, oldest first, as kept in the device's storage. */
export function pendingWrites(): PendingWrite[] {
  return read().pending
}

/**
 * Queues a write made offline: `input` as the action takes it (fields that `uploads` fill may be
 * left out), `label` for the pending list, the `requestId` it was first tried with, and the files it
 * waits on. Returns the queued entry; queuing the same request id twice keeps the first.
 */
export function enqueue<N extends ActionName>(
  action: N,
  input: InputOf<Actions[N]>,
  label: string,
  requestId: string = newRequestId(),
  uploads: PendingUpload[] = [],
): PendingWrite<N> {
  const state = read()
  const entry: PendingWrite<N> = {
    requestId,
    action,
    input,
    label,
    queuedAt: Date.now(),
    lastTriedAt: null,
    ...(uploads.length ? { uploads } : {}),
  }
  if (!state.pending.some((p) => p.requestId === requestId)) {
    write({ ...state, pending: [...state.pending, entry as unknown as PendingWrite] })
  }
  return entry
}

function updatePending(requestId: string, change: (p: PendingWrite) => PendingWrite): void {
  const s = read()
  write({ ...s, pending: s.pending.map((p) => (p.requestId === requestId ? change(p) : p)) })
}

/** Uploads what the entry still waits on, keeping each file id as soon as it is known. */
async function uploadPending(entry: PendingWrite): Promise<PendingWrite> {
  let current = entry
  for (const [i, u] of (entry.uploads ?? []).entries()) {
    if (u.fileId) continue
    const fileId = await uploadFile(u.cloudPath, u.filePath)
    const uploads = current.uploads!.map((x, j) => (j === i ? { ...x, fileId } : x))
    current = { ...current, uploads, input: { ...(current.input as object), [u.field]: fileId } as never }
    const next = current
    updatePending(entry.requestId, () => next)
  }
  return current
}

export function dismissRefused(requestId: string): void {
  const state = read()
  write({ ...state, refused: state.refused.filter((r) => r.requestId !== requestId) })
}

let flushing: Promise<FlushReport> | null = null

export interface FlushReport {
  sent: number
  refused: number
  stillPending: number
}

/** Sends every queued write in order; stops at the first network failure (still offline). */
export function flushOutbox(): Promise<FlushReport> {
  if (!flushing) {
    flushing = flushOnce().finally(() => {
      flushing = null
    })
  }
  return flushing
}

async function flushOnce(): Promise<FlushReport> {
  let sent = 0
  let refused = 0
  for (const queued of pendingWrites()) {
    try {
      const entry = await uploadPending(queued)
      await call(entry.action, entry.input as never, { requestId: entry.requestId })
      sent += 1
      const s = read()
      write({ ...s, pending: s.pending.filter((p) => p.requestId !== entry.requestId) })
      for (const u of entry.uploads ?? []) discardDeviceFile(u.filePath)
    } catch (err) {
      if (err instanceof ApiCallError && err.code === 'NETWORK') {
        updatePending(queued.requestId, (p) => ({ ...p, lastTriedAt: Date.now() }))
        break
      }
      refused += 1
      // Refused for good: its device copies will not be sent again.
      for (const u of queued.uploads ?? []) discardDeviceFile(u.filePath)
      const message = err instanceof Error ? err.message : '服务器没有接受这条记录。'
      const s = read()
      write({
        pending: s.pending.filter((p) => p.requestId !== queued.requestId),
        refused: [
          ...s.refused,
          { requestId: queued.requestId, action: queued.action, label: queued.label, message, at: Date.now() },
        ],
      })
    }
  }
  return { sent, refused, stillPending: pendingWrites().length }
}

let started = false

/** Flushes now, when the network comes back, and whenever the app is shown. Safe to call often. */
export function startOutbox(): void {
  if (started) return
  started = true
  const flush = () => {
    if (pendingWrites().length > 0) void flushOutbox()
  }
  try {
    Taro.onNetworkStatusChange((res) => {
      if (res.isConnected) flush()
    })
  } catch {
    // Not offered on this platform: app show and page visits still flush.
  }
  try {
    Taro.onAppShow(flush)
  } catch {
    // As above.
  }
  if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
    window.addEventListener('online', flush)
  }
  flush()
}

/** The queued and refused writes (optionally of one action), updated as they change. */
export function usePendingWrites(action?: ActionName): OutboxState {
  const pick = (s: OutboxState): OutboxState =>
    action
      ? { pending: s.pending.filter((p) => p.action === action), refused: s.refused.filter((r) => r.action === action) }
      : s
  const [state, setState] = useState<OutboxState>(() => pick(read()))
  useEffect(() => {
    const l = (s: OutboxState) => setState(pick(s))
    listeners.add(l)
    l(read())
    return () => {
      listeners.delete(l)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action])
  return state
}
