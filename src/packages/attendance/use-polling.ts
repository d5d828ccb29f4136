/** Runs `tick` every `ms` while the page is shown; stops when it hides (no polling in the background). */
import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'

export function usePolling(tick: () => void, ms: number): void {
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)
  const latest = useRef(tick)
  latest.current = tick
  const start = () => {
    if (timer.current === null) timer.current = setInterval(() => latest.current(), ms)
  }
  const stop = () => {
    if (timer.current !== null) clearInterval(timer.current)
    timer.current = null
  }
  useEffect(() => {
    start()
    return stop
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ms])
  useDidShow(start)
  useDidHide(stop)
}
