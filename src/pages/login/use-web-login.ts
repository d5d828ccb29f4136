/**
 * 扫码登录 for the login page: starts a ticket bound to this browser's secret, shows its QR, and
 * polls until the phone confirms (then the session is saved and 首页 opens), the ticket expires, or
 * the page is hidden (polling resumes when it is shown again).
 */
import { useDidHide, useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { asCallError, call } from '../../services/api'
import {
  canMakeBrowserKey,
  clearPendingLogin,
  newBrowserKey,
  readPendingLogin,
  savePendingLogin,
  thisBrowser,
  type PendingLogin,
  clearEndedSession,
} from '../../services/browser-login'
import { afterLogin } from '../../services/pending-invite'
import { saveSession } from '../../services/session'
import { WEB_LOGIN_RULES } from '../../domain/web-login'

/** How often the browser asks whether the phone has confirmed, ms. */
export const POLL_INTERVAL_MS = 2_000
/** How long past the ticket's end the browser still asks once (a confirmation made at the last second). */
const GRACE_MS = 3_000

export type WebLoginState =
  | { step: 'starting' }
  /** The QR is up until the ticket's end. */
  | { step: 'waiting'; pending: PendingLogin }
  | { step: 'expired' }
  /** The phone confirmed: the session is saved and 首页 is opening. */
  | { step: 'confirmed'; memberName: string }
  /** The ticket could not be made or collected: `message` says what to do. */
  | { step: 'failed'; message: string }
  /** This page is not https, so it cannot make the browser's secret. */
  | { step: 'unsupported' }

/**
 * The ticket being made, shared by every mount of the login page: a burst of refused calls (首页's
 * reads without a session) relaunches the login page several times, and each mount must show the
 * same QR, not a ticket of its own.
 */
let making: Promise<PendingLogin> | null = null

/**
 * A new ticket for this browser (or the one already being made), kept in this tab.
 *
 * @returns the ticket with its secret and QR, its end counted on this device's clock.
 * @throws ApiCallError when the server refuses or cannot be reached.
 */
function makeTicket(): Promise<PendingLogin> {
  making ??= (async () => {
    const { browserKey, browserKeyHash } = await newBrowserKey()
    const ticket = await call('webLogin.start', { browserKeyHash, browser: thisBrowser() })
    const next: PendingLogin = {
      ticketId: ticket.ticketId,
      browserKey,
      qrImage: ticket.qrImage,
      // Counted on this device's clock from now, so a device clock set wrong does not end the QR
      // early or late; the server's own expiresAt decides what a poll answers.
      expiresAt: Date.now() + WEB_LOGIN_RULES.ticketLifeMs,
    }
    savePendingLogin(next)
    return next
  })().finally(() => {
    making = null
  })
  return making
}

/**
 * The seconds left until `expiresAt` (ms, device clock), counted down once a second while `expiresAt`
 * is given; 0 once it has passed.
 */
export function useSecondsLeft(expiresAt: number | null): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (expiresAt === null) return undefined
    setNow(Date.now())
    const every = setInterval(() => {
      const t = Date.now()
      setNow(t)
      if (t >= expiresAt) clearInterval(every)
    }, 1_000)
    return () => clearInterval(every)
  }, [expiresAt])
  return expiresAt === null ? 0 : Math.max(0, Math.ceil((expiresAt - now) / 1000))
}

/**
 * The login page's scan flow.
 *
 * @returns the state to render, and `refresh` for a new QR (after expiry or a failure).
 */
export function useWebLogin(): { state: WebLoginState; refresh(): void } {
  const [state, setState] = useState<WebLoginState>({ step: 'starting' })
  const pending = useRef<PendingLogin | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const shown = useRef(true)
  // Bumped by every new ticket and on unmount: a late answer about an older ticket is dropped.
  const generation = useRef(0)

  const stop = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }, [])

  const tick = useCallback(async (gen: number) => {
    timer.current = null
    const p = pending.current
    if (!p || gen !== generation.current || !shown.current) return
    if (Date.now() > p.expiresAt + GRACE_MS) {
      clearPendingLogin()
      pending.current = null
      setState({ step: 'expired' })
      return
    }
    setState((s) => (s.step === 'waiting' && s.pending === p ? s : { step: 'waiting', pending: p }))
    try {
      const answer = await call('webLogin.poll', { ticketId: p.ticketId, browserKey: p.browserKey })
      if (gen !== generation.current) return
      if (answer.state === 'confirmed') {
        saveSession(answer.session)
        clearEndedSession()
        clearPendingLogin()
        pending.current = null
        setState({ step: 'confirmed', memberName: answer.memberName })
        await afterLogin('relaunch')
        return
      }
      if (answer.state === 'expired') {
        clearPendingLogin()
        pending.current = null
        setState({ step: 'expired' })
        return
      }
    } catch (err) {
      if (gen !== generation.current) return
      const e = asCallError(err)
      // A lost network is passing: ask again. Any refusal ends this ticket with its message.
      if (e.code !== 'NETWORK') {
        clearPendingLogin()
        pending.current = null
        setState({ step: 'failed', message: e.message })
        return
      }
    }
    if (gen === generation.current && shown.current && !timer.current) {
      timer.current = setTimeout(() => void tick(gen), POLL_INTERVAL_MS)
    }
  }, [])

  const refresh = useCallback(async () => {
    stop()
    const gen = ++generation.current
    pending.current = null
    clearPendingLogin()
    if (!canMakeBrowserKey()) {
      setState({ step: 'unsupported' })
      return
    }
    setState({ step: 'starting' })
    try {
      const next = await makeTicket()
      if (gen !== generation.current) return
      pending.current = next
      void tick(gen)
    } catch (err) {
      if (gen !== generation.current) return
      setState({ step: 'failed', message: asCallError(err).message })
    }
  }, [stop, tick])

  useEffect(() => {
    // A reload of this tab keeps waiting for the same ticket: the phone may have confirmed meanwhile.
    const kept = readPendingLogin()
    if (kept) {
      const gen = ++generation.current
      pending.current = kept
      void tick(gen)
    } else {
      void refresh()
    }
    return () => {
      generation.current += 1
      stop()
    }
  }, [refresh, stop, tick])

  useDidHide(() => {
    shown.current = false
    stop()
  })
  useDidShow(() => {
    if (shown.current) return
    shown.current = true
    if (pending.current) void tick(generation.current)
  })

  return { state, refresh: () => void refresh() }
}
