/**
 * The demo's 流动党员 registry: the two members whose status is 流动 get a profile, one last in
 * contact about 100 days before the seed time (预警) and one about 200 days before (失联风险, past six
 * calendar months, with one 查找记录 that did not reach him, so 失联 handling has something to show),
 * with a few earlier check-ins, so the branch list and the reminders have something to show. The first
 * branch asks for 报到 every month (a branch may ask more often than the yearly default); the second
 * keeps the default. Ids are fixed.
 */
import { beijing } from '../../domain/beijing-time'
import { DAY_MS, mobileRuleSetId, type MobileRuleSet } from '../../domain/mobile'
import type { ProfileDoc } from '../documents'
import type { StoreTx } from '../ports/store'

interface DemoMobile {
  memberId: string
  branchId: string
  name: string
  phone: string
  city: string
  reason: ProfileDoc['reason']
  awayDays: number
  lastContactDaysAgo: number
  certificateNo: string
  hostBranch: string
}

export const DEMO_MOBILE: readonly DemoMobile[] = [
  {
    memberId: 'm_b1_10',
    branchId: 'org_b1',
    name: '吴俊杰',
    phone: '13800001333',
    city: '广东省深圳市',
    reason: 'work',
    awayDays: 400,
    lastContactDaysAgo: 100,
    certificateNo: 'LD2025-0107',
    hostBranch: '深圳市南山区科技园流动党员党支部',
  },
  {
    memberId: 'm_b2_09',
    branchId: 'org_b2',
    name: '韩磊',
    phone: '13900001296',
    city: '浙江省杭州市',
    reason: 'business',
    awayDays: 300,
    lastContactDaysAgo: 200,
    certificateNo: '',
    hostBranch: '',
  },
]

/** Writes the registry inside the demo's seeding transaction. */
export async function seedDemoMobile(tx: StoreTx, now: number): Promise<void> {
  await tx.insert<MobileRuleSet>('rule_sets', {
    _id: mobileRuleSetId('org_b1'),
    kind: 'mobile',
    orgId: 'org_b1',
    cadence: 'month',
    updatedBy: 'seed',
    updatedAt: now - 400 * DAY_MS,
  })
  // 韩磊, six months out of contact: the second branch's secretary looked for him once, without result.
  const searchedAt = now - 10 * DAY_MS
  const secretary = await tx.get<{ name: string }>('members', 'm_b2_01')
  await tx.insert('mobile_searches', {
    _id: 'search_seed_m_b2_09_1',
    memberId: 'm_b2_09',
    branchId: 'org_b2',
    date: beijing(searchedAt).format('YYYY-MM-DD'),
    method: 'phone',
    result: '拨打登记的手机号，提示已停机；微信留言未回复。',
    found: false,
    byId: 'm_b2_01',
    byName: secretary?.name ?? '支部书记',
    recordedAt: searchedAt,
  })
  for (const d of DEMO_MOBILE) {
    const lastContactAt = now - d.lastContactDaysAgo * DAY_MS
    const member = await tx.get<{ phone: string }>('members', d.memberId)
    await tx.insert('mobile_profiles', {
      _id: d.memberId,
      memberId: d.memberId,
      branchId: d.branchId,
      since: beijing(now - d.awayDays * DAY_MS).format('YYYY-MM-DD'),
      city: d.city,
      reason: d.reason,
      contact: member?.phone ?? d.phone,
      certificateNo: d.certificateNo,
      hostBranch: d.hostBranch,
      expectedReturn: null,
      lastContactAt,
      lastCheckinAt: lastContactAt,
      createdAt: now - d.awayDays * DAY_MS,
      updatedAt: now - d.awayDays * DAY_MS,
      updatedBy: 'seed',
    })
    for (const [i, daysAgo] of [d.lastContactDaysAgo + 60, d.lastContactDaysAgo + 30, d.lastContactDaysAgo].entries()) {
      const at = now - daysAgo * DAY_MS
      await tx.insert('checkins', {
        _id: `ci_seed_${d.memberId}_${i + 1}`,
        memberId: d.memberId,
        branchId: d.branchId,
        kind: 'checkin',
        city: d.city,
        note: '在外工作正常，按时参加流入地党组织的学习。',
        deviceTime: at,
        at,
        photoFileId: null,
        byId: d.memberId,
        byName: d.name,
      })
    }
  }
}
