/**
 * The member form's state and its check against the declarations of `roster.create` and
 * `roster.update`, the same schemas the server validates with.
 */
import { rosterCreate, rosterUpdate } from '../../domain/api/catalog'
import type { InputOf } from '../../domain/api/define'
import type { MemberDetail } from '../../domain/api/views'
import { describeIssues, type FieldProblem } from '../../domain/errors'
import type { BranchRole, MemberCategory, MemberStatus } from '../../domain/org'

export interface MemberForm {
  name: string
  gender: 'male' | 'female'
  phone: string
  category: MemberCategory
  joinedAt: string
  confirmedAt: string | null
  roles: BranchRole[]
  groupId: string | null
  status: MemberStatus
  reason: string
}

export function blankForm(): MemberForm {
  return {
    name: '',
    gender: 'male',
    phone: '',
    category: 'full',
    joinedAt: '',
    confirmedAt: null,
    roles: ['member'],
    groupId: null,
    status: 'normal',
    reason: '',
  }
}

export function formOf(m: MemberDetail): MemberForm {
  return {
    name: m.name,
    gender: m.gender,
    phone: m.phone,
    category: m.category,
    joinedAt: m.joinedAt,
    confirmedAt: m.confirmedAt,
    roles: m.roles.filter((r): r is BranchRole => r !== 'supervisor'),
    groupId: m.group?.id ?? null,
    status: m.status,
    reason: '',
  }
}

function fields(form: MemberForm) {
  return {
    name: form.name,
    gender: form.gender,
    phone: form.phone,
    category: form.category,
    joinedAt: form.joinedAt,
    confirmedAt: form.confirmedAt || null,
    roles: form.roles,
    groupId: form.groupId,
    status: form.status,
  }
}

export function createInput(form: MemberForm): InputOf<typeof rosterCreate> {
  return fields(form)
}

export function updateInput(form: MemberForm, memberId: string, version: number): InputOf<typeof rosterUpdate> {
  return { memberId, version, reason: form.reason.trim() || null, ...fields(form) }
}

export function checkMember(
  input: InputOf<typeof rosterCreate> | InputOf<typeof rosterUpdate>,
): { fields: FieldProblem[]; summary: string } | null {
  const schema = 'memberId' in input ? rosterUpdate.input : rosterCreate.input
  const parsed = schema.safeParse(input)
  if (parsed.success) return null
  return describeIssues(parsed.error.issues)
}
