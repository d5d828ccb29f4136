/**
 * Typed decisions against the real embedded API (issue 16): a 转正 vote with a remote attendee and
 * written opinions is finalized and locked person by person (and the .docx says it); finalize refuses
 * each broken rule with its reason; quorum gates the vote, not a 党员大会.
 */
import type { ActionName } from '../../src/domain/api/catalog'
import JSZip from 'jszip'
import type { MeetingDetail } from '../../src/domain/api/views'
import type { MinutesView } from '../../src/domain/api/views-minutes'
import { fromBeijing } from '../../src/domain/beijing-time'
import type { Motion } from '../../src/domain/decisions'
import type { MinutesContent } from '../../src/domain/minutes'
import { moreThanHalf } from '../../src/domain/quorum'
import {
  MEMBER_B1,
  ORGANIZER_B1,
  PROBATIONARY_B1,
  SECRETARY_B1,
  apiPerTest,
  scheduleInput,
  type In,
  type Out,
  requestIds,
} from './api-fixture'

const MIN = 60_000
const api = apiPerTest()
const rid = requestIds('decisions-test')

const ok = <N extends ActionName>(memberId: string, action: N, input: In<N>, write = false): Promise<Out<N>> =>
  api.as(memberId).call(action, input, write ? rid() : undefined)

const START = fromBeijing('2026-11-22', '14:00')
const END = fromBeijing('2026-11-22', '16:00')

async function schedule(kind: 'branch_congress' | 'committee_meeting' = 'branch_congress'): Promise<MeetingDetail> {
  const m = await ok(
    SECRETARY_B1,
    'meeting.schedule',
    scheduleInput({ kind, date: '2026-11-22', startTime: '14:00', endTime: '16:00', agenda: ['表决'] }),
    true,
  )
  const settings = {
    meetingId: m.id,
    opensBefore: 30,
    lateAfter: 5,
    place: null,
    allowRemote: true,
    videoLink: '腾讯会议 123-456-789',
  }
  await ok(SECRETARY_B1, 'attendance.configure', settings, true)
  return m
}

/**
 * Holds the meeting: `remote` attend by video (asked before, confirmed during), the voting members
 * chosen by `inPerson(entitledIds)` and every 预备党员 in person, the rest absent; attendance confirmed
 * after the end. Returns the ids of the members with a vote.
 */
async function hold(
  m: MeetingDetail,
  inPerson: (entitled: string[]) => string[],
  remote: string[] = [],
): Promise<string[]> {
  for (const id of remote) await ok(id, 'attendance.remoteRequest', { meetingId: m.id }, true)
  api.clock.now = START + 10 * MIN
  const b = await ok(SECRETARY_B1, 'attendance.board', { meetingId: m.id })
  const entitled = b.people.filter((p) => p.votingRights && !p.guest).map((p) => p.memberId)
  const here = new Set(inPerson(entitled.filter((id) => !remote.includes(id))))
  for (const p of b.people) {
    if (p.guest || remote.includes(p.memberId)) continue
    if (here.has(p.memberId) || !p.votingRights) {
      await ok(
        SECRETARY_B1,
        'attendance.markManual',
        { meetingId: m.id, memberId: p.memberId, reason: '会场登记' },
        true,
      )
    }
  }
  for (const id of remote) await ok(ORGANIZER_B1, 'attendance.remoteConfirm', { meetingId: m.id, memberId: id }, true)
  api.clock.now = END + MIN
  await ok(SECRETARY_B1, 'attendance.confirm', { meetingId: m.id }, true)
  return entitled
}

async function draft(meetingId: string, motion: Motion | null, vote: MinutesContent['items'][number]['vote'] = null) {
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId })
  const content: MinutesContent = {
    ...view.content!,
    chair: '张建国',
    recorder: '李晓红',
    items: [{ topic: '表决', speeches: '大家逐一发表意见', decision: '见表决结果', vote, motion }],
  }
  return ok(SECRETARY_B1, 'minutes.saveDraft', { meetingId, version: view.version, content }, true)
}

async function finalizeRefused(meetingId: string): Promise<string> {
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId })
  const r = await api.as(SECRETARY_B1).raw('minutes.finalize', { meetingId, version: view.version }, rid())
  if (r.ok) throw new Error('finalize was expected to be refused')
  expect(r.error.code).toBe('VALIDATION_FAILED')
  return r.error.message
}

