/**
 * The subscribe-message contract: WeChat's keyword rules hold (and refuse what WeChat refuses), every
 * notice of every topic, built from values at the limits, gives keyword values WeChat accepts, and
 * consent covers every topic each recipient can be sent.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { formatDate, fromBeijing } from '../../src/domain/beijing-time'
import { buildNotice, messageProblems, type KeywordValues, type NoticeFieldsByTopic } from '../../src/domain/notices'
import {
  fitName,
  fitText,
  formatKeywordDate,
  formatKeywordTime,
  KEYWORD_RULES,
  KEYWORD_TYPES,
  keywordProblem,
} from '../../src/domain/subscribe-keywords'
import {
  CONSENT_TAPS,
  MAX_TEMPLATES_PER_REQUEST,
  MESSAGE_TEMPLATES,
  NOTICE_TOPICS,
  RECIPIENTS,
  SUBSCRIBE_TOPICS,
  TEMPLATE_KEYS,
  type ConsentTapDecl,
  type KeywordDecl,
  type Recipient,
  type SubscribeTopic,
  type TopicDecl,
} from '../../src/domain/subscribe-messages'
import { PAGES } from '../../src/domain/pages'

/**
 * For each recipient, the topics it can receive that no tap it makes asks consent for (as
 * `recipient: topic`). Empty when consent covers everything, which the catalogue must hold.
 */
function uncoveredTopics(
  topics: Readonly<Record<string, Pick<TopicDecl, 'template' | 'to'>>> = NOTICE_TOPICS,
  taps: Readonly<Record<string, Pick<ConsentTapDecl, 'templates' | 'by'>>> = CONSENT_TAPS,
): string[] {
  const missing: string[] = []
  for (const recipient of Object.keys(RECIPIENTS) as Recipient[]) {
    const asked = new Set(
      Object.values(taps)
        .filter((t) => t.by.includes(recipient))
        .flatMap((t) => t.templates),
    )
    for (const [topic, decl] of Object.entries(topics)) {
      if (decl.to.includes(recipient) && !asked.has(decl.template)) missing.push(`${recipient}: ${topic}`)
    }
  }
  return missing
}

// ---- values at the limits ----

/** 60 characters, two of them outside the BMP (𠮷 U+20BB7, 𬌗 U+2C317): 62 UTF-16 units. */
const LONG_TITLE =
  '学习贯彻党的二十届四中全会精神暨𠮷𬌗村党支部十二月主题党日活动：重温入党誓词、开展志愿服务并讨论明年度计划和党员发展工作'
/** 60 characters. */
const LONG_PLACE =
  '某某市某某区某某街道某某社区党群服务中心三楼第二会议室（从东门进入，乘电梯到三楼后右转，门口有指示牌）请提前十分钟到场。'
const NAMES = ['阿依古丽·买买提', '买买提江·阿不都热合曼·艾力', '𠮷田', 'Zhang San', '张三3', '欧阳\n娜娜']
/** Midnight at year end in Beijing: 2027-01-01 00:00 (2026-12-31 16:00 UTC). */
const YEAR_END_MIDNIGHT = fromBeijing('2027-01-01', '00:00')
const LATE_NIGHT = fromBeijing('2026-12-31', '23:59')
const TIMES = [YEAR_END_MIDNIGHT, LATE_NIGHT, fromBeijing('2026-02-28', '09:05')]

const meeting = (startAt: number, title = LONG_TITLE, place = LONG_PLACE) => ({
  meetingId: 'mtg_limits',
  title,
  kind: 'branch_congress' as const,
  startAt,
  endAt: startAt + 2 * 3_600_000,
  place,
})

