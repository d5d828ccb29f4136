/** The attendance rules (issue 18: offline upload window, 补登 limit) in force for a branch, read from rule sets. */
import { attendanceRulesFrom, DEFAULT_ATTENDANCE_RULES, type AttendanceRules } from '../domain/attendance'
import type { StoreReader } from './ports/store'

type AttendanceRuleFields = { attendanceOfflineUploadMs?: unknown; attendanceManualBelatedAfterMs?: unknown }

/**
 * The rules for the branch `branchId`: the defaults with the `rule_sets` along its org path laid on
 * top (a committee may set `attendanceOfflineUploadMs` / `attendanceManualBelatedAfterMs`). A branch
 * that cannot be found gets the defaults.
 */
export async function attendanceRulesFor(store: StoreReader, branchId: string): Promise<AttendanceRules> {
  const branch = await store.get('orgs', branchId)
  if (!branch) return DEFAULT_ATTENDANCE_RULES
  const sets: AttendanceRuleFields[] = []
  for (const orgId of branch.path) {
    const set = await store.get<AttendanceRuleFields>('rule_sets', orgId)
    if (set) sets.push(set)
  }
  return attendanceRulesFrom(sets)
}
