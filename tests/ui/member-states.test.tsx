/**
 * The member-state forms and the 谈心谈话 page in jsdom, against the real server code (issue 16 §3–4):
 * a 延长预备期 beyond a year is refused in Chinese and keeps what was typed; one within a year and an
 * exclusion from 应到 are saved with their reasons in the history; a member sees their own states; a
 * member records a talk with the 书记 and the duty counts it.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import MemberStatesPage from '../../src/packages/roster/pages/states/index'
import MemberPage from '../../src/packages/roster/pages/member/index'
import HeartTalksPage from '../../src/packages/plan/pages/heart-talks/index'
import Home from '../../src/pages/index/index'
import type { Member } from '../../src/domain/org'
import { MEMBER_B1, PROBATIONARY_B1, SECRETARY_B1 } from '../cloud/api-fixture'
import { navigation } from '../mocks/taro'
import { link, linkPerTest, typeInto } from './real-api'

linkPerTest(SECRETARY_B1)

const pick = (container: HTMLElement, fieldId: string, value: string) =>
  fireEvent.change(
    container.querySelector(`#${fieldId}`)!.parentElement!.querySelector('[data-testid="picker-date"]')!,
    {
      target: { value },
    },
  )

const click = (container: HTMLElement, selector: string) =>
  act(async () => fireEvent.click(container.querySelector(selector)!))

async function stored(id: string) {
  return (await link.api!.ports.store.get<{ probationExtendedTo?: string; exclusion?: unknown }>('members', id))!
}

test('延长预备期 beyond a year is refused in Chinese and keeps the form; within a year it is saved with its reason', async () => {
  navigation.params = { id: PROBATIONARY_B1 }
  const { container } = render(<MemberStatesPage />)
  await waitFor(() => expect(container.querySelector('#form-extension')).not.toBeNull())
  expect(container.querySelector('#form-extension')!.textContent).toContain('最晚到 2028-07-01')
  pick(container, 'field-until', '2028-08-01')
  typeInto(container, 'field-extension-reason', '支部大会决议延长')
  await click(container, '#save-extension')
  await waitFor(() => expect(container.querySelector('#extension-error')!.textContent).toMatch(/不能超过一年/))
  expect((container.querySelector('#field-extension-reason textarea') as HTMLTextAreaElement).value).toBe(
    '支部大会决议延长',
  )
  expect((await stored(PROBATIONARY_B1)).probationExtendedTo).toBeUndefined()

  pick(container, 'field-until', '2028-01-01')
  await click(container, '#save-extension')
  await waitFor(async () => expect((await stored(PROBATIONARY_B1)).probationExtendedTo).toBe('2028-01-01'))
  const detail = await link.api!.as(SECRETARY_B1).call('roster.get', { memberId: PROBATIONARY_B1 })
  expect(detail.history[0]).toMatchObject({ field: 'probationExtendedTo', reason: '支部大会决议延长' })
})

test('an exclusion from 应到 is saved with its approval, and the member page shows it', async () => {
  navigation.params = { id: MEMBER_B1 }
  const { container } = render(<MemberStatesPage />)
  await waitFor(() => expect(container.querySelector('#form-exclusion')).not.toBeNull())
  // A 正式党员 has no 预备期 to extend.
  expect(container.querySelector('#form-extension')).toBeNull()
  await click(container, '#save-exclusion')
  expect(container.querySelector('#exclusion-error')!.textContent).toMatch(/请选择不计入应到的事由/)
  fireEvent.click(container.querySelector('#exclusion-long_sick_leave')!)
  typeInto(container, 'field-ex-note', '住院治疗，党委同意')
  typeInto(container, 'field-ex-approver', '示范区机关党委')
  pick(container, 'field-ex-from', '2026-11-20')
  pick(container, 'field-ex-approved', '2026-11-20')
  typeInto(container, 'field-ex-reason', '长期住院')
  await click(container, '#save-exclusion')
  await waitFor(async () => expect((await stored(MEMBER_B1)).exclusion).toMatchObject({ reason: 'long_sick_leave' }))

  const page = render(<MemberPage />)
  await waitFor(() => expect(page.container.querySelector('#member-states')).not.toBeNull())
  expect(page.container.querySelector('#member-states')!.textContent).toContain('长期病休')
  expect(page.container.querySelector('#member-history')!.textContent).toContain('不计入应到')
  expect(page.container.querySelector('#member-history')!.textContent).toContain('长期住院')
})

test('a member sees their own states and no forms', async () => {
  link.user = MEMBER_B1
  navigation.params = { id: MEMBER_B1 }
  const { container } = render(<MemberPage />)
  await waitFor(() => expect(container.querySelector('#member-states')).not.toBeNull())
  expect(container.querySelector('#edit-states')).toBeNull()
  const forms = render(<MemberStatesPage />)
  await waitFor(() => expect(forms.container.textContent).toContain('只有本支部的书记、副书记、组织委员可以登记'))
})

test('谈心谈话: a member records a talk with the 书记 and the pair is no longer owed', async () => {
  link.user = MEMBER_B1
  navigation.params = {}
  const { container } = render(<HeartTalksPage />)
  await waitFor(() => expect(container.querySelector('#talk-summary')).not.toBeNull())
  // The demo's 书记 has had five of the branch's talks this year.
  expect(container.querySelector('#talk-summary')!.textContent).toContain('已谈 5 对')
  const owedBefore = container.querySelectorAll('#owed-pairs .talks__row').length
  expect(owedBefore).toBeGreaterThan(0)
  await click(container, '#save-talk')
  expect(container.querySelector('#form-error')!.textContent).toMatch(/请选择谈话双方/)
  fireEvent.click(container.querySelector(`#second-${SECRETARY_B1}`)!)
  pick(container, 'field-date', '2026-11-20')
  typeInto(container, 'field-note', '谈学习体会')
  await click(container, '#save-talk')
  await waitFor(() => expect(container.querySelector('#talk-summary')!.textContent).toContain('已谈 6 对'))
  expect(container.querySelectorAll('#owed-pairs .talks__row')).toHaveLength(owedBefore - 1)
  expect(container.querySelector('#talk-list')!.textContent).toContain('谈学习体会')
})

test('首页 of a branch with fewer than 7 正式党员 lists no 支委会 and says why; its 谈心谈话 line opens the pairs', async () => {
  // Leave 6 active 正式党员 in 第一党支部 (the rest marked 已转出 in the store).
  const { store } = link.api!.ports
  const page = await store.query<Omit<Member, 'id'>>('members', {
    where: [{ field: 'orgId', op: 'eq', value: 'org_b1' }],
    orderBy: { field: '_id', direction: 'asc' },
    limit: 100,
  })
  let kept = 0
  for (const m of page.items) {
    if (m.category !== 'full') continue
    kept += 1
    if (kept > 6) await store.update('members', m._id, { status: 'transferred' }, m._version)
  }
  const { container } = render(<Home />)
  await waitFor(() => expect(container.querySelector('#compliance-no-committee')).not.toBeNull())
  expect(container.querySelector('#compliance-no-committee')!.textContent).toContain('不足 7 人')
  expect(container.querySelector('[id^="compliance-committee_meeting-"]')).toBeNull()
  expect(container.querySelector('[id^="compliance-theme_day-"]')).not.toBeNull()
  await click(container, '#compliance-heart-talks')
  expect(navigation.calls).toEqual([{ method: 'navigateTo', url: expect.stringContaining('heart-talks') }])
})

test('a 转正 the 支部大会 passed shows as waiting for the 党委 on the member page; the form records the approval', async () => {
  // The 支部大会's 转正 as finalize leaves it (the cloud test finalizes a real one).
  const store = link.api!.ports.store
  const before = (await store.get<Member>('members', PROBATIONARY_B1))!
  const pending = { meetingId: 'mt_confirm', meetingTitle: '支部党员大会：讨论朱浩然转正', passedOn: '2027-07-05' }
  await store.update<Member>('members', PROBATIONARY_B1, { confirmationPending: pending }, before._version)

  navigation.params = { id: PROBATIONARY_B1 }
  const page = render(<MemberPage />)
  await waitFor(() => expect(page.container.querySelector('#confirmation-pending')).not.toBeNull())
  expect(page.container.querySelector('#confirmation-pending')!.textContent).toContain(
    '支部大会已通过转正（2027-07-05，支部党员大会：讨论朱浩然转正）→ 待上级党委审批',
  )
  expect(page.container.querySelector('#member-states')!.textContent).not.toContain('届时讨论转正')
  page.unmount()

  const { container } = render(<MemberStatesPage />)
  await waitFor(() => expect(container.querySelector('#form-confirmation')).not.toBeNull())
  typeInto(container, 'field-approved-by', '示范区机关党委')
  typeInto(container, 'field-confirmation-reason', '党委批复')
  await click(container, '#save-confirmation')
  expect(container.querySelector('#confirmation-error')!.textContent).toMatch(/请选择上级党委批准转正的日期/)
  pick(container, 'field-approved-on', '2027-07-01')
  await click(container, '#save-confirmation')
  await waitFor(() =>
    expect(container.querySelector('#confirmation-error')!.textContent).toMatch(/不能早于.*2027-07-05/),
  )
  expect((await stored(PROBATIONARY_B1)) as unknown as Member).toMatchObject({ category: 'probationary' })
  pick(container, 'field-approved-on', '2027-07-20')
  await click(container, '#save-confirmation')
  await waitFor(async () =>
    expect((await stored(PROBATIONARY_B1)) as unknown as Member).toMatchObject({
      category: 'full',
      confirmedAt: '2027-07-20',
      confirmationPending: null,
    }),
  )
  const detail = await link.api!.as(SECRETARY_B1).call('roster.get', { memberId: PROBATIONARY_B1 })
  expect(detail.history.find((h) => h.field === 'category')!.reason).toMatch(/示范区机关党委 2027-07-20 批准转正/)
})
