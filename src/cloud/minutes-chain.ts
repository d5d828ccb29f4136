/**
 * The per-branch hash chain of finalized minutes and their amendments (issue 6 §6).
 *
 * Each entry links one locked record: its content hash (SHA-256 over the canonical JSON of the locked
 * content), the hash of the entry before it, and its own hash over both. The branch's head (seq and
 * hash of the last entry) is a document of its own, updated with the version it was read at, so two
 * finalizes racing for the same branch serialize on it and can never fork the chain. Verification
 * recomputes every entry from the records themselves and names the first one that does not match.
 */
import { eq } from './ports/store'
import { sha256 } from '@noble/hashes/sha2'
import type { ChainProblem, ChainReport } from '../domain/api/views-minutes'
import { formatDate } from '../domain/beijing-time'
import {
  canonicalJson,
  GENESIS_HASH,
  linkPayload,
  type ChainEntry,
  type LockedMinutes,
  type MinutesAttendance,
} from '../domain/minutes'
import type { AmendmentDoc, ChainHeadDoc, MinutesDoc } from './documents'
import type { Stored, StorePort, StoreTx } from './ports/store'

export function sha256Hex(data: string | Uint8Array): string {
  return Buffer.from(sha256(typeof data === 'string' ? new Uint8Array(Buffer.from(data, 'utf8')) : data)).toString(
    'hex',
  )
}

export const headId = (branchId: string) => `head.${branchId}`
export const entryId = (branchId: string, seq: number) => `${branchId}.${String(seq).padStart(8, '0')}`

/** What a final minutes document locks, rebuilt from its stored fields. */
export function lockedOf(doc: Stored<MinutesDoc> | MinutesDoc): LockedMinutes {
  return {
    meetingId: doc.meetingId,
    branchId: doc.branchId,
    kind: doc.kind,
    title: doc.title ?? '',
    startAt: doc.meetingStartAt,
    endAt: doc.meetingEndAt ?? 0,
    content: doc.content,
    attendance: doc.attendance as MinutesAttendance,
    photos: doc.photos ?? [],
    finalizedAt: doc.finalizedAt ?? 0,
    finalizedBy: doc.finalizedBy ?? '',
    late: doc.late,
  }
}

export function minutesHash(doc: MinutesDoc): string {
  return sha256Hex(canonicalJson(lockedOf(doc)))
}

export function amendmentHash(a: Omit<AmendmentDoc, 'contentHash'>): string {
  return sha256Hex(
    canonicalJson({
      meetingId: a.meetingId,
      branchId: a.branchId,
      seq: a.seq,
      reason: a.reason,
      changes: a.changes,
      by: a.by,
      at: a.at,
    }),
  )
}

/**
 * Appends one entry to the branch's chain inside `tx`. The head is read and written with its
 * version, and the entry id is the sequence number, so a concurrent append fails (and is retried
 * by the caller or the person) instead of forking the chain.
 */
export async function appendToChain(
  tx: StoreTx,
  e: { branchId: string; kind: ChainEntry['kind']; refId: string; meetingId: string; contentHash: string; at: number },
): Promise<Stored<ChainEntry>> {
  const head = await tx.get<ChainHeadDoc>('minutes_chain', headId(e.branchId))
  const seq = (head?.seq ?? 0) + 1
  const body = { ...e, seq, prevHash: head?.hash ?? GENESIS_HASH }
  const hash = sha256Hex(linkPayload(body))
  const entry = await tx.insert<ChainEntry>('minutes_chain', { _id: entryId(e.branchId, seq), ...body, hash })
  if (head) {
    await tx.update<ChainHeadDoc>('minutes_chain', head._id, { seq, hash, at: e.at }, head._version)
  } else {
    await tx.insert<ChainHeadDoc>('minutes_chain', { _id: headId(e.branchId), headOf: e.branchId, seq, hash, at: e.at })
  }
  return entry
}

/** A chain is verified in pages; a branch adds some 60 entries a year. */
const PAGE = 100

export async function verifyChain(
  store: StorePort,
  branch: { _id: string; name: string },
  now: number,
): Promise<ChainReport> {
  const report = (entries: number, firstProblem: ChainProblem | null, headHash: string | null): ChainReport => ({
    branchId: branch._id,
    branchName: branch.name,
    entries,
    ok: firstProblem === null,
    firstProblem,
    headHash,
    checkedAt: now,
  })
  const describe = async (
    e: Pick<ChainEntry, 'seq' | 'kind' | 'meetingId'>,
    field: ChainProblem['field'],
    message: string,
  ): Promise<ChainProblem> => {
    const meeting = await store.get('meetings', e.meetingId)
    return {
      seq: e.seq,
      kind: e.kind,
      meetingId: e.meetingId,
      meetingTitle: meeting?.title ?? '（会议已不存在）',
      meetingDate: meeting ? formatDate(meeting.startAt) : '',
      field,
      message,
    }
  }

  let prev: Stored<ChainEntry> | null = null
  let checked = 0
  let cursor: string | null = null
  do {
    const page: { items: Stored<ChainEntry>[]; nextCursor: string | null } = await store.query<ChainEntry>(
      'minutes_chain',
      {
        where: [eq('branchId', branch._id)],
        orderBy: { field: 'seq', direction: 'asc' },
        limit: PAGE,
        cursor,
      },
    )
    for (const e of page.items) {
      checked += 1
      const expectedSeq = (prev?.seq ?? 0) + 1
      const expectedPrev = prev?.hash ?? GENESIS_HASH
      if (e.seq !== expectedSeq || e.prevHash !== expectedPrev) {
        return report(
          checked,
          await describe(e, 'link', `第 ${e.seq} 条与前一条记录的链接对不上：链中有记录被删除、插入或改动`),
          null,
        )
      }
      if (sha256Hex(linkPayload(e)) !== e.hash) {
        return report(checked, await describe(e, 'link', `第 ${e.seq} 条链记录本身被改动过（哈希不符）`), null)
      }
      const actual = await sourceHash(store, e)
      if (actual !== e.contentHash) {
        const what = e.kind === 'minutes' ? '会议记录' : '更正记录'
        const message =
          actual === null ? `第 ${e.seq} 条对应的${what}已不存在` : `第 ${e.seq} 条对应的${what}内容在定稿后被改动过`
        return report(checked, await describe(e, 'content', message), null)
      }
      prev = e
    }
    cursor = page.nextCursor
  } while (cursor)

  const head = await store.get<ChainHeadDoc>('minutes_chain', headId(branch._id))
  if ((head?.seq ?? 0) !== (prev?.seq ?? 0) || (head?.hash ?? GENESIS_HASH) !== (prev?.hash ?? GENESIS_HASH)) {
    const last = prev ?? { seq: head?.seq ?? 0, kind: 'minutes' as const, meetingId: '' }
    return report(checked, await describe(last, 'link', '记录链的末尾与链头不符：最后的记录被删除或改动过'), null)
  }
  return report(checked, null, prev?.hash ?? null)
}

/** The hash of the record an entry points at, recomputed from what is stored now; null when gone. */
async function sourceHash(store: StorePort, e: ChainEntry): Promise<string | null> {
  if (e.kind === 'minutes') {
    const doc = await store.get('minutes', e.refId)
    if (!doc || doc.status !== 'final' || doc.branchId !== e.branchId) return null
    return minutesHash(doc)
  }
  const a = await store.get('minutes_amendments', e.refId)
  if (!a || a.branchId !== e.branchId) return null
  return amendmentHash(a)
}
