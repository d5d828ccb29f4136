/**
 * Taro's host components as plain DOM for jsdom (UI tests only). Event shapes follow Taro's:
 * `onInput` and `onChange` hand `{ detail: { value } }` to the page.
 */
import { createElement, type ReactNode } from 'react'

type Props = Record<string, unknown> & { children?: ReactNode }

function passThrough(tag: string) {
  return function Host({ children, className, ...rest }: Props) {
    const dom: Record<string, unknown> = { className }
    for (const [k, v] of Object.entries(rest)) if (k === 'id' || k === 'onClick' || k.startsWith('data-')) dom[k] = v
    return createElement(tag, dom, children)
  }
}

export const View = passThrough('div')
export const Text = passThrough('span')
export const ScrollView = passThrough('div')
export const Image = passThrough('img')

function field(tag: 'input' | 'textarea') {
  return function Field({ value, placeholder, maxlength, onInput, id, className }: Props) {
    return createElement(tag, {
      id,
      className,
      value: (value as string) ?? '',
      placeholder,
      maxLength: maxlength,
      onChange: (e: { target: { value: string } }) =>
        (onInput as ((ev: unknown) => void) | undefined)?.({ detail: { value: e.target.value } }),
    })
  }
}

export const Input = field('input')
export const Textarea = field('textarea')

/** A switch is a checkbox; a change hands `{ detail: { value: checked } }` to the page. */
export function Switch({ id, checked, onChange }: Props) {
  return createElement('input', {
    id,
    type: 'checkbox',
    checked: Boolean(checked),
    onChange: (e: { target: { checked: boolean } }) =>
      (onChange as ((ev: unknown) => void) | undefined)?.({ detail: { value: e.target.checked } }),
  })
}

/** A picker is a tap target around its child; tests set its value through `data-testid` inputs. */
export function Picker({ children, value, onChange, mode }: Props) {
  return createElement(
    'div',
    { 'data-picker': mode },
    children,
    createElement('input', {
      'data-testid': `picker-${String(mode)}`,
      value: (value as string) ?? '',
      onChange: (e: { target: { value: string } }) =>
        (onChange as ((ev: unknown) => void) | undefined)?.({ detail: { value: e.target.value } }),
    }),
  )
}

/**
 * A tap on a button with `openType="agreePrivacyAuthorization"` is, in WeChat, the person agreeing:
 * it fires `onAgreePrivacyAuthorization` as well.
 */
export function Button({ children, onClick, id, disabled, openType, onAgreePrivacyAuthorization }: Props) {
  const tap = (e: unknown) => {
    ;(onClick as ((ev: unknown) => void) | undefined)?.(e)
    if (openType === 'agreePrivacyAuthorization') (onAgreePrivacyAuthorization as (() => void) | undefined)?.()
  }
  return createElement('button', { id, onClick: tap, disabled, 'data-open-type': openType }, children)
}
