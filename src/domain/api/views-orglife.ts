/** What the 我的组织生活 actions return (catalog-orglife.ts). */
import type { LapseCause } from '../lapse'
import type { OrgLifeEntry, OrgLifeTotals, StudyRules } from '../org-life'

export interface OrgLifeView {
  member: {
    id: string
    name: string
    branchId: string
    branchName: string
    /** A 支委 (secretary included): the yearly requirement is the committee's. */
    committee: boolean
  }
  year: number
  /** Each meeting the member was owed in the year (Beijing), newest first; upcoming ones included. */
  entries: OrgLifeEntry[]
  totals: OrgLifeTotals
  /**
   * 党章 第九条, gently: the member's current run of months without organizational life (or without
   * paying dues, from the 党费 ledger), each with the line shown. Empty when nothing to say.
   */
  lapses: { cause: LapseCause; months: number; since: string; line: string }[]
  /** Whether the viewer is the member (so 补学 can be offered). */
  mine: boolean
}

/** The study rules in force at an org after a change (the national defaults with the overrides along its path). */
export interface StudyRulesView {
  orgId: string
  rules: StudyRules
}
