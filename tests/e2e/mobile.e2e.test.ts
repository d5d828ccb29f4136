/**
 * Issue 7 in a real browser: 吴俊杰, a 流动党员 of 第一党支部 last in contact about 100 days ago (预警),
 * checks in with the network down (the check-in waits in the phone's outbox and is sent, once, when
 * the network returns) and submits his 思想汇报; the secretary sees him turn from 预警 to 正常 and marks the
 * report read with a reply, which 吴俊杰 then reads.
 */
import path from 'node:path'
import { ARTIFACTS, expectText, fill, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(180_000)

const stage = stageForThisFile()
const MOBILE = { id: 'm_b1_10', name: '吴俊杰' }
const SECRETARY = 'm_b1_01'
const shot = (name: string) => path.join(ARTIFACTS, name)

test('a mobile member checks in and reports; the secretary sees 预警 become 正常 and marks the report read', async () => {
  const secretary = await stage.browser.newPhone()
  await loginAs(stage.host.url, secretary.page, SECRETARY)
  await secretary.page.goto(`${stage.host.url}/#/packages/mobile/pages/list/index`)
  await expectText(secretary.page, `#state-${MOBILE.id}`, '预警')
  await expectText(secretary.page, `#row-${MOBILE.id}`, /100 天前/)
  await expectText(secretary.page, `#row-${MOBILE.id}`, '需转接')
  await secretary.page.screenshot({ path: shot('mobile-list-before.png'), fullPage: true })

  const member = await stage.browser.newPhone()
  await loginAs(stage.host.url, member.page, MOBILE.id)
  await member.page.goto(`${stage.host.url}/#/packages/mobile/pages/home/index`)
  await expectText(member.page, '#mobile-my-state', '预警')
  await expectText(member.page, '#mobile-requirement-label', '待提交')
  await visible(member.page, '#mobile-missed').waitFor()
  await member.page.screenshot({ path: shot('mobile-home-before.png'), fullPage: true })

  // 报到 with no network: the check-in waits in the phone's outbox, shown as pending; nothing reaches the branch.
  await visible(member.page, '#btn-checkin').click()
  await fill(member.page, 'field-city', '广东省深圳市')
  await fill(member.page, 'field-note', '在深圳项目部工作，参加了流入地党支部组织的集中学习。')
  await member.page.screenshot({ path: shot('mobile-checkin.png'), fullPage: true })
  const count = () => stage.host.ports.store.count('checkins', [{ field: 'memberId', op: 'eq', value: MOBILE.id }])
  const before = await count()
  await member.context.setOffline(true)
  await visible(member.page, '#checkin-submit').click()
  await member.page.waitForURL(/packages\/mobile\/pages\/home\/index/)
  await expectText(member.page, '#mobile-pending-checkin', '还没有送达支部')
  // Without a network the page still shows what it last knew (the due date), saying so.
  await expectText(member.page, '#mobile-offline', '网络不通')
  await expectText(member.page, '#mobile-due-date', '下次报到截止')
  await member.page.screenshot({ path: shot('mobile-home-pending.png'), fullPage: true })
  expect(await count()).toBe(before)

  // The network returns: the outbox sends it by itself, once, and the page shows 正常.
  await member.context.setOffline(false)
  await expectText(member.page, '#mobile-my-state', '正常')
  await expectText(member.page, '#mobile-due', '已报到')
  expect(await visible(member.page, '#mobile-pending-checkin').count()).toBe(0)
  expect(await count()).toBe(before + 1)

  // 思想汇报.
  await visible(member.page, '#btn-report').click()
  await visible(member.page, '#report-kind-thought').click()
  await fill(member.page, 'field-body', '今年在外务工，坚持通过学习强国和流入地党支部的活动学习党的理论。')
  await member.page.screenshot({ path: shot('mobile-report-write.png'), fullPage: true })
  await visible(member.page, '#report-submit').click()
  await expectText(member.page, '#report-read-state', '等待支部阅知')
  const reportUrl = member.page.url()

  // The secretary: 正常 now; opens him and marks the report read with a reply.
  await secretary.page.goto(`${stage.host.url}/#/packages/mobile/pages/list/index?branchId=org_b1`)
  await expectText(secretary.page, `#state-${MOBILE.id}`, '正常')
  await visible(secretary.page, '#cadence-month').waitFor()
  await secretary.page.screenshot({ path: shot('mobile-list-after.png'), fullPage: true })
  await visible(secretary.page, `#row-${MOBILE.id}`).click()
  await expectText(secretary.page, '#member-state', '正常')
  await expectText(secretary.page, '#member-requirement', '已完成')
  await secretary.page.screenshot({ path: shot('mobile-member-top.png') })
  const reportId = new URL(reportUrl.replace('#', '')).searchParams.get('id')!
  await expectText(secretary.page, `#report-state-${reportId}`, '待阅')
  await fill(secretary.page, `report-reply-${reportId}`, '收到，望继续加强学习。')
  await visible(secretary.page, `#report-mark-${reportId}`).click()
  await expectText(secretary.page, `#report-state-${reportId}`, '已阅')
  await secretary.page.screenshot({ path: shot('mobile-member.png'), fullPage: true })

  // 吴俊杰 reads the reply.
  await member.page.goto(reportUrl)
  await member.page.reload()
  await expectText(member.page, '#report-reply', '收到，望继续加强学习。')
  await member.page.screenshot({ path: shot('mobile-report-read.png'), fullPage: true })

  // A missed meeting with final minutes offers 补学.
  await member.page.goto(`${stage.host.url}/#/packages/mobile/pages/home/index`)
  await visible(member.page, '#mobile-missed .mob__link').click()
  await visible(member.page, '#makeup-meeting').waitFor()
  await visible(member.page, '#makeup-read-minutes').waitFor()
  await member.page.screenshot({ path: shot('mobile-makeup.png'), fullPage: true })

  // The 党委 sees the branch's list too, with the thresholds it sets for all its branches.
  const supervisor = await stage.browser.newPhone()
  await loginAs(stage.host.url, supervisor.page, 'm_cmte_01')
  await supervisor.page.goto(`${stage.host.url}/#/packages/mobile/pages/list/index?branchId=org_b1`)
  await expectText(supervisor.page, `#state-${MOBILE.id}`, '正常')
  await visible(supervisor.page, '#threshold-editor').waitFor()
  await supervisor.page.screenshot({ path: shot('mobile-list-supervisor.png'), fullPage: true })
})
