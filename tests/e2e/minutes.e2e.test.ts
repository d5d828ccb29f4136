/**
 * Issue 6 in a real browser: a meeting is held (attendance set up through the API, as the
 * attendance pages would), the secretary writes the minutes from attendance in the app, finalizes
 * them after the meeting (the host's clock moved past its end), sees the lock, downloads the .docx
 * and checks the branch's record chain; the 会议记录本 lists it and exports the year.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import type { Page } from 'playwright-core'
import type { MeetingDetail } from '../../src/domain/api/views'
import { beijing, fromBeijing } from '../../src/domain/beijing-time'
import { ARTIFACTS, expectText, fill, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(180_000)

const stage = stageForThisFile()
const SECRETARY = 'm_b1_01'

let seq = 0
async function api<T>(token: string | null, action: string, input: unknown, write = false): Promise<T> {
  const res = await fetch(`${stage.host.url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ action, input, requestId: write ? `e2e-minutes-${Date.now()}-${++seq}` : undefined }),
  })
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { message: string } }
  if (!body.ok) throw new Error(`${action}: ${body.error!.message}`)
  return body.data as T
}

async function docText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes)
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
}

async function download(page: Page, buttonId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), visible(page, `#${buttonId}`).click()])
  const file = path.join(ARTIFACTS, dl.suggestedFilename())
  await dl.saveAs(file)
  return { name: dl.suggestedFilename(), bytes: readFileSync(file) }
}

/**
 * A 主题党日 tomorrow (host clock) from `start` to `end`, scheduled by the secretary an hour before
 * (so it is in the future whatever the real time), everyone signed in by the secretary 5 minutes in —
 * but the last participant when `oneAbsent` — and attendance confirmed 5 minutes after the end.
 */
async function heldMeeting(
  m: { title: string; place: string; agenda: string[] },
  start: string,
  end: string,
  oneAbsent: boolean,
): Promise<{ token: string; meeting: MeetingDetail; day: string }> {
  const day = beijing(stage.clock.now()).add(1, 'day').format('YYYY-MM-DD')
  const at = (time: string, minutes: number) => {
    stage.clock.advance(fromBeijing(day, time) + minutes * 60_000 - stage.clock.now())
  }
  at(start, -60)
  const { token } = await api<{ token: string }>(null, 'session.devLogin', { memberId: SECRETARY })
  const meeting = await api<MeetingDetail>(
    token,
    'meeting.schedule',
    { kind: 'theme_day', ...m, date: day, startTime: start, endTime: end },
    true,
  )
  at(start, 5)
  const present = oneAbsent ? meeting.participants.slice(0, -1) : meeting.participants
  for (const p of present) {
    await api(token, 'attendance.markManual', { meetingId: meeting.id, memberId: p.id, reason: '会场登记' }, true)
  }
  at(end, 5)
  await api(token, 'attendance.confirm', { meetingId: meeting.id }, true)
  return { token, meeting, day }
}

