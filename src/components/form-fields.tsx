/**
 * The blocks every form is made of: a labelled field with its problem under it (text, long text,
 * date/time picker), and the foot with the form's message above its one primary button. Each keeps
 * the markup and class names the forms had (`form-field`, `form-field__label`, `form-field__input`,
 * `form-problem`, `form-error`, `actions`), so styles and tests find the same elements.
 */
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import type { CSSProperties, ReactNode } from 'react'
import { useDeskLayout } from '../services/desk-media'
import { DeskDateInput } from './desk-date-input'
import { FieldMessage } from './field-message'
import { Button } from './nut'

export interface FieldProps {
  /** The block's id, e.g. `field-title` (tests and scrolling find the field by it). */
  id?: string
  /** What the field is, in Chinese: 会议主题, 手机号后四位. */
  label: ReactNode
  /** The field's problem (from the page's check or the server), shown under it in red. */
  problem?: string
  /** Classes for the problem line besides `form-problem`. */
  problemClassName?: string
  /** Beside the label (a 删除 link), in a row of class `headClassName`. */
  aside?: ReactNode
  headClassName?: string
  /** Classes for the block besides `form-field`. */
  className?: string
  children?: ReactNode
}

/** A labelled block: the label, what `children` put in, and the problem under it. */
export function Field(props: FieldProps) {
  const { id, label, problem, problemClassName, aside, headClassName, className, children } = props
  const title = <Text className="form-field__label">{label}</Text>
  return (
    <View className={className ? `form-field ${className}` : 'form-field'} id={id}>
      {aside ? (
        <View className={headClassName}>
          {title}
          {aside}
        </View>
      ) : (
        title
      )}
      {children}
      <FieldMessage
        className={problemClassName ? `form-problem ${problemClassName}` : 'form-problem'}
        message={problem}
      />
    </View>
  )
}

interface TypedProps extends Omit<FieldProps, 'children'> {
  value: string
  /** Called with the new text on every keystroke. */
  onInput: (value: string) => void
  /** The most characters it takes (WeChat's default, 140, when not given). */
  maxlength?: number
  placeholder?: string
  /** The input element's own id, when tests or labels need it. */
  inputId?: string
  /** The input's classes; `form-field__input` by default. */
  inputClassName?: string
  /** Shown after the input, before the problem (a link that fills it, a location fix). */
  extra?: ReactNode
}

/** A bare one-line input that reports its text (a search box, a code typed by hand). */
export function TextInput(props: {
  id?: string
  className: string
  value: string
  onInput: (value: string) => void
  placeholder?: string
  maxlength?: number
  type?: 'text' | 'number'
}) {
  const { onInput, ...rest } = props
  return <Input {...rest} onInput={(e) => onInput(e.detail.value)} />
}

/** One line of text (or digits with `type="number"`), labelled, with its problem. */
export function TextField(props: TypedProps & { type?: 'text' | 'number' }) {
  const { value, onInput, maxlength, placeholder, inputId, inputClassName, type, extra, ...field } = props
  return (
    <Field {...field}>
      <TextInput
        id={inputId}
        className={inputClassName ?? 'form-field__input'}
        type={type}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={onInput}
      />
      {extra}
    </Field>
  )
}

/** Several lines of text, labelled, with its problem. */
export function TextAreaField(props: TypedProps & { autoHeight?: boolean; style?: CSSProperties }) {
  const { value, onInput, maxlength, placeholder, inputId, inputClassName, autoHeight, style, extra, ...field } = props
  return (
    <Field {...field}>
      <Textarea
        id={inputId}
        className={inputClassName ?? 'form-field__input'}
        style={style}
        value={value}
        maxlength={maxlength}
        autoHeight={autoHeight}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
      {extra}
    </Field>
  )
}

/**
 * A date (`YYYY-MM-DD`) or time (`HH:mm`) without a label: WeChat's picker around `children` (what
 * it shows), opening at `start` (the value by default); at a desk in the browser the browser's own
 * date or time input instead (typed, wheeled), with the input's id `id` and classes `className`.
 * `onChange` gets the same text either way.
 */
export function DateTimePick(props: {
  mode: 'date' | 'time'
  value: string
  onChange: (value: string) => void
  start?: string
  /** The picker's classes on a phone; the input's classes at a desk. */
  className?: string
  /** The native input's id at a desk (a phone's picker shows `children`, which carry their own id). */
  id?: string
  label?: string
  children: ReactNode
}) {
  const { mode, value, onChange, start, className, id, label, children } = props
  const desk = useDeskLayout()
  if (desk)
    return <DeskDateInput mode={mode} value={value} onChange={onChange} id={id} className={className} label={label} />
  return (
    <Picker className={className} mode={mode} value={start ?? value} onChange={(e) => onChange(String(e.detail.value))}>
      {children}
    </Picker>
  )
}

/**
 * A date (`YYYY-MM-DD`) or time (`HH:mm`) chosen with WeChat's picker: the labelled block shows
 * `shown` (the value by default) and opens the picker at `start` (the value by default). At a desk
 * in the browser the block holds the browser's own date or time input (typed, wheeled) instead.
 */
export function PickerField(
  props: Omit<FieldProps, 'children'> & {
    mode: 'date' | 'time'
    value: string
    onChange: (value: string) => void
    shown?: string
    start?: string
    /** The picker's classes (it wraps the block). */
    className?: string
  },
) {
  const { mode, value, onChange, shown, start, className, ...field } = props
  const desk = useDeskLayout()
  if (desk)
    return (
      <View className={className}>
        <Field {...field}>
          <DeskDateInput
            mode={mode}
            value={value}
            onChange={onChange}
            id={field.id ? `${field.id}-input` : undefined}
            className="form-field__input"
            label={typeof field.label === 'string' ? field.label : undefined}
          />
        </Field>
      </View>
    )
  return (
    <Picker className={className} mode={mode} value={start ?? value} onChange={(e) => onChange(String(e.detail.value))}>
      <Field {...field}>
        <Text className="form-field__input">{shown ?? value}</Text>
      </Field>
    </Picker>
  )
}

/**
 * The foot of a form: its message in red (if any) above its one primary button, and after the
 * button whatever `children` add (清空重填, 重新载入).
 */
export function SubmitBar(props: {
  message: string
  /** The message's id; `form-error` by default. */
  messageId?: string
  buttonId: string
  label: string
  busy: boolean
  onSubmit: () => void
  /** The button row's classes; `actions` by default. */
  className?: string
  children?: ReactNode
}) {
  return (
    <>
      {props.message && (
        <Text className="form-error" id={props.messageId ?? 'form-error'}>
          {props.message}
        </Text>
      )}
      <View className={props.className ?? 'actions'}>
        <Button
          type="primary"
          block
          loading={props.busy}
          id={props.buttonId}
          className="form-submit"
          onClick={props.onSubmit}
        >
          {props.label}
        </Button>
        {props.children}
      </View>
    </>
  )
}