async function finalize(meetingId: string): Promise<MinutesView> {
  const view = await ok(SECRETARY_B1, 'minutes.get', { meetingId })
  return ok(SECRETARY_B1, 'minutes.finalize', { meetingId, version: view.version }, true)
}

/** Sets when the demo's 预备党员 was admitted (the seed admits on 2026-07-01, 预备期满 2027-07-01). */
async function admittedOn(joinedAt: string): Promise<void> {
  const m = await api.ports.store.get('members', PROBATIONARY_B1)
  await api.ports.store.update('members', PROBATIONARY_B1, { joinedAt }, m!._version)
}

const confirm = (votes: [number, number, number], written: string[] = []): Motion => ({
  kind: 'confirm',
  subject: { memberId: PROBATIONARY_B1, name: '' },
  votes: { for: votes[0], against: votes[1], abstain: votes[2] },
  writtenOpinions: written.map((memberId) => ({ memberId, choice: 'for' })),
  election: null,
})

test('a 转正 with one remote attendee and two written opinions is locked person by person, and the .docx says it', async () => {
  await admittedOn('2025-11-01') // 预备期满 2026-11-01, before the meeting
  const m = await schedule()
  let absentees: string[] = []
  const entitled = await hold(
    m,
    (ids) => {
      absentees = ids.slice(-2)
      return ids.slice(0, -2)
    },
    [MEMBER_B1],
  )
  const present = entitled.length - 3
  expect(present).toBeGreaterThanOrEqual(moreThanHalf(entitled.length))
  const view = await draft(m.id, confirm([present - 1, 1, 0], absentees))
  expect(view.decisionKinds.map((k) => k.label)).toContain('预备党员转正')
  expect(view.decisions[0]).toMatchObject({ present, written: 2, for: present + 1, passes: true })

  const final = await finalize(m.id)
  expect(final.status).toBe('final')
  const tally = final.attendance!.decisions![0]
  expect(tally).toMatchObject({ kind: 'confirm', entitled: entitled.length, present, written: 2, passes: true })
  const how = Object.fromEntries(tally.people.map((p) => [p.memberId, p.countedAs]))
  expect(how[MEMBER_B1]).toBe('remote_not_counted')
  expect(how[absentees[0]]).toBe('written_opinion')
  expect(how[absentees[1]]).toBe('written_opinion')
  expect(how[PROBATIONARY_B1]).toBe('not_entitled')
  expect(how[SECRETARY_B1]).toBe('in_person')
  expect(final.decisions[0]).toEqual(tally)

  // The chain still verifies with the new record on it.
  const report = await ok(SECRETARY_B1, 'minutes.verify', { branchId: 'org_b1' })
  expect(report.ok).toBe(true)

  const file = await ok(SECRETARY_B1, 'minutes.export', { meetingId: m.id })
  const zip = await JSZip.loadAsync(Buffer.from(file.base64!, 'base64'))
  const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
  expect(text).toContain('预备党员转正')
  expect(text).toMatch(/赞成 \d+ 票，反对 1 票，弃权 0 票（含书面意见 2 份）/)
  const remoteName = final.attendance!.roll!.find((l) => l.memberId === MEMBER_B1)!.name
  expect(text).toContain(`${remoteName}：远程参会，本项表决不计入到会人数和票数`)
  const writtenName = final.attendance!.roll!.find((l) => l.memberId === absentees[0])!.name
  expect(text).toContain(`${writtenName}：会前提交书面意见，计入票数（不计入到会人数）`)
})

