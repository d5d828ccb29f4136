/**
 * The seeded demo: one 党委 with two 支部 (each with two 党小组), 31 people of every category and
 * role, a year of past meetings following the rules in meeting-kinds.ts, and a few upcoming ones.
 * Ids are fixed so the demo is the same on every machine; times are relative to `now`.
 */
import { beijing, fromBeijing } from '../../domain/beijing-time'
import { DEFAULT_KIND_RULES, kindRule, type MeetingKind } from '../../domain/meeting-kinds'
import { effectiveRules } from '../../domain/kind-rules'
import { updateCounters } from '../compliance-counters'
import { seedDemoAttendance } from './demo-attendance'
import { seedDemoDues } from './demo-dues'
import { seedDemoHeartTalks } from './demo-heart-talks'
import { seedDemoMobile } from './demo-mobile'
import { deriveParticipants, type Meeting } from '../../domain/meeting'
import type { Member, Org, Role } from '../../domain/org'
import type { StorePort } from '../ports/store'

type Person = Omit<Member, 'id'> & { _id: string }
type MeetingDoc = Omit<Meeting, 'id'> & { _id: string }

export const DEMO_COMMITTEE_ID = 'org_cmte'
export const DEMO_BRANCH_IDS = ['org_b1', 'org_b2'] as const
/** Two people per branch have no WeChat binding yet, so a secretary can invite them and they can bind. */
export const DEMO_UNBOUND_MEMBER_IDS: readonly string[] = ['m_b1_15', 'm_b1_16', 'm_b2_13', 'm_b2_14']

const ORGS: (Omit<Org, 'id'> & { _id: string })[] = [
  { _id: 'org_cmte', kind: 'committee', name: '示范区机关党委', parentId: null, path: ['org_cmte'] },
  { _id: 'org_b1', kind: 'branch', name: '第一党支部', parentId: 'org_cmte', path: ['org_cmte', 'org_b1'] },
  {
    _id: 'org_b1_g1',
    kind: 'group',
    name: '第一党小组',
    parentId: 'org_b1',
    path: ['org_cmte', 'org_b1', 'org_b1_g1'],
  },
  {
    _id: 'org_b1_g2',
    kind: 'group',
    name: '第二党小组',
    parentId: 'org_b1',
    path: ['org_cmte', 'org_b1', 'org_b1_g2'],
  },
  { _id: 'org_b2', kind: 'branch', name: '第二党支部', parentId: 'org_cmte', path: ['org_cmte', 'org_b2'] },
  {
    _id: 'org_b2_g1',
    kind: 'group',
    name: '第一党小组',
    parentId: 'org_b2',
    path: ['org_cmte', 'org_b2', 'org_b2_g1'],
  },
  {
    _id: 'org_b2_g2',
    kind: 'group',
    name: '第二党小组',
    parentId: 'org_b2',
    path: ['org_cmte', 'org_b2', 'org_b2_g2'],
  },
]

