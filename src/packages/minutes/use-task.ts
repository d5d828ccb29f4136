/** One button's work on a minutes page: which task is running, and the Chinese problem when it failed. */
import { useState } from 'react'
import { errorMessage } from '../../services/api'

export function useTask() {
  const [busy, setBusy] = useState('')
  const [problem, setProblem] = useState('')
  /** Runs `fn` as task `what` (one at a time per page part); a failure becomes `problem`. */
  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what)
    setProblem('')
    try {
      await fn()
    } catch (err) {
      setProblem(errorMessage(err))
    } finally {
      setBusy('')
    }
  }
  return { busy, problem, run }
}
