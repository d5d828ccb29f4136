/**
 * The per-branch hash chain of finalized minutes, their amendments and 阅签 (issue 6 §6, issue 14 §5).
 *
 * Each entry links one record: its content hash (SHA-256 over the canonical JSON of the record), the
 * hash of the entry before it, and its own hash over both. The branch's head (seq and hash of the
 * last entry) is a document of its own, updated with the version it was read at, so two appends
 * racing for the same branch serialize on it and can never fork the chain.
 *
 * Format v2 (every entry written now; v1 entries of issue 6 are verified as before) adds:
 * - for finalized minutes, a seal inside the entry: the meeting document's kind, title, time and
 *   place, a digest of every sign-in and leave record of the meeting, and a hash per locked part;
 *   verify compares the meeting and its records as they are now and re-reads and re-hashes each
 *   photo's bytes;
 * - one entry per 阅签, so the head a member gets back as a receipt seals their own confirmation
 *   (covering 阅签 only with the next finalize would leave the newest ones unsealed, and would give
 *   the member a receipt that does not cover what they did);
 * - witnessed heads: at every append (and daily, src/cloud/jobs/chain-anchors.ts) the head is written
 *   into the supervising 党委's `chain_anchors`, which no branch action writes. Verify checks the
 *   chain against those anchors and against heads it is given (printed on exports, kept on members'
 *   devices), so rewriting, truncating or relinking the chain is named even when every hash on it
 *   was recomputed.
 */
import { sha256 } from '@noble/hashes/sha2'
import type {
  ChainPhotoFlag,
  ChainProblem,
  ChainProblemField,
  ChainReport,
  GivenHead,
} from '../domain/api/views-minutes'
import { formatDate, formatSpan } from '../domain/beijing-time'
import { photoFlag, PHOTO_SOURCE_LABELS } from '../domain/photo-source'
import {
  CHAIN_FORMAT,
  canonicalJson,
  chainHeadLabel,
  GENESIS_HASH,
  hashMatches,
  linkPayload,
  LOCKED_PART_LABELS,
  LOCKED_PART_NAMES,
  lockedParts,
  seqRange,
  type ChainEntry,
  type ChainEntryKind,
  type ChainHead,
  type ChainSeal,
  type LockedMinutes,
  type MeetingSnapshot,
  type MinutesAttendance,
  type RecordDigest,
} from '../domain/minutes'
import type { Org } from '../domain/org'
import { readAll } from './actions/roster-reads'
import type { MeetingDoc } from './collections'
import type { AmendmentDoc, ChainAnchorDoc, ChainHeadDoc, MinutesDoc, ReadDoc } from './documents'
import type { FilesPort } from './ports/files'
import { isMissingFile } from './ports/files'
import { eq, type Stored, type StorePort, type StoreReader, type StoreTx } from './ports/store'

/** Hex SHA-256 of a UTF-8 string or of bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return Buffer.from(sha256(typeof data === 'string' ? new Uint8Array(Buffer.from(data, 'utf8')) : data)).toString(
    'hex',
  )
}

const pad = (seq: number) => String(seq).padStart(8, '0')
export const headId = (branchId: string) => `head.${branchId}`
export const entryId = (branchId: string, seq: number) => `${branchId}.${pad(seq)}`
export const anchorId = (committeeId: string, branchId: string, seq: number) => `${committeeId}.${branchId}.${pad(seq)}`

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

/** The content hash of final minutes: SHA-256 (hex) over the canonical JSON of what they lock. */
export function minutesHash(doc: MinutesDoc): string {
  return sha256Hex(canonicalJson(lockedOf(doc)))
}

/** The content hash of an amendment (everything but its own hash field). */
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

/** The content hash of a 阅签: who confirmed which meeting's minutes, and when (server time). */
export function readHash(r: Pick<ReadDoc, 'meetingId' | 'memberId' | 'at'>): string {
  return sha256Hex(canonicalJson({ meetingId: r.meetingId, memberId: r.memberId, at: r.at }))
}

/** A stored record's digest: SHA-256 over its canonical JSON, the store's version excluded. */
function digestOf(doc: { _id: string; _version?: number; memberId: string }): RecordDigest {
  const { _version: _v, ...body } = doc
  return { id: doc._id, memberId: doc.memberId, sha256: sha256Hex(canonicalJson(body)) }
}

