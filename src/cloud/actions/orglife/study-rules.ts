/**
 * orgLife.setStudyRules: a 党委 (or 党总支) sets the study-hours rules for its subtree — the yearly
 * requirement and the 学时 each kind of meeting earns — kept in `rule_sets` as `study.<orgId>`
 * (src/domain/org-life.ts); what it leaves out is taken from above or the defaults.
 */
import { orgLifeSetStudyRules as setDecl } from '../../../domain/api/catalog-orglife'
import { AppError } from '../../../domain/errors'
import { studyRuleSetId, type StudyRuleSet } from '../../../domain/org-life'
import { studyRulesFor } from '../../org-life-reads'
import { implement } from '../handler'

type StudyRuleSetDoc = StudyRuleSet & { updatedAt: number; updatedBy: string }

export const orgLifeSetStudyRules = implement(setDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const org = ctx.target.org
  if (org.kind === 'branch' || org.kind === 'group') {
    throw new AppError(
      'VALIDATION_FAILED',
      '学时规则由党委（党总支）为所辖支部统一设置，不能单独设在支部或党小组上；请在党委一级设置。',
      [{ field: 'orgId', message: '请选择党委或党总支' }],
    )
  }
  const id = studyRuleSetId(org._id)
  const existing = await store.get<StudyRuleSetDoc>('rule_sets', id)
  const values: Partial<StudyRuleSet> = {}
  if (input.memberHours !== undefined) values.memberHours = input.memberHours
  if (input.committeeHours !== undefined) values.committeeHours = input.committeeHours
  if (input.makeupEarnsHours !== undefined) values.makeupEarnsHours = input.makeupEarnsHours
  if (input.hoursByKind !== undefined) values.hoursByKind = { ...existing?.hoursByKind, ...input.hoursByKind }
  const stamp = { updatedAt: ctx.now, updatedBy: ctx.actor.memberId }
  if (existing) await store.update<StudyRuleSetDoc>('rule_sets', id, { ...values, ...stamp }, existing._version)
  else
    await ctx.createOnce<StudyRuleSetDoc>('rule_sets', { _id: id, kind: 'study', orgId: org._id, ...values, ...stamp })
  return { orgId: org._id, rules: await studyRulesFor(store, org) }
})
