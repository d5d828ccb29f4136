/**
 * Issue 3 in a real browser: a secretary invites a member who has not bound WeChat yet; that person,
 * arriving as a new WeChat user, binds with the code, their name and their full phone number, and from then on sees their own branch and nothing of the other branch.
 */
import path from 'node:path'
import { ARTIFACTS, expectText, fill, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(120_000)

const stage = stageForThisFile()

/** 郭子涵 of 第一党支部: seeded without a WeChat binding. */
const INVITEE = { id: 'm_b1_16', name: '郭子涵', phone: '13800001555' }

test('a secretary invites a person, who binds and then sees only their own branch', async () => {
  const secretary = await stage.browser.newPhone()
  await loginAs(stage.host.url, secretary.page, 'm_b1_01')
  await secretary.page.goto(`${stage.host.url}/#/pages/me/index`)
  await visible(secretary.page, '#go-roster').click()
  await visible(secretary.page, `#member-${INVITEE.id}`).click()
  await expectText(secretary.page, '#member-name', INVITEE.name)
  await visible(secretary.page, '#invite-member').click()
  await expectText(secretary.page, '#invite-code', /^[A-Z0-9]{8}$/)
  const code = (await visible(secretary.page, '#invite-code').innerText()).trim()
  await visible(secretary.page, '#invite-qr').waitFor()
  await secretary.page.screenshot({ path: path.join(ARTIFACTS, 'invite.png'), fullPage: true })

  // The invited person opens the app for the first time: a WeChat user bound to nobody.
  const person = await stage.browser.newPhone()
  await person.page.goto(`${stage.host.url}/#/pages/login/index`)
  await visible(person.page, '#login-new-user').click()
  await visible(person.page, '#unbound-notice').waitFor()
  await visible(person.page, '#go-bind').click()
  await fill(person.page, 'field-code', code)
  await visible(person.page, '#submit-code').click()
  await expectText(person.page, '#bind-branch', '第一党支部')

  // A wrong phone number is refused in Chinese, without saying which part was wrong, and nothing is bound.
  await fill(person.page, 'field-name', INVITEE.name)
  await fill(person.page, 'field-phone', '13800000000')
  await visible(person.page, '#submit-bind').click()
  await expectText(person.page, '#form-error', /信息不一致.*还可以核对 4 次/)
  await person.page.screenshot({ path: path.join(ARTIFACTS, 'bind-refused.png'), fullPage: true })

  await fill(person.page, 'field-phone', INVITEE.phone)
  await visible(person.page, '#submit-bind').click()
  await person.page.waitForURL(/pages\/index\/index/)
  await expectText(person.page, '#home-hello', `你好，${INVITEE.name}`)
  await expectText(person.page, '#home-hello', '第一党支部')

  // Their meetings are their branch's; the other branch's meeting and roster are refused.
  await person.page.goto(`${stage.host.url}/#/pages/meetings/index`)
  await visible(person.page, '.meeting-card').waitFor()
  const ids = await person.page.$$eval('.meeting-card', (els) => els.map((e) => e.id))
  expect(ids.length).toBeGreaterThan(0)
  expect(ids.every((id) => !id.includes('_b2_'))).toBe(true)

  const otherMeeting = (
    await stage.host.ports.store.query<{ branchId: string }>('meetings', {
      where: [{ field: 'branchId', op: 'eq', value: 'org_b2' }],
      limit: 1,
    })
  ).items[0]
  await person.page.goto(`${stage.host.url}/#/packages/meeting/pages/detail/index?id=${otherMeeting._id}`)
  await expectText(person.page, '#state-error', /没有权限/)

  await person.page.goto(`${stage.host.url}/#/packages/roster/pages/list/index`)
  await visible(person.page, `#member-m_b1_01`).waitFor()
  const rosterText = await visible(person.page, '#member-list').innerText()
  expect(rosterText).toContain('张建国')
  expect(rosterText).not.toContain('林卫东')
  // A plain member sees phone numbers masked.
  expect(rosterText).toMatch(/1\d{2}\*{4}\d{4}/)
  await person.page.screenshot({ path: path.join(ARTIFACTS, 'roster-as-member.png'), fullPage: true })

  await person.page.goto(`${stage.host.url}/#/packages/roster/pages/list/index?branchId=org_b2`)
  await expectText(person.page, '#state-error', /没有权限/)

  // The secretary sees the binding on the member's page.
  await secretary.page.goto(`${stage.host.url}/#/packages/roster/pages/member/index?id=${INVITEE.id}`)
  await expectText(secretary.page, '.member__sub', '已绑定微信')

  await Promise.all([secretary.context.close(), person.context.close()])
})