test('a passed 转正 waits for the 上级党委: pending on the member page, then approved → 正式党员 with history', async () => {
  await admittedOn('2025-11-01')
  const m = await schedule()
  const entitled = await hold(m, (ids) => ids)
  await draft(m.id, confirm([entitled.length, 0, 0]))
  const refusedEarly = await api.as(SECRETARY_B1).result(
    'memberState.approveConfirmation',
    {
      memberId: PROBATIONARY_B1,
      version: 1,
      approvedOn: '2026-11-30',
      approvedBy: '示范区机关党委',
      reason: '党委批复',
    },
    rid(),
  )
  expect(!refusedEarly.ok && refusedEarly.error.message).toMatch(/还没有经支部党员大会通过转正/)
  await finalize(m.id)

  const pending = await ok(SECRETARY_B1, 'roster.get', { memberId: PROBATIONARY_B1 })
  expect(pending.category).toBe('probationary')
  expect(pending.states?.confirmationPending).toEqual({
    decision: 'confirm',
    meetingId: m.id,
    meetingTitle: m.title,
    passedOn: '2026-11-22',
  })
  expect(pending.history.find((h) => h.field === 'confirmationPending')).toMatchObject({
    to: { meetingId: m.id },
    by: { id: SECRETARY_B1 },
  })

  const tooEarly = await api.as(SECRETARY_B1).result(
    'memberState.approveConfirmation',
    {
      memberId: PROBATIONARY_B1,
      version: pending.version,
      approvedOn: '2026-11-21',
      approvedBy: '示范区机关党委',
      reason: '党委批复',
    },
    rid(),
  )
  expect(!tooEarly.ok && tooEarly.error.message).toMatch(/不能早于支部大会通过转正的 2026-11-22/)

  const at = api.clock.now
  const approved = await ok(
    ORGANIZER_B1,
    'memberState.approveConfirmation',
    {
      memberId: PROBATIONARY_B1,
      version: pending.version,
      approvedOn: '2026-11-28',
      approvedBy: '示范区机关党委',
      reason: '党委批复文件',
    },
    true,
  )
  expect(approved.category).toBe('full')
  expect(approved.states?.confirmationPending ?? null).toBeNull()
  const entry = approved.history.find((h) => h.field === 'category')
  expect(entry).toMatchObject({ from: 'probationary', to: 'full', by: { id: ORGANIZER_B1 }, at })
  expect(entry!.reason).toMatch(new RegExp(`示范区机关党委 2026-11-28 批准转正.*2026-11-22.*${m.id}.*党委批复文件`))
})

describe('finalize refuses a decision that breaks its rule, saying which', () => {
  test('no quorum once the video attendee is not counted: the vote cannot be recorded', async () => {
    const m = await schedule()
    await hold(m, (ids) => ids.slice(0, moreThanHalf(ids.length + 1) - 1), [MEMBER_B1])
    await draft(m.id, confirm([3, 0, 0]))
    expect(await finalizeRefused(m.id)).toMatch(/远程参会的 1 人本项不计入.*不能表决/)
  })

  test('more votes than members counted present (remote excluded)', async () => {
    const m = await schedule()
    const entitled = await hold(m, (ids) => ids, [MEMBER_B1])
    await draft(m.id, confirm([entitled.length, 0, 0]))
    expect(await finalizeRefused(m.id)).toMatch(/合计 \d+ 票，多于计入到会有表决权的 \d+ 人（远程参会的 1 人本项不计入/)
  })

  test('a 转正 before the 预备期 has ended (admitted 2026-07-01, meeting 2026-11-22)', async () => {
    const m = await schedule()
    await hold(m, (ids) => ids)
    await draft(m.id, confirm([3, 0, 0]))
    expect(await finalizeRefused(m.id)).toMatch(
      /预备期到 2027-07-01 才满.*本次会议 2026-11-22 尚未期满，不能表决转正；请删去本项表决，待预备期满后再讨论转正/,
    )
    expect((await ok(SECRETARY_B1, 'minutes.get', { meetingId: m.id })).status).toBe('draft')
  })

  test('a 转正 whose subject is not a 预备党员', async () => {
    const m = await schedule()
    await hold(m, (ids) => ids)
    await draft(m.id, { ...confirm([3, 0, 0]), subject: { memberId: MEMBER_B1, name: '' } })
    expect(await finalizeRefused(m.id)).toMatch(/不是预备党员/)
  })

  test('a written opinion from a member who attended', async () => {
    const m = await schedule()
    await hold(m, (ids) => ids)
    await draft(m.id, confirm([3, 0, 0], [SECRETARY_B1]))
    expect(await finalizeRefused(m.id)).toMatch(/已到会表决，不能再计书面意见/)
  })

  test('an election without more than 4/5 present', async () => {
    const m = await schedule()
    await hold(m, (ids) => ids.slice(0, Math.floor((4 * ids.length) / 5)))
    await draft(m.id, {
      kind: 'election',
      subject: null,
      votes: null,
      writtenOpinions: [],
      election: { ballots: 1, candidates: [{ memberId: SECRETARY_B1, name: '张建国', votes: 1 }] },
    })
    expect(await finalizeRefused(m.id)).toMatch(/第 1 项（选举）.*超过五分之四.*不能表决/)
  })

  test('a 接收预备党员 at a 支委会', async () => {
    const m = await schedule('committee_meeting')
    await hold(m, (ids) => ids)
    await draft(m.id, { ...confirm([3, 0, 0]), kind: 'admit', subject: { memberId: null, name: '赵六' } })
    expect(await finalizeRefused(m.id)).toMatch(/支部委员会不能作出这项决定/)
  })

  test('an untyped vote at a 党员大会', async () => {
    const m = await schedule()
    await hold(m, (ids) => ids)
    await draft(m.id, null, { for: 3, against: 0, abstain: 0 })
    expect(await finalizeRefused(m.id)).toMatch(/还没有选择类型/)
  })
})

