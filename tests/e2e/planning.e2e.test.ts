/**
 * Issue 4 in a real browser: the secretary generates the 2027 plan in one tap and publishes it; the
 * first 主题党日 of the year is then held — the host's clock moved to the meeting, attendance confirmed
 * and minutes finalized through the attendance and minutes actions (POST /api/call) — and on the month
 * calendar `#period-theme_day` turns from 待召开 to 已完成. Also: the 消息 list shows the plan's notice.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { PlanView } from '../../src/domain/api/views-planning'
import { ARTIFACTS, expectText, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(180_000)

const stage = stageForThisFile()
const SECRETARY = 'm_b1_01'
const MEMBER = 'm_b1_08'
const HOUR = 3_600_000

let seq = 0
async function api<T>(memberId: string, action: string, input: unknown, write = false): Promise<T> {
  const login = await post<{ token: string }>(null, 'session.devLogin', { memberId })
  return post<T>(login.token, action, input, write ? `e2e-planning-${Date.now()}-${++seq}` : undefined)
}

async function post<T>(token: string | null, action: string, input: unknown, requestId?: string): Promise<T> {
  const res = await fetch(`${stage.host.url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ action, input, requestId }),
  })
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } }
  if (!body.ok) throw new Error(`${action}: ${body.error?.code} ${body.error?.message}`)
  return body.data as T
}

/**
 * Opens a page by its hash route and waits for `ready`. Right after the login page's reLaunch, Taro's
 * h5 router now and then misses a hash change made at once; one reload of the same address settles it.
 */
async function open(page: Page, route: string, ready: string): Promise<void> {
  await page.goto(`${stage.host.url}/#${route}`)
  try {
    await visible(page, ready).waitFor({ timeout: 8_000 })
  } catch {
    await page.screenshot({ path: path.join(ARTIFACTS, 'planning-open-retry.png') })
    console.warn(`[e2e] ${route} did not show ${ready}; at ${page.url()}; reloading once`)
    await page.reload()
    await visible(page, ready).waitFor()
  }
}

