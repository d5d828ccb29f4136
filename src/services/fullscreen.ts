/**
 * Full screen for a projector, browser build only (the Fullscreen API); the WeChat build has no
 * such mode, so `fullscreenAvailable` is false there and pages hide their 全屏 button.
 */
import { useEffect, useState } from 'react'

/** Whether this build and browser can show an element full screen. */
export const fullscreenAvailable: boolean =
  process.env.TARO_ENV === 'h5' && typeof document !== 'undefined' && Boolean(document.fullscreenEnabled)

/**
 * Shows the element with this id full screen (Esc, or `leaveFullscreen`, leaves).
 * Resolves when shown; rejects when the browser refuses (no user gesture, not allowed).
 */
export function enterFullscreen(id: string): Promise<void> {
  const el = document.getElementById(id)
  if (!fullscreenAvailable || !el) return Promise.reject(new Error('全屏不可用'))
  return el.requestFullscreen()
}

/** Leaves full screen, if anything is shown full screen. */
export function leaveFullscreen(): Promise<void> {
  return fullscreenAvailable && document.fullscreenElement ? document.exitFullscreen() : Promise.resolve()
}

/** True while any element is shown full screen; follows Esc and the browser's own controls. */
export function useFullscreen(): boolean {
  const [on, setOn] = useState(false)
  useEffect(() => {
    if (!fullscreenAvailable) return
    const changed = () => setOn(Boolean(document.fullscreenElement))
    document.addEventListener('fullscreenchange', changed)
    return () => document.removeEventListener('fullscreenchange', changed)
  }, [])
  return on
}