/** Every topic's fields, with each free text, name and time at its limit. */
function fieldsAtLimits(name: string, at: number): { [T in SubscribeTopic]: NoticeFieldsByTopic[T] } {
  const m = meeting(at)
  return {
    'meeting.scheduled': m,
    'meeting.edited': m,
    'meeting.rescheduled': m,
    'meeting.cancelled': { ...m, reason: LONG_PLACE },
    'meeting.guest': m,
    'meeting.reminder': { ...m, remindedAt: at - 16 * 3_600_000 },
    'leave.requested': { ...m, applicant: name, category: 'personal', note: `${LONG_PLACE}\n${LONG_TITLE}` },
    'leave.decided': { ...m, applicant: name, approved: false, note: LONG_TITLE },
    'minutes.overdue': m,
    'minutes.final': m,
    'quota.atRisk': {
      branchId: 'org_b1',
      kind: 'branch_congress',
      kindLabel: '支部党员大会',
      periodKey: '2026-Q4',
      periodLabel: '2026年第四季度',
      periodEnd: YEAR_END_MIDNIGHT,
      ownerName: '第一党支部第二党小组（𠮷𬌗）',
      reason: LONG_PLACE,
      month: '2026-12',
    },
    'supervision.escalation': {
      orgId: 'org_cmte',
      date: '2026-12-31',
      count: 120,
      lines: Array.from({ length: 10 }, () => LONG_PLACE),
    },
    'lapse.warning': {
      memberId: 'm_b1_08',
      name,
      cause: 'org_life',
      months: 12,
      since: '2026-01',
      threshold: 6,
      date: formatDate(at),
    },
    'plan.published': {
      planId: 'plan_1',
      branchId: 'org_b1',
      branchName: LONG_PLACE,
      year: 2027,
      total: 200,
      mine: 199,
      firstTitle: LONG_TITLE,
      firstStartAt: at,
    },
    'mobile.checkinDue': { periodLabel: '2026年第四季度', cadence: 'quarter', dueBy: YEAR_END_MIDNIGHT },
    'mobile.contactState': {
      memberId: 'm1',
      name,
      city: LONG_PLACE,
      state: 'lost_risk',
      lastContactAt: at - 400 * 86_400_000,
      days: 400,
    },
    'mobile.transferDue': { memberId: 'm1', name, city: LONG_PLACE, since: '2026-06-30' },
    'member.probationDue': { memberId: 'm1', name, dueOn: '2026-12-30', extended: true, reminder: 'month_before' },
    'makeup.submitted': {
      meetingId: 'mtg_limits',
      meetingTitle: LONG_TITLE,
      memberId: 'm1',
      memberName: name,
      submittedAt: at,
    },
    'makeup.accepted': { meetingId: 'mtg_limits', meetingTitle: LONG_TITLE, acceptedBy: name },
    'report.submitted': {
      reportId: 'rp_1',
      memberId: 'm1',
      memberName: name,
      kind: 'thought',
      title: LONG_TITLE,
      submittedAt: at,
    },
    'report.replied': {
      reportId: 'rp_1',
      kind: 'work',
      title: LONG_TITLE,
      repliedBy: name,
      reply: LONG_PLACE.repeat(3),
    },
  }
}

