/**
 * Issue 14 in a real browser, as the 党委's organizer (钱组织) at a desk (1366×768): 首页 →
 * 组织生活监督 → a 逾期 cell → the meeting behind it and the branch's 会议月历 of that month → a
 * meeting's locked minutes → verify; the matrix downloads as .xlsx and parses. The demo has no 逾期
 * quota (its past meetings were all recorded), so the test arranges one through the API: a 党课 left
 * unrecorded past its 3 days, and beside it a 主题党日 held with finalized minutes. Screenshots of the
 * matrix and the branch page at 1366×768 and 375×812 go to tests/.artifacts.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import type { MeetingDetail } from '../../src/domain/api/views'
import type { MinutesView } from '../../src/domain/api/views-minutes'
import { beijing, fromBeijing } from '../../src/domain/beijing-time'
import { periodSpan } from '../../src/domain/periods'
import { ARTIFACTS, expectText, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(240_000)

const stage = stageForThisFile()
const SECRETARY = 'm_b1_01'
const ORGANIZER = 'm_cmte_01'
const DAY = 24 * 3_600_000

let seq = 0
async function api<T>(token: string | null, action: string, input: unknown, write = false): Promise<T> {
  const res = await fetch(`${stage.host.url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ action, input, requestId: write ? `e2e-supervision-${Date.now()}-${++seq}` : undefined }),
  })
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { message: string } }
  if (!body.ok) throw new Error(`${action}: ${body.error!.message}`)
  return body.data as T
}

/** Moves the host's clock to `time` on the Beijing date `day`. */
function clockTo(day: string, time: string) {
  stage.clock.advance(fromBeijing(day, time) - stage.clock.now())
}

/**
 * The first branch's 党课 on a day soon, never recorded, and its 主题党日 the same afternoon, held
 * and with finalized minutes; the host's clock left 3 days and 2 hours after the 党课 (its record was
 * due after 3 days), still inside the 党课's quarter — moved on to the next quarter first if the
 * current one ends too soon for that.
 */
async function arrange(): Promise<{ lecture: MeetingDetail; held: MeetingDetail; day: string; quarter: string }> {
  let day = beijing(stage.clock.now()).add(1, 'day')
  const quarterEnd = periodSpan(day.valueOf(), 'quarter').end
  if (day.valueOf() + 5 * DAY >= quarterEnd) day = beijing(quarterEnd + DAY)
  const date = day.format('YYYY-MM-DD')
  clockTo(date, '07:00')
  const { token } = await api<{ token: string }>(null, 'session.devLogin', { memberId: SECRETARY })
  const schedule = (kind: string, title: string, startTime: string, endTime: string) =>
    api<MeetingDetail>(
      token,
      'meeting.schedule',
      { kind, title, date, startTime, endTime, place: '党员活动室', agenda: ['集中学习'] },
      true,
    )
  const lecture = await schedule('party_lecture', '端到端党课：会后未登记', '09:00', '10:00')
  const held = await schedule('theme_day', '端到端主题党日：记录已定稿', '14:00', '15:00')
  clockTo(date, '14:05')
  for (const p of held.participants) {
    await api(token, 'attendance.markManual', { meetingId: held.id, memberId: p.id, reason: '会场登记' }, true)
  }
  clockTo(date, '15:05')
  await api(token, 'attendance.confirm', { meetingId: held.id }, true)
  const template = await api<MinutesView>(token, 'minutes.get', { meetingId: held.id })
  const saved = await api<MinutesView>(
    token,
    'minutes.saveDraft',
    {
      meetingId: held.id,
      version: template.version,
      content: {
        ...template.content,
        chair: '张建国',
        recorder: '李晓红',
        items: template.content!.items.map((i) => ({ ...i, speeches: '集中学习了支部工作条例。' })),
      },
    },
    true,
  )
  clockTo(date, '16:00')
  await api(token, 'minutes.finalize', { meetingId: held.id, version: saved.version }, true)
  clockTo(day.add(3, 'day').format('YYYY-MM-DD'), '12:00')
  return { lecture, held, day: date, quarter: periodSpan(lecture.startAt, 'quarter').key }
}

async function download(page: Page, buttonId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), visible(page, `#${buttonId}`).click()])
  const file = path.join(ARTIFACTS, dl.suggestedFilename())
  await dl.saveAs(file)
  return { name: dl.suggestedFilename(), bytes: readFileSync(file) }
}

/** Opens the matrix from 首页 and shows the year of `day` (the year switcher when the host is ahead). */
async function openMatrix(page: Page, day: string) {
  await visible(page, '#go-supervision').click()
  await page.waitForURL(/supervision\/pages\/matrix/)
  const year = Number(day.slice(0, 4))
  await visible(page, '#matrix-year').waitFor()
  if (!(await visible(page, '#matrix-year').innerText()).startsWith(String(year))) {
    await visible(page, '#year-next').click()
  }
  await expectText(page, '#matrix-year', `${year} 年`)
}

