/**
 * Issue 5 in a real browser: the secretary opens the rotating 签到码; two members, each on their own
 * phone, read the code's text and type it (the browser has no scanner); a third asks for leave and
 * the secretary approves it on the board, which then shows the counts.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { beijing } from '../../src/domain/beijing-time'
import { ARTIFACTS, expectText, fill, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(180_000)

const stage = stageForThisFile()
const SECRETARY = 'm_b1_01'
const MEMBERS = ['m_b1_08', 'm_b1_09']
const ON_LEAVE = 'm_b1_10'

async function api<T>(memberId: string, action: string, input: unknown, requestId?: string): Promise<T> {
  const login = await fetch(`${stage.host.url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'session.devLogin', input: { memberId } }),
  })
  const { data } = (await login.json()) as { data: { token: string } }
  const res = await fetch(`${stage.host.url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${data.token}` },
    body: JSON.stringify({ action, input, requestId }),
  })
  const body = (await res.json()) as { ok: boolean; data: T; error?: { message: string } }
  if (!body.ok) throw new Error(body.error!.message)
  return body.data
}

/**
 * A meeting of the secretary's branch starting `inMinutes` from now (sign-in opens 30 minutes before
 * the start) and lasting `minutes` (cut at midnight), scheduled through the API.
 */
async function scheduleSoon(
  inMinutes: number,
  minutes: number,
  meeting: { kind: string; title: string; place: string; agenda: string[] },
  requestId: string,
): Promise<{ id: string; participantCount: number }> {
  const start = beijing(stage.clock.now() + inMinutes * 60_000).startOf('minute')
  const end = start.add(minutes, 'minute')
  return api(
    SECRETARY,
    'meeting.schedule',
    {
      ...meeting,
      date: start.format('YYYY-MM-DD'),
      startTime: start.format('HH:mm'),
      endTime: end.format('YYYY-MM-DD') === start.format('YYYY-MM-DD') ? end.format('HH:mm') : '23:59',
    },
    requestId,
  )
}

const pageOf = (page: 'code' | 'signin' | 'leave' | 'board', meetingId: string) =>
  `${stage.host.url}/#/packages/attendance/pages/${page}/index?meetingId=${meetingId}`

/** A new phone logged in as `memberId` (standing at `where`, if given) showing `url`. */
async function phoneShowing(memberId: string, url: string, where?: { latitude: number; longitude: number }) {
  const phone = await stage.browser.newPhone()
  if (where) {
    await phone.context.grantPermissions(['geolocation'])
    await phone.context.setGeolocation(where)
  }
  await loginAs(stage.host.url, phone.page, memberId)
  await phone.page.goto(url)
  return phone
}

async function tokenShown(page: Page): Promise<string> {
  // The first load of the subpackage can be slow while other builds run on the machine.
  await visible(page, '#signin-token').waitFor({ timeout: 45_000 })
  await expectText(page, '#signin-token', /^S1\./)
  return (await visible(page, '#signin-token').innerText()).trim()
}

