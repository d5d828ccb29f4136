/**
 * Issue 20 §4–6 in a real browser against the local host:
 * - the invitation's link and QR hold the configured public address (not 127.0.0.1), and opening
 *   that link with no session goes through the login page and comes back to binding with the code;
 * - 安排会议 shows the clash with a meeting of the same people before saving;
 * - 阅签情况 lists who has not read and reminds them once.
 * Screenshots at 375×812 and 1366×768 in tests/.artifacts (invite-*, bind-after-login-phone,
 * schedule-warning-*, read-follow-up-*).
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { beijing } from '../../src/domain/beijing-time'
import { ARTIFACTS, expectText, fill, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(240_000)

const stage = stageForThisFile()
const SECRETARY = 'm_b1_01'
/** 郭子涵 of 第一党支部, seeded without a binding. */
const INVITEE = 'm_b1_16'
const PHONE = { width: 375, height: 812 }
const DESK = { width: 1366, height: 768 }

let seq = 0
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
async function api<T>(action: string, input: unknown, write = false): Promise<T> {
  const login = await post<{ token: string }>(null, 'session.devLogin', { memberId: SECRETARY })
  return post<T>(login.token, action, input, write ? `e2e-travel-${Date.now()}-${++seq}` : undefined)
}

async function newPage(size: { width: number; height: number }): Promise<Page> {
  const context = await stage.browser.browser.newContext({
    viewport: size,
    deviceScaleFactor: size.width < 1024 ? 2 : 1,
    locale: 'zh-CN',
  })
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  return page
}

/** Opens `route` (after the hash) and waits for `selector`; reloads once if Taro's router missed it. */
async function open(page: Page, route: string, selector: string): Promise<void> {
  await page.goto(`${stage.host.url}/#/${route}`)
  try {
    await visible(page, selector).waitFor({ timeout: 8_000 })
  } catch {
    await page.reload()
    await visible(page, selector).waitFor()
  }
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false })

test('the invitation link holds the configured address and survives the login redirect', async () => {
  // The address phones reach, as PUBLIC_URL (or --lan) gives it; this browser is sent to the host for it.
  const publicBase = `http://party.example.test:${stage.host.port}`
  stage.host.ports.codes.setPublicUrl!(publicBase)

  let code = ''
  for (const size of [PHONE, DESK]) {
    const page = await newPage(size)
    await loginAs(stage.host.url, page, SECRETARY)
    await open(page, `packages/roster/pages/invite/index?memberId=${INVITEE}`, '#invite-link')
    code = (await visible(page, '#invite-code').innerText()).trim()
    expect(await visible(page, '#invite-link').innerText()).toBe(
      `${publicBase}/#/packages/roster/pages/bind/index?code=${code}`,
    )
    expect(await page.locator('#invite-link-problem').count()).toBe(0)
    await visible(page, '#copy-invite').waitFor()
    await shot(page, size === PHONE ? 'invite-phone' : 'invite-desk')
    await page.context().close()
  }

  // The invited person opens the link on a phone with no session.
  const phone = await newPage(PHONE)
  await phone.context().route(`${publicBase}/**`, async (route) => {
    const url = route.request().url().replace(publicBase, stage.host.url)
    await route.fulfill({ response: await route.fetch({ url }) })
  })
  await phone.goto(`${publicBase}/#/packages/roster/pages/bind/index?code=${code}`)
  await phone.waitForURL(/pages\/login\/index/)
  await visible(phone, '#login-new-user').click()
  await phone.waitForURL(new RegExp(`pages/bind/index\\?code=${code}`))
  await expectText(phone, '#bind-branch', '第一党支部')
  await shot(phone, 'bind-after-login-phone')
  await phone.context().close()
})

test('安排会议 warns of the same people at the same time before saving', async () => {
  // A meeting of everyone at the form's default slot (a week ahead, 15:00–17:00).
  const date = beijing(Date.now()).add(7, 'day').format('YYYY-MM-DD')
  await api(
    'meeting.schedule',
    {
      branchId: 'org_b1',
      kind: 'party_lecture',
      title: '专题党课',
      date,
      startTime: '15:00',
      endTime: '16:30',
      place: '党员活动室',
      agenda: ['党课'],
    },
    true,
  )
  for (const size of [PHONE, DESK]) {
    const page = await newPage(size)
    await loginAs(stage.host.url, page, SECRETARY)
    await open(page, 'packages/meeting/pages/schedule/index', '#field-title')
    await fill(page, 'field-title', '学习支部工作条例')
    await fill(page, 'field-place', '党员活动室')
    await fill(page, 'field-agenda-0', '重温入党誓词')
    await visible(page, '#submit-schedule').click()
    await expectText(page, '#schedule-warnings', /与「专题党课」.*时间重叠/)
    await visible(page, '#confirm-schedule').scrollIntoViewIfNeeded()
    await shot(page, size === PHONE ? 'schedule-warning-phone' : 'schedule-warning-desk')
    await page.context().close()
  }
})

test('阅签情况 lists who has not read and reminds them once', async () => {
  // A 党课 held just now (the host's clock moved on through it), its minutes final.
  const at = beijing(stage.clock.now()).add(2, 'minute')
  const m = await api<{ id: string; participants: { id: string }[] }>(
    'meeting.schedule',
    {
      branchId: 'org_b1',
      kind: 'party_lecture',
      title: '党课：条例学习',
      date: at.format('YYYY-MM-DD'),
      startTime: at.format('HH:mm'),
      endTime: at.add(30, 'minute').format('HH:mm'),
      place: '党员活动室',
      agenda: ['学习条例'],
    },
    true,
  )
  stage.clock.advance(10 * 60_000)
  for (const p of m.participants) {
    await api('attendance.markManual', { meetingId: m.id, memberId: p.id, reason: '会场登记' }, true)
  }
  stage.clock.advance(25 * 60_000)
  await api('attendance.confirm', { meetingId: m.id }, true)
  const draft = await api<{ version: number; content: { items: Record<string, unknown>[] } }>('minutes.get', {
    meetingId: m.id,
  })
  const content = {
    ...draft.content,
    chair: '张建国',
    recorder: '李晓红',
    items: draft.content.items.map((item) => ({ ...item, speeches: '大家发言', decision: '通过' })),
  }
  const saved = await api<{ version: number }>(
    'minutes.saveDraft',
    { meetingId: m.id, version: draft.version, content },
    true,
  )
  await api('minutes.finalize', { meetingId: m.id, version: saved.version }, true)
  const meetingId = m.id
  for (const size of [PHONE, DESK]) {
    const page = await newPage(size)
    await loginAs(stage.host.url, page, SECRETARY)
    await open(page, `packages/minutes/pages/receipts/index?meetingId=${meetingId}`, '#read-follow-up')
    await expectText(page, '#follow-up-summary', /已阅签 \d+ \/ \d+，还有 \d+ 人未阅签/)
    if (size === PHONE) {
      await expectText(page, '#remind-readers', /提醒未阅签的 \d+ 人（每人只提醒一次）/)
      await shot(page, 'read-follow-up-phone')
      await visible(page, '#remind-readers').click()
      await expectText(page, '#remind-readers', '未阅签的人都已提醒过（每份记录每人只提醒一次）')
      await expectText(page, '#unread-list', '已提醒')
    } else {
      // The desk opens after the phone reminded: the same record says so.
      await expectText(page, '#remind-readers', '未阅签的人都已提醒过')
      await shot(page, 'read-follow-up-desk')
    }
    await page.context().close()
  }
})
