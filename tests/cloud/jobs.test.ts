/**
 * The daily jobs of issue 4 on the seeded store: meeting reminders (the 24-hour window's edges),
 * quotas at risk (AT_RISK_DAYS' edge), minutes due (exactly 3 days after the end), and a second run
 * the same day sending nothing; plus the timer's runner and its next-run arithmetic.
 */
import { minutesOverdue, meetingReminders, quotaAtRisk, PLANNING_JOBS } from '../../src/cloud/jobs/planning'
import { DAILY_JOBS } from '../../src/cloud/jobs'
import { msUntilNextRun, runDailyJobs, scheduleDailyJobs } from '../../src/cloud/functions/timer/run-jobs'
import type { NoticeDoc } from '../../src/cloud/documents'
import { fromBeijing } from '../../src/domain/beijing-time'
import { AT_RISK_DAYS, DEFAULT_MINUTES_DUE_MS } from '../../src/domain/compliance'
import type { Meeting } from '../../src/domain/meeting'
import type { MeetingDetail } from '../../src/domain/api/views'
import { apiPerTest, requestIds, scheduleInput, SECRETARY_B1 } from './api-fixture'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const api = apiPerTest()
const rid = requestIds('req-jobs')

async function schedule(input: Record<string, unknown>): Promise<MeetingDetail> {
  const r = await api.as(SECRETARY_B1).result('meeting.schedule', scheduleInput(input), rid())
  if (!r.ok) throw new Error(r.error.message)
  return r.data
}

async function notices(template: string): Promise<NoticeDoc[]> {
  const page = await api.ports.store.query<NoticeDoc>('notifications', {
    where: [{ field: 'template', op: 'eq', value: template }],
    limit: 100,
  })
  return page.items
}

test('every planning job is registered for the timer', () => {
  for (const job of PLANNING_JOBS) expect(DAILY_JOBS).toContain(job)
})

describe('meeting reminders', () => {
  test('a meeting starting in exactly 24 h is reminded, one a minute later is not; a second run sends 0', async () => {
    // The seed's committee meeting starts 2026-11-25 09:00; run at 11-24 09:00 and 08:59.
    const start = fromBeijing('2026-11-25', '09:00')
    const early = await meetingReminders.run(api.ports, start - DAY - 60_000)
    expect(early.sent).toBe(0)
    const edge = await meetingReminders.run(api.ports, start - DAY)
    // Both demo branches hold one then: every participant of both, once.
    const both = (
      await api.ports.store.query<Meeting>('meetings', {
        where: [{ field: 'startAt', op: 'eq', value: start }],
        limit: 10,
      })
    ).items
    expect(both).toHaveLength(2)
    const participants = both.reduce((n, m) => n + m.participantIds.length, 0)
    expect(edge.sent).toBe(participants)
    const stored = await notices('meeting.reminder')
    expect(stored).toHaveLength(participants)
    expect(new Set(stored.map((n) => `${n.data.meetingId}.${n.memberId}`)).size).toBe(participants)
    expect(stored[0].title).toContain('明天开会')
    const second = await meetingReminders.run(api.ports, start - DAY + HOUR)
    expect(second.sent).toBe(0)
  })

  test('a meeting already started, or cancelled, gets no reminder', async () => {
    const m = await schedule({ date: '2026-11-23', startTime: '09:00', endTime: '10:00', title: '将被取消的会议' })
    const cancel = await api
      .as(SECRETARY_B1)
      .result('meeting.cancel', { meetingId: m.id, version: m.version, reason: '改期另行通知' }, rid())
    expect(cancel.ok).toBe(true)
    const r = await meetingReminders.run(api.ports, fromBeijing('2026-11-22', '10:00'))
    expect((await notices('meeting.reminder')).some((n) => n.data.meetingId === m.id)).toBe(false)
    // Started a minute ago: outside (now, now + 24 h].
    const ongoing = await meetingReminders.run(api.ports, fromBeijing('2026-11-25', '09:01'))
    expect(ongoing.details.some((d) => d.includes('研究年度组织生活会筹备工作'))).toBe(false)
    expect(r.sent).toBe(0)
  })
})

describe('quota at risk', () => {
  test('fewer than AT_RISK_DAYS left with nothing scheduled warns the organizers once per period', async () => {
    // 2026-Q4's 党课 is not held or scheduled. AT_RISK_DAYS.quarter before the end is the edge.
    const end = fromBeijing('2027-01-01', '00:00')
    const edge = end - AT_RISK_DAYS.quarter * DAY
    const atEdge = await quotaAtRisk.run(api.ports, edge)
    expect(atEdge.details.some((d) => d.includes('党课'))).toBe(false)
    const inside = await quotaAtRisk.run(api.ports, edge + 60_000)
    expect(inside.details.some((d) => d.includes('第一党支部') && d.includes('党课'))).toBe(true)
    const sent = (await notices('quota.atRisk')).filter((n) => n.data.kind === 'party_lecture')
    // To the 书记, 副书记 and 组织委员 of each demo branch.
    expect(sent.length).toBeGreaterThanOrEqual(2)
    expect(sent.every((n) => n.body.includes('党课'))).toBe(true)
    const again = await quotaAtRisk.run(api.ports, edge + HOUR)
    expect(again.sent).toBe(0)
  })

  test('a scheduled meeting covering the quota is not at risk', async () => {
    await schedule({ kind: 'party_lecture', title: '年终党课', date: '2026-12-28' })
    const r = await quotaAtRisk.run(api.ports, fromBeijing('2026-12-20', '08:00'))
    expect(r.details.some((d) => d.includes('第一党支部') && d.includes('党课'))).toBe(false)
    expect(r.details.some((d) => d.includes('第二党支部') && d.includes('党课'))).toBe(true)
  })
})

