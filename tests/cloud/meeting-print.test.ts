/**
 * The 会议通知 and 签到表 an organizer prints for a meeting (issue 20 §7), through the real router on
 * the embedded store: the notice names the meeting, time, place, agenda and everyone expected with
 * 预备党员 marked; the sign sheet has one row per person expected, two 黄晓明 told apart, an approved
 * leave marked; a member cannot print them, and a cancelled meeting has nothing to print.
 */
import JSZip from 'jszip'
import type { DocxFile } from '../../src/domain/api/views-minutes'
import {
  MEMBER_B1,
  ORGANIZER_B1,
  PROBATIONARY_B1,
  SECRETARY_B1,
  apiPerTest,
  expectRefused,
  meetingAt,
  requestIds,
} from './api-fixture'

const api = apiPerTest()
const rid = requestIds('meeting-print')

/** The paragraphs of the document's body, each as plain text. */
async function paragraphs(file: DocxFile): Promise<string[]> {
  expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  const zip = await JSZip.loadAsync(Buffer.from(file.base64!, 'base64'))
  const xml = await zip.file('word/document.xml')!.async('string')
  return xml.split('</w:p>').map((p) => p.replace(/<[^>]+>/g, ''))
}

test('the notice names the meeting, its agenda and everyone expected, 预备党员 marked', async () => {
  const m = await meetingAt(api, 'upcoming', {
    title: '学习新修订的支部工作条例',
    agenda: ['重温入党誓词', '集中学习'],
  })
  const file = await api.as(ORGANIZER_B1).call('minutes.exportNotice', { meetingId: m.id })
  expect(file.filename).toMatch(/^会议通知_\d{4}-\d{2}-\d{2}_学习新修订的支部工作条例\.docx$/)
  const text = (await paragraphs(file)).join('\n')
  expect(text).toContain('会议通知')
  expect(text).toContain('在党员活动室召开主题党日「学习新修订的支部工作条例」')
  expect(text).toContain('1. 重温入党誓词')
  expect(text).toContain('2. 集中学习')
  const board = await api.as(SECRETARY_B1).call('attendance.board', { meetingId: m.id })
  const expected = board.people.filter((p) => !p.guest)
  expect(text).toContain(`参加人员（${expected.length} 人）`)
  const probationary = expected.find((p) => p.memberId === PROBATIONARY_B1)!
  expect(text).toContain(`${probationary.label}（预备党员）`)
  for (const p of expected) expect(text).toContain(p.label)
  expect(text).toContain('请假')
})

test('the sign sheet has a row per person expected, namesakes told apart, leave marked', async () => {
  const secretary = api.as(SECRETARY_B1)
  const namesake = await secretary.call(
    'roster.create',
    {
      branchId: 'org_b1',
      name: '黄晓明',
      gender: 'male',
      phone: '13912345678',
      category: 'full',
      joinedAt: '2015-07-01',
      confirmedAt: '2016-07-01',
      roles: ['member'],
      groupId: 'org_b1_g2',
      status: 'normal',
    },
    rid(),
  )
  const m = await meetingAt(api, 'upcoming')
  await api.as(MEMBER_B1).call('leave.request', { meetingId: m.id, category: 'work', note: '出差' }, rid())
  await secretary.call('leave.decide', { meetingId: m.id, memberId: MEMBER_B1, approve: true }, rid())
  const board = await secretary.call('attendance.board', { meetingId: m.id })
  const expected = board.people.filter((p) => !p.guest)
  const file = await secretary.call('minutes.exportSignSheet', { meetingId: m.id })
  const paras = await paragraphs(file)
  // One numbered row per person: 序号, then the name as listed.
  expected.forEach((p, i) => {
    const at = paras.indexOf(String(i + 1))
    expect(at).toBeGreaterThanOrEqual(0)
    expect(paras).toContain(p.label)
  })
  expect(paras).toContain('黄晓明（第一党小组）')
  expect(paras).toContain('黄晓明（第二党小组）')
  expect(expected.some((p) => p.memberId === namesake.id)).toBe(true)
  expect(paras).toContain('本人签名')
  expect(paras.join('\n')).toContain(`应到 ${expected.length} 人，实到 ____ 人`)
  // The row of the one on approved leave says so; no one else's does.
  expect(paras.filter((p) => p.includes('已请假'))).toHaveLength(1)
})

test('a member cannot print them; a cancelled meeting has nothing to print', async () => {
  const m = await meetingAt(api, 'upcoming')
  expectRefused(await api.as(MEMBER_B1).result('minutes.exportSignSheet', { meetingId: m.id }), 'FORBIDDEN')
  const detail = await api.as(SECRETARY_B1).call('meeting.get', { meetingId: m.id })
  await api
    .as(SECRETARY_B1)
    .call('meeting.cancel', { meetingId: m.id, version: detail.version, reason: '与上级会议冲突' }, rid())
  const refused = await api.as(SECRETARY_B1).result('minutes.exportNotice', { meetingId: m.id })
  expectRefused(refused, 'VALIDATION_FAILED')
  expect(!refused.ok && refused.error.message).toMatch(/已经取消，不用再打印/)
})
