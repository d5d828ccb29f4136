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
import {
  CADENCE_LABELS,
  checkinDue,
  contactAfter,
  contactState,
  daysSince,
  effectiveMobileRules,
  lostSince,
  monthsWithoutContact,
  mobileRuleSetId,
  needsTransfer,
  type CheckinCadence,
  type MobileRules,
  type MobileRuleSet,
} from '../../../domain/mobile'
import type { Org } from '../../../domain/org'
import {
  StoreConflict,
  type NewDoc,
  type StorePort,
  type Stored,
  type StoreReader,
  type StoreTx,
} from '../../ports/store'
import type { CheckinDoc, MakeupDoc, ProfileDoc, ReportDoc } from '../../documents'

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
    lostSince: lostSince(doc.lastContactAt),
    lost: monthsWithoutContact(doc.lastContactAt, now),
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
  const profile = await tx.get('mobile_profiles', memberId)
  if (!profile) return null
  const patch = contactAfter(profile, at, checkin)
  if (patch.lastContactAt === profile.lastContactAt && patch.lastCheckinAt === profile.lastCheckinAt) return profile
  return tx.update<ProfileDoc>('mobile_profiles', memberId, patch, profile._version)
}

/**
 * Inserts a member's own record (a report, a 补学) made under an id that replays keep, and moves the
 * member's last contact forward, in one transaction. When a concurrent send of the same id won, the
 * record already stored comes back with `created: false`.
 */
export async function insertCountingContact<T>(
  store: StorePort,
  collection: string,
  doc: NewDoc<T>,
  memberId: string,
  now: number,
): Promise<{ saved: Stored<T>; created: boolean }> {
  try {
    const saved = await store.transaction(async (tx) => {
      const created = await tx.insert<T>(collection, doc)
      await touchContact(tx, memberId, now, false)
      return created
    })
    return { saved, created: true }
  } catch (err) {
    if (!(err instanceof StoreConflict)) throw err
    const first = await store.get<T>(collection, doc._id)
    if (!first) throw err
    return { saved: first, created: false }
  }
}

export function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${message}。请修改后再提交。`, [{ field, message }])
}