// name, gender, roles (besides 党员), group (1 or 2), category, status
type Row = [string, 'male' | 'female', Role[], 1 | 2, 'full' | 'probationary', 'normal' | 'mobile']
const BRANCH_1: Row[] = [
  ['张建国', 'male', ['secretary'], 1, 'full', 'normal'],
  ['李秀英', 'female', ['deputy_secretary'], 2, 'full', 'normal'],
  ['王志强', 'male', ['organizer'], 1, 'full', 'normal'],
  ['刘丽华', 'female', ['propaganda'], 2, 'full', 'normal'],
  ['陈国栋', 'male', ['discipline'], 1, 'full', 'normal'],
  ['杨海燕', 'female', ['group_leader'], 1, 'full', 'normal'],
  ['赵文博', 'male', ['group_leader'], 2, 'full', 'normal'],
  ['黄晓明', 'male', [], 1, 'full', 'normal'],
  ['周婷婷', 'female', [], 1, 'full', 'normal'],
  ['吴俊杰', 'male', [], 2, 'full', 'mobile'],
  ['徐静', 'female', [], 2, 'full', 'normal'],
  ['孙立新', 'male', [], 1, 'full', 'normal'],
  ['马晓燕', 'female', [], 2, 'full', 'normal'],
  ['朱浩然', 'male', [], 1, 'probationary', 'normal'],
  ['胡佳怡', 'female', [], 2, 'probationary', 'normal'],
  ['郭子涵', 'male', [], 2, 'probationary', 'normal'],
]
const BRANCH_2: Row[] = [
  ['林卫东', 'male', ['secretary'], 1, 'full', 'normal'],
  ['何雪梅', 'female', ['organizer'], 2, 'full', 'normal'],
  ['高云峰', 'male', ['propaganda'], 1, 'full', 'normal'],
  ['罗春兰', 'female', ['discipline'], 2, 'full', 'normal'],
  ['梁志刚', 'male', ['group_leader'], 1, 'full', 'normal'],
  ['宋玉洁', 'female', ['group_leader'], 2, 'full', 'normal'],
  ['郑明辉', 'male', [], 1, 'full', 'normal'],
  ['谢晓红', 'female', [], 1, 'full', 'normal'],
  ['韩磊', 'male', [], 2, 'full', 'mobile'],
  ['唐丽', 'female', [], 2, 'full', 'normal'],
  ['冯建军', 'male', [], 1, 'full', 'normal'],
  ['董思远', 'male', [], 2, 'probationary', 'normal'],
  ['程雨欣', 'female', [], 1, 'probationary', 'normal'],
  ['曹宇航', 'male', [], 2, 'full', 'normal'],
]

function people(branchId: string, rows: Row[]): Person[] {
  return rows.map(([name, gender, roles, group, category, status], i) => {
    const n = String(i + 1).padStart(2, '0')
    const joinYear = category === 'probationary' ? 2026 : 1995 + ((i * 7) % 28)
    return {
      _id: `m_${branchId.replace('org_', '')}_${n}`,
      orgId: branchId,
      groupId: `${branchId}_g${group}`,
      name,
      gender,
      phone: `13${branchId === 'org_b1' ? 8 : 9}0000${String(1000 + i * 37).slice(-4)}`,
      category,
      roles: ['member', ...roles],
      status,
      joinedAt: category === 'probationary' ? '2026-07-01' : `${joinYear}-0${(i % 9) + 1}-15`,
      confirmedAt: category === 'probationary' ? null : `${joinYear + 1}-0${(i % 9) + 1}-15`,
    }
  })
}

export function demoMembers(): Person[] {
  const supervisor: Person = {
    _id: 'm_cmte_01',
    orgId: 'org_cmte',
    groupId: null,
    name: '钱组织',
    gender: 'female',
    phone: '13700001234',
    category: 'full',
    roles: ['supervisor'],
    status: 'normal',
    joinedAt: '2001-07-01',
    confirmedAt: '2002-07-01',
  }
  return [supervisor, ...people('org_b1', BRANCH_1), ...people('org_b2', BRANCH_2)]
}

const KIND_PLACES: Record<MeetingKind, string> = {
  branch_congress: '机关大楼三楼会议室',
  committee_meeting: '支部书记办公室',
  group_meeting: '小会议室',
  party_lecture: '党员活动室',
  theme_day: '党员活动室',
  life_meeting: '机关大楼三楼会议室',
  member_review: '机关大楼三楼会议室',
  heart_talk: '支部书记办公室',
}

const KIND_AGENDA: Record<MeetingKind, string[]> = {
  branch_congress: ['传达上级党组织会议精神', '通报支部近期工作', '讨论决定有关事项'],
  committee_meeting: ['研究本月支部工作安排', '讨论党员发展与教育管理事项'],
  group_meeting: ['学习党的理论和政策', '交流思想和工作情况'],
  party_lecture: ['书记讲党课', '交流学习体会'],
  theme_day: ['重温入党誓词', '集中学习', '志愿服务'],
  life_meeting: ['通报上年度整改落实情况', '开展批评和自我批评', '明确整改措施'],
  member_review: ['党员个人自评', '党员互评', '民主测评'],
  heart_talk: ['交流思想和工作情况'],
}