/** A meeting's sign-ins and leave requests are bounded by its participants; the caps guard against broken data. */
const MAX_RECORDS = 1000

async function meetingRecordDigests(
  store: StorePort,
  meetingId: string,
): Promise<{ attendance: RecordDigest[]; leaves: RecordDigest[] }> {
  const [attendance, leaves] = await Promise.all([
    readAll(store, 'attendance', [eq('meetingId', meetingId)], 'signedAt', MAX_RECORDS),
    readAll(store, 'leave_requests', [eq('meetingId', meetingId)], 'createdAt', MAX_RECORDS),
  ])
  const sorted = (ds: RecordDigest[]) => ds.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { attendance: sorted(attendance.map(digestOf)), leaves: sorted(leaves.map(digestOf)) }
}

const snapshotOf = (m: Pick<MeetingDoc, 'kind' | 'title' | 'startAt' | 'endAt' | 'place'>): MeetingSnapshot => ({
  kind: m.kind,
  title: m.title,
  startAt: m.startAt,
  endAt: m.endAt,
  place: m.place,
})

/**
 * The seal of a v2 minutes entry for `meeting` finalized as `locked`: the meeting's own fields, the
 * digest of each of its sign-in and leave records as stored now, and a hash per locked part.
 */
export async function sealOf(store: StorePort, meeting: Stored<MeetingDoc>, locked: MinutesDoc): Promise<ChainSeal> {
  const parts = lockedParts(lockedOf(locked))
  return {
    meeting: snapshotOf(meeting),
    parts: Object.fromEntries(
      LOCKED_PART_NAMES.map((name) => [name, sha256Hex(canonicalJson(parts[name]))]),
    ) as ChainSeal['parts'],
    ...(await meetingRecordDigests(store, meeting._id)),
  }
}

/**
 * The 党委 whose records witness a branch's chain: the nearest committee above it (the root of its
 * org path when none is a committee).
 */
export async function committeeOf(store: StoreReader, branch: Pick<Org, 'path'>): Promise<string> {
  for (const id of [...branch.path].reverse().slice(1)) {
    const org = await store.get('orgs', id)
    if (org?.kind === 'committee') return id
  }
  return branch.path[0]
}

/** Where an append's head is witnessed: the supervising 党委, and what caused the append. */
export interface Witness {
  committeeId: string
  by: ChainAnchorDoc['by']
}

/**
 * Appends one v2 entry to the branch's chain inside `tx` and witnesses the new head in the 党委's
 * anchors. The head is read and written with its version, and the entry id is the sequence number,
 * so a concurrent append fails with StoreConflict (retried by the caller or the person) instead of
 * forking the chain. Resolves to the new entry (its seq and hash are the new head).
 */
export async function appendToChain(
  tx: StoreTx,
  e: {
    branchId: string
    kind: ChainEntryKind
    refId: string
    meetingId: string
    contentHash: string
    at: number
    seal?: ChainSeal
  },
  witness: Witness,
): Promise<Stored<ChainEntry>> {
  const head = await tx.get<ChainHeadDoc>('minutes_chain', headId(e.branchId))
  const seq = (head?.seq ?? 0) + 1
  const body: Omit<ChainEntry, 'hash'> = {
    v: CHAIN_FORMAT,
    branchId: e.branchId,
    seq,
    kind: e.kind,
    refId: e.refId,
    meetingId: e.meetingId,
    contentHash: e.contentHash,
    prevHash: head?.hash ?? GENESIS_HASH,
    at: e.at,
    seal: e.seal ?? null,
  }
  const hash = sha256Hex(linkPayload(body))
  const entry = await tx.insert<ChainEntry>('minutes_chain', { _id: entryId(e.branchId, seq), ...body, hash })
  if (head) {
    await tx.update<ChainHeadDoc>('minutes_chain', head._id, { seq, hash, at: e.at }, head._version)
  } else {
    await tx.insert<ChainHeadDoc>('minutes_chain', { _id: headId(e.branchId), headOf: e.branchId, seq, hash, at: e.at })
  }
  // An anchor already at this number witnesses an entry that is gone (the chain was cut back): it
  // stays as it is, for verify to report, and this head is witnessed beside it.
  const id = anchorId(witness.committeeId, e.branchId, seq)
  await tx.insert('chain_anchors', {
    _id: (await tx.get('chain_anchors', id)) ? `${id}.${e.at}` : id,
    committeeId: witness.committeeId,
    branchId: e.branchId,
    seq,
    hash,
    at: e.at,
    kind: e.kind,
    meetingId: e.meetingId,
    by: witness.by,
  })
  return entry
}

