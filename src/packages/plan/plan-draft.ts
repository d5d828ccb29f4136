/**
 * The plan page's working copy: the items as the secretary is editing them before 保存, kept in
 * client storage (draft-store) per plan and version so a closed page or lost network loses nothing.
 */
import type { InputOf } from '../../domain/api/define'
import type { planUpdate } from '../../domain/api/catalog-planning'
import type { PlanItemView, PlanView } from '../../domain/api/views-planning'
import type { MeetingKind } from '../../domain/meeting-kinds'

export type EditableItem = InputOf<typeof planUpdate>['items'][number] & { key: string }

export interface PlanDraft {
  planId: string
  version: number
  items: EditableItem[]
}

export function draftKey(branchId: string, year: number): string {
  return `plan-draft:${branchId}:${year}`
}

export function editableItems(items: readonly PlanItemView[]): EditableItem[] {
  return items.map((i) => ({
    key: i.id,
    id: i.id,
    kind: i.kind,
    date: i.date,
    startTime: i.startTime,
    endTime: i.endTime,
    title: i.title,
    place: i.place,
    groupId: i.groupId,
  }))
}

/** Whether the working copy differs from the saved plan. */
export function isDirty(plan: PlanView, items: readonly EditableItem[]): boolean {
  return JSON.stringify(editableItems(plan.items)) !== JSON.stringify(items)
}

export function sortByDate(items: EditableItem[]): EditableItem[] {
  return [...items].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime))
}

/** The kinds a secretary may add by hand (谈心谈话 is arranged in pairs, outside the plan). */
export const ADDABLE_KINDS: MeetingKind[] = [
  'theme_day',
  'committee_meeting',
  'group_meeting',
  'branch_congress',
  'party_lecture',
  'life_meeting',
  'member_review',
]

export function toUpdateItems(items: readonly EditableItem[]): InputOf<typeof planUpdate>['items'] {
  return items.map(({ key: _key, ...rest }) => rest)
}