/** One meeting of `kind` on a Beijing date at a local time, with participants from the kind. */
function meetingOn(
  branchId: string,
  members: Person[],
  kind: MeetingKind,
  date: string,
  start: string,
  end: string,
  title: string,
  opts: { groupId?: string; pairIds?: string[] } = {},
): MeetingDoc {
  const suffix = opts.groupId ? `_${opts.groupId.slice(-2)}` : ''
  return demoMeetingAt(branchId, kind, fromBeijing(date, start), fromBeijing(date, end), title, {
    ...opts,
    id: `mtg_seed_${branchId.replace('org_', '')}_${kind}_${date.replace(/-/g, '')}${suffix}`,
    members,
  })
}

/**
 * One demo meeting of `kind` in a demo 支部 from `startAt` to `endAt` (ms since epoch), scheduled by
 * the 支部's secretary a week before, with participants derived from the kind (a 党小组会 needs
 * `groupId`). `id` is the document id. Returns the meeting document, not yet written.
 */
export function demoMeetingAt(
  branchId: string,
  kind: MeetingKind,
  startAt: number,
  endAt: number,
  title: string,
  opts: { id: string; groupId?: string; pairIds?: string[]; members?: Person[] },
): MeetingDoc {
  const members = opts.members ?? demoMembers()
  const branchMembers = members.filter((m) => m.orgId === branchId).map((m) => ({ ...m, id: m._id }))
  const secretary = branchMembers.find((m) => m.roles.includes('secretary'))!
  return {
    _id: opts.id,
    branchId,
    kind,
    title,
    startAt,
    endAt,
    place: KIND_PLACES[kind],
    agenda: KIND_AGENDA[kind],
    groupId: opts.groupId ?? null,
    participantIds: deriveParticipants(kind, branchMembers, { groupId: opts.groupId, pairIds: opts.pairIds }),
    status: 'scheduled',
    createdBy: secretary.id,
    createdAt: startAt - 7 * 24 * 3600 * 1000,
    updatedAt: startAt - 7 * 24 * 3600 * 1000,
  }
}

/** First weekday `weekday` (0 = Sunday) of a Beijing month, as YYYY-MM-DD. */
function firstWeekday(year: number, month0: number, weekday: number): string {
  const first = beijing(fromBeijing(`${year}-${String(month0 + 1).padStart(2, '0')}-01`, '12:00'))
  return first.add((weekday - first.day() + 7) % 7, 'day').format('YYYY-MM-DD')
}