/** The branch's head as stored ({seq, hash, at} of its last entry), or null before its first entry. */
export async function chainHeadOf(store: StoreReader, branchId: string): Promise<ChainHead | null> {
  const head = await store.get<ChainHeadDoc>('minutes_chain', headId(branchId))
  return head ? { branchId, seq: head.seq, hash: head.hash, at: head.at } : null
}

/** The chain entry that links a meeting's finalized minutes, or null when there is none. */
export async function minutesEntryOf(store: StorePort, meetingId: string): Promise<Stored<ChainEntry> | null> {
  const page = await store.query<ChainEntry>('minutes_chain', {
    where: [eq('meetingId', meetingId), eq('kind', 'minutes')],
    orderBy: { field: 'seq', direction: 'asc' },
    limit: 1,
  })
  return page.items[0] ?? null
}

/** When the 党委 first witnessed the branch's chain (its earliest anchor), or null when never. */
export async function firstAnchorAt(store: StorePort, branchId: string): Promise<number | null> {
  const page = await store.query('chain_anchors', {
    where: [eq('branchId', branchId)],
    orderBy: { field: 'seq', direction: 'asc' },
    limit: 1,
  })
  return page.items[0]?.at ?? null
}

/**
 * Whether a meeting marked final has lost its record: it has no minutes document, yet it was
 * finalized in this app (its entry is on the chain, or it was finalized after the 党委 first
 * witnessed the chain). Such a meeting is missing, never a paper (pre-app) record.
 */
export async function minutesMissing(
  store: StorePort,
  meeting: Pick<Stored<MeetingDoc>, '_id' | 'branchId' | 'minutesFinalizedAt'>,
  hasDoc: boolean,
): Promise<boolean> {
  if (hasDoc || meeting.minutesFinalizedAt == null) return false
  if (await minutesEntryOf(store, meeting._id)) return true
  const since = await firstAnchorAt(store, meeting.branchId)
  return since !== null && meeting.minutesFinalizedAt >= since
}

/** A chain is read in pages; a branch adds some 60 records and their 阅签 a year. */
const PAGE = 100

interface Expected {
  hash: string
  source: 'anchor' | 'given'
  at: number | null
  kind: ChainEntryKind | null
  meetingId: string
}

const KIND_LABELS: Record<ChainEntryKind, string> = { minutes: '会议记录', amendment: '更正记录', read: '阅签记录' }

/**
 * Verifies a branch's chain: every entry recomputed from the records it links, every witnessed
 * head (the 党委's anchors, and `heads` typed from a printout or sent from receipts) found on it.
 * Resolves to a report naming the first divergence, in sequence order; never throws for tampered
 * data (it throws only when the store or file storage cannot be read).
 */
