/** NutUI components as plain DOM for jsdom (UI tests only). */
import { createElement, type ReactNode } from 'react'

type Props = Record<string, unknown> & { children?: ReactNode; title?: ReactNode; extra?: ReactNode }

export function Button({ children, onClick, id, disabled, loading }: Props) {
  return createElement('button', { id, onClick, disabled: Boolean(disabled || loading) }, children)
}

export function Cell({ title, extra }: Props) {
  return createElement(
    'div',
    { className: 'cell' },
    createElement('span', null, title),
    createElement('span', null, extra),
  )
}

export function CellGroup({ title, children }: Props) {
  return createElement('section', null, title ? createElement('h3', null, title) : null, children)
}

export function Tag({ children, className, type }: Props) {
  return createElement('span', { className: ['tag', className].filter(Boolean).join(' '), 'data-type': type }, children)
}
