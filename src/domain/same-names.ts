/**
 * Same names told apart (issue 17 §3): wherever people are listed or picked, two members called
 * 黄晓明 must not look alike, or 代为登记 can mark the wrong one. Pure.
 *
 * A name is shown alone unless another person on the same list has it too; then each of those gets
 * the first mark that tells them apart, in this order:
 * 1. the 党小组 (or, for someone from another branch, that branch): 黄晓明（第一党小组）;
 * 2. the last four digits of the phone, which every viewer may see (the masked phone 138****1518
 *    shows them, visibility.ts): 黄晓明（第一党小组·尾号1518）;
 * 3. failing both (same group and no phone), a number in list order: 黄晓明（同名2）.
 */
import { maskPhone } from './org'

/** One person on a list, with what may tell them apart. */
export interface NamedPerson {
  id: string
  name: string
  /** 党小组 name, or the branch's name for a person from another branch; null when none. */
  unit?: string | null
  /** The phone as stored (or as the viewer sees it, masked); only its last 4 digits are shown. */
  phone?: string | null
}

/** The last four digits of a phone as every viewer sees them (the masked form keeps them), or null. */
export function phoneTail(phone: string | null | undefined): string | null {
  if (!phone) return null
  const tail = maskPhone(phone).slice(-4)
  return /^\d{4}$/.test(tail) ? tail : null
}

/**
 * The label to show for each person of `people` (in any order): id → the name, or the name with a
 * distinguishing mark when the name occurs more than once. The same list always gives the same
 * labels; a person listed twice (same id) counts once.
 */
export function sameNameLabels(people: readonly NamedPerson[]): Map<string, string> {
  const byId = new Map<string, NamedPerson>()
  for (const p of people) if (!byId.has(p.id)) byId.set(p.id, p)
  const byName = new Map<string, NamedPerson[]>()
  for (const p of byId.values()) byName.set(p.name, [...(byName.get(p.name) ?? []), p])
  const out = new Map<string, string>()
  for (const [name, same] of byName) {
    if (same.length === 1) {
      out.set(same[0].id, name)
      continue
    }
    const levels: ((p: NamedPerson) => string[])[] = [
      (p) => (p.unit ? [p.unit] : []),
      (p) => {
        const tail = phoneTail(p.phone)
        return [...(p.unit ? [p.unit] : []), ...(tail ? [`尾号${tail}`] : [])]
      },
    ]
    const chosen = levels
      .map((marks) => same.map((p) => ({ p, marks: marks(p) })))
      .find((labelled) => {
        const keys = labelled.map((l) => l.marks.join('·'))
        return keys.every((k) => k !== '') && new Set(keys).size === keys.length
      })
    if (chosen) {
      for (const { p, marks } of chosen) out.set(p.id, `${name}（${marks.join('·')}）`)
    } else {
      same.forEach((p, i) => out.set(p.id, `${name}（同名${i + 1}）`))
    }
  }
  return out
}
