/**
 * 会议记录 pages in jsdom against the real server code: a draft typed with the network off survives a
 * restart of the app and reaches the server once the network is back; two writers get a conflict
 * they resolve without losing anything; the read-only page shows the lock and takes 阅签.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MinutesEditPage from '../../src/packages/minutes/pages/edit/index'
import MinutesViewPage from '../../src/packages/minutes/pages/view/index'
import type { MeetingDetail } from '../../src/domain/api/views'
import type { MinutesView } from '../../src/domain/api/views-minutes'
import { fromBeijing } from '../../src/domain/beijing-time'
import { MEMBER_B1, ORGANIZER_B1, SECRETARY_B1, scheduleInput } from '../cloud/api-fixture'
import { navigation } from '../mocks/taro'
import { link, linkPerTest, typeInto } from './real-api'

let seq = 0
async function as<T>(memberId: string, action: string, input: unknown, write = false): Promise<T> {
  const r = await link.api!.as(memberId).raw(action, input, write ? `ui-minutes-${++seq}` : undefined)
  if (!r.ok) throw new Error(`${action}: ${r.error.message}`)
  return r.data as T
}

async function meeting(): Promise<MeetingDetail> {
  return as<MeetingDetail>(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({ date: '2026-11-22', startTime: '14:00', endTime: '16:00', title: '界面测试主题党日' }),
    true,
  )
}

const valueOf = (container: HTMLElement, selector: string) =>
  (container.querySelector(selector)!.querySelector('input, textarea') as HTMLInputElement).value
const syncText = (container: HTMLElement) => container.querySelector('#sync-state')!.textContent ?? ''

linkPerTest(SECRETARY_B1)

test('a draft typed offline survives a restart of the app and syncs when the network returns', async () => {
  const m = await meeting()
  navigation.params = { meetingId: m.id }
  const first = render(<MinutesEditPage />)
  await waitFor(() => expect(first.container.querySelector('#field-chair input')).not.toBeNull())
  // The template carries the meeting's agenda and place.
  expect(valueOf(first.container, '#item-0-topic')).toBe('重温入党誓词')
  expect(valueOf(first.container, '#field-place')).toBe('党员活动室')

  link.offline = true
  typeInto(first.container, 'field-chair', '张建国')
  typeInto(first.container, 'item-0-speeches', '离线时记下的发言：大家谈了学习体会')
  await act(async () => fireEvent.click(first.container.querySelector('#save-draft')!))
  await waitFor(() => expect(syncText(first.container)).toMatch(/网络不通：已保存在本机/))
  first.unmount()
  expect(await link.api!.ports.store.get('minutes', m.id)).toBeNull()

  // Restart, still offline: the text is back from the device.
  const second = render(<MinutesEditPage />)
  await waitFor(() => expect(second.container.querySelector('#field-chair input')).not.toBeNull())
  expect(valueOf(second.container, '#field-chair')).toBe('张建国')
  expect(valueOf(second.container, '#item-0-speeches')).toBe('离线时记下的发言：大家谈了学习体会')
  await waitFor(() => expect(syncText(second.container)).toMatch(/网络不通/))

  // Network back: the sync lands on the server.
  link.offline = false
  await act(async () => fireEvent.click(second.container.querySelector('#save-draft')!))
  await waitFor(() => expect(syncText(second.container)).toMatch(/已保存到服务器/))
  const server = await as<MinutesView>(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  expect(server.status).toBe('draft')
  expect(server.content!.chair).toBe('张建国')
  expect(server.content!.items[0].speeches).toBe('离线时记下的发言：大家谈了学习体会')
  expect(Taro.getStorageSync(`party.draft.minutes.${m.id}`)).toMatchObject({
    dirty: false,
    baseVersion: server.version,
  })
  second.unmount()
})

test('two writers: the conflict shows theirs and mine; keeping mine saves it on top, nothing is lost', async () => {
  const m = await meeting()
  navigation.params = { meetingId: m.id }
  const page = render(<MinutesEditPage />)
  await waitFor(() => expect(page.container.querySelector('#field-chair input')).not.toBeNull())
  typeInto(page.container, 'field-notes', '书记写的其他事项')
  await act(async () => fireEvent.click(page.container.querySelector('#save-draft')!))
  await waitFor(() => expect(syncText(page.container)).toMatch(/已保存到服务器/))

  // Meanwhile the 组织委员 saves from another phone.
  const seen = await as<MinutesView>(ORGANIZER_B1, 'minutes.get', { meetingId: m.id })
  await as(
    ORGANIZER_B1,
    'minutes.saveDraft',
    { meetingId: m.id, version: seen.version, content: { ...seen.content!, notes: '组织委员写的其他事项' } },
    true,
  )

  typeInto(page.container, 'field-notes', '书记改过的其他事项')
  await act(async () => fireEvent.click(page.container.querySelector('#save-draft')!))
  await waitFor(() => expect(page.container.querySelector('#minutes-conflict')).not.toBeNull())
  const panel = page.container.querySelector('#minutes-conflict')!.textContent!
  expect(panel).toContain('对方：组织委员写的其他事项')
  expect(panel).toContain('我的：书记改过的其他事项')
  // Nothing was overwritten silently.
  expect((await as<MinutesView>(SECRETARY_B1, 'minutes.get', { meetingId: m.id })).content!.notes).toBe(
    '组织委员写的其他事项',
  )

  await act(async () => fireEvent.click(page.container.querySelector('#conflict-keep-mine')!))
  await waitFor(() => expect(syncText(page.container)).toMatch(/已保存到服务器/))
  expect((await as<MinutesView>(SECRETARY_B1, 'minutes.get', { meetingId: m.id })).content!.notes).toBe(
    '书记改过的其他事项',
  )
  page.unmount()
})

/**
 * Everyone marked present at 14:10, attendance confirmed at 16:30 on 2026-11-22, and a complete
 * draft (主持人, 记录人, each item's speeches and decision) saved; returns the saved minutes.
 */