test('secretary shows the code, two members sign in by its text, a third is granted leave, the board counts', async () => {
  // A 主题党日 starting in 20 minutes (sign-in opens 30 minutes before the start), set up through the API.
  const meeting = await scheduleSoon(
    20,
    60,
    { kind: 'theme_day', title: '主题党日：签到演练', place: '党员活动室', agenda: ['重温入党誓词'] },
    'e2e-attendance-schedule',
  )

  const secretary = await phoneShowing(SECRETARY, pageOf('code', meeting.id))
  const first = await tokenShown(secretary.page)
  expect(first).toContain(meeting.id)
  await visible(secretary.page, '#signin-qr').waitFor()
  await expectText(secretary.page, '#signin-countdown', /\d+ 秒后更换/)
  await secretary.page.screenshot({ path: path.join(ARTIFACTS, 'attendance-code.png'), fullPage: true })

  for (const [i, memberId] of MEMBERS.entries()) {
    const phone = await phoneShowing(memberId, pageOf('signin', meeting.id))
    await expectText(phone.page, '#signin-title', '主题党日：签到演练')
    // Read the code off the secretary's screen as it is now, and type it.
    await fill(phone.page, 'token-input', await tokenShown(secretary.page))
    if (i === 0) await phone.page.screenshot({ path: path.join(ARTIFACTS, 'attendance-signin.png'), fullPage: true })
    await visible(phone.page, '#submit-token').click()
    await expectText(phone.page, '#signin-done', '已签到')
    await expectText(phone.page, '#signin-done', '扫码签到')
    if (i === 0) {
      // A second scan does not make a second record.
      await phone.page.reload()
      await expectText(phone.page, '#signin-done', '已签到')
      await phone.page.screenshot({ path: path.join(ARTIFACTS, 'attendance-signed.png'), fullPage: true })
    }
    await phone.context.close()
  }

  // A forged code is refused in Chinese.
  const stranger = await phoneShowing('m_b1_11', pageOf('signin', meeting.id))
  await fill(stranger.page, 'token-input', `${(await tokenShown(secretary.page)).slice(0, -4)}0000`)
  await visible(stranger.page, '#submit-token').click()
  await expectText(stranger.page, '#signin-error', /签到码无效/)
  await stranger.context.close()

  const leave = await phoneShowing(ON_LEAVE, pageOf('leave', meeting.id))
  await visible(leave.page, '#leave-cat-work').click()
  await fill(leave.page, 'leave-note', '出差在外地，无法到会')
  await visible(leave.page, '#leave-submit').click()
  await expectText(leave.page, '#leave-status', '待审批')
  await leave.page.screenshot({ path: path.join(ARTIFACTS, 'attendance-leave.png'), fullPage: true })

  await visible(secretary.page, '#open-board').click()
  await expectText(secretary.page, '#board-present', '2')
  await expectText(secretary.page, '#board-pending', '1 人请假待批')
  await visible(secretary.page, `#approve-leave-${ON_LEAVE}`).click()
  await expectText(secretary.page, '#board-leave', '1')
  await expectText(secretary.page, '#board-expected', String(meeting.participantCount))
  await expectText(secretary.page, '#board-absent', String(meeting.participantCount - 3))
  await expectText(secretary.page, `#person-${MEMBERS[0]}`, '现场出席')
  await expectText(secretary.page, `#person-${ON_LEAVE}`, '请假')
  await secretary.page.screenshot({ path: path.join(ARTIFACTS, 'attendance-board.png'), fullPage: true })

  // The member sees the decision.
  await leave.page.reload()
  await expectText(leave.page, '#leave-status', '已准假')

  const records = await stage.host.ports.store.count('attendance', [
    { field: 'meetingId', op: 'eq', value: meeting.id },
  ])
  expect(records).toBe(2)
})

test('remote attendance: the secretary allows it in the settings, a member takes part remotely, the secretary confirms', async () => {
  const meeting = await scheduleSoon(
    25,
    90,
    { kind: 'branch_congress', title: '支部党员大会：远程参会演练', place: '会议室', agenda: ['讨论发展对象'] },
    'e2e-attendance-schedule-remote',
  )
  const secretary = await phoneShowing(SECRETARY, pageOf('board', meeting.id))
  await expectText(secretary.page, '#board-quorum', /须到 \d+ 人.*未达到/)
  await visible(secretary.page, '#settings-toggle').click()
  await visible(secretary.page, '#settings-form').waitFor()
  await visible(secretary.page, '#settings-allow-remote').click()
  await fill(secretary.page, 'settings-video-link', '腾讯会议 888-123-456')
  await visible(secretary.page, '#settings-save').click()
  await expectText(secretary.page, '#settings-message', '签到设置已保存')
  await secretary.page.screenshot({ path: path.join(ARTIFACTS, 'attendance-settings.png'), fullPage: true })

  const member = await phoneShowing(MEMBERS[0], pageOf('signin', meeting.id))
  await expectText(member.page, '#remote-panel', '腾讯会议 888-123-456')
  await visible(member.page, '#remote-request').click()
  await expectText(member.page, '#signin-done', '已报名远程参会，待书记确认')
  await member.page.screenshot({ path: path.join(ARTIFACTS, 'attendance-remote.png'), fullPage: true })

  // The board refreshes by itself every few seconds.
  await expectText(secretary.page, '#board-pending', '1 人远程参会待确认')
  await visible(secretary.page, `#confirm-remote-${MEMBERS[0]}`).click()
  await expectText(secretary.page, '#board-remote', '1')
  await expectText(secretary.page, '#board-in-person', '0')
  await expectText(secretary.page, '#board-quorum', /现到 1 人/)
  await secretary.page.screenshot({ path: path.join(ARTIFACTS, 'attendance-board-quorum.png'), fullPage: true })
})