test('minutes written from attendance, finalized after the meeting, locked, exported and verified', async () => {
  // Held: everyone but one signed in by the secretary during the meeting; attendance confirmed after.
  const { token, meeting, day } = await heldMeeting(
    {
      title: '端到端主题党日：学习支部工作条例',
      place: '三楼党员活动室',
      agenda: ['重温入党誓词', '集中学习支部工作条例'],
    },
    '10:00',
    '11:00',
    true,
  )
  const absent = meeting.participants[meeting.participants.length - 1]

  const { page } = await stage.browser.newPhone()
  await loginAs(stage.host.url, page, SECRETARY)
  await page.goto(`${stage.host.url}/#/packages/minutes/pages/edit/index?meetingId=${meeting.id}`)
  // Attendance comes from sign-in, not typed.
  await expectText(
    page,
    '#minutes-attendance',
    `应到 ${meeting.participantCount} 人，实到 ${meeting.participantCount - 1} 人`,
  )
  await expectText(page, '#minutes-attendance', `缺席：${absent.name}`)
  await fill(page, 'field-chair', '张建国')
  await fill(page, 'field-recorder', '李晓红')
  await fill(page, `absence-${absent.id}`, '出差在外')
  await fill(page, 'item-0-speeches', '全体党员面向党旗重温入党誓词。')
  await fill(page, 'item-0-decision', '每季度重温一次入党誓词。')
  await fill(page, 'item-1-speeches', '张建国领学；王某认为学习时间应更充分（不同意见）。')
  await fill(page, 'item-1-decision', '各党小组月底前交学习体会。')
  await visible(page, '#save-draft').click()
  await expectText(page, '#sync-state', '已保存到服务器')
  // A photo from the device: chosen through the file input, compressed on a canvas, hashed on the server.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(page, '#add-photo').click()])
  await chooser.setFiles(path.resolve(__dirname, '..', '..', 'src', 'assets', 'tab', 'home-active.png'))
  await expectText(page, '#minutes-photos', /照片 · 收到于/)
  await page.screenshot({ path: path.join(ARTIFACTS, 'minutes-edit.png'), fullPage: true })
  await page.mouse.move(180, 400)
  await page.mouse.wheel(0, -50_000)
  await page.waitForTimeout(400)
  await page.screenshot({ path: path.join(ARTIFACTS, 'minutes-edit-top.png') })

  // Finalize (the host's clock is past the meeting's end).
  await visible(page, '#finalize').click()
  await visible(page, '#finalize-confirm').click()
  await page.waitForURL(/minutes\/pages\/view/)
  await expectText(page, '#locked-note', '已定稿锁定')
  await expectText(page, '#view-chair', '主持人：张建国')
  await expectText(page, '#reads-count', `已阅签 0 / ${meeting.participantCount}`)
  expect(await page.locator('#late-flag:visible').count()).toBe(0)

  // The photo is part of the locked record and opens from the server.
  await visible(page, '#show-photo-0').click()
  await visible(page, '#minutes-photos img').waitFor()
  const photos = await api<{ photos: { contentType: string; sha256: string }[] }>(token, 'minutes.get', {
    meetingId: meeting.id,
  })
  expect(photos.photos).toEqual([expect.objectContaining({ contentType: 'image/jpeg' })])

  // The chain checks out.
  await visible(page, '#verify-chain').click()
  await expectText(page, '#verify-result', /记录链完好：共 1 条/)
  await page.screenshot({ path: path.join(ARTIFACTS, 'minutes-view.png'), fullPage: true })
  await page.mouse.move(180, 400)
  await page.mouse.wheel(0, -50_000)
  await page.waitForTimeout(400)
  await page.screenshot({ path: path.join(ARTIFACTS, 'minutes-view-top.png') })

  // Export: a real .docx download holding the fields.
  const docx = await download(page, 'export-docx')
  expect(docx.name).toMatch(/^会议记录_.*\.docx$/)
  const text = await docText(docx.bytes)
  for (const expected of [
    '端到端主题党日：学习支部工作条例',
    '三楼党员活动室',
    '主持人：张建国',
    '记录人：李晓红',
    `${absent.name}（出差在外）`,
    '王某认为学习时间应更充分（不同意见）',
    '各党小组月底前交学习体会。',
    '记录人（签字）',
  ]) {
    expect(text).toContain(expected)
  }

  // Locked: the editor no longer edits, and the server refuses a save.
  await page.goto(`${stage.host.url}/#/packages/minutes/pages/edit/index?meetingId=${meeting.id}`)
  await expectText(page, '#state-empty', '已经定稿锁定')
  const view = await api<{ version: number; content: unknown }>(token, 'minutes.get', { meetingId: meeting.id })
  await expect(
    api(token, 'minutes.saveDraft', { meetingId: meeting.id, version: view.version, content: view.content }, true),
  ).rejects.toThrow(/已经定稿锁定/)

  // The 会议记录本 of the year shows it in full and exports it.
  const year = Number(day.slice(0, 4))
  await page.goto(`${stage.host.url}/#/packages/minutes/pages/book/index?branchId=org_b1&year=${year}`)
  await expectText(page, '#book-heading', `第一党支部 ${year} 年会议记录本`)
  // The book runs from January; page on until this meeting shows.
  while ((await page.locator('.mbook__entry:visible', { hasText: '端到端主题党日' }).count()) === 0) {
    await visible(page, '#book-more').click()
    await page.waitForTimeout(300)
  }
  await visible(page, '.mbook__entry', '端到端主题党日').scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(ARTIFACTS, 'minutes-book.png'), fullPage: false })
  const book = await download(page, 'export-book')
  expect(await docText(book.bytes)).toContain('端到端主题党日：学习支部工作条例')
  await page.emulateMedia({ media: 'print' })
  expect(await page.locator('.mbook__tools:visible').count()).toBe(0)
  await page.screenshot({ path: path.join(ARTIFACTS, 'minutes-book-print.png'), fullPage: false })
  await page.emulateMedia({ media: 'screen' })
})

