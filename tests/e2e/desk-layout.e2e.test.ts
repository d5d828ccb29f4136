/**
 * Issue 13, part 3 in a real browser: the desk layout at 1366×768 and the phone layout at 375×812.
 * Body text is measured with getComputedStyle on 首页, 支部成员, 考勤 and a finalized 会议记录: 14–16 px
 * at the desk, and on the phone the same size as before the desk layout existed (measured on the
 * build before it: PHONE_BEFORE). At the desk: the side navigation shows and the tab bar does not,
 * the content is bounded, a non-tab page has 返回, tables list the members and the attendance,
 * the 签到码 fits the screen and goes full screen, a date and time are typed and wheeled into the
 * schedule form, and Enter in a one-line field submits it.
 */
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { beijing, fromBeijing } from '../../src/domain/beijing-time'
import { ARTIFACTS, fill, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(240_000)

const stage = stageForThisFile()
const SECRETARY = 'm_b1_01'
const DESK = { width: 1366, height: 768 }
const PHONE = { width: 375, height: 812 }

/**
 * The computed font size (px) of each page's body text on a 375×812 phone, measured on the h5 build
 * of commit c39677a, before the desk layout (the same selectors as PAGES' `phone`).
 */
const PHONE_BEFORE = { home: 13, roster: 12, board: 12, minutes: 14 }

let seq = 0
async function api<T>(token: string | null, action: string, input: unknown, write = false): Promise<T> {
  const res = await fetch(`${stage.host.url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ action, input, requestId: write ? `e2e-desk-${Date.now()}-${++seq}` : undefined }),
  })
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { message: string } }
  if (!body.ok) throw new Error(`${action}: ${body.error!.message}`)
  return body.data as T
}

interface Stage {
  /** A past meeting of the seed with its attendance recorded (考勤). */
  boardMeetingId: string
  /** A meeting held in this test with minutes finalized in the app (会议记录). */
  minutesMeetingId: string
  /** A meeting tomorrow (host clock) whose 签到码 is shown. */
  upcomingMeetingId: string
  token: string
}
let setup: Stage

/**
 * Holds a 主题党日 tomorrow (host clock): scheduled an hour before, everyone signed in by the
 * secretary, attendance confirmed, minutes saved and finalized after the end, as the minutes test
 * does through the API. Then schedules another meeting the day after, for its 签到码.
 */
async function prepare(): Promise<Stage> {
  const { token } = await api<{ token: string }>(null, 'session.devLogin', { memberId: SECRETARY })
  const day = beijing(stage.clock.now()).add(1, 'day').format('YYYY-MM-DD')
  const at = (time: string, minutes: number) =>
    stage.clock.advance(fromBeijing(day, time) + minutes * 60_000 - stage.clock.now())
  at('10:00', -60)
  const held = await api<{ id: string; participants: { id: string }[] }>(
    token,
    'meeting.schedule',
    {
      kind: 'theme_day',
      title: '桌面版测试主题党日',
      place: '党员活动室',
      agenda: ['集中学习支部工作条例'],
      date: day,
      startTime: '10:00',
      endTime: '11:00',
    },
    true,
  )
  at('10:00', 5)
  for (const p of held.participants) {
    await api(token, 'attendance.markManual', { meetingId: held.id, memberId: p.id, reason: '会场登记' }, true)
  }
  at('11:00', 5)
  await api(token, 'attendance.confirm', { meetingId: held.id }, true)
  const template = await api<{ version: number; content: { items: object[] } }>(token, 'minutes.get', {
    meetingId: held.id,
  })
  const saved = await api<{ version: number }>(
    token,
    'minutes.saveDraft',
    {
      meetingId: held.id,
      version: template.version,
      content: {
        ...template.content,
        chair: '张建国',
        recorder: '李晓红',
        items: template.content.items.map((i) => ({
          ...i,
          speeches: '张建国领学支部工作条例，大家结合工作谈了体会。',
          decision: '各党小组月底前交学习体会。',
        })),
      },
    },
    true,
  )
  await api(token, 'minutes.finalize', { meetingId: held.id, version: saved.version }, true)

  const next = beijing(stage.clock.now()).add(1, 'day').format('YYYY-MM-DD')
  const upcoming = await api<{ id: string }>(
    token,
    'meeting.schedule',
    {
      kind: 'committee_meeting',
      title: '研究下季度党课安排',
      place: '支部书记办公室',
      agenda: ['党课安排'],
      date: next,
      startTime: '09:00',
      endTime: '10:00',
    },
    true,
  )
  const past = await api<{ items: { id: string; held: boolean }[] }>(token, 'meeting.listBranch', {
    when: 'past',
    limit: 20,
  })
  const board = past.items.find((m) => m.held && m.id !== held.id)
  if (!board) throw new Error('the seed has no past meeting held')
  return { boardMeetingId: board.id, minutesMeetingId: held.id, upcomingMeetingId: upcoming.id, token }
}

beforeAll(async () => {
  setup = await prepare()
})

/** The pages measured: where each is, and the element of its body text at each width. */
const PAGES = () =>
  [
    {
      key: 'home',
      label: '首页',
      url: '/pages/index/index',
      phone: '.meeting-card__line',
      desk: '.meeting-card__line',
    },
    {
      key: 'roster',
      label: '支部成员',
      url: '/packages/roster/pages/list/index',
      phone: '.roster__sub',
      desk: '#member-table tbody td',
    },
    {
      key: 'board',
      label: '考勤',
      url: `/packages/attendance/pages/board/index?meetingId=${setup.boardMeetingId}`,
      phone: '.board__detail',
      desk: '#board-people tbody td',
    },
    {
      key: 'minutes',
      label: '会议记录',
      url: `/packages/minutes/pages/view/index?id=${setup.minutesMeetingId}`,
      phone: '.mbody__text',
      desk: '.mbody__text',
    },
  ] as const

async function open(browser: Browser, size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, locale: 'zh-CN' })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  await loginAs(stage.host.url, page, SECRETARY)
  return page
}

async function show(page: Page, url: string): Promise<void> {
  await page.goto(`${stage.host.url}/#${url}`)
}

/** The computed font size, in px, of the first visible element matching `selector`. */
async function fontSize(page: Page, selector: string): Promise<number> {
  const el = visible(page, selector)
  await el.waitFor()
  return el.evaluate((node) => parseFloat(getComputedStyle(node).fontSize))
}

/** The visible page's content width: its box without its side padding (the bounded column). */
async function contentWidth(page: Page): Promise<number> {
  return visible(page, '.taro_page').evaluate((node) => {
    const s = getComputedStyle(node)
    return node.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)
  })
}

test('phone (375×812): body text as before the desk layout, the tab bar and no side navigation', async () => {
  const page = await open(stage.browser.browser, PHONE)
  const measured: Record<string, number> = {}
  for (const p of PAGES()) {
    await show(page, p.url)
    measured[p.key] = await fontSize(page, p.phone)
    // No desk frame at all: the phone's page is Taro's alone.
    expect(await page.locator('#desk-nav, #desk-bar').count()).toBe(0)
    await page.screenshot({ path: path.join(ARTIFACTS, `desk-layout-phone-${p.key}.png`) })
  }
  console.log('phone body text (px):', JSON.stringify(measured))
  for (const [key, before] of Object.entries(PHONE_BEFORE)) {
    expect(Math.abs(measured[key] - before)).toBeLessThanOrEqual(0.5)
  }
  await show(page, '/pages/index/index')
  await visible(page, '.taro-tabbar__tabbar').waitFor()
  await page.context().close()
})

test('desk (1366×768): body text 14–16 px, side navigation, no tab bar, bounded content, 返回, tables', async () => {
  const page = await open(stage.browser.browser, DESK)
  const measured: Record<string, number> = {}
  for (const p of PAGES()) {
    await show(page, p.url)
    measured[p.key] = await fontSize(page, p.desk)
    expect(measured[p.key]).toBeGreaterThanOrEqual(14)
    expect(measured[p.key]).toBeLessThanOrEqual(16)
    // The frame: navigation at the side, Taro's tab bar gone, the content a bounded column.
    const nav = await visible(page, '#desk-nav').boundingBox()
    expect(nav).toMatchObject({ x: 0, y: 0, height: DESK.height })
    expect(await page.locator('.taro-tabbar__tabbar:visible').count()).toBe(0)
    const width = await contentWidth(page)
    expect(width).toBeGreaterThanOrEqual(960)
    expect(width).toBeLessThanOrEqual(1100)
    // Every page but a tab has a way back.
    expect(await page.locator('#desk-back:visible').count()).toBe(p.key === 'home' ? 0 : 1)
    await page.screenshot({ path: path.join(ARTIFACTS, `desk-layout-desk-${p.key}.png`) })
  }
  console.log('desk body text (px):', JSON.stringify(measured))

  // The tables: one row per member, with its header; one row per participant of the meeting.
  await show(page, '/packages/roster/pages/list/index')
  await visible(page, '#member-table').waitFor()
  expect(await page.locator('#member-table:visible thead th').allInnerTexts()).toEqual([
    '姓名',
    '类别',
    '职务',
    '党小组',
    '手机号',
    '状态',
    '微信',
  ])
  await visible(page, '#member-m_b1_02').waitFor()
  const board = await api<{ people: { memberId: string; guest: boolean }[] }>(setup.token, 'attendance.board', {
    meetingId: setup.boardMeetingId,
  })
  await show(page, `/packages/attendance/pages/board/index?meetingId=${setup.boardMeetingId}`)
  await visible(page, '#board-people tbody tr').waitFor()
  expect(await page.locator('#board-people tbody tr:visible').count()).toBe(board.people.filter((p) => !p.guest).length)

  // 会议记录本: a table on the screen, the minutes in full on paper (without the frame).
  const year = beijing(stage.clock.now()).year()
  await show(page, `/packages/minutes/pages/book/index?branchId=org_b1&year=${year}`)
  await visible(page, '#book-table tbody tr').waitFor()
  expect(await page.locator('.mbook__entry:visible').count()).toBe(0)
  await page.emulateMedia({ media: 'print' })
  expect(await page.locator('#book-table:visible').count()).toBe(0)
  expect(await page.locator('#desk-nav:visible').count()).toBe(0)
  expect(await page.locator('.mbook__entry:visible').count()).toBeGreaterThan(0)
  await page.emulateMedia({ media: 'screen' })

  // The side navigation opens a section; 返回 leads back (here to 首页: the section opened first).
  await show(page, '/pages/index/index')
  await visible(page, '#home-hello').waitFor()
  await visible(page, '#desk-nav-roster').click()
  await page.waitForURL(/roster\/pages\/list/)
  await visible(page, '#member-table').waitFor()
  await visible(page, '#desk-back', '返回').click()
  await page.waitForURL(/pages\/index\/index/)
  await visible(page, '#home-hello').waitFor()

  // A row opens by keyboard: Tab from the search box reaches the rows (focus drawn), Enter opens the member.
  await visible(page, '#desk-nav-roster').click()
  await visible(page, '#member-table').waitFor()
  await visible(page, '#roster-search').locator('input').first().focus()
  let tag = ''
  for (let i = 0; i < 12 && tag !== 'TR'; i++) {
    await page.keyboard.press('Tab')
    tag = await page.evaluate(() => document.activeElement?.tagName ?? '')
  }
  expect(tag).toBe('TR')
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)
  expect(outline).not.toBe('none')
  await page.keyboard.press('Enter')
  await page.waitForURL(/roster\/pages\/member/)
  // Opened on top of the list: 返回 goes back to it.
  await visible(page, '#desk-back', '返回').click()
  await page.waitForURL(/roster\/pages\/list/)
  await page.context().close()
})