test('a printed venue code signs in a member standing at the venue, and refuses one far away', async () => {
  const meeting = await scheduleSoon(
    15,
    60,
    { kind: 'party_lecture', title: '专题党课：会场签到码', place: '礼堂', agenda: ['专题党课'] },
    'e2e-attendance-schedule-printed',
  )
  const venue = { lat: 39.9087, lng: 116.3975 }
  await api(
    SECRETARY,
    'attendance.configure',
    {
      meetingId: meeting.id,
      opensBefore: 30,
      lateAfter: 5,
      place: { ...venue, radius: 150, label: '机关礼堂' },
      allowRemote: false,
    },
    'e2e-attendance-configure-printed',
  )
  const printed = await api<{ scene: string }>(
    SECRETARY,
    'attendance.printedCode',
    { meetingId: meeting.id },
    'e2e-attendance-printed-code',
  )
  // The local host's code opens the h5 sign-in page with the scene as its query.
  const url = `${stage.host.url}/#/packages/attendance/pages/signin/index?${printed.scene}`

  const far = await phoneShowing('m_b1_11', url, { latitude: venue.lat + 0.01, longitude: venue.lng })
  await expectText(far.page, '#signin-error', /超出 150 米签到范围/)
  await far.context.close()

  const near = await phoneShowing('m_b1_12', url, { latitude: venue.lat + 0.0005, longitude: venue.lng })
  await expectText(near.page, '#signin-done', '会场码签到')
  await near.page.screenshot({ path: path.join(ARTIFACTS, 'attendance-printed.png'), fullPage: true })
  const records = await stage.host.ports.store.count('attendance', [
    { field: 'meetingId', op: 'eq', value: meeting.id },
  ])
  expect(records).toBe(1)
})

test('offline: the code keeps rotating without a network; a scan made offline waits as 待上传 and is sent when back online', async () => {
  const meeting = await scheduleSoon(
    10,
    60,
    { kind: 'theme_day', title: '主题党日：离线签到', place: '地下会议室', agenda: ['集中学习'] },
    'e2e-attendance-schedule-offline',
  )
  const secretary = await phoneShowing(SECRETARY, pageOf('code', meeting.id))
  const before = await tokenShown(secretary.page)
  await secretary.context.setOffline(true)
  // The next window's code appears with no network (a window is 20 seconds).
  await secretary.page.waitForFunction(
    (old) => {
      const el = [...document.querySelectorAll('#signin-token')].find((e) => (e as HTMLElement).offsetParent !== null)
      return el !== undefined && (el as HTMLElement).innerText.trim() !== old
    },
    before,
    { timeout: 25_000 },
  )
  const rotated = await tokenShown(secretary.page)
  expect(rotated).not.toBe(before)

  const member = await phoneShowing('m_b1_13', pageOf('signin', meeting.id))
  await expectText(member.page, '#signin-title', '主题党日：离线签到')
  await member.context.setOffline(true)
  await fill(member.page, 'token-input', rotated)
  await visible(member.page, '#submit-token').click()
  await expectText(member.page, '#signin-pending', '待上传')
  await member.page.screenshot({ path: path.join(ARTIFACTS, 'attendance-offline-pending.png'), fullPage: true })
  const id = `${meeting.id}.m_b1_13`
  expect(await stage.host.ports.store.get('attendance', id)).toBeNull()

  // The network returns: the outbox sends the scan by itself, marked 离线补传.
  await member.context.setOffline(false)
  await member.page.waitForFunction(() => !document.querySelector('#signin-pending'), undefined, { timeout: 15_000 })
  await expectText(member.page, '#signin-done', '离线补传')
  await member.page.screenshot({ path: path.join(ARTIFACTS, 'attendance-offline-sent.png'), fullPage: true })
  const record = await stage.host.ports.store.get<{ via: string; offline: boolean }>('attendance', id)
  expect(record).toMatchObject({ via: 'offline', offline: true })
})
