/**
 * Issue 15 in a real browser: the 组织委员 王志强 opens the 党费台账 (cards on a 375×812 phone, a
 * twelve-month table at 1366×768), records 黄晓明's payment for this month with its receipt number,
 * and 黄晓明 sees it under 我的 › 我的党费. Screenshots of each screen at both sizes.
 */
import path from 'node:path'
import { beijing } from '../../src/domain/beijing-time'
import { ARTIFACTS, expectText, fill, loginAs, stageForThisFile, visible } from './browser-session'

jest.setTimeout(180_000)

const stage = stageForThisFile()
const ORGANIZER = 'm_b1_03'
const MEMBER = { id: 'm_b1_08', name: '黄晓明' }
const shot = (name: string) => path.join(ARTIFACTS, name)

test('the 组织委员 records a payment; the member sees it in 我的党费', async () => {
  const month = beijing(stage.clock.now()).format('YYYY-MM')
  const receipt = `E2E-DF-${Date.now() % 100000}`

  const organizer = await stage.browser.newPhone()
  await loginAs(stage.host.url, organizer.page, ORGANIZER)
  await organizer.page.goto(`${stage.host.url}/#/pages/me/index`)
  await visible(organizer.page, '#go-dues-ledger').click()
  await expectText(organizer.page, '#ledger-summary', '人欠交')
  // Only this month is open: owed (本月应交), not 欠交 until it ends.
  await expectText(organizer.page, `#row-${MEMBER.id}`, '本月应交 45.00 元')
  await organizer.page.screenshot({ path: shot('dues-ledger-375.png'), fullPage: true })

  await visible(organizer.page, `#row-${MEMBER.id}`).click()
  await expectText(organizer.page, '#member-name', `${MEMBER.name}的党费`)
  await expectText(organizer.page, `#month-${month}`, '本月应交')
  // The form offers this month (owed) and its 45.00 元.
  await visible(organizer.page, `#pay-month-${month}.chip--on`).waitFor()
  expect(await visible(organizer.page, '#field-amount').locator('input').first().inputValue()).toBe('45.00')
  await visible(organizer.page, '#pay-method-wechat_transfer').click()
  await fill(organizer.page, 'field-receipt', receipt)
  await organizer.page.screenshot({ path: shot('dues-member-form-375.png'), fullPage: true })
  await visible(organizer.page, '#pay-submit').click()
  await expectText(organizer.page, '#dues-entries', `收据号 ${receipt}`)
  await expectText(organizer.page, `#month-${month}`, '已交')
  await expectText(organizer.page, '#dues-totals-arrears', '0.00 元')

  const member = await stage.browser.newPhone()
  await loginAs(stage.host.url, member.page, MEMBER.id)
  await member.page.goto(`${stage.host.url}/#/pages/me/index`)
  expect(await visible(member.page, '#go-dues-ledger').count()).toBe(0)
  await visible(member.page, '#go-dues').click()
  await expectText(member.page, '#dues-monthly', '每月应交 45.00 元')
  await expectText(member.page, '#dues-entries', `收据号 ${receipt}`)
  await expectText(member.page, `#month-${month}`, '已交')
  await expectText(member.page, '#dues-totals-arrears', '0.00 元')
  await member.page.screenshot({ path: shot('dues-mine-375.png'), fullPage: true })

  // At a desk: the ledger is a table of twelve months, 我的党费 the same cards within the frame.
  const desk = await stage.browser.browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
  })
  const deskPage = await desk.newPage()
  deskPage.setDefaultTimeout(15_000)
  await loginAs(stage.host.url, deskPage, ORGANIZER)
  await deskPage.goto(`${stage.host.url}/#/packages/dues/pages/ledger/index`)
  await visible(deskPage, '#ledger-table').waitFor()
  const headers = await deskPage.locator('#ledger-table:visible th').allInnerTexts()
  expect(headers).toEqual([
    '姓名',
    '类别',
    '月应交',
    ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`),
    '已交',
    '欠交',
  ])
  const box = await visible(deskPage, '#ledger-table').boundingBox()
  expect(box!.x + box!.width).toBeLessThanOrEqual(1366)
  await deskPage.screenshot({ path: shot('dues-ledger-1366.png'), fullPage: true })
  await visible(deskPage, `#row-${MEMBER.id}`).click()
  await expectText(deskPage, '#dues-entries', `收据号 ${receipt}`)
  await deskPage.screenshot({ path: shot('dues-member-1366.png'), fullPage: true })

  const deskMember = await desk.browser()!.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
  const mine = await deskMember.newPage()
  mine.setDefaultTimeout(15_000)
  await loginAs(stage.host.url, mine, MEMBER.id)
  await mine.goto(`${stage.host.url}/#/packages/dues/pages/mine/index`)
  await expectText(mine, '#dues-entries', `收据号 ${receipt}`)
  await mine.screenshot({ path: shot('dues-mine-1366.png'), fullPage: true })

  // The 党委's 党费汇总: totals per branch, this payment among them; no member's name.
  const committee = await stage.browser.newPhone()
  await loginAs(stage.host.url, committee.page, 'm_cmte_01')
  await committee.page.goto(`${stage.host.url}/#/pages/me/index`)
  await visible(committee.page, '#go-dues-rollup').click()
  await expectText(committee.page, '#rollup-org_b1', '已上缴党委 3000.00 元')
  expect(await committee.page.locator('.dues-rollup:visible').innerText()).not.toContain(MEMBER.name)
  await committee.page.screenshot({ path: shot('dues-rollup-375.png'), fullPage: true })
  const deskCommittee = await desk.browser()!.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
  const rollup = await deskCommittee.newPage()
  rollup.setDefaultTimeout(15_000)
  await loginAs(stage.host.url, rollup, 'm_cmte_01')
  await rollup.goto(`${stage.host.url}/#/packages/dues/pages/rollup/index`)
  await visible(rollup, '#rollup-table').waitFor()
  await rollup.screenshot({ path: shot('dues-rollup-1366.png'), fullPage: true })
})
