/**
 * Writes made without a network wait here, in device storage, and are sent when the network
 * returns or the app is shown again (DESIGN.md: offline-first capture; the person always sees what
 * is pending). Each write keeps the request id it was made with, so sending it twice is harmless.
 *   enqueue(action, input, label) · flushOutbox() · usePendingWrites(action?)
 * Call `startOutbox()` once (app launch, or any page that queues writes): it listens for the
 * network coming back and for the app being shown.
 */
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ActionName, Actions } from '../domain/api/catalog'
import type { InputOf } from '../domain/api/define'
import { ApiCallError, call, newRequestId } from './api'

const KEY = 'party.outbox'

export interface PendingWrite<N extends ActionName = ActionName> {
  requestId: string
  action: N
  input: InputOf<Actions[N]>
  /** What the person sees in the pending list, e.g. 「支部党员大会」签到. */
  label: string
  queuedAt: number
  /** The last attempt's network failure, if any (it will be retried). */
  lastTriedAt: number | null
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

export function pendingWrites(): PendingWrite[] {
  return read().pending
}

export function enqueue<N extends ActionName>(
  action: N,
  input: InputOf<Actions[N]>,
  label: string,
  requestId: string = newRequestId(),
): PendingWrite<N> {
  const state = read()
  const entry: PendingWrite<N> = { requestId, action, input, label, queuedAt: Date.now(), lastTriedAt: null }
  if (!state.pending.some((p) => p.requestId === requestId)) {
    write({ ...state, pending: [...state.pending, entry as unknown as PendingWrite] })
  }
  return entry
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
  for (const entry of read().pending) {
    try {
      await call(entry.action, entry.input as never, { requestId: entry.requestId })
      sent += 1
      const s = read()
      write({ ...s, pending: s.pending.filter((p) => p.requestId !== entry.requestId) })
    } catch (err) {
      const s = read()
      if (err instanceof ApiCallError && err.code === 'NETWORK') {
        write({
          ...s,
          pending: s.pending.map((p) => (p.requestId === entry.requestId ? { ...p, lastTriedAt: Date.now() } : p)),
        })
        break
      }
      refused += 1
      const message = err instanceof Error ? err.message : '服务器没有接受这条记录。'
      write({
        pending: s.pending.filter((p) => p.requestId !== entry.requestId),
        refused: [
          ...s.refused,
          { requestId: entry.requestId, action: entry.action, label: entry.label, message, at: Date.now() },
        ],
      })
    }
  }
  return { sent, refused, stillPending: read().pending.length }
}

let started = false

/** Flushes now, when the network comes back, and whenever the app is shown. Safe to call often. */
export function startOutbox(): void {
  if (started) return
  started = true
  const flush = () => {
    if (read().pending.length > 0) void flushOutbox()
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