test('quorum gates the vote, not the 党员大会: without quorum and without a vote it is held and counts', async () => {
  const congress = async () => {
    const r = await api.as(SECRETARY_B1).result('compliance.summary', { date: '2026-11-22' })
    if (!r.ok) throw new Error(r.error.message)
    const items = r.data.items.flatMap((b) => b.items)
    return items.find((i) => i.kind === 'branch_congress' && i.owner.id === 'org_b1')!
  }
  const before = (await congress()).counted
  const m = await schedule()
  await hold(m, (ids) => ids.slice(0, moreThanHalf(ids.length) - 1))
  await draft(m.id, null)
  const final = await finalize(m.id)
  expect(final.status).toBe('final')
  expect(final.attendance!.quorum).toMatchObject({ applies: true, met: false })
  const detail = await ok(SECRETARY_B1, 'meeting.get', { meetingId: m.id })
  expect(detail.quorumMet).toBe(false)
  const file = await ok(SECRETARY_B1, 'minutes.export', { meetingId: m.id })
  const zip = await JSZip.loadAsync(Buffer.from(file.base64!, 'base64'))
  const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
  expect(text).toContain('未过半数：会议照常记录，但不能表决')
  const after = await congress()
  expect(after.counted).toBe(before + 1)
  expect(after.reason).not.toMatch(/未过半数/)
})

test('a passed 延长预备期 waits for the 党委 too; its approval applies the approved end with history', async () => {
  const m = await schedule()
  const entitled = await hold(m, (ids) => ids)
  // 延长 may be decided during the 预备期 (the demo's 预备党员 joined 2026-07-01).
  await draft(m.id, { ...confirm([entitled.length, 0, 0]), kind: 'extend_probation' })
  await finalize(m.id)
  const pending = await ok(SECRETARY_B1, 'roster.get', { memberId: PROBATIONARY_B1 })
  expect(pending.states?.confirmationPending).toMatchObject({ decision: 'extend', passedOn: '2026-11-22' })

  const input = {
    memberId: PROBATIONARY_B1,
    version: pending.version,
    approvedOn: '2026-11-28',
    approvedBy: '示范区机关党委',
    reason: '党委批复',
  }
  const noDate = await api.as(SECRETARY_B1).result('memberState.approveConfirmation', input, rid())
  expect(!noDate.ok && noDate.error.message).toMatch(/延长后预备期满日期/)
  const tooLong = await api
    .as(SECRETARY_B1)
    .result('memberState.approveConfirmation', { ...input, until: '2028-08-01' }, rid())
  expect(!tooLong.ok && tooLong.error.message).toMatch(/不能超过一年/)

  const approved = await ok(SECRETARY_B1, 'memberState.approveConfirmation', { ...input, until: '2028-01-01' }, true)
  expect(approved.category).toBe('probationary')
  expect(approved.states).toMatchObject({ probationDueOn: '2028-01-01', confirmationPending: null })
  const entry = approved.history.find((h) => h.field === 'probationExtendedTo')
  expect(entry).toMatchObject({ from: null, to: '2028-01-01', by: { id: SECRETARY_B1 } })
  expect(entry!.reason).toMatch(/示范区机关党委 2026-11-28 批准延长预备期至 2028-01-01.*支部大会已通过延长预备期/)
})