describe("WeChat's keyword rules", () => {
  test('every kind has a rule, and the examples from WeChat’s documentation pass it', () => {
    expect(Object.keys(KEYWORD_RULES).sort()).toEqual([...KEYWORD_TYPES].sort())
    for (const type of KEYWORD_TYPES) {
      for (const example of KEYWORD_RULES[type].examples)
        expect([type, keywordProblem(type, example)]).toEqual([type, null])
    }
  })

  test.each([
    ['phrase', '已经安排好了', /6 long, the limit is 5/],
    ['phrase', '已安排!', /characters or a form/],
    ['phrase', 'OK', /characters or a form/],
    ['thing', '一二三四五六七八九十一二三四五六七八九十一', /21 long, the limit is 20/],
    ['thing', '𠮷'.repeat(11), /22 long, the limit is 20/],
    ['thing', '两行\n文字', /characters or a form/],
    ['thing', '', /empty/],
    ['short_thing', '党员大会议', null],
    ['short_thing', '支部党员大会', /6 long, the limit is 5/],
    ['name', '阿依古丽·买买提', null],
    ['name', '买买提江·阿不都热合曼', /11 long, the limit is 10/],
    ['name', 'Zhang San', /characters or a form/],
    ['name', '张三3', /characters or a form/],
    ['name', 'Aiguli·Maimaiti·Aierkenjiang', /28 long, the limit is 20/],
    ['time', '2026年11月29日 14:30', null],
    ['time', '2026-12-04T15:00', /characters or a form/],
    ['time', '24:00', /characters or a form/],
    ['time', '2026年12月4日', /characters or a form/],
    ['date', '2026年11月29日', null],
    ['date', '2026年13月1日', /characters or a form/],
    ['date', '下周五', /characters or a form/],
    ['number', '32', null],
    ['number', '3次', /characters or a form/],
    ['character_string', 'mtg_1-2026', null],
    ['character_string', '会议1', /characters or a form/],
    ['character_string', 'a'.repeat(33), /33 long, the limit is 32/],
    ['letter', 'abc1', /characters or a form/],
    ['symbol', '######', /6 long, the limit is 5/],
    ['amount', '¥12345678901', /characters or a form/],
    ['phone_number', '+86-0766-668888661', /18 long, the limit is 17/],
    ['car_number', '粤A8Z888挂1', /characters or a form|long/],
  ] as const)('%s %j → %s', (type, value, expected) => {
    const problem = keywordProblem(type, value)
    if (expected === null) expect(problem).toBeNull()
    else expect(problem).toMatch(expected)
  })

  test('free text is cut with … at the limit, never inside a character outside the BMP', () => {
    expect(fitText('thing', LONG_TITLE)).toBe('学习贯彻党的二十届四中全会精神暨𠮷…')
    expect(fitText('thing', '𠮷'.repeat(30))).toBe(`${'𠮷'.repeat(9)}…`)
    expect(fitText('thing', '第一行\n\t第二行  ')).toBe('第一行 第二行')
    expect(fitText('thing', ' \n ')).toBe('—')
    expect(fitText('short_thing', '支部党员大会')).toBe('支部党员…')
  })

  test('a name keeps Han, letters and symbols, joins parts with ·, and is cut at 10 (Chinese) or 20', () => {
    expect(NAMES.map(fitName)).toEqual([
      '阿依古丽·买买提',
      '买买提江·阿不都热…',
      '𠮷田',
      'Zhang·San',
      '张三',
      '欧阳·娜娜',
    ])
    expect(fitName('123')).toBe('党员')
    expect(fitName('Aiguli·Maimaiti·Aierkenjiang')).toBe('Aiguli·Maimaiti·Aie…')
  })

  test('times and dates are Beijing wall-clock, in a form WeChat lists, at midnight and across the year end', () => {
    expect(formatKeywordTime(YEAR_END_MIDNIGHT)).toBe('2027年1月1日 00:00')
    expect(formatKeywordTime(LATE_NIGHT)).toBe('2026年12月31日 23:59')
    expect(formatKeywordDate(YEAR_END_MIDNIGHT - 1)).toBe('2026年12月31日')
    expect(formatKeywordDate(YEAR_END_MIDNIGHT)).toBe('2027年1月1日')
  })
})

