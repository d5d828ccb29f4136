import {
  addMonths,
  exclusionProblem,
  extensionProblem,
  latestExtension,
  memberStatesView,
  partyProbationProblem,
  probationDueOn,
  probationRemindersOwed,
  regularProbationEnd,
  stateValueText,
} from '../../src/domain/member-states'
import { excludedFromExpected, hasVotingRights, underPartyProbation, type Member } from '../../src/domain/org'

const probationary: Pick<Member, 'category' | 'status' | 'joinedAt' | 'name'> = {
  category: 'probationary',
  status: 'normal',
  joinedAt: '2025-12-30',
  name: '周敏',
}

describe('dates', () => {
  it('moves by months and clamps to the month end', () => {
    expect(addMonths('2025-12-30', 12)).toBe('2026-12-30')
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28')
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15')
    expect(() => addMonths('2026/01/15', 1)).toThrow()
  })
})

describe('预备期', () => {
  it('ends a year after admission, or on the extended end', () => {
    expect(regularProbationEnd('2025-12-30')).toBe('2026-12-30')
    expect(probationDueOn(probationary)).toBe('2026-12-30')
    expect(probationDueOn({ ...probationary, probationExtendedTo: '2027-06-30' })).toBe('2027-06-30')
    expect(probationDueOn({ ...probationary, category: 'full' })).toBeNull()
    expect(probationDueOn({ ...probationary, status: 'transferred' })).toBeNull()
  })

  it('reminds from a month before, and from the day on', () => {
    expect(probationRemindersOwed('2026-12-30', '2026-11-29')).toEqual([])
    expect(probationRemindersOwed('2026-12-30', '2026-11-30')).toEqual(['month_before'])
    expect(probationRemindersOwed('2026-12-30', '2026-12-29')).toEqual(['month_before'])
    expect(probationRemindersOwed('2026-12-30', '2026-12-30')).toEqual(['due_day'])
    expect(probationRemindersOwed('2026-12-30', '2027-01-05')).toEqual(['due_day'])
  })

  it('extends at most a year past the regular end (党章第七条)', () => {
    expect(latestExtension('2025-12-30')).toBe('2027-12-30')
    expect(extensionProblem(probationary, '2027-12-30')).toBeNull()
    expect(extensionProblem(probationary, '2027-06-30')).toBeNull()
    expect(extensionProblem(probationary, '2027-12-31')).toContain('不能超过一年')
    expect(extensionProblem(probationary, '2027-12-31')).toContain('2027-12-30')
    expect(extensionProblem(probationary, '2026-12-30')).toContain('应晚于原定的 2026-12-30')
    expect(extensionProblem({ ...probationary, category: 'full' }, '2027-06-30')).toContain('不是预备党员')
  })
})

describe('留党察看', () => {
  const p = { from: '2026-03-01', to: '2027-02-28', decidedBy: '示范区机关党委', liftedOn: null }

  it('takes the vote while it runs, until rights are restored', () => {
    const m = { category: 'full' as const, status: 'normal' as const, partyProbation: p }
    expect(hasVotingRights({ category: 'full', status: 'normal' })).toBe(true)
    expect(hasVotingRights(m)).toBe(false)
    expect(hasVotingRights(m, '2026-02-28')).toBe(true)
    expect(hasVotingRights(m, '2026-03-01')).toBe(false)
    // The period's end alone does not restore rights; a decision does.
    expect(hasVotingRights(m, '2027-03-05')).toBe(false)
    const lifted = { ...m, partyProbation: { ...p, liftedOn: '2027-03-01' } }
    expect(hasVotingRights(lifted, '2027-02-28')).toBe(false)
    expect(hasVotingRights(lifted, '2027-03-01')).toBe(true)
    expect(hasVotingRights(lifted)).toBe(true)
    expect(underPartyProbation({ partyProbation: null })).toBe(false)
  })

  it('lasts at most two years (党章第四十条)', () => {
    expect(partyProbationProblem('2026-03-01', '2028-03-01')).toBeNull()
    expect(partyProbationProblem('2026-03-01', '2028-03-02')).toContain('最长两年')
    expect(partyProbationProblem('2026-03-01', '2026-03-01')).toContain('应晚于开始日期')
  })
})

describe('不计入应到', () => {
  const e = {
    reason: 'long_sick_leave' as const,
    note: '住院治疗',
    approvedBy: '示范区机关党委',
    approvedOn: '2026-05-01',
    from: '2026-05-01',
    to: '2026-10-31',
  }

  it('applies within its period, inclusive; an open end until lifted', () => {
    expect(excludedFromExpected({ exclusion: e }, '2026-04-30')).toBe(false)
    expect(excludedFromExpected({ exclusion: e }, '2026-05-01')).toBe(true)
    expect(excludedFromExpected({ exclusion: e }, '2026-10-31')).toBe(true)
    expect(excludedFromExpected({ exclusion: e }, '2026-11-01')).toBe(false)
    expect(excludedFromExpected({ exclusion: { ...e, to: null } }, '2030-01-01')).toBe(true)
    expect(excludedFromExpected({ exclusion: null }, '2026-06-01')).toBe(false)
  })

  it('needs the approval first and an end after its start', () => {
    expect(exclusionProblem(e)).toBeNull()
    expect(exclusionProblem({ ...e, to: '2026-04-01' })).toContain('不能早于开始日期')
    expect(exclusionProblem({ ...e, approvedOn: '2026-05-02' })).toContain('先经批准')
  })

  it('shows the states as of a day', () => {
    const view = memberStatesView({ ...probationary, exclusion: e, partyProbation: null }, '2026-06-01')
    expect(view).toMatchObject({
      excludedToday: true,
      partyProbationRunning: false,
      probationDueOn: '2026-12-30',
      latestExtension: '2027-12-30',
    })
  })
})

describe('history wording', () => {
  const labels = { long_sick_leave: '长期病休' }
  it('says each state change in Chinese', () => {
    expect(stateValueText('probationExtendedTo', '2028-01-01', labels)).toBe('预备期延长至 2028-01-01')
    expect(stateValueText('probationExtendedTo', null, labels)).toBe('无')
    expect(
      stateValueText(
        'partyProbation',
        { from: '2026-03-01', to: '2027-02-28', decidedBy: '示范区机关党委', liftedOn: '2027-03-01' },
        labels,
      ),
    ).toBe('留党察看 2026-03-01 至 2027-02-28（示范区机关党委决定），2027-03-01 恢复党员权利')
    expect(
      stateValueText(
        'exclusion',
        { reason: 'long_sick_leave', from: '2026-05-01', to: null, approvedBy: '党委', approvedOn: '2026-04-30' },
        labels,
      ),
    ).toBe('长期病休，2026-05-01 起不计入应到（党委 2026-04-30 批准）')
  })
})
