/**
 * Writes for pages: one hook holds what every form repeated around `call(...)` — the busy flag that
 * stops a double tap, the failure as the Chinese message to show (with the server's field problems),
 * the request id, and the outbox for actions that may wait for the network.
 *
 * The request id is made once per submission and kept while the outcome is unknown (no network, no
 * valid answer): pressing the button again with the same input is a retry of the same write, so a
 * reply lost on the way back can never make a second record. Different input, a success or a refusal
 * starts a new submission with a new id. With `draftKey`, the unsettled attempt is kept in device
 * storage with the form's draft, so a retry after the app was closed is still the same write.
 */
import { useCallback, useRef, useState } from 'react'
import type { ActionName, Actions } from '../domain/api/catalog'
import type { InputOf, OutputOf } from '../domain/api/define'
import type { FieldProblem } from '../domain/errors'
import { ApiCallError, asCallError, call, newRequestId } from './api'
import { clearDraft, loadDraft, saveDraft } from './draft-store'
import { uploadFile } from './file-upload'
import { enqueue, type PendingUpload } from './outbox'

/** What became of one `run`. */
export type WriteOutcome<T> =
  | { status: 'done'; data: T }
  /** No network: the write waits in the outbox (only for actions given `outbox`). */
  | { status: 'queued'; requestId: string }
  | { status: 'failed'; error: ApiCallError }
  /** A submission was already on its way: this tap did nothing. */
  | { status: 'busy' }

export interface WriteOptions<N extends ActionName> {
  /**
   * Queue the write in the outbox when the network is down; returns the label the pending list shows
   * (e.g. 「在深圳市的报到」). Without it, a network failure is an error the person retries.
   */
  outbox?: (input: InputOf<Actions[N]>) => string
  /**
   * What makes two submissions the same write; the input itself by default. Give the part that
   * stays the same on a retry when the input carries a time taken at the tap.
   */
  identity?: (input: InputOf<Actions[N]>) => unknown
  /** Keep the unsettled attempt in device storage under this key (see draft-store.ts). */
  draftKey?: string
}

export interface WriteState<N extends ActionName> {
  /** True while a submission is on its way. */
  busy: boolean
  /** The last failure (a refusal, a network failure or a check the page made), or null. */
  error: ApiCallError | null
  /** The last failure's Chinese message, or '' when there is none. */
  message: string
  /** The message of one input field (with `nested`, of its parts too: `agenda` covers `agenda.0`). */
  problem(field: string, nested?: boolean): string | undefined
  /**
   * Sends `input` with `uploads` first (each file uploaded and its id put into its field). Never
   * throws: the outcome says what happened, and `error`/`message` show a failure.
   */
  run(input: InputOf<Actions[N]>, uploads?: PendingUpload[]): Promise<WriteOutcome<OutputOf<Actions[N]>>>
  /** Shows a failure the page found itself (a local check): `summary` and per-field problems. */
  fail(summary: string, fields?: FieldProblem[]): void
  /** Clears the shown failure. */
  clear(): void
}

interface Attempt {
  identity: string
  requestId: string
}

const ATTEMPT_SUFFIX = '.attempt'

/** Whether the server may or may not have the write: the same id must be used again. */
function unsettled(err: ApiCallError): boolean {
  return err.code === 'NETWORK' || err.code === 'INTERNAL'
}

/**
 * A write of `action` for a page (see the module comment).
 *
 * @param action the declared action, e.g. 'leave.request'.
 * @param options outbox, identity and draft key (all optional).
 * @returns the state to render and `run` to send.
 */
export function useWrite<N extends ActionName>(action: N, options: WriteOptions<N> = {}): WriteState<N> {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiCallError | null>(null)
  // A ref as well as the state: two taps in one frame both see the state before the first re-render.
  const running = useRef(false)
  const { draftKey } = options
  const attempt = useRef<Attempt | null>(draftKey ? loadDraft<Attempt>(draftKey + ATTEMPT_SUFFIX) : null)
  const opts = useRef(options)
  opts.current = options

  const remember = useCallback(
    (next: Attempt | null) => {
      attempt.current = next
      if (!draftKey) return
      if (next) saveDraft(draftKey + ATTEMPT_SUFFIX, next)
      else clearDraft(draftKey + ATTEMPT_SUFFIX)
    },
    [draftKey],
  )

  const run = useCallback(
    async (input: InputOf<Actions[N]>, uploads: PendingUpload[] = []): Promise<WriteOutcome<OutputOf<Actions[N]>>> => {
      if (running.current) return { status: 'busy' }
      running.current = true
      setBusy(true)
      setError(null)
      const identity = JSON.stringify(opts.current.identity ? opts.current.identity(input) : input)
      const previous = attempt.current
      const requestId = previous && previous.identity === identity ? previous.requestId : newRequestId()
      remember({ identity, requestId })
      let sending = input
      // Files still to upload when the network fails before they are in storage.
      let waiting = uploads
      try {
        for (const u of uploads) {
          const fileId = await uploadFile(u.cloudPath, u.filePath)
          sending = { ...(sending as object), [u.field]: fileId } as InputOf<Actions[N]>
          waiting = waiting.filter((w) => w !== u)
        }
        const data = await call(action, sending, { requestId })
        remember(null)
        return { status: 'done', data }
      } catch (err) {
        const e = asCallError(err)
        const label = opts.current.outbox
        if (e.code === 'NETWORK' && label) {
          // Into the outbox with the same id: sent when the network returns, recorded once.
          enqueue(action, sending, label(input), requestId, waiting)
          remember(null)
          return { status: 'queued', requestId }
        }
        if (!unsettled(e)) remember(null)
        setError(e)
        return { status: 'failed', error: e }
      } finally {
        running.current = false
        setBusy(false)
      }
    },
    [action, remember],
  )

  const fail = useCallback((summary: string, fields: FieldProblem[] = []) => {
    setError(new ApiCallError('VALIDATION_FAILED', summary, fields))
  }, [])
  const clear = useCallback(() => setError(null), [])
  const problem = (field: string, nested = false) =>
    error?.fields.find((f) => f.field === field || (nested && f.field.startsWith(`${field}.`)))?.message

  return { busy, error, message: error?.message ?? '', problem, run, fail, clear }
}