describe('every notice of every topic', () => {
  const cases = NAMES.flatMap((name) => TIMES.map((at) => ({ name, at })))

  test('at the limits, every keyword value is one WeChat accepts', () => {
    let checked = 0
    for (const { name, at } of cases) {
      const fields = fieldsAtLimits(name, at)
      for (const topic of SUBSCRIBE_TOPICS) {
        const n = buildNotice(topic, fields[topic] as never)
        expect([topic, name, messageProblems(n.template, n.values)]).toEqual([topic, name, []])
        expect(Object.keys(n.values)).toEqual(MESSAGE_TEMPLATES[n.template].keywords.map((k) => k.field))
        checked += Object.keys(n.values).length
      }
    }
    // Every keyword of every topic, once per name and time.
    const perRound = SUBSCRIBE_TOPICS.reduce(
      (s, t) => s + MESSAGE_TEMPLATES[NOTICE_TOPICS[t].template].keywords.length,
      0,
    )
    expect(checked).toBe(perRound * cases.length)
  })

  test('the in-app 消息 keeps the whole text; only the subscribe message is shortened', () => {
    const fields = fieldsAtLimits('买买提江·阿不都热合曼·艾力', YEAR_END_MIDNIGHT)
    const scheduled = buildNotice('meeting.scheduled', fields['meeting.scheduled'])
    expect(scheduled.title).toBe(`会议通知：${LONG_TITLE}`)
    expect(scheduled.body).toContain(LONG_PLACE)
    expect(scheduled.values).toEqual({
      title: '学习贯彻党的二十届四中全会精神暨𠮷…',
      startAt: '2027年1月1日 00:00',
      place: '某某市某某区某某街道某某社区党群服务中…',
      status: '已安排',
    })
    const replied = buildNotice('report.replied', fields['report.replied'])
    expect(replied.body).toBe(`买买提江·阿不都热合曼·艾力：${LONG_PLACE.repeat(3)}`)
    expect(replied.values.handler).toBe('买买提江·阿不都热…')
    const leave = buildNotice('leave.requested', fields['leave.requested'])
    expect(leave.body).toContain(`${LONG_PLACE}\n${LONG_TITLE}`)
    expect(leave.values.remark).not.toMatch(/\n/)
  })

  test('each topic says what it is in its phrase, and opens its declared page', () => {
    const fields = fieldsAtLimits('张建国', fromBeijing('2026-12-04', '15:00'))
    const status = (t: SubscribeTopic) => {
      const n = buildNotice(t, fields[t] as never)
      return n.values.status ?? n.values.state
    }
    expect(
      (
        ['meeting.scheduled', 'meeting.edited', 'meeting.rescheduled', 'meeting.cancelled', 'meeting.guest'] as const
      ).map(status),
    ).toEqual(['已安排', '有调整', '已改期', '已取消', '请列席'])
    expect(status('leave.requested')).toBe('待审批')
    expect(status('leave.decided')).toBe('未批准')
    expect(buildNotice('leave.decided', { ...fields['leave.decided'], approved: true }).values.status).toBe('已批准')
    expect(status('mobile.checkinDue')).toBe('请报到')
    expect(status('mobile.contactState')).toBe('失联风险')
    for (const t of SUBSCRIBE_TOPICS) {
      const n = buildNotice(t, fields[t] as never)
      expect(`/${n.page}`.startsWith(PAGES[NOTICE_TOPICS[t].opens])).toBe(true)
    }
    expect(buildNotice('meeting.guest', fields['meeting.guest']).page).toBe(
      'packages/attendance/pages/signin/index?meetingId=mtg_limits',
    )
  })

  test('a reminder says 今天 or 明天 by the Beijing day, not by 24 hours', () => {
    const start = fromBeijing('2026-12-05', '07:30')
    const base = { ...meeting(start, '党课'), remindedAt: fromBeijing('2026-12-04', '08:00') }
    expect(buildNotice('meeting.reminder', base).title).toBe('明天开会：党课')
    expect(buildNotice('meeting.reminder', { ...base, remindedAt: fromBeijing('2026-12-05', '00:10') }).title).toBe(
      '今天开会：党课',
    )
  })

  test('the check fails on a value that breaks a rule: too long, a phrase outside its vocabulary, a wrong form', () => {
    const n = buildNotice('meeting.scheduled', fieldsAtLimits('张建国', LATE_NIGHT)['meeting.scheduled'])
    expect(messageProblems(n.template, { ...n.values, title: LONG_TITLE })).toEqual([
      expect.stringMatching(/^meeting\.notice\.title: thing: .* is 62 long, the limit is 20$/),
    ])
    expect(messageProblems(n.template, { ...n.values, status: '已安排好' })).toEqual([
      'meeting.notice.status: "已安排好" is not one of 已安排/有调整/已改期/已取消/请列席',
    ])
    expect(messageProblems(n.template, { ...n.values, startAt: '2026-12-31T23:59' })).toEqual([
      expect.stringMatching(/^meeting\.notice\.startAt: time: .* has characters or a form time does not allow$/),
    ])
    const { place: _place, ...withoutPlace } = n.values
    expect(messageProblems(n.template, withoutPlace)).toEqual(['meeting.notice.place: missing'])
  })

  test('the compiler holds each topic to its template: a phrase outside the vocabulary does not type-check', () => {
    const ok: KeywordValues<'meeting.notice'> = { title: 't', startAt: 0, place: 'p', status: '已改期' }
    // @ts-expect-error '已推迟' is not a word of 会议状态
    const bad: KeywordValues<'meeting.notice'> = { title: 't', startAt: 0, place: 'p', status: '已推迟' }
    expect([ok.status, bad.status]).toEqual(['已改期', '已推迟'])
  })
})

