/**
 * The 党委 answers a branch's 停止党籍 proposal (tryout finding a): it could only read them. Now
 * 同意 (with the decision's date and 文号) or 不同意 (with a reason) is recorded and shown to the
 * branch on the member's page; the member's status is not changed by the answer.
 */
import { formatDate } from '../../src/domain/beijing-time'
import { DAY_MS } from '../../src/domain/mobile'
import { MOBILE_B2, SECRETARY_B2, SUPERVISOR, apiPerTest, requestIds } from './api-fixture'

const api = apiPerTest()
const rid = requestIds('req-stop-answer')

async function proposed() {
  await api
    .as(SECRETARY_B2)
    .call('mobile.proposeStop', { memberId: MOBILE_B2, reason: '失联已满六个月，电话、微信均联系不上。' }, rid())
}

test('同意 needs date and 文号; recorded, shown to the branch, status unchanged, and off the 首页', async () => {
  await proposed()
  const memberBefore = await api.ports.store.get('members', MOBILE_B2)
  const noDocNo = await api
    .as(SUPERVISOR)
    .result(
      'mobile.answerStopProposal',
      { memberId: MOBILE_B2, agree: true, decidedOn: formatDate(api.clock.now) },
      rid(),
    )
  expect(!noDocNo.ok && noDocNo.error.fields?.[0].field).toBe('docNo')
  const future = await api
    .as(SUPERVISOR)
    .result(
      'mobile.answerStopProposal',
      { memberId: MOBILE_B2, agree: true, decidedOn: formatDate(api.clock.now + 2 * DAY_MS), docNo: '党委〔2026〕9号' },
      rid(),
    )
  expect(!future.ok && future.error.fields?.[0].field).toBe('decidedOn')
  // The branch cannot answer its own proposal.
  const byBranch = await api
    .as(SECRETARY_B2)
    .result('mobile.answerStopProposal', { memberId: MOBILE_B2, agree: false, reason: '自行答复' }, rid())
  expect(byBranch.ok).toBe(false)

  const answered = await api
    .as(SUPERVISOR)
    .call(
      'mobile.answerStopProposal',
      { memberId: MOBILE_B2, agree: true, decidedOn: formatDate(api.clock.now), docNo: '党委〔2026〕9号' },
      rid(),
    )
  expect(answered.status).toBe('agreed')
  expect(answered.answer).toMatchObject({ agreed: true, docNo: '党委〔2026〕9号', reason: null, at: api.clock.now })
  const branchView = await api.as(SECRETARY_B2).call('mobile.get', { memberId: MOBILE_B2 })
  expect(branchView.proposal).toMatchObject({ status: 'agreed', answer: { docNo: '党委〔2026〕9号' } })
  expect(await api.ports.store.get('members', MOBILE_B2)).toEqual(memberBefore)
  const home = await api.as(SUPERVISOR).call('home.tasks', {})
  expect(home.items.some((t) => t.kind === 'stop_proposal')).toBe(false)
  // Answered once: a second answer is refused.
  const again = await api
    .as(SUPERVISOR)
    .result('mobile.answerStopProposal', { memberId: MOBILE_B2, agree: false, reason: '再答复' }, rid())
  expect(again.ok).toBe(false)
})

test('不同意 needs a reason, which the branch reads', async () => {
  await proposed()
  const noReason = await api
    .as(SUPERVISOR)
    .result('mobile.answerStopProposal', { memberId: MOBILE_B2, agree: false }, rid())
  expect(!noReason.ok && noReason.error.fields?.[0].field).toBe('reason')
  await api
    .as(SUPERVISOR)
    .call(
      'mobile.answerStopProposal',
      { memberId: MOBILE_B2, agree: false, reason: '请继续查找，联系流入地党组织。' },
      rid(),
    )
  const branchView = await api.as(SECRETARY_B2).call('mobile.get', { memberId: MOBILE_B2 })
  expect(branchView.proposal).toMatchObject({
    status: 'refused',
    answer: { agreed: false, reason: '请继续查找，联系流入地党组织。', decidedOn: null },
  })
})
