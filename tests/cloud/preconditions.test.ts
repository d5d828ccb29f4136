/**
 * Declared preconditions: the router refuses a call whose target fails one, after authorizing and
 * before the handler runs, with the declaration's Chinese messages; the messages are those the
 * handlers wrote by hand before they were declared.
 */
import { ACTIONS } from '../../src/domain/api/catalog'
import type { ActionDecl } from '../../src/domain/api/define'
import { openTestApi, scheduleInput, SECRETARY_B1, SUPERVISOR, type TestApi } from './api-fixture'

const COMMITTEE = 'org_cmte'

/** Reads the 党委's supervisor may make, each aimed at the 党委 itself instead of a 党支部. */
const AIMED_AT_COMMITTEE: Record<string, Record<string, unknown>> = {
  'plan.get': { branchId: COMMITTEE, year: 2026 },
  'meeting.calendar': { branchId: COMMITTEE, month: '2026-11' },
  'minutes.verify': { branchId: COMMITTEE },
  'minutes.book': { branchId: COMMITTEE, year: 2026 },
  'minutes.exportBook': { branchId: COMMITTEE, year: 2026 },
  'mobile.listBranch': { branchId: COMMITTEE },
  'roster.export': { branchId: COMMITTEE },
}

let api: TestApi
beforeAll(async () => {
  api = await openTestApi()
})
afterAll(() => api.close())

function declOf(action: string): ActionDecl {
  return (ACTIONS as Record<string, ActionDecl>)[action]!
}

test.each(Object.entries(AIMED_AT_COMMITTEE))('%s aimed at a 党委 is refused as declared', async (action, input) => {
  const [branchOnly] = declOf(action).preconditions ?? []
  if (branchOnly?.kind !== 'branch') throw new Error(`${action} declares no 党支部 precondition`)
  const r = await api.as(SUPERVISOR).raw(action, input)
  expect(r).toEqual({
    ok: false,
    error: expect.objectContaining({
      code: 'VALIDATION_FAILED',
      message: branchOnly.message,
      fields: [{ field: branchOnly.field, message: branchOnly.fieldMessage }],
    }),
  })
})

test('the declared messages are the ones the handlers wrote', () => {
  const message = (action: string) => declOf(action).preconditions?.[0]?.message
  expect(message('plan.get')).toBe('年度计划按党支部制定，请先选择一个党支部。')
  expect(message('meeting.calendar')).toBe('月历按党支部查看，请先选择一个党支部。')
  expect(message('minutes.book')).toBe('会议记录按党支部保存，请先选择一个党支部。')
  expect(message('meeting.schedule')).toBe('会议只能由党支部安排。请修改后再提交。')
  expect(message('mobile.setCadence')).toBe('报到周期由党支部设定，请选择一个党支部。请修改后再提交。')
  expect(message('roster.importCommit')).toBe('名单只能导入到党支部，请在支部的成员名单中导入。')
  expect(declOf('roster.create').preconditions?.[0]).toMatchObject({
    fieldMessage: '党员只能登记在党支部，请在支部的成员名单中新增',
  })
})

test('a 党支部 target passes the precondition and reaches the handler', async () => {
  const r = await api.as(SUPERVISOR).result('plan.get', { branchId: 'org_b1', year: 2026 })
  expect(r).toMatchObject({ ok: true })
})

test("an organizer's attendance writes on a cancelled meeting are refused as declared", async () => {
  const secretary = { sessionToken: api.tokenFor(SECRETARY_B1) }
  const made = await api.main(
    { action: 'meeting.schedule', input: scheduleInput(), requestId: 'g-pre-schedule' },
    secretary,
  )
  if (!made.ok) throw new Error(made.error.message)
  const meeting = made.data as { id: string; version: number }
  const cancel = { meetingId: meeting.id, version: meeting.version, reason: '改期另行通知' }
  expect(
    await api.main({ action: 'meeting.cancel', input: cancel, requestId: 'g-pre-cancel' }, secretary),
  ).toMatchObject({
    ok: true,
  })
  for (const action of ['attendance.confirm', 'attendance.printedCode', 'attendance.inviteGuests']) {
    const input =
      action === 'attendance.inviteGuests'
        ? { meetingId: meeting.id, memberIds: ['m_b2_07'] }
        : { meetingId: meeting.id }
    const r = await api.main({ action, input, requestId: `g-pre-${action.replace('.', '-')}` }, secretary)
    expect(r).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'VALIDATION_FAILED',
        message: '这次会议已经取消，不能签到或请假；请查看会议通知中的新安排。',
      }),
    })
  }
})
