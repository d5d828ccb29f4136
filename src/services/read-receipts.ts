/**
 * 阅签回执 kept on the member's own device: each 阅签 answers with the branch's chain head that seals
 * it ({branchId, seq, hash, confirmedAt, meetingTitle}); the device keeps it in local storage, out of
 * reach of whoever runs the database, and can later send the heads to `minutes.verify` — a chain
 * rewritten after the 阅签 no longer holds that head, and verify names where it parts.
 */
import Taro from '@tarojs/taro'
import type { GivenHead, ReadReceipt } from '../domain/api/views-minutes'

const KEY = 'party.readReceipts'
/** The newest receipts kept; a member confirms some 60 records a year. */
export const MAX_RECEIPTS = 300
/** Heads per verification (the action's limit). */
const HEADS_PER_CALL = 50

/** Every receipt on this device, of every member who used it, newest first. */
function storedReceipts(): ReadReceipt[] {
  try {
    const value = Taro.getStorageSync(KEY) as ReadReceipt[] | ''
    return Array.isArray(value) ? value : []
  } catch {
    return []
  }
}

/**
 * The receipts this device keeps for `memberId` (a device may be shared, e.g. a branch's desk PC),
 * newest first; empty when none (or storage cannot be read).
 */
export function loadReceipts(memberId: string): ReadReceipt[] {
  return storedReceipts().filter((r) => r.memberId === memberId)
}

/**
 * Keeps `receipt` (one per member, meeting and branch: a later one replaces an earlier), newest first,
 * at most MAX_RECEIPTS per member. Returns that member's receipts as stored; storage that is full or
 * unavailable keeps the old list.
 */
export function keepReceipt(receipt: ReadReceipt): ReadReceipt[] {
  const all = storedReceipts().filter(
    (r) => !(r.memberId === receipt.memberId && r.branchId === receipt.branchId && r.meetingId === receipt.meetingId),
  )
  const mine = [receipt, ...all.filter((r) => r.memberId === receipt.memberId)]
    .sort((a, b) => b.confirmedAt - a.confirmedAt)
    .slice(0, MAX_RECEIPTS)
  try {
    Taro.setStorageSync(KEY, [...mine, ...all.filter((r) => r.memberId !== receipt.memberId)])
    return mine
  } catch {
    return loadReceipts(receipt.memberId)
  }
}

/**
 * The receipts as heads to verify, per branch: the newest HEADS_PER_CALL of each branch (a later
 * head covers every entry before it, so the newest say the most).
 */
export function headsByBranch(receipts: readonly ReadReceipt[]): { branchId: string; heads: GivenHead[] }[] {
  const out = new Map<string, GivenHead[]>()
  for (const r of [...receipts].sort((a, b) => b.seq - a.seq)) {
    const heads = out.get(r.branchId) ?? []
    if (heads.length < HEADS_PER_CALL && !heads.some((h) => h.seq === r.seq)) heads.push({ seq: r.seq, hash: r.hash })
    out.set(r.branchId, heads)
  }
  return [...out].map(([branchId, heads]) => ({ branchId, heads }))
}