test('the 党委 at a desk: matrix → a 逾期 cell → the branch’s calendar → minutes → verify; the .xlsx downloads and parses', async () => {
  const { lecture, held, day, quarter } = await arrange()
  const context = await stage.browser.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  await loginAs(stage.host.url, page, ORGANIZER)
  await openMatrix(page, day)

  // The desk table: the 逾期 cell of the first branch's 党课 in its quarter, in words.
  const cellId = `cell-org_b1-party_lecture-${quarter}`
  await visible(page, '#matrix-table').waitFor()
  await expectText(page, `#${cellId}`, '逾期')
  await expectText(page, '#matrix-table thead', '主题党日')
  await page.screenshot({ path: path.join(ARTIFACTS, 'supervision-matrix-1366.png') })
  // As the 党委 would look for trouble: filtered by 逾期, the branch and the period that holds it.
  await visible(page, '#status-overdue').click()
  await expectText(page, '#matrix-total', '表格只列出含所选状态的周期')
  expect(await page.locator('#row-org_b2:visible').count()).toBe(0)
  await page.screenshot({ path: path.join(ARTIFACTS, 'supervision-matrix-overdue-1366.png') })

  // The cell opens the meeting behind it; from there the branch's calendar of that month.
  await visible(page, `#${cellId}`).click()
  // The sheet floats (position: fixed, no offsetParent), so it is awaited by Playwright's own visibility.
  await visible(page, '#cell-sheet', lecture.title).waitFor()
  await visible(page, '#cell-sheet', '未确认考勤').waitFor()
  await page.screenshot({ path: path.join(ARTIFACTS, 'supervision-cell-sheet-1366.png') })
  await visible(page, '#sheet-calendar').click()
  await page.waitForURL(new RegExp(`calendar/index\\?branchId=org_b1&month=${day.slice(0, 7)}`))
  await expectText(page, '#month-label', '第一党支部')
  await expectText(page, '#calendar-meetings', lecture.title)

  // A meeting of that month with locked minutes: 会议详情 → 会议记录 → verify.
  await visible(page, `#meeting-${held.id}`).click()
  await page.waitForURL(/meeting\/pages\/detail/)
  await expectText(page, '#meeting-title', held.title)
  expect(await page.locator('#meeting-edit:visible, #go-signin-code:visible').count()).toBe(0)
  await visible(page, '#go-minutes-view').click()
  await page.waitForURL(/minutes\/pages\/view/)
  await expectText(page, '#locked-note', '已定稿锁定')
  expect(await page.locator('#open-amend:visible, #confirm-read:visible').count()).toBe(0)
  await visible(page, '#verify-chain').click()
  await expectText(page, '#verify-result', /第一党支部的记录链完好/)

  // The branch page at a desk.
  await page.goto(`${stage.host.url}/#/packages/supervision/pages/branch/index?branchId=org_b1&year=${day.slice(0, 4)}`)
  await expectText(page, '#branch-name', '第一党支部')
  await expectText(page, `#bcell-org_b1-party_lecture-${quarter}`, '逾期')
  await page.screenshot({ path: path.join(ARTIFACTS, 'supervision-branch-1366.png') })

  // The same two pages on a phone (375×812): cards with a compact row of cells.
  const phone = await stage.browser.newPhone()
  await loginAs(stage.host.url, phone.page, ORGANIZER)
  await openMatrix(phone.page, day)
  await expectText(phone.page, `#m${cellId}`, '逾')
  expect(await phone.page.locator('#matrix-table:visible').count()).toBe(0)
  await phone.page.screenshot({ path: path.join(ARTIFACTS, 'supervision-matrix-375.png') })
  await phone.page.goto(
    `${stage.host.url}/#/packages/supervision/pages/branch/index?branchId=org_b1&year=${day.slice(0, 4)}`,
  )
  await expectText(phone.page, '#branch-name', '第一党支部')
  await phone.page.screenshot({ path: path.join(ARTIFACTS, 'supervision-branch-375.png') })
  await phone.context.close()

  // The export: the matrix as filtered (逾期), with its indicators, as a workbook read back.
  await page.goto(`${stage.host.url}/#/packages/supervision/pages/matrix/index?year=${day.slice(0, 4)}`)
  await expectText(page, `#${cellId}`, '逾期')
  if (!/chip--on/.test((await visible(page, '#status-overdue').getAttribute('class')) ?? '')) {
    await visible(page, '#status-overdue').click()
  }
  await expectText(page, '#matrix-total', '表格只列出含所选状态的周期')
  const xlsx = await download(page, 'export-matrix')
  expect(xlsx.name).toMatch(/\.xlsx$/)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
  const text = (i: number) => {
    const rows: string[] = []
    book.worksheets[i].eachRow((row) => rows.push((row.values as unknown[]).map((v) => String(v ?? '')).join('|')))
    return rows
  }
  const matrix = text(0)
  expect(matrix[0]).toContain(`党课 第${'一二三四'[Number(quarter.slice(-1)) - 1]}季度`)
  expect(matrix.some((r) => r.startsWith('|第一党支部|党支部|') && r.includes('逾期'))).toBe(true)
  expect(matrix.some((r) => r.includes('第二党支部'))).toBe(false)
  expect(text(1).join('\n')).toContain('状态：逾期')

  await context.close()
})