test('plan the year in one tap, publish it, hold the first 主题党日 and see its period turn 已完成', async () => {
  const phone = await stage.browser.newPhone()
  const page = phone.page
  await loginAs(stage.host.url, page, SECRETARY)

  // 1. One tap makes the draft; warnings (2027's holidays not yet published) are shown, not hidden.
  await open(page, '/packages/plan/pages/plan/index?branchId=org_b1&year=2027', '#plan-generate')
  await visible(page, '#plan-generate').click()
  await visible(page, '#plan-items').waitFor()
  await expectText(page, '#plan-status', '草稿')
  await expectText(page, '#plan-title', '2027 年组织生活计划')
  const draft = await api<PlanView>(SECRETARY, 'plan.get', { branchId: 'org_b1', year: 2027 })
  expect(draft.items.length).toBe(58)
  if (!draft.calendarCovered) await expectText(page, '#plan-warnings', '尚未公布')
  await page.screenshot({ path: path.join(ARTIFACTS, 'plan-draft.png'), fullPage: true })

  // 2. Publish: every meeting scheduled, the plan locked.
  await visible(page, '#plan-publish').click()
  // 发布 asks first, saying how many meetings are scheduled and how many members told.
  await expectText(
    page,
    '.taro-modal__text',
    `将安排 ${draft.items.length} 次会议，并向支部 ${draft.notifyCount} 名党员`,
  )
  await visible(page, '.taro-model__confirm').click()
  await expectText(page, '#plan-status', '已发布')
  await visible(page, '#open-calendar').waitFor()
  await page.screenshot({ path: path.join(ARTIFACTS, 'plan-published.png'), fullPage: false })
  const plan = await api<PlanView>(SECRETARY, 'plan.get', { branchId: 'org_b1', year: 2027 })
  expect(plan.status).toBe('published')
  const theme = plan.items.find((i) => i.kind === 'theme_day')!
  expect(theme.meetingId).toBeTruthy()
  const month = theme.date.slice(0, 7)

  // The calendar of that month: the meeting on its day, the month's 主题党日 待召开.
  await open(page, `/packages/plan/pages/calendar/index?branchId=org_b1&month=${month}`, '#period-theme_day')
  await expectText(page, '#period-theme_day', '待召开')
  await visible(page, `#day-${theme.date}`).waitFor()
  await expectText(page, `#day-${theme.date}`, '主题党日')
  await page.screenshot({ path: path.join(ARTIFACTS, 'calendar-before.png'), fullPage: true })

  // 3. The meeting is held: the host's clock moves to it; attendance is taken and confirmed.
  const meeting = await api<{ startAt: number; endAt: number; participants: { id: string }[]; version: number }>(
    SECRETARY,
    'meeting.get',
    { meetingId: theme.meetingId },
  )
  stage.clock.advance(meeting.startAt + HOUR / 2 - stage.clock.now())
  for (const p of meeting.participants.slice(0, 10)) {
    await api(
      SECRETARY,
      'attendance.markManual',
      { meetingId: theme.meetingId, memberId: p.id, reason: '现场签到表登记' },
      true,
    )
  }
  await api(SECRETARY, 'attendance.confirm', { meetingId: theme.meetingId }, true)
  // After the meeting, the minutes are written and finalized the same day.
  stage.clock.advance(meeting.endAt + HOUR - stage.clock.now())
  const saved = await api<{ version: number }>(
    SECRETARY,
    'minutes.saveDraft',
    {
      meetingId: theme.meetingId,
      version: 0,
      content: {
        chair: '张建国',
        recorder: '王丽',
        place: '党员活动室',
        items: [{ topic: '重温入党誓词', speeches: '全体党员重温入党誓词。', decision: '', vote: null }],
        absenceNotes: [],
        notes: '',
      },
    },
    true,
  )
  await api(SECRETARY, 'minutes.finalize', { meetingId: theme.meetingId, version: saved.version }, true)

  // 4. The calendar now counts it: the meeting 已完成 and the month's 主题党日 已完成.
  // A fresh phone: the host's clock moved weeks ahead, past the first session's lifetime.
  const later = (await stage.browser.newPhone()).page
  await loginAs(stage.host.url, later, SECRETARY)
  await open(later, `/packages/plan/pages/calendar/index?branchId=org_b1&month=${month}`, '#period-theme_day')
  await expectText(later, '#period-theme_day', '已完成')
  await expectText(later, `#meeting-${theme.meetingId}`, '已完成')
  await later.screenshot({ path: path.join(ARTIFACTS, 'calendar-done.png'), fullPage: true })

  // The month switcher moves to the next month, where the next 主题党日 is still to come.
  await visible(later, '#month-next').click()
  await expectText(later, '#month-label', `2027年${Number(month.slice(5)) + 1}月`)
  await expectText(later, '#period-theme_day', '待召开')

  // 5. A member's 消息: the plan's notice, opened from the list.
  const member = await stage.browser.newPhone()
  await loginAs(stage.host.url, member.page, MEMBER)
  await open(member.page, '/packages/plan/pages/messages/index', '#messages-list')
  await expectText(member.page, '#messages-list', '2027年组织生活计划已发布')
  await member.page.screenshot({ path: path.join(ARTIFACTS, 'messages.png'), fullPage: true })

  // 6. The rules as the 党委 sees them.
  const supervisor = await stage.browser.newPhone()
  await loginAs(stage.host.url, supervisor.page, 'm_cmte_01')
  await open(supervisor.page, '/packages/plan/pages/rules/index', '#rules-list')
  await expectText(supervisor.page, '#rule-party_lecture', '国家规定')
  await visible(supervisor.page, '#rules-editor').waitFor()
  await supervisor.page.screenshot({ path: path.join(ARTIFACTS, 'rules.png'), fullPage: true })
})
