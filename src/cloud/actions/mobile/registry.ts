/**
 * The 流动党员 registry as stored: documents of `mobile_profiles`, `checkins`, `reports` and `makeups`,
 * the rules in force for a branch, and the views built from them.
 */
import type {
  CheckinDueView,
  CheckinView,
  MakeupView,
  MobileProfileView,
  MobileRulesView,
  ReportView,
} from '../../../domain/api/views-mobile'
import { AppError } from '../../../domain/errors'
import type { MeetingKind } from '../../../domain/meeting-kinds'
import {
  CADENCE_LABELS,
  checkinDue,
  contactState,
  daysSince,
  effectiveMobileRules,
  mobileRuleSetId,
  needsTransfer,
  type CheckinCadence,
  type MobileReason,
  type MobileRules,
  type MobileRuleSet,
  type ReportKind,
} from '../../../domain/mobile'
import type { Org } from '../../../domain/org'
import type { Stored, StoreReader, StoreTx } from '../../ports/store'

/** `_id` = memberId. */
export interface ProfileDoc {
  memberId: string
  branchId: string
  since: string
  city: string
  reason: MobileReason
  contact: string
  certificateNo: string
  hostBranch: string
  expectedReturn: string | null
  lastContactAt: number
  lastCheckinAt: number | null
  createdAt: number
  updatedAt: number
  updatedBy: string
}

/** `_id` = the device-made check-in id (or a server id for a contact the branch logged). */
export interface CheckinDoc {
  memberId: string
  branchId: string
  kind: 'checkin' | 'contact'
  city: string
  note: string
  deviceTime: number
  /** Server receive time. */
  at: number
  photoFileId: string | null
  byId: string
  byName: string
}

/** `_id` = the device-made report id. */
export interface ReportDoc {
  memberId: string
  memberName: string
  branchId: string
  year: number
  kind: ReportKind
  title: string
  body: string
  submittedAt: number
  readAt: number | null
  readBy: string | null
  readByName: string | null
  reply: string | null
}

/** `_id` = `${meetingId}.${memberId}`. Never counted as attendance. */
export interface MakeupDoc {
  meetingId: string
  memberId: string
  memberName: string
  branchId: string
  meetingTitle: string
  meetingKind: MeetingKind
  meetingStartAt: number
  note: string
  submittedAt: number
  acceptedAt: number | null
  acceptedBy: string | null
  acceptedByName: string | null
}

/** The rules in force for an org: the `mobile.<orgId>` sets along its path, root first. */
export async function mobileRulesFor(store: StoreReader, org: Pick<Org, 'path'>): Promise<MobileRules> {
  const sets: MobileRuleSet[] = []
  for (const orgId of org.path) {
    const set = await store.get<MobileRuleSet>('rule_sets', mobileRuleSetId(orgId))
    if (set) sets.push(set)
  }
  return effectiveMobileRules(sets)
}

export function rulesView(rules: MobileRules): MobileRulesView {
  return { thresholds: rules.thresholds, cadence: rules.cadence, source: rules.source }
}

export function profileView(doc: Stored<ProfileDoc>, name: string, now: number, rules: MobileRules): MobileProfileView {
  return {
    memberId: doc.memberId,
    name,
    branchId: doc.branchId,
    since: doc.since,
    city: doc.city,
    reason: doc.reason,
    contact: doc.contact,
    certificateNo: doc.certificateNo,
    hostBranch: doc.hostBranch,
    expectedReturn: doc.expectedReturn,
    lastContactAt: doc.lastContactAt,
    lastCheckinAt: doc.lastCheckinAt,
    state: contactState(doc.lastContactAt, now, rules.thresholds),
    daysSinceContact: daysSince(doc.lastContactAt, now),
    transferDue: needsTransfer(doc.since, now),
    version: doc._version,
  }
}

export function dueView(lastCheckinAt: number | null, now: number, cadence: CheckinCadence): CheckinDueView {
  const due = checkinDue(lastCheckinAt, now, cadence)
  return {
    cadence,
    periodLabel: `${due.period.label}（${CADENCE_LABELS[cadence]}）`,
    doneThisPeriod: due.doneThisPeriod,
    dueDate: due.dueDate,
  }
}

export function checkinView(doc: Stored<CheckinDoc>): CheckinView {
  return {
    id: doc._id,
    memberId: doc.memberId,
    kind: doc.kind,
    city: doc.city,
    note: doc.note,
    deviceTime: doc.deviceTime,
    receivedAt: doc.at,
    hasPhoto: doc.photoFileId !== null,
    byName: doc.byName,
  }
}

export function reportView(doc: Stored<ReportDoc>): ReportView {
  return {
    id: doc._id,
    memberId: doc.memberId,
    memberName: doc.memberName,
    branchId: doc.branchId,
    year: doc.year,
    kind: doc.kind,
    title: doc.title,
    body: doc.body,
    submittedAt: doc.submittedAt,
    readAt: doc.readAt,
    readByName: doc.readByName,
    reply: doc.reply,
  }
}

export function makeupView(doc: Stored<MakeupDoc>): MakeupView {
  return {
    id: doc._id,
    meetingId: doc.meetingId,
    meetingTitle: doc.meetingTitle,
    meetingKind: doc.meetingKind,
    meetingStartAt: doc.meetingStartAt,
    memberId: doc.memberId,
    memberName: doc.memberName,
    note: doc.note,
    submittedAt: doc.submittedAt,
    acceptedAt: doc.acceptedAt,
    acceptedByName: doc.acceptedByName,
  }
}

/**
 * Moves a profile's last contact forward to `at` (never back), inside the caller's transaction.
 * Returns the profile after the change, or null when the member has no profile.
 */
export async function touchContact(
  tx: StoreTx,
  memberId: string,
  at: number,
  checkin: boolean,
): Promise<Stored<ProfileDoc> | null> {
  const profile = await tx.get<ProfileDoc>('mobile_profiles', memberId)
  if (!profile) return null
  const patch: Partial<ProfileDoc> = { lastContactAt: Math.max(profile.lastContactAt, at) }
  if (checkin) patch.lastCheckinAt = Math.max(profile.lastCheckinAt ?? 0, at)
  if (patch.lastContactAt === profile.lastContactAt && (!checkin || patch.lastCheckinAt === profile.lastCheckinAt)) {
    return profile
  }
  return tx.update<ProfileDoc>('mobile_profiles', memberId, patch, profile._version)
}

export function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${message}。请修改后再提交。`, [{ field, message }])
}