describe('minutes due', () => {
  test('exactly 3 days after the end the secretary is told; a minute before not; once only', async () => {
    const m = await schedule({ date: '2026-11-23', startTime: '15:00', endTime: '17:00', title: '待定稿的会议' })
    const due = m.endAt + DEFAULT_MINUTES_DUE_MS
    const before = await minutesOverdue.run(api.ports, due - 60_000)
    expect(before.details.some((d) => d.includes('待定稿的会议'))).toBe(false)
    const at = await minutesOverdue.run(api.ports, due)
    expect(at.details.some((d) => d.includes('待定稿的会议'))).toBe(true)
    const sent = (await notices('minutes.overdue')).filter((n) => n.data.meetingId === m.id)
    expect(sent.map((n) => n.memberId)).toEqual([SECRETARY_B1])
    expect(sent[0].body).toContain('已结束 3 天')
    expect((await minutesOverdue.run(api.ports, due + HOUR)).sent).toBe(0)
  })

  test('finalized minutes, and a cancelled meeting, are left alone', async () => {
    const m = await schedule({ date: '2026-11-23', startTime: '15:00', endTime: '17:00', title: '已定稿的会议' })
    const doc = (await api.ports.store.get<Meeting>('meetings', m.id))!
    await api.ports.store.update('meetings', m.id, { minutesFinalizedAt: m.endAt + HOUR }, doc._version)
    const r = await minutesOverdue.run(api.ports, m.endAt + 4 * DAY)
    expect(r.details.some((d) => d.includes('已定稿的会议'))).toBe(false)
  })
})

describe('the timer', () => {
  test('runs every job once, reports each, and a second run the same day sends nothing', async () => {
    const now = fromBeijing('2026-11-24', '08:00')
    const first = await runDailyJobs(api.ports, now)
    expect(first.map((r) => r.job)).toEqual(DAILY_JOBS.map((j) => j.name))
    expect(first.reduce((n, r) => n + r.sent, 0)).toBeGreaterThan(0)
    // Run again the same morning (a retried trigger): the same notices, so none is sent again.
    const second = await runDailyJobs(api.ports, now)
    expect(second.reduce((n, r) => n + r.sent, 0)).toBe(0)
  })

  test('a failing job is reported and the others still run', async () => {
    jest.spyOn(console, 'error').mockImplementationOnce(() => undefined)
    const reports = await runDailyJobs(api.ports, api.clock.now, [
      { name: 'broken', run: async () => Promise.reject(new Error('boom')) },
      meetingReminders,
    ])
    expect(reports[0]).toEqual({ job: 'broken', sent: 0, details: ['失败：boom'] })
    expect(reports[1].job).toBe('meeting-reminders')
  })

  test('next run at 08:00 Beijing; the local schedule fires and stops', async () => {
    expect(msUntilNextRun(fromBeijing('2026-11-22', '07:00'))).toBe(HOUR)
    expect(msUntilNextRun(fromBeijing('2026-11-22', '08:00'))).toBe(DAY)
    expect(msUntilNextRun(fromBeijing('2026-11-22', '10:00'))).toBe(22 * HOUR)
    jest.useFakeTimers()
    try {
      const clock = { now: fromBeijing('2026-11-24', '07:59') }
      const ports = { ...api.ports, clock: { now: () => clock.now } }
      const seen: number[] = []
      const schedule = scheduleDailyJobs(ports, { onReports: (r) => seen.push(r.length) })
      clock.now += 60_000
      await jest.advanceTimersByTimeAsync(60_000)
      expect(seen).toEqual([DAILY_JOBS.length])
      schedule.stop()
      await jest.advanceTimersByTimeAsync(2 * DAY)
      expect(seen).toHaveLength(1)
    } finally {
      jest.useRealTimers()
    }
  })
})

describe('the local host’s daily tick', () => {
  /** A fresh data directory and fake timers for a host; `restore` puts both back. */
  async function hostSetup() {
    const { startHost } = await import('../../scripts/local-host')
    const { mkdtempSync, rmSync } = await import('node:fs')
    const os = await import('node:os')
    const path = await import('node:path')
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-tick-'))
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
    const restore = () => {
      jest.useRealTimers()
      rmSync(dataDir, { recursive: true, force: true })
    }
    return { startHost, dataDir, restore }
  }

  test('runs the jobs at 08:00 Beijing when asked, and close() clears the timer', async () => {
    const { openEmbedded } = await import('../../src/cloud/embedded')
    const { startHost, dataDir, restore } = await hostSetup()
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined)
    try {
      const clock = { now: fromBeijing('2026-11-24', '07:59') }
      const host = await startHost({
        dataDir,
        port: 0,
        seed: true,
        dailyJobs: true,
        ports: openEmbedded({ dataDir, clock: { now: () => clock.now } }),
      })
      clock.now += 60_000
      await jest.advanceTimersByTimeAsync(60_000)
      const lines = log.mock.calls.map((c) => String(c[0]))
      expect(lines.filter((l) => l.startsWith('[timer]'))).toHaveLength(DAILY_JOBS.length)
      expect(lines.some((l) => l.includes('meeting-reminders'))).toBe(true)
      await host.close()
      expect(jest.getTimerCount()).toBe(0)
    } finally {
      log.mockRestore()
      restore()
    }
  })

  test('is off unless asked', async () => {
    const { startHost, dataDir, restore } = await hostSetup()
    try {
      const host = await startHost({ dataDir, port: 0, seed: false })
      expect(jest.getTimerCount()).toBe(0)
      await host.close()
    } finally {
      restore()
    }
  })
})
