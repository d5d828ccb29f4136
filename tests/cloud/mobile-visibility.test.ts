/**
 * 流动党员 data through the one visibility rule per field (src/domain/visibility.ts, issue 18 §3):
 * a 思想汇报's body and the branch's reply, and a 报到's note, are read by the member and their
 * branch committee; the 党委 sees that they came (title, city, dates) but not what they say. The
 * contact phone follows the phone rule (whole for those who keep the roster).
 */
import type { MobileMemberView } from '../../src/domain/api/views-mobile'
import { maskPhone } from '../../src/domain/org'
import { MOBILE_TEXT_HIDDEN, checkinSeenBy, phoneSeenBy, reportSeenBy } from '../../src/domain/visibility'
import { MOBILE_B1, SECRETARY_B1, SUPERVISOR, apiPerTest, requestIds } from './api-fixture'

const api = apiPerTest()
const rid = requestIds('mobile-visibility')
const BODY = '近期在外地项目部工作，坚持学习党章，住院检查期间也按时参加线上学习。'
const NOTE = '在深圳项目部，身体刚恢复'

test('report bodies, replies and 报到 notes reach the branch committee, not the 党委', async () => {
  await api
    .as(MOBILE_B1)
    .call('mobile.checkIn', { id: 'vis-ci-1', city: '深圳', note: NOTE, deviceTime: api.clock.now }, rid())
  const report = await api
    .as(MOBILE_B1)
    .call(
      'mobile.reportSubmit',
      { id: 'vis-rp-1', year: 2026, kind: 'thought', title: '第四季度思想汇报', body: BODY },
      rid(),
    )
  await api
    .as(SECRETARY_B1)
    .call('mobile.reportMarkRead', { reportId: report.id, reply: '注意身体，按时报到。' }, rid())

  const branch: MobileMemberView = await api.as(SECRETARY_B1).call('mobile.get', { memberId: MOBILE_B1 })
  const mine = branch.reports.find((r) => r.id === report.id)!
  expect(mine.body).toBe(BODY)
  expect(mine.reply).toBe('注意身体，按时报到。')
  expect(branch.timeline.some((t) => t.kind === 'checkin' && t.detail === NOTE)).toBe(true)

  const committee: MobileMemberView = await api.as(SUPERVISOR).call('mobile.get', { memberId: MOBILE_B1 })
  const seen = committee.reports.find((r) => r.id === report.id)!
  expect(seen).toMatchObject({ title: '第四季度思想汇报', body: MOBILE_TEXT_HIDDEN, reply: MOBILE_TEXT_HIDDEN })
  expect(seen.readAt).not.toBeNull()
  const checkin = committee.timeline.find((t) => t.kind === 'checkin' && t.title === '深圳')!
  expect(checkin.detail).toBe(MOBILE_TEXT_HIDDEN)
  expect(JSON.stringify(committee)).not.toContain('住院')
  expect(JSON.stringify(committee)).not.toContain('身体刚恢复')

  // The member reads their own report whole.
  const own = await api.as(MOBILE_B1).call('mobile.reportGet', { reportId: report.id })
  expect(own.body).toBe(BODY)
})

test('the rules themselves: the member and the committee read, others see the placeholder; phones mask', () => {
  const report = { memberId: 'm1', body: '正文', reply: null as string | null }
  expect(reportSeenBy(report, { memberId: 'm1', branchCommittee: false })).toBe(report)
  expect(reportSeenBy(report, { memberId: 'x', branchCommittee: true })).toBe(report)
  expect(reportSeenBy(report, { memberId: 'x', branchCommittee: false })).toEqual({
    memberId: 'm1',
    body: MOBILE_TEXT_HIDDEN,
    reply: null,
  })
  expect(checkinSeenBy({ memberId: 'm1', note: '' }, { memberId: 'x', branchCommittee: false }).note).toBe('')
  expect(checkinSeenBy({ memberId: 'm1', note: '说明' }, { memberId: 'x', branchCommittee: false }).note).toBe(
    MOBILE_TEXT_HIDDEN,
  )
  expect(phoneSeenBy('13800001518', false)).toBe(maskPhone('13800001518'))
  expect(phoneSeenBy('13800001518', true)).toBe('13800001518')
})
