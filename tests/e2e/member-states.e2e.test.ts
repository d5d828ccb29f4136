/**
 * Issue 16 §3–5 in a real browser. On a 375×812 phone: the 书记 张建国 sees 朱浩然's 预备期 on his page
 * and opens the state forms; 黄晓明 records a 谈心谈话 with the 书记 from 我的 and sees the pair leave
 * the owed list; 首页 shows the branch's 谈心谈话 line. At 1366×768: the 书记 extends 朱浩然's 预备期 —
 * a date past the year is refused in Chinese, one within it is saved and shows in the history — and
 * reads the 谈心谈话 page. Screenshots at both sizes.
 */
import path from 'node:path'
import { ARTIFACTS, expectText, fill, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(180_000)

const stage = stageForThisFile()
const SECRETARY = 'm_b1_01'
const PROBATIONARY = { id: 'm_b1_14', name: '朱浩然' }
const MEMBER = { id: 'm_b1_08', name: '黄晓明' }
const shot = (name: string) => path.join(ARTIFACTS, name)

test('phone: 预备期 on the member page, the state forms, a 谈心谈话 recorded by a member', async () => {
  const secretary = await stage.browser.newPhone()
  await loginAs(stage.host.url, secretary.page, SECRETARY)
  await secretary.page.goto(`${stage.host.url}/#/packages/roster/pages/member/index?id=${PROBATIONARY.id}`)
  await expectText(secretary.page, '#member-states', '预备期满')
  await expectText(secretary.page, '#member-states', '2027-07-01')
  await secretary.page.screenshot({ path: shot('member-states-detail-375.png'), fullPage: true })
  await visible(secretary.page, '#edit-states').click()
  await expectText(secretary.page, '#form-extension', '最晚到 2028-07-01')
  await visible(secretary.page, '#form-exclusion').waitFor()
  await secretary.page.screenshot({ path: shot('member-states-forms-375.png'), fullPage: true })

  await secretary.page.goto(`${stage.host.url}/#/pages/index/index`)
  await expectText(secretary.page, '#compliance-heart-talks', '谈心谈话')
  await visible(secretary.page, '#compliance-heart-talks').scrollIntoViewIfNeeded()
  await secretary.page.screenshot({ path: shot('member-states-home-375.png'), fullPage: true })

  const member = await stage.browser.newPhone()
  await loginAs(stage.host.url, member.page, MEMBER.id)
  await member.page.goto(`${stage.host.url}/#/pages/me/index`)
  await visible(member.page, '#go-heart-talks').click()
  await expectText(member.page, '#talk-summary', '已谈 5 对')
  await expectText(member.page, '#owed-pairs', '张建国')
  await visible(member.page, `#second-${SECRETARY}`).click()
  await fill(member.page, 'field-note', '谈学习体会和工作打算')
  await visible(member.page, '#save-talk').click()
  await expectText(member.page, '#talk-summary', '已谈 6 对')
  await expectText(member.page, '#talk-list', '谈学习体会和工作打算')
  await member.page.screenshot({ path: shot('heart-talks-375.png'), fullPage: true })
})

test('desk: 延长预备期 beyond a year refused, within a year saved; the 谈心谈话 page', async () => {
  const desk = await stage.browser.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
  const page = await desk.newPage()
  page.setDefaultTimeout(15_000)
  await loginAs(stage.host.url, page, SECRETARY)
  await page.goto(`${stage.host.url}/#/packages/roster/pages/states/index?id=${PROBATIONARY.id}`)
  await expectText(page, '#form-extension', '最晚到 2028-07-01')
  await visible(page, '#field-until-input').fill('2028-08-01')
  await fill(page, 'field-extension-reason', '支部大会决议延长预备期，党委已批准')
  await visible(page, '#save-extension').click()
  await expectText(page, '#extension-error', '不能超过一年')
  await page.screenshot({ path: shot('member-states-refused-1366.png'), fullPage: true })
  await visible(page, '#field-until-input').fill('2028-01-01')
  await visible(page, '#save-extension').click()
  // Saved: the form starts again from the new end.
  await expectText(page, '#form-extension', '预备期 2028-01-01 期满')
  await page.goto(`${stage.host.url}/#/packages/roster/pages/member/index?id=${PROBATIONARY.id}`)
  await expectText(page, '#member-states', '2028-01-01（已延长）')
  await expectText(page, '#member-history', '预备期延长至 2028-01-01')
  await page.screenshot({ path: shot('member-states-detail-1366.png'), fullPage: true })

  await page.goto(`${stage.host.url}/#/packages/plan/pages/heart-talks/index`)
  await expectText(page, '#talk-summary', '应谈')
  await visible(page, '#owed-pairs').waitFor()
  await page.screenshot({ path: shot('heart-talks-1366.png'), fullPage: true })
  await desk.close()
})
