/**
 * A date or time typed or wheeled at a desk (browser build at desk width): the browser's own
 * `<input type="date">` / `<input type="time">`, giving the same text WeChat's picker gives
 * (`YYYY-MM-DD`, `HH:mm`). Forms render it through `PickerField` / `DateTimePick`
 * (form-fields.tsx) only when `useDeskLayout()` is true, so the WeChat build never renders it.
 */
import { useEffect, useRef } from 'react'
import './desk-date-input.scss'

/** Minutes one wheel notch moves a time; a date moves a day. */
const WHEEL_MINUTES = 5

/**
 * The input for `mode` showing `value` (empty: nothing chosen); `onChange` gets the new text when
 * the person finishes a date or time ('' when they clear it). With the input focused, the mouse
 * wheel moves a chosen value a day (date) or 5 minutes (time) per notch; the page does not scroll meanwhile.
 */
export function DeskDateInput(props: {
  mode: 'date' | 'time'
  value: string
  onChange: (value: string) => void
  id?: string
  className?: string
  /** Read by screen readers (the field's label is beside it, not a <label>). */
  label?: string
}) {
  const { mode, value, onChange, id, className, label } = props
  const ref = useRef<HTMLInputElement>(null)
  const changed = useRef(onChange)
  changed.current = onChange

  useEffect(() => {
    const input = ref.current
    if (!input) return
    // A native listener: React's wheel listener is passive and could not keep the page still.
    const wheel = (e: WheelEvent) => {
      // Only a focused input with a value: an empty one is typed first, a passing wheel scrolls the page.
      if (document.activeElement !== input || !input.value || e.deltaY === 0) return
      e.preventDefault()
      const steps = mode === 'time' ? WHEEL_MINUTES : 1
      if (e.deltaY < 0) input.stepUp(steps)
      else input.stepDown(steps)
      changed.current(input.value)
    }
    input.addEventListener('wheel', wheel, { passive: false })
    return () => input.removeEventListener('wheel', wheel)
  }, [mode])

  return (
    <input
      ref={ref}
      id={id}
      className={className ? `desk-date-input ${className}` : 'desk-date-input'}
      type={mode}
      // Whole minutes: the forms keep HH:mm, never seconds.
      step={mode === 'time' ? 60 : undefined}
      value={value}
      aria-label={label}
      onChange={(e) => onChange(e.target.value)}
    />
  )
}