async function heldWithCompleteDraft(m: MeetingDetail): Promise<MinutesView> {
  const api = link.api!
  api.clock.now = fromBeijing('2026-11-22', '14:10')
  for (const p of m.participants) {
    await as(SECRETARY_B1, 'attendance.markManual', { meetingId: m.id, memberId: p.id, reason: '会场登记' }, true)
  }
  api.clock.now = fromBeijing('2026-11-22', '16:30')
  await as(SECRETARY_B1, 'attendance.confirm', { meetingId: m.id }, true)
  const v = await as<MinutesView>(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  const content = {
    ...v.content!,
    chair: '张建国',
    recorder: '李晓红',
    items: v.content!.items.map((i) => ({ ...i, speeches: '发言', decision: '决议' })),
  }
  return as<MinutesView>(SECRETARY_B1, 'minutes.saveDraft', { meetingId: m.id, version: v.version, content }, true)
}

test('the read-only page shows the lock, the 补录 flag where due, and takes 阅签 once', async () => {
  const m = await meeting()
  const api = link.api!
  const saved = await heldWithCompleteDraft(m)
  api.clock.now = fromBeijing('2026-11-26', '09:00')
  await as(SECRETARY_B1, 'minutes.finalize', { meetingId: m.id, version: saved.version }, true)

  link.user = MEMBER_B1
  navigation.params = { id: m.id }
  const page = render(<MinutesViewPage />)
  await waitFor(() => expect(page.container.querySelector('#locked-note')).not.toBeNull())
  expect(page.container.querySelector('#late-flag')!.textContent).toContain('补录')
  expect(page.container.querySelector('#view-chair')!.textContent).toContain('张建国')
  expect(page.container.querySelector('#view-attendance')!.textContent).toContain(`应到 ${m.participantCount} 人`)
  expect(page.container.querySelector('#reads-count')!.textContent).toBe(`已阅签 0 / ${m.participantCount}`)
  expect(page.container.querySelector('#open-amend')).toBeNull()
  await act(async () => fireEvent.click(page.container.querySelector('#confirm-read')!))
  await waitFor(() =>
    expect(page.container.querySelector('#reads-count')!.textContent).toBe(`已阅签 1 / ${m.participantCount}`),
  )
  expect(page.container.querySelector('#confirm-read')).toBeNull()
})

test('定稿 lost to the network says so in Chinese; the retry is the same write and opens the locked minutes, then 更正', async () => {
  const m = await meeting()
  await heldWithCompleteDraft(m)

  navigation.params = { meetingId: m.id }
  const { container } = render(<MinutesEditPage />)
  await waitFor(() => expect(container.querySelector('#finalize')).not.toBeNull())
  fireEvent.click(container.querySelector('#finalize')!)
  link.offline = true
  await act(async () => fireEvent.click(container.querySelector('#finalize-confirm')!))
  await waitFor(() => expect(container.querySelector('#form-error')!.textContent).toMatch(/网络连接失败/))
  expect((await as<MinutesView>(SECRETARY_B1, 'minutes.get', { meetingId: m.id })).status).toBe('draft')

  link.offline = false
  fireEvent.click(container.querySelector('#finalize')!)
  await act(async () => fireEvent.click(container.querySelector('#finalize-confirm')!))
  await waitFor(() => expect(navigation.calls.at(-1)?.url).toBe(`/packages/minutes/pages/view/index?id=${m.id}`))
  const sent = link.sent.filter((e) => e.action === 'minutes.finalize')
  expect(sent).toHaveLength(2)
  expect(sent[1].requestId).toBe(sent[0].requestId)
  expect((await as<MinutesView>(SECRETARY_B1, 'minutes.get', { meetingId: m.id })).status).toBe('final')

  // 更正 on the locked minutes: without a reason it is refused in Chinese; a change with a reason is recorded.
  navigation.params = { id: m.id }
  const view = render(<MinutesViewPage />)
  await waitFor(() => expect(view.container.querySelector('#open-amend')).not.toBeNull())
  fireEvent.click(view.container.querySelector('#open-amend')!)
  await act(async () => fireEvent.click(view.container.querySelector('#amend-submit')!))
  await waitFor(() =>
    expect(view.container.querySelector('#amend-error')!.textContent).toBe('请填写更正原因。请修改后再提交。'),
  )
  typeInto(view.container, 'amend-text', '更正后的内容')
  typeInto(view.container, 'amend-reason', '记录人姓名写错')
  await act(async () => fireEvent.click(view.container.querySelector('#amend-submit')!))
  await waitFor(() => expect(view.container.querySelector('#amend-error')).toBeNull())
  const amends = link.sent.filter((e) => e.action === 'minutes.amend')
  expect(amends).toHaveLength(2)
  expect(amends[1].requestId).not.toBe(amends[0].requestId)
  const after = await as<MinutesView>(SECRETARY_B1, 'minutes.get', { meetingId: m.id })
  expect(JSON.stringify(after)).toContain('记录人姓名写错')
})
