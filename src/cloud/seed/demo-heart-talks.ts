/**
 * The demo's 谈心谈话 (issue 16 §4), for 第一党支部: this year the 书记 张建国 has talked with the other
 * committee members and a few members; most pairs are still owed, so 首页 and the 谈心谈话 page show
 * both. Dates relative to the seed time (weeks to months back, never in the future); ids fixed.
 */
import { beijing } from '../../domain/beijing-time'
import { pairKey } from '../../domain/heart-talks'
import type { StoreTx } from '../ports/store'

const BRANCH = 'org_b1'
const SECRETARY = 'm_b1_01'

/** The other of each pair with the secretary, how many days before the seed, and the note. */
const TALKS: [string, number, string][] = [
  ['m_b1_02', 120, '交流支部班子分工和下半年工作打算'],
  ['m_b1_03', 90, '谈发展党员工作和预备党员的培养'],
  ['m_b1_04', 60, '谈宣传工作和学习安排'],
  ['m_b1_11', 45, '了解工作和家庭情况，听取对支部工作的意见'],
  ['m_b1_12', 20, '谈退休后参加组织生活的安排'],
]

/** Writes the demo talks inside the seed's transaction; `now` is the seed time (epoch ms). */
export async function seedDemoHeartTalks(tx: StoreTx, now: number): Promise<void> {
  const year = beijing(now).year()
  for (const [other, daysAgo, note] of TALKS) {
    const at = now - daysAgo * 86_400_000
    const date = beijing(at).format('YYYY-MM-DD')
    // A talk from last year (early in the year) does not count for this one; the demo keeps this year's.
    if (beijing(at).year() !== year) continue
    const key = pairKey(SECRETARY, other)
    await tx.insert('heart_talks', {
      _id: `ht_seed_${other}`,
      branchId: BRANCH,
      year,
      pairKey: key,
      memberIds: key.split('+') as [string, string],
      date,
      note,
      recordedBy: SECRETARY,
      recordedAt: at,
    })
  }
}