test('desk: the 签到码 fits 1366×768 without scrolling and goes full screen for a projector', async () => {
  const page = await open(stage.browser.browser, DESK)
  await show(page, `/packages/attendance/pages/code/index?meetingId=${setup.upcomingMeetingId}`)
  await visible(page, '#signin-qr img').waitFor()
  for (const id of ['signin-code', 'signin-qr', 'signin-countdown', 'code-fullscreen', 'open-board']) {
    const box = await visible(page, `#${id}`).boundingBox()
    expect(box).not.toBeNull()
    expect(box!.x).toBeGreaterThanOrEqual(0)
    expect(box!.y).toBeGreaterThanOrEqual(0)
    expect(box!.x + box!.width).toBeLessThanOrEqual(DESK.width)
    expect(box!.y + box!.height).toBeLessThanOrEqual(DESK.height)
  }
  // The code is large enough to scan from the back of a room, and the page does not scroll.
  expect((await visible(page, '#signin-qr img').boundingBox())!.height).toBeGreaterThanOrEqual(400)
  const scrolls = await visible(page, '.taro_page').evaluate((node) => node.scrollHeight > node.clientHeight + 1)
  expect(scrolls).toBe(false)
  await page.screenshot({ path: path.join(ARTIFACTS, 'desk-layout-desk-code.png') })

  await visible(page, '#code-fullscreen', '全屏').click()
  await page.waitForFunction(() => document.fullscreenElement?.id === 'signin-code')
  await page.screenshot({ path: path.join(ARTIFACTS, 'desk-layout-desk-code-fullscreen.png') })
  await visible(page, '#code-fullscreen', '退出全屏').click()
  await page.waitForFunction(() => document.fullscreenElement === null)
  await page.context().close()
})

