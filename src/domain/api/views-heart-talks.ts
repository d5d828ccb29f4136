/** Views of the 谈心谈话 actions (catalog-heart-talks.ts). Beijing dates `YYYY-MM-DD`, times epoch ms. */
import type { PairKind } from '../heart-talks'

export interface PersonRef {
  id: string
  name: string
}

/** One recorded talk. `note` is null for whoever is neither of the pair nor the branch's 书记. */
export interface HeartTalkView {
  id: string
  pairKey: string
  members: [PersonRef, PersonRef]
  date: string
  note: string | null
  recordedBy: PersonRef
  recordedAt: number
}

/** One pair still owed a talk this year. */
export interface OwedPairView {
  key: string
  kind: PairKind
  members: [PersonRef, PersonRef]
}

/**
 * The branch's yearly 谈心谈话 duty per pair (条例 第五章): done / owed counts for the branch; the owed
 * pairs and the talks listed are all of them for the committee and the 党委, only the viewer's own
 * pairs for anyone else.
 */
export interface HeartTalkDutyView {
  branch: PersonRef
  year: number
  owed: number
  done: number
  /** Whether the list covers the whole branch (committee, 党委) or only the viewer's pairs. */
  whole: boolean
  outstanding: OwedPairView[]
  talks: HeartTalkView[]
  /** Whether the viewer may record a talk for any pair (the branch's organizers) or only their own. */
  recordsForOthers: boolean
  /** The viewer's member id, and whether they are on this branch's roster (then they may record their own talks). */
  viewer: { id: string; inBranch: boolean }
  /** The branch's active members, for choosing the other of a pair. */
  people: PersonRef[]
}