export async function verifyChain(
  ports: { store: StorePort; files: FilesPort },
  branch: { _id: string; name: string },
  now: number,
  heads: readonly GivenHead[] = [],
): Promise<ChainReport> {
  const { store } = ports
  const meetings = new Map<string, Stored<MeetingDoc> | null>()
  const meetingOf = async (id: string) => {
    if (!meetings.has(id)) meetings.set(id, id ? await store.get('meetings', id) : null)
    return meetings.get(id)!
  }
  const names = new Map<string, string>()
  const nameOf = async (id: string) => {
    if (!names.has(id)) names.set(id, (await store.get('members', id))?.name ?? '（已离开本支部）')
    return names.get(id)!
  }
  // A meeting's 阅签 are read in one query when its first 阅签 entry comes up, not one get per entry.
  const reads = new Map<string, Map<string, Stored<ReadDoc>>>()
  const readOf = async (meetingId: string, readId: string) => {
    if (!reads.has(meetingId)) {
      const docs = await readAll(store, 'minutes_reads', [eq('meetingId', meetingId)], 'at', MAX_RECORDS)
      reads.set(meetingId, new Map(docs.map((d) => [d._id, d])))
    }
    return reads.get(meetingId)!.get(readId) ?? null
  }

  // Witnessed heads by sequence number: the 党委's anchors, then the heads given.
  const expected = new Map<number, Expected[]>()
  const expect = (seq: number, x: Expected) => expected.set(seq, [...(expected.get(seq) ?? []), x])
  let anchorsChecked = 0
  let latestAnchorAt: number | null = null
  let cursor: string | null = null
  do {
    const page: { items: Stored<ChainAnchorDoc>[]; nextCursor: string | null } = await store.query('chain_anchors', {
      where: [eq('branchId', branch._id)],
      orderBy: { field: 'seq', direction: 'asc' },
      limit: PAGE,
      cursor,
    })
    for (const a of page.items) {
      anchorsChecked += 1
      latestAnchorAt = Math.max(latestAnchorAt ?? 0, a.at)
      expect(a.seq, { hash: a.hash, source: 'anchor', at: a.at, kind: a.kind, meetingId: a.meetingId })
    }
    cursor = page.nextCursor
  } while (cursor)
  for (const h of heads) expect(h.seq, { hash: h.hash, source: 'given', at: null, kind: null, meetingId: '' })

  const photoFlags: ChainPhotoFlag[] = []
  const storedHead = await store.get<ChainHeadDoc>('minutes_chain', headId(branch._id))
  const report = (entries: number, firstProblem: ChainProblem | null, headHash: string | null): ChainReport => ({
    branchId: branch._id,
    branchName: branch.name,
    entries,
    ok: firstProblem === null,
    firstProblem,
    headHash,
    head: storedHead ? { seq: storedHead.seq, hash: storedHead.hash, at: storedHead.at } : null,
    anchorsChecked,
    latestAnchorAt,
    headsChecked: heads.length,
    checkedAt: now,
    photoFlags,
  })
  const problem = async (
    at: { seq: number; seqTo?: number; kind: ChainEntryKind | null; meetingId: string; seal?: ChainSeal | null },
    field: ChainProblemField,
    message: string,
  ): Promise<ChainProblem> => {
    const meeting = await meetingOf(at.meetingId)
    // The meeting as locked where the chain holds it: its current title may be the forgery.
    const sealed = at.seal?.meeting
    return {
      seq: at.seq,
      seqTo: at.seqTo ?? at.seq,
      kind: at.kind,
      meetingId: at.meetingId,
      meetingTitle: sealed?.title ?? meeting?.title ?? (at.meetingId ? '（会议已不存在）' : ''),
      meetingDate: sealed ? formatDate(sealed.startAt) : meeting ? formatDate(meeting.startAt) : '',
      field,
      message,
    }
  }
  const witnessOf = (seq: number) => expected.get(seq)?.find((x) => x.source === 'anchor') ?? null
  const missing = async (from: number, to: number, why: string) => {
    const w = witnessOf(from)
    const what = w?.kind
      ? `（第 ${from} 条原为「${(await meetingOf(w.meetingId))?.title ?? '已不存在的会议'}」的${KIND_LABELS[w.kind]}）`
      : ''
    return problem(
      { seq: from, seqTo: to, kind: w?.kind ?? null, meetingId: w?.meetingId ?? '' },
      'missing',
      `${seqRange(from, to)}记录缺失${what}：${why}`,
    )
  }

  let prev: Stored<ChainEntry> | null = null
  let checked = 0
  cursor = null
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
      if (e.seq > expectedSeq) {
        return report(checked, await missing(expectedSeq, e.seq - 1, '链中这几条被删除了'), null)
      }
      if (e.seq !== expectedSeq || e.prevHash !== (prev?.hash ?? GENESIS_HASH)) {
        return report(
          checked,
          await problem(e, 'link', `第 ${e.seq} 条与前一条记录的链接对不上：链中有记录被删除、插入或改动`),
          null,
        )
      }
      if (sha256Hex(linkPayload(e)) !== e.hash) {
        return report(checked, await problem(e, 'link', `第 ${e.seq} 条链记录本身被改动过（哈希不符）`), null)
      }
      const witness = (expected.get(e.seq) ?? []).find((x) => !hashMatches(x.hash, e.hash))
      if (witness) {
        const message =
          witness.source === 'anchor'
            ? `第 ${e.seq} 条记录与 ${formatDate(witness.at!)} 的锚点不一致：党委记下的链头与现在的记录链不同，这条或它之前的记录在写入后被改写过`
            : `第 ${e.seq} 条记录与你提供的链头（${chainHeadLabel({ seq: e.seq, hash: witness.hash })}）不一致：这条或它之前的记录在打印或阅签之后被改写过`
        return report(checked, await problem(e, 'anchor', message), null)
      }
      const notePhoto = (photo: number, flag: string) => {
        const sealed = e.seal?.meeting
        photoFlags.push({
          seq: e.seq,
          meetingId: e.meetingId,
          meetingTitle: sealed?.title ?? '',
          meetingDate: sealed ? formatDate(sealed.startAt) : '',
          photo,
          flag,
        })
      }
      const found = await sourceProblem(ports, e, { nameOf, meetingOf, readOf, notePhoto })
      if (found) return report(checked, await problem(e, found.field, `第 ${e.seq} 条：${found.message}`), null)
      prev = e
    }
    cursor = page.nextCursor
  } while (cursor)

  const lastSeq = prev?.seq ?? 0
  const beyond = [...expected.keys()].filter((seq) => seq > lastSeq)
  if (beyond.length > 0) {
    const to = Math.max(...beyond)
    const by = beyond.some((seq) => witnessOf(seq)) ? '党委留存的锚点' : '你提供的链头'
    return report(
      checked,
      await missing(lastSeq + 1, to, `${by}记到第 ${to} 条，而记录链只到第 ${lastSeq} 条，后面的记录被删除了`),
      null,
    )
  }
  if ((storedHead?.seq ?? 0) !== lastSeq || (storedHead?.hash ?? GENESIS_HASH) !== (prev?.hash ?? GENESIS_HASH)) {
    const last = prev ?? { seq: storedHead?.seq ?? 0, kind: null, meetingId: '' }
    return report(checked, await problem(last, 'head', '记录链的末尾与链头不符：最后的记录被删除或改动过'), null)
  }
  return report(checked, null, prev?.hash ?? null)
}