test('minutes finalized more than 3 days after the meeting carry 补录; a correction keeps the original', async () => {
  const { token, meeting } = await heldMeeting(
    { title: '补录测试主题党日', place: '党员活动室', agenda: ['集中学习'] },
    '14:00',
    '15:00',
    false,
  )
  // The minimal sequence that saves and finalizes minutes through the API.
  const template = await api<{ version: number; content: { items: object[] } }>(token, 'minutes.get', {
    meetingId: meeting.id,
  })
  const saved = await api<{ version: number }>(
    token,
    'minutes.saveDraft',
    {
      meetingId: meeting.id,
      version: template.version,
      content: {
        ...template.content,
        chair: '张建国',
        recorder: '李晓红',
        items: template.content.items.map((i) => ({ ...i, speeches: '集中学习了支部工作条例。' })),
      },
    },
    true,
  )
  stage.clock.advance(3 * 24 * 3_600_000 + 60_000)
  await api(token, 'minutes.finalize', { meetingId: meeting.id, version: saved.version }, true)

  const { page } = await stage.browser.newPhone()
  await loginAs(stage.host.url, page, SECRETARY)
  await page.goto(`${stage.host.url}/#/packages/minutes/pages/view/index?id=${meeting.id}`)
  await expectText(page, '#late-flag', '补录：本记录定稿晚于会议结束超过 3 天')
  await visible(page, '#open-amend').click()
  await visible(page, '#amend-field-recorder').click()
  await fill(page, 'amend-text', '李晓虹')
  await fill(page, 'amend-reason', '记录人姓名写错')
  await visible(page, '#amend-submit').click()
  await expectText(page, '#minutes-amendments', '记录人：「李晓红」→「李晓虹」')
  // The original stays as locked; the corrected text is one tap away.
  await expectText(page, '#view-recorder', '记录人：李晓红')
  await visible(page, '#toggle-corrected').click()
  await expectText(page, '#view-recorder', '记录人：李晓虹')
  await page.screenshot({ path: path.join(ARTIFACTS, 'minutes-late-amended.png'), fullPage: true })
  await page.mouse.move(180, 400)
  await page.mouse.wheel(0, -50_000)
  await page.waitForTimeout(400)
  await page.screenshot({ path: path.join(ARTIFACTS, 'minutes-late-top.png') })
  // On the meeting list the 补录 flag shows too.
  const list = await api<{ items: { id: string; minutesLate: boolean }[] }>(token, 'meeting.listBranch', {
    when: 'past',
    limit: 5,
  })
  expect(list.items.find((m) => m.id === meeting.id)!.minutesLate).toBe(true)
  await visible(page, '#verify-chain').click()
  await expectText(page, '#verify-result', /记录链完好：共 3 条/)
})
