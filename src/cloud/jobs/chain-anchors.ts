/**
 * 记录链锚点, once a day: each branch's chain head is written into its supervising 党委's
 * `chain_anchors` when the 党委 has not witnessed that head yet (heads of chains begun before
 * anchoring existed, or an append whose anchor was lost), and every branch whose head no longer
 * matches what the 党委 witnessed (a head behind the newest anchor, or a different hash at the same
 * sequence number) is named in the job's report. Reads are paged: orgs by parentId, anchors by
 * branchId + seq (newest first, one document).
 */
import { chainHeadLabel, type ChainEntry } from '../../domain/minutes'
import type { Org } from '../../domain/org'
import { anchorId, chainHeadOf, committeeOf, entryId } from '../minutes-chain'
import type { Ports } from '../ports'
import { eq, type Stored } from '../ports/store'
import type { DailyJob, JobReport } from './daily-job'

async function* branches(ports: Ports, parentId: string | null): AsyncGenerator<Stored<Org>> {
  let cursor: string | null = null
  do {
    const page: { items: Stored<Org>[]; nextCursor: string | null } = await ports.store.query('orgs', {
      where: [eq('parentId', parentId)],
      orderBy: { field: '_id', direction: 'asc' },
      limit: 100,
      cursor,
    })
    for (const org of page.items) {
      if (org.kind === 'branch') yield org
      else if (org.kind !== 'group') yield* branches(ports, org._id)
    }
    cursor = page.nextCursor
  } while (cursor)
}

async function anchorBranch(ports: Ports, branch: Stored<Org>, now: number, report: JobReport): Promise<void> {
  const { store } = ports
  const head = await chainHeadOf(store, branch._id)
  const newest = (
    await store.query('chain_anchors', {
      where: [eq('branchId', branch._id)],
      orderBy: { field: 'seq', direction: 'desc' },
      limit: 1,
    })
  ).items[0]
  if (newest && (!head || head.seq < newest.seq)) {
    report.details.push(
      `${branch.name}：记录链只到第 ${head?.seq ?? 0} 条，党委的锚点已记到第 ${newest.seq} 条，记录可能被删除，请核验`,
    )
    return
  }
  if (!head) return
  const committeeId = await committeeOf(store, branch)
  const id = anchorId(committeeId, branch._id, head.seq)
  const existing = await store.get('chain_anchors', id)
  if (existing) {
    if (existing.hash !== head.hash) {
      report.details.push(`${branch.name}：链头（${chainHeadLabel(head)}）与党委的锚点不一致，记录可能被改写，请核验`)
    }
    return
  }
  const entry = await store.get<ChainEntry>('minutes_chain', entryId(branch._id, head.seq))
  await store.insert('chain_anchors', {
    _id: id,
    committeeId,
    branchId: branch._id,
    seq: head.seq,
    hash: head.hash,
    at: now,
    kind: entry?.kind ?? 'minutes',
    meetingId: entry?.meetingId ?? '',
    by: 'daily',
  })
  report.details.push(`${branch.name}：链头 ${chainHeadLabel(head)} 已记入党委锚点`)
}

export const chainAnchors: DailyJob = {
  name: 'chain-anchors',
  async run(ports, now) {
    const report: JobReport = { job: 'chain-anchors', sent: 0, details: [] }
    for await (const branch of branches(ports, null)) await anchorBranch(ports, branch, now, report)
    return report
  },
}
