/**
 * The 流动党员 forms' checks, with the very schemas the server validates with (catalog-mobile.ts),
 * so a check-in written offline is checked the same way before it waits in the outbox.
 */
import {
  checkinInput,
  makeupNoteField,
  mobileCheckIn,
  mobileReportSubmit,
  mobileUpdateProfile,
  reportInput,
} from '../../domain/api/catalog-mobile'
import type { InputOf } from '../../domain/api/define'
import { describeIssues, type FieldProblem } from '../../domain/errors'

export type CheckinInput = InputOf<typeof mobileCheckIn>
export type ReportInput = InputOf<typeof mobileReportSubmit>
export type ProfileInput = InputOf<typeof mobileUpdateProfile>

export interface FormCheck {
  ok: boolean
  fields: FieldProblem[]
  summary: string
}

/** A schema's verdict as the form shows it; `field` names the one field a single-value schema checked. */
function check(
  result: {
    success: boolean
    error?: { issues: { path: PropertyKey[]; message: string }[] }
  },
  field?: string,
): FormCheck {
  if (result.success) return { ok: true, fields: [], summary: '' }
  const issues = result.error!.issues
  const { fields, summary } = describeIssues(field ? issues.map((i) => ({ ...i, path: [field] })) : issues)
  return { ok: false, fields, summary }
}

export const checkCheckin = (input: CheckinInput): FormCheck => check(checkinInput.safeParse(input))
export const checkReport = (input: ReportInput): FormCheck => check(reportInput.safeParse(input))
export const checkProfile = (input: ProfileInput): FormCheck => check(mobileUpdateProfile.input.safeParse(input))
export const checkMakeupNote = (note: string): FormCheck => check(makeupNoteField.safeParse(note), 'note')

/**
 * The city from a place the device chose (WeChat's chooseLocation gives a full address): the part up
 * to and including the first 市 (or 州/盟/地区), after any 省/自治区. Only this is kept, never the coordinates.
 */
export function cityOf(address: string): string {
  const m = /^(.*?(?:省|自治区))?(.*?(?:市|自治州|州|盟|地区))/.exec(address.trim())
  if (!m) return address.trim().slice(0, 30)
  return `${m[1] ?? ''}${m[2]}`.slice(0, 30)
}