describe('the catalogue', () => {
  test('every template is used by a topic, and every phrase word is a phrase WeChat accepts', () => {
    const used = new Set(SUBSCRIBE_TOPICS.map((t) => NOTICE_TOPICS[t].template))
    expect([...used].sort()).toEqual([...TEMPLATE_KEYS].sort())
    for (const key of TEMPLATE_KEYS) {
      const keywords: readonly KeywordDecl[] = MESSAGE_TEMPLATES[key].keywords
      expect(new Set(keywords.map((k) => k.field)).size).toBe(keywords.length)
      for (const k of keywords) {
        expect([key, k.field, k.type === 'phrase', Boolean(k.vocabulary)]).toEqual([
          key,
          k.field,
          k.type === 'phrase',
          k.type === 'phrase',
        ])
        for (const word of k.vocabulary ?? []) expect([word, keywordProblem('phrase', word)]).toEqual([word, null])
      }
      // WeChat lets a template have at most 5 keywords.
      expect(keywords.length).toBeLessThanOrEqual(5)
    }
    // WeChat drops all but one of the templates of the same title asked for in one request.
    expect(new Set(TEMPLATE_KEYS.map((k) => MESSAGE_TEMPLATES[k].title)).size).toBe(TEMPLATE_KEYS.length)
  })

  test('every topic has recipients, and every tap asks for at most three distinct templates', () => {
    for (const t of SUBSCRIBE_TOPICS) expect(NOTICE_TOPICS[t].to.length).toBeGreaterThan(0)
    for (const [id, tap] of Object.entries(CONSENT_TAPS)) {
      expect([id, tap.templates.length <= MAX_TEMPLATES_PER_REQUEST]).toEqual([id, true])
      expect(new Set(tap.templates).size).toBe(tap.templates.length)
      expect(tap.by.length).toBeGreaterThan(0)
    }
  })

  test('for every recipient, every topic it can be sent is asked for at a tap it makes', () => {
    const pairs = (Object.keys(RECIPIENTS) as (keyof typeof RECIPIENTS)[]).flatMap((r) =>
      SUBSCRIBE_TOPICS.filter((t) => (NOTICE_TOPICS[t].to as readonly string[]).includes(r)).map((t) => `${r}: ${t}`),
    )
    expect(pairs.length).toBeGreaterThanOrEqual(SUBSCRIBE_TOPICS.length)
    expect(uncoveredTopics()).toEqual([])
  })

  test('the coverage check fails when a tap stops asking for a template', () => {
    const taps = {
      ...CONSENT_TAPS,
      'mobile.member': { ...CONSENT_TAPS['mobile.member'], templates: ['review.pending', 'minutes.notice'] as const },
    }
    expect(uncoveredTopics(NOTICE_TOPICS, taps)).toEqual([
      'secretary: mobile.contactState',
      'secretary: mobile.transferDue',
    ])
    const noMemberTaps = Object.fromEntries(
      Object.entries(CONSENT_TAPS).filter(([, t]) => !(t.by as readonly string[]).includes('member')),
    )
    expect(uncoveredTopics(NOTICE_TOPICS, noMemberTaps)).toContain('member: meeting.reminder')
  })
})

describe('the server code', () => {
  const cloudDir = path.join(__dirname, '..', '..', 'src', 'cloud')
  const sources = (readdirSync(cloudDir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: f, text: readFileSync(path.join(cloudDir, f), 'utf8') }))

  test('sends only declared topics (the compiler checks notify(); this finds any other spelling)', () => {
    const used = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/\b(?:topic|template):\s*'([^']+)'/g)].map((m) => ({ file, topic: m[1] })),
    )
    expect(used.filter((u) => !(SUBSCRIBE_TOPICS as string[]).includes(u.topic))).toEqual([])
    expect(used.length).toBeGreaterThanOrEqual(SUBSCRIBE_TOPICS.length - 2)
  })

  test('sends every declared topic somewhere', () => {
    const all = sources.map((s) => s.text).join('\n')
    expect(SUBSCRIBE_TOPICS.filter((t) => !all.includes(`'${t}'`))).toEqual([])
  })
})
