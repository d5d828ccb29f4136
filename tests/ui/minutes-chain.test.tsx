/**
 * The chain's witnesses on the client, against the real server code: 阅签 keeps its receipt on the
 * device, 我的 › 阅签回执 lists it and 用回执核验 names records deleted after it; 我的 opens the receipts;
 * the verify panel takes a head typed from a printout, refuses a malformed one locally (nothing sent)
 * and names a head that is not on the chain.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import Me from '../../src/pages/me/index'
import ReadReceiptsPage from '../../src/packages/minutes/pages/receipts/index'
import MinutesViewPage from '../../src/packages/minutes/pages/view/index'
import type { MeetingDetail } from '../../src/domain/api/views'
import type { MinutesView } from '../../src/domain/api/views-minutes'
import { fromBeijing } from '../../src/domain/beijing-time'
import type { ChainEntry } from '../../src/domain/minutes'
import type { ChainAnchorDoc, ChainHeadDoc } from '../../src/cloud/documents'
import { entryId, headId } from '../../src/cloud/minutes-chain'
import { loadReceipts } from '../../src/services/read-receipts'
import { MEMBER_B1, SECRETARY_B1, scheduleInput } from '../cloud/api-fixture'
import { navigation } from '../mocks/taro'
import { link, linkPerTest, typeInto } from './real-api'

let n = 0
async function as<T>(memberId: string, action: string, input: unknown, write = false): Promise<T> {
  const r = await link.api!.as(memberId).raw(action, input, write ? `ui-chain-${++n}` : undefined)
  if (!r.ok) throw new Error(`${action}: ${r.error.message}`)
  return r.data as T
}

/** A meeting held today, everyone present, its minutes finalized: chain entry 1. */
async function finalized(): Promise<MeetingDetail> {
  const api = link.api!
  const m = await as<MeetingDetail>(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00', title: '回执测试主题党日' }),
    true,
  )
  api.clock.now = fromBeijing('2026-11-22', '14:10')
  for (const p of m.participants) {
    await as(SECRETARY_B1, 'attendance.markManual', { meetingId: m.id, memberId: p.id, reason: '会场登记' }, true)
  }
  api.clock.now = fromBeijing('2026-11-22', '16:01')
  await as(SECRETARY_B1, 'attendance.confirm', { meetingId: m.id }, true)
  const v = await as<MinutesView>(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  const content = {
    ...v.content!,
    chair: '张建国',
    recorder: '李晓红',
    items: v.content!.items.map((i) => ({ ...i, speeches: '发言', decision: '决议' })),
  }
  const saved = await as<MinutesView>(
    SECRETARY_B1,
    'minutes.saveDraft',
    { meetingId: m.id, version: v.version, content },
    true,
  )
  await as(SECRETARY_B1, 'minutes.finalize', { meetingId: m.id, version: saved.version }, true)
  return m
}

linkPerTest(MEMBER_B1)

test('阅签 keeps its receipt on the device; 用回执核验 passes, then names the records deleted after it', async () => {
  const m = await finalized()
  navigation.params = { id: m.id }
  const view = render(<MinutesViewPage />)
  await waitFor(() => expect(view.container.querySelector('#confirm-read')).not.toBeNull())
  await act(async () => fireEvent.click(view.container.querySelector('#confirm-read')!))
  await waitFor(() => expect(view.container.querySelector('#read-receipt')).not.toBeNull())
  const [receipt] = loadReceipts(MEMBER_B1)
  expect(receipt).toMatchObject({
    memberId: MEMBER_B1,
    branchId: 'org_b1',
    seq: 2,
    meetingId: m.id,
    meetingTitle: '回执测试主题党日',
  })
  expect(view.container.querySelector('#read-receipt')!.textContent).toContain(`第 2 条 · ${receipt.hash.slice(0, 16)}`)
  view.unmount()

  // 我的 opens the receipts.
  const me = render(<Me />)
  await waitFor(() => expect(me.container.querySelector('#go-read-receipts')).not.toBeNull())
  fireEvent.click(me.container.querySelector('#go-read-receipts')!)
  expect(navigation.calls.at(-1)!.url).toBe('/packages/minutes/pages/receipts/index')
  me.unmount()

  const page = render(<ReadReceiptsPage />)
  await waitFor(() => expect(page.container.querySelector('#receipt-list')).not.toBeNull())
  expect(page.container.querySelector('#receipt-list')!.textContent).toContain('回执测试主题党日')
  expect(page.container.querySelector('#receipt-list')!.textContent).toContain(receipt.hash)
  await act(async () => fireEvent.click(page.container.querySelector('#verify-receipts')!))
  await waitFor(() => expect(page.container.querySelector('#verify-result')).not.toBeNull())
  expect(page.container.querySelector('#verify-result')!.textContent).toMatch(
    /记录链完好：共 2 条.*与你提供的 1 个链头一致/,
  )

  // Whoever runs the database deletes the 阅签 entry, its anchor, and resets the head: only the receipt remembers.
  const store = link.api!.ports.store
  const entry = (await store.get<ChainEntry>('minutes_chain', entryId('org_b1', 2)))!
  await store.remove('minutes_chain', entry._id, entry._version)
  const anchors = await store.query<ChainAnchorDoc>('chain_anchors', {
    where: [{ field: 'seq', op: 'eq', value: 2 }],
    limit: 10,
  })
  for (const a of anchors.items) await store.remove('chain_anchors', a._id, a._version)
  const first = (await store.get<ChainEntry>('minutes_chain', entryId('org_b1', 1)))!
  const head = (await store.get<ChainHeadDoc>('minutes_chain', headId('org_b1')))!
  await store.update<ChainHeadDoc>('minutes_chain', head._id, { seq: 1, hash: first.hash }, head._version)

  await act(async () => fireEvent.click(page.container.querySelector('#verify-receipts')!))
  await waitFor(() => expect(page.container.querySelector('#verify-result')!.textContent).toContain('记录链校验未通过'))
  expect(page.container.querySelector('#verify-result')!.textContent).toContain(
    '第 2 条记录缺失：你提供的链头记到第 2 条，而记录链只到第 1 条',
  )
})

test('a device shared by two members shows each only their own 阅签回执', async () => {
  const m = await finalized()
  navigation.params = { id: m.id }
  const view = render(<MinutesViewPage />)
  await waitFor(() => expect(view.container.querySelector('#confirm-read')).not.toBeNull())
  await act(async () => fireEvent.click(view.container.querySelector('#confirm-read')!))
  await waitFor(() => expect(view.container.querySelector('#read-receipt')).not.toBeNull())
  view.unmount()
  expect(loadReceipts(MEMBER_B1)).toHaveLength(1)

  // The secretary signs in on the same browser: the member's receipt stays, but is not shown to her.
  link.user = SECRETARY_B1
  const page = render(<ReadReceiptsPage />)
  await waitFor(() => expect(page.container.textContent).toContain('本机还没有阅签回执'))
  expect(page.container.querySelector('#receipt-list')).toBeNull()
  expect(loadReceipts(SECRETARY_B1)).toHaveLength(0)
  expect(loadReceipts(MEMBER_B1)).toHaveLength(1)
})

test('a head typed from a printout: malformed is refused on the phone, a head not on the chain is named', async () => {
  const m = await finalized()
  navigation.params = { id: m.id }
  const { container } = render(<MinutesViewPage />)
  await waitFor(() => expect(container.querySelector('#verify-typed-toggle')).not.toBeNull())
  fireEvent.click(container.querySelector('#verify-typed-toggle')!)
  typeInto(container, 'field-head-seq', '1')
  typeInto(container, 'field-head-hash', 'xyz')
  const sent = link.sent.length
  await act(async () => fireEvent.click(container.querySelector('#verify-typed-submit')!))
  expect(container.querySelector('#field-head-hash')!.textContent).toContain('16 到 64 位十六进制')
  expect(link.sent.length).toBe(sent)

  const printed = (await link.api!.ports.store.get<ChainEntry>('minutes_chain', entryId('org_b1', 1)))!.hash
  typeInto(container, 'field-head-hash', printed.slice(0, 16).toUpperCase())
  await act(async () => fireEvent.click(container.querySelector('#verify-typed-submit')!))
  await waitFor(() => expect(container.querySelector('#verify-result')!.textContent).toContain('记录链完好'))
  expect(container.querySelector('#verify-result')!.textContent).toContain('与你提供的 1 个链头一致')

  typeInto(container, 'field-head-hash', 'ffffffffffffffff')
  await act(async () => fireEvent.click(container.querySelector('#verify-typed-submit')!))
  await waitFor(() =>
    expect(container.querySelector('#verify-result')!.textContent).toContain(
      '第 1 条记录与你提供的链头（第 1 条 · ffffffffffffffff）不一致',
    ),
  )
})
