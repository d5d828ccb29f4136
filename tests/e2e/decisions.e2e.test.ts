/**
 * Issue 16 in a real browser: a 支部党员大会 votes on a 预备党员's 转正 with one member attending by
 * video and two absent members' written opinions. The secretary records the typed decision in the
 * minutes editor, finalizes, and the locked minutes and the downloaded .docx say how each person was
 * counted (video: not counted for 转正; written opinions: counted in the votes, not toward quorum).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import type { Page } from 'playwright-core'
import type { MeetingDetail } from '../../src/domain/api/views'
import type { AttendanceBoard } from '../../src/domain/api/views-attendance'
import { fromBeijing } from '../../src/domain/beijing-time'
import { ARTIFACTS, expectText, fill, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(180_000)

const stage = stageForThisFile()
const SECRETARY = 'm_b1_01'
const REMOTE = 'm_b1_08'
const PROBATIONARY = 'm_b1_14'

let seq = 0
async function api<T>(token: string | null, action: string, input: unknown, write = false): Promise<T> {
  const res = await fetch(`${stage.host.url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ action, input, requestId: write ? `e2e-decisions-${Date.now()}-${++seq}` : undefined }),
  })
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { message: string } }
  if (!body.ok) throw new Error(`${action}: ${body.error!.message}`)
  return body.data as T
}

async function download(page: Page, buttonId: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), visible(page, `#${buttonId}`).click()])
  const file = path.join(ARTIFACTS, `decisions-${dl.suggestedFilename()}`)
  await dl.saveAs(file)
  return readFileSync(file)
}

test('a 党员大会 records a 转正 vote with one remote attendee and two written opinions; the lock and the .docx say how each counted', async () => {
  // The demo's 预备党员 were admitted 2026-07-01: their 预备期 ends 2027-07-01 (党章 第七条), so the
  // 党员大会 that votes on 转正 meets after it.
  const day = '2027-07-05'
  const at = (time: string, minutes: number) => {
    stage.clock.advance(fromBeijing(day, time) + minutes * 60_000 - stage.clock.now())
  }
  at('09:00', -60)
  const { token } = await api<{ token: string }>(null, 'session.devLogin', { memberId: SECRETARY })
  const meeting = await api<MeetingDetail>(
    token,
    'meeting.schedule',
    {
      kind: 'branch_congress',
      title: '端到端支部党员大会：讨论预备党员转正',
      place: '三楼党员活动室',
      agenda: ['讨论预备党员转正'],
      date: day,
      startTime: '09:00',
      endTime: '10:00',
    },
    true,
  )
  await api(
    token,
    'attendance.configure',
    { meetingId: meeting.id, opensBefore: 30, lateAfter: 5, place: null, allowRemote: true, videoLink: '腾讯会议 888' },
    true,
  )
  const remote = await api<{ token: string }>(null, 'session.devLogin', { memberId: REMOTE })
  await api(remote.token, 'attendance.remoteRequest', { meetingId: meeting.id }, true)

  at('09:00', 5)
  const board = await api<AttendanceBoard>(token, 'attendance.board', { meetingId: meeting.id })
  const voters = board.people.filter((p) => p.votingRights && !p.guest && p.memberId !== REMOTE)
  const absent = voters.slice(-2)
  for (const p of board.people) {
    if (p.guest || p.memberId === REMOTE || absent.some((a) => a.memberId === p.memberId)) continue
    await api(token, 'attendance.markManual', { meetingId: meeting.id, memberId: p.memberId, reason: '会场登记' }, true)
  }
  await api(token, 'attendance.remoteConfirm', { meetingId: meeting.id, memberId: REMOTE }, true)
  at('10:00', 5)
  await api(token, 'attendance.confirm', { meetingId: meeting.id }, true)
  const inPerson = voters.length - 2
  const remoteName = board.people.find((p) => p.memberId === REMOTE)!.name

  const { page } = await stage.browser.newPhone()
  await loginAs(stage.host.url, page, SECRETARY)
  await page.goto(`${stage.host.url}/#/packages/minutes/pages/edit/index?meetingId=${meeting.id}`)
  await fill(page, 'field-chair', '张建国')
  await fill(page, 'field-recorder', '李晓红')
  await fill(page, 'item-0-speeches', '介绍人介绍预备期表现；党员逐一发表意见。')
  await fill(page, 'item-0-decision', '同意按期转为正式党员，报党委审批。')
  // The decision: 转正, its subject, the votes in the room and the two written opinions.
  await visible(page, '#item-0-kind-confirm').click()
  await visible(page, `#item-0-subject-${PROBATIONARY}`).click()
  await fill(page, 'item-0-motion-for', String(inPerson - 1))
  await fill(page, 'item-0-motion-against', '1')
  for (const a of absent) await visible(page, `#item-0-written-${a.memberId}-for`).click()
  await expectText(page, '#item-0-tally', '含书面意见 2 份')
  await expectText(page, '#item-0-people', `${remoteName}：远程参会，本项表决不计入到会人数和票数`)
  await visible(page, '#save-draft').click()
  await expectText(page, '#sync-state', '已保存到服务器')
  await page.screenshot({ path: path.join(ARTIFACTS, 'decisions-edit.png'), fullPage: true })

  await visible(page, '#finalize').click()
  await visible(page, '#finalize-confirm').click()
  await page.waitForURL(/minutes\/pages\/view/)
  await expectText(page, '#locked-note', '已定稿锁定')
  const decision = '#view-item-0-decision'
  await expectText(page, decision, `计入到会 ${inPerson} 人`)
  await expectText(page, decision, `赞成 ${inPerson + 1} 票，反对 1 票，弃权 0 票（含书面意见 2 份）`)
  await expectText(page, decision, /；通过。依据：《中国共产党发展党员工作细则》第二十四条/)
  await expectText(page, decision, `${remoteName}：远程参会，本项表决不计入到会人数和票数`)
  for (const a of absent) await expectText(page, decision, `${a.name}：会前提交书面意见，计入票数（不计入到会人数）`)
  await expectText(page, decision, '无表决权，不计入')
  await page.screenshot({ path: path.join(ARTIFACTS, 'decisions-view.png'), fullPage: true })

  // The locked record holds the count person by person.
  const locked = await api<{
    attendance: { decisions: { people: { memberId: string; countedAs: string }[] }[] }
  }>(token, 'minutes.get', { meetingId: meeting.id })
  const how = Object.fromEntries(locked.attendance.decisions[0].people.map((p) => [p.memberId, p.countedAs]))
  expect(how[REMOTE]).toBe('remote_not_counted')
  expect(absent.map((a) => how[a.memberId])).toEqual(['written_opinion', 'written_opinion'])
  expect(how[PROBATIONARY]).toBe('not_entitled')
  expect(how[SECRETARY]).toBe('in_person')

  // The .docx says the same.
  const zip = await JSZip.loadAsync(await download(page, 'export-docx'))
  const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
  expect(text).toContain(`赞成 ${inPerson + 1} 票，反对 1 票，弃权 0 票（含书面意见 2 份）`)
  expect(text).toContain(`${remoteName}：远程参会，本项表决不计入到会人数和票数`)
  for (const a of absent) expect(text).toContain(`${a.name}：会前提交书面意见，计入票数（不计入到会人数）`)
  expect(text).toContain('计票情况')
})