/** What is wrong with the records an entry links, or null when they are as sealed. */
async function sourceProblem(
  ports: { store: StorePort; files: FilesPort },
  e: ChainEntry,
  cached: {
    nameOf: (memberId: string) => Promise<string>
    meetingOf: (id: string) => Promise<Stored<MeetingDoc> | null>
    readOf: (meetingId: string, readId: string) => Promise<Stored<ReadDoc> | null>
    /** Notes a locked photo's flag (album, unknown source, received late): the 1-based photo and the flag. */
    notePhoto: (photo: number, flag: string) => void
  },
): Promise<{ field: ChainProblemField; message: string } | null> {
  const { store } = ports
  const { nameOf, meetingOf } = cached
  if (e.kind === 'amendment') {
    const a = await store.get('minutes_amendments', e.refId)
    if (!a || a.branchId !== e.branchId) return { field: 'content', message: '对应的更正记录已不存在' }
    return amendmentHash(a) === e.contentHash ? null : { field: 'content', message: '对应的更正记录内容被改动过' }
  }
  if (e.kind === 'read') {
    const r = await cached.readOf(e.meetingId, e.refId)
    const memberId = r?.memberId ?? e.refId.slice(e.meetingId.length + 1)
    if (!r || r.meetingId !== e.meetingId) {
      return { field: 'read', message: `${await nameOf(memberId)}的阅签记录已被删除` }
    }
    return readHash(r) === e.contentHash
      ? null
      : { field: 'read', message: `${await nameOf(memberId)}的阅签记录被改动过` }
  }

  const doc = await store.get('minutes', e.refId)
  if (!doc || doc.status !== 'final' || doc.branchId !== e.branchId) {
    return { field: 'content', message: '对应的会议记录已不存在' }
  }
  if (minutesHash(doc) !== e.contentHash) {
    const seal = e.v === 2 ? e.seal : null
    if (!seal) return { field: 'content', message: '对应的会议记录内容在定稿后被改动过' }
    const parts = lockedParts(lockedOf(doc))
    const changed = LOCKED_PART_NAMES.filter((n) => sha256Hex(canonicalJson(parts[n])) !== seal.parts[n])
    const what = changed.length > 0 ? changed.map((n) => LOCKED_PART_LABELS[n]).join('、') : '内容'
    return { field: 'content', message: `会议记录的${what}在定稿后被改动过` }
  }
  if (e.v !== 2 || !e.seal) return null
  const seal = e.seal

  const meeting = await meetingOf(e.meetingId)
  if (!meeting) return { field: 'meeting', message: '会议本身在定稿后被删除' }
  const was = seal.meeting
  if (meeting.kind !== was.kind) return { field: 'meeting', message: '会议类型在定稿后被改动' }
  if (meeting.title !== was.title)
    return { field: 'meeting', message: `会议名称在定稿后被改动（定稿时为「${was.title}」）` }
  if (meeting.startAt !== was.startAt || meeting.endAt !== was.endAt) {
    return { field: 'meeting', message: `会议时间在定稿后被改动（定稿时为 ${formatSpan(was.startAt, was.endAt)}）` }
  }
  if (meeting.place !== was.place)
    return { field: 'meeting', message: `会议地点在定稿后被改动（定稿时为「${was.place}」）` }

  const now = await meetingRecordDigests(store, e.meetingId)
  for (const [list, label] of [
    ['attendance', '签到记录'],
    ['leaves', '请假记录'],
  ] as const) {
    const current = new Map(now[list].map((d) => [d.id, d]))
    for (const d of seal[list]) {
      const c = current.get(d.id)
      if (!c) return { field: 'attendance', message: `${await nameOf(d.memberId)}的${label}在定稿后被删除` }
      if (c.sha256 !== d.sha256)
        return { field: 'attendance', message: `${await nameOf(d.memberId)}的${label}在定稿后被改动` }
      current.delete(d.id)
    }
    const added = [...current.values()][0]
    if (added) return { field: 'attendance', message: `定稿后新增了${await nameOf(added.memberId)}的${label}` }
  }

  const photos: LockedMinutes['photos'] = doc.photos ?? []
  for (const [i, locked] of photos.entries()) {
    const photo = await store.get('photos', locked.id)
    if (!photo) return { field: 'photo', message: `照片 ${i + 1} 的记录已不存在` }
    let bytes: Buffer
    try {
      bytes = await ports.files.get(photo.fileId)
    } catch (err) {
      if (isMissingFile(err)) return { field: 'photo', message: `照片 ${i + 1} 的文件已不存在` }
      throw err
    }
    if (sha256Hex(new Uint8Array(bytes)) !== locked.sha256) {
      return { field: 'photo', message: `照片 ${i + 1} 的内容与定稿时不一致` }
    }
    // The source is locked with the minutes: the photo's own record must still say the same.
    if (locked.source != null && (photo.source ?? null) !== locked.source) {
      return {
        field: 'photo',
        message: `照片 ${i + 1} 的来源记录在定稿后被改动（定稿时为${PHOTO_SOURCE_LABELS[locked.source]}）`,
      }
    }
    const flag = photoFlag(locked.source, seal.meeting.endAt, locked.receivedAt)
    if (flag) cached.notePhoto(i + 1, flag)
  }
  return null
}

/** A branch's chain as the 述职评议 packet and the exports print it: the head and its verification. */
export interface ChainStatus {
  head: ChainHead | null
  report: ChainReport
}

/**
 * The head of `branchId`'s chain and the result of verifying it (against the 党委's anchors) at `now`.
 * Throws NOT_FOUND-like Error when the branch does not exist; reads only (no anchor is written).
 */
export async function chainStatus(
  ports: { store: StorePort; files: FilesPort },
  branchId: string,
  now: number,
): Promise<ChainStatus> {
  const branch = await ports.store.get('orgs', branchId)
  if (!branch) throw new Error(`chainStatus: no org ${branchId}`)
  const [head, report] = await Promise.all([
    chainHeadOf(ports.store, branchId),
    verifyChain(ports, { _id: branch._id, name: branch.name }, now),
  ])
  return { head, report }
}