export function demoMeetings(now: number): MeetingDoc[] {
  const members = demoMembers()
  const out: MeetingDoc[] = []
  const today = beijing(now)
  for (const branchId of DEMO_BRANCH_IDS) {
    for (let back = 12; back >= 1; back -= 1) {
      const month = today.subtract(back, 'month')
      const y = month.year()
      const m0 = month.month()
      const label = `${y}年${m0 + 1}月`
      out.push(meetingOn(branchId, members, 'theme_day', firstWeekday(y, m0, 5), '15:00', '17:00', `${label}主题党日`))
      out.push(
        meetingOn(branchId, members, 'committee_meeting', firstWeekday(y, m0, 2), '09:00', '10:30', `${label}支委会`),
      )
      for (const g of [1, 2]) {
        out.push(
          meetingOn(
            branchId,
            members,
            'group_meeting',
            firstWeekday(y, m0, 3),
            '16:00',
            '17:00',
            `${label}党小组学习`,
            {
              groupId: `${branchId}_g${g}`,
            },
          ),
        )
      }
      if (m0 % 3 === 2) {
        const q = Math.floor(m0 / 3) + 1
        out.push(
          meetingOn(
            branchId,
            members,
            'branch_congress',
            firstWeekday(y, m0, 4),
            '14:30',
            '16:30',
            `${y}年第${q}季度党员大会`,
          ),
        )
        out.push(
          meetingOn(
            branchId,
            members,
            'party_lecture',
            firstWeekday(y, m0, 4),
            '16:40',
            '17:40',
            `${y}年第${q}季度党课`,
          ),
        )
      }
      if (m0 === 11) {
        out.push(
          meetingOn(branchId, members, 'life_meeting', firstWeekday(y, m0, 1), '14:30', '17:30', `${y}年度组织生活会`),
        )
        out.push(
          meetingOn(
            branchId,
            members,
            'member_review',
            firstWeekday(y, m0, 1),
            '09:00',
            '11:30',
            `${y}年度民主评议党员`,
          ),
        )
      }
    }
    // Upcoming: a committee meeting in three days and next month's 主题党日.
    const soon = today.add(3, 'day').format('YYYY-MM-DD')
    out.push(meetingOn(branchId, members, 'committee_meeting', soon, '09:00', '10:30', '研究年度组织生活会筹备工作'))
    const next = today.add(1, 'month')
    out.push(
      meetingOn(
        branchId,
        members,
        'theme_day',
        firstWeekday(next.year(), next.month(), 5),
        '15:00',
        '17:00',
        `${next.year()}年${next.month() + 1}月主题党日`,
      ),
    )
  }
  return out
}

/** Writes the demo into an empty store; does nothing if it is already there. Returns whether it wrote. */
export async function seedDemo(store: StorePort, now: number): Promise<boolean> {
  if (await store.get('orgs', DEMO_COMMITTEE_ID)) return false
  const members = demoMembers()
  await store.transaction(async (tx) => {
    for (const org of ORGS) await tx.insert('orgs', org)
    for (const m of members) {
      await tx.insert('members', m)
      if (!DEMO_UNBOUND_MEMBER_IDS.includes(m._id)) {
        await tx.insert('bindings', { _id: `dev_${m._id}`, memberId: m._id, boundAt: now })
      }
    }
    const rules = effectiveRules(DEFAULT_KIND_RULES, [])
    for (const mtg of demoMeetings(now)) {
      const held = heldRecord(mtg, now)
      await tx.insert('meetings', { ...mtg, ...held })
      await updateCounters(tx, rules, null, { ...mtg, ...held })
    }
    await seedDemoMobile(tx, now)
    await seedDemoDues(tx, now)
    await seedDemoHeartTalks(tx, now)
  })
  await seedDemoAttendance(store, now)
  return true
}

/**
 * How the demo's past meetings went: held, attendance taken at the meeting, minutes finalized the
 * next day — except a few, so the dashboard has something to say: 第二党支部's 支委会 five months
 * ago never took place, and its 第二党小组's group meeting last month never got final minutes.
 */
function heldRecord(
  m: MeetingDoc,
  now: number,
): { attendanceRecordedAt: number | null; minutesFinalizedAt: number | null; quorumMet: boolean | null } {
  const none = { attendanceRecordedAt: null, minutesFinalizedAt: null, quorumMet: null }
  if (m.endAt > now) return none
  const monthsAgo = beijing(now).diff(beijing(m.startAt), 'month')
  if (m.branchId === 'org_b2' && m.kind === 'committee_meeting' && monthsAgo === 5) return none
  const finalizedAt = m.endAt + 24 * 3600 * 1000
  const lateMinutes = m.groupId === 'org_b2_g2' && monthsAgo === 1
  const quorum = kindRule(m.kind).quorum === 'none' ? null : true
  return {
    attendanceRecordedAt: m.startAt + 10 * 60 * 1000,
    minutesFinalizedAt: lateMinutes || finalizedAt > now ? null : finalizedAt,
    quorumMet: quorum,
  }
}