test('desk: a date and times typed and wheeled in the schedule form, Enter submits it', async () => {
  const page = await open(stage.browser.browser, DESK)
  await show(page, '/packages/meeting/pages/schedule/index')
  await visible(page, '#kind-party_lecture').click()
  const day = beijing(stage.clock.now()).add(5, 'day').format('YYYY-MM-DD')
  const date = visible(page, '#field-date-input')
  expect(await date.getAttribute('type')).toBe('date')
  await date.fill(day)
  const start = visible(page, '#field-start-input')
  expect(await start.getAttribute('type')).toBe('time')
  await start.fill('14:30')
  // The wheel over the focused time moves it by 5 minutes a notch, up for the wheel turned away.
  await start.focus()
  const box = (await start.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.wheel(0, -100)
  await page.waitForFunction(() => (document.querySelector('#field-start-input') as HTMLInputElement).value === '14:35')
  await visible(page, '#field-end-input').fill('16:00')
  await fill(page, 'field-title', '桌面版键盘安排的党课')
  await fill(page, 'field-agenda-0', '学习党章')
  await fill(page, 'field-place', '三楼会议室')
  await page.screenshot({ path: path.join(ARTIFACTS, 'desk-layout-desk-schedule.png') })
  // Enter in the last one-line field submits the form (no click on the button).
  await visible(page, '#field-place').locator('input').first().press('Enter')
  await page.waitForURL(/meeting\/pages\/detail\/index\?id=/)
  const id = new URL(page.url().replace('/#/', '/')).searchParams.get('id')!
  const meeting = await api<{ title: string; startAt: number; endAt: number }>(setup.token, 'meeting.get', {
    meetingId: id,
  })
  expect(meeting.title).toBe('桌面版键盘安排的党课')
  expect(meeting.startAt).toBe(fromBeijing(day, '14:35'))
  expect(meeting.endAt).toBe(fromBeijing(day, '16:00'))
  await page.context().close()
})
