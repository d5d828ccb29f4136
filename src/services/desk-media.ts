/**
 * Whether the browser build is at a desk: a window 1024 px wide or wider shows the desk layout
 * (side navigation, bounded content, tables). The WeChat build is never at a desk, whatever the
 * device's width, so its pages render exactly as on a phone.
 */
import { useEffect, useState } from 'react'

/** The media query of the desk layout; the stylesheets' `desk` mixin (src/styles/desk.scss) uses the same width. */
export const DESK_MEDIA = '(min-width: 1024px)'

function deskNow(): boolean {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || !window.matchMedia) return false
  return window.matchMedia(DESK_MEDIA).matches
}

/**
 * True while the browser window is desk-wide (`DESK_MEDIA`), re-rendering the caller when the window
 * crosses that width; always false in the WeChat build.
 */
export function useDeskLayout(): boolean {
  const [desk, setDesk] = useState(deskNow)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || !window.matchMedia) return
    const media = window.matchMedia(DESK_MEDIA)
    const changed = () => setDesk(media.matches)
    media.addEventListener('change', changed)
    changed()
    return () => media.removeEventListener('change', changed)
  }, [])
  return desk
}
