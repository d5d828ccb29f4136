/** The message under a form field: what is wrong with it and how to fix it. */
import { Text } from '@tarojs/components'
import type { FieldProblem } from '../domain/errors'

/** The problem of field `name`; with `nested`, also of its parts (`agenda` covers `agenda.0`). */
export function problemFor(problems: readonly FieldProblem[], name: string, nested = false): string | undefined {
  return problems.find((p) => p.field === name || (nested && p.field.startsWith(`${name}.`)))?.message
}

export function FieldMessage({ message, className }: { message?: string; className: string }) {
  return message ? <Text className={className}>{message}</Text> : null
}
