/**
 * The minutes draft on the device: every keystroke is kept in local storage at once, and synced to
 * the server when the network allows (a little after typing stops, on the 保存 button, on reopening
 * the page and every few seconds while offline). A save carries the version it was based on; when
 * someone else saved in between, the server refuses and both versions are offered to choose from —
 * what was typed here stays on the device until a choice is made.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { MinutesView } from '../../domain/api/views-minutes'
import type { MinutesContent } from '../../domain/minutes'
import { asCallError, call, newRequestId, type ApiCallError } from '../../services/api'
import { clearDraft, loadDraft, saveDraft } from '../../services/draft-store'

export interface LocalMinutesDraft {
  content: MinutesContent
  /** The server version this draft was based on (0: none yet). */
  baseVersion: number
  /** Changed on this device since the last successful save. */
  dirty: boolean
  editedAt: number
}

export type SyncState =
  | { kind: 'loading' }
  | { kind: 'synced'; at: number }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'offline' }
  | { kind: 'conflict'; theirs: MinutesView; message: string }
  | { kind: 'locked'; message: string }
  | { kind: 'error'; message: string }

const SYNC_DELAY_MS = 1500
const RETRY_MS = 5000

export const draftKey = (meetingId: string) => `minutes.${meetingId}`

export function useMinutesDraft(meetingId: string) {
  const key = draftKey(meetingId)
  const [view, setView] = useState<MinutesView | null>(null)
  const [draft, setDraftState] = useState<LocalMinutesDraft | null>(() => loadDraft<LocalMinutesDraft>(key))
  const [sync, setSync] = useState<SyncState>({ kind: 'loading' })
  const [loadError, setLoadError] = useState<ApiCallError | null>(null)
  const latest = useRef<LocalMinutesDraft | null>(draft)
  const saving = useRef(false)
  const alive = useRef(true)

  const store = useCallback(
    (next: LocalMinutesDraft) => {
      latest.current = next
      saveDraft(key, next)
      setDraftState(next)
    },
    [key],
  )

  const push = useCallback(async (): Promise<MinutesView | null> => {
    const d = latest.current
    if (!d || !d.dirty || saving.current) return null
    saving.current = true
    if (alive.current) setSync({ kind: 'saving' })
    try {
      const saved = await call(
        'minutes.saveDraft',
        { meetingId, version: d.baseVersion, content: d.content },
        { requestId: newRequestId() },
      )
      if (!alive.current) return saved
      // What was typed while the save was on its way stays dirty.
      const now = latest.current!
      store({ ...now, baseVersion: saved.version, dirty: now.editedAt !== d.editedAt })
      setView(saved)
      setSync(now.editedAt !== d.editedAt ? { kind: 'pending' } : { kind: 'synced', at: saved.updatedAt ?? Date.now() })
      return saved
    } catch (err) {
      const e = asCallError(err)
      if (!alive.current) return null
      if (e.code === 'NETWORK') setSync({ kind: 'offline' })
      else if (e.code === 'CONFLICT') {
        try {
          const theirs = await call('minutes.get', { meetingId })
          setView(theirs)
          if (theirs.status === 'final') setSync({ kind: 'locked', message: e.message })
          else setSync({ kind: 'conflict', theirs, message: e.message })
        } catch {
          setSync({ kind: 'offline' })
        }
      } else setSync({ kind: 'error', message: e.message })
      return null
    } finally {
      saving.current = false
    }
  }, [meetingId, store])

  // Open: the server's copy, unless this device holds unsynced changes (then sync those).
  useEffect(() => {
    alive.current = true
    let cancelled = false
    call('minutes.get', { meetingId }).then(
      (v) => {
        if (cancelled) return
        setView(v)
        setLoadError(null)
        const local = latest.current
        if (v.status === 'final') {
          if (local) clearDraft(key)
          latest.current = null
          setDraftState(null)
          setSync(
            local?.dirty
              ? { kind: 'locked', message: '会议记录已经定稿锁定，本机未同步的修改未能保存。' }
              : { kind: 'synced', at: Date.now() },
          )
          return
        }
        if (local?.dirty) {
          setSync({ kind: 'pending' })
          void push()
        } else if (v.content) {
          store({ content: v.content, baseVersion: v.version, dirty: false, editedAt: 0 })
          setSync({ kind: 'synced', at: v.updatedAt ?? Date.now() })
        }
      },
      (err: unknown) => {
        if (cancelled) return
        const e = asCallError(err)
        if (latest.current && e.code === 'NETWORK') setSync({ kind: 'offline' })
        else setLoadError(e)
      },
    )
    return () => {
      cancelled = true
      alive.current = false
    }
  }, [meetingId, key, push, store])

  // While offline or pending, keep trying.
  useEffect(() => {
    if (sync.kind !== 'offline' && sync.kind !== 'pending') return undefined
    const t = setTimeout(() => void push(), sync.kind === 'offline' ? RETRY_MS : SYNC_DELAY_MS)
    return () => clearTimeout(t)
  }, [sync, push])

  const edit = useCallback(
    (change: (c: MinutesContent) => MinutesContent) => {
      const base = latest.current
      if (!base) return
      store({ ...base, content: change(base.content), dirty: true, editedAt: Date.now() })
      setSync((s) => (s.kind === 'conflict' || s.kind === 'saving' ? s : { kind: 'pending' }))
    },
    [store],
  )

  /** Conflict: keep mine (saved on top of theirs) or take theirs (mine is kept aside on the device). */
  const resolve = useCallback(
    async (choice: 'mine' | 'theirs') => {
      if (sync.kind !== 'conflict' || !latest.current) return
      const theirs = sync.theirs
      if (choice === 'mine') {
        store({ ...latest.current, baseVersion: theirs.version, dirty: true, editedAt: Date.now() })
        await push()
      } else {
        saveDraft(`${key}.set-aside`, latest.current)
        store({ content: theirs.content!, baseVersion: theirs.version, dirty: false, editedAt: 0 })
        setSync({ kind: 'synced', at: Date.now() })
      }
    },
    [sync, key, push, store],
  )

  return { view, setView, draft, sync, loadError, edit, push, resolve }
}
