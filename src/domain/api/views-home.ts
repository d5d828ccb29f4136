/** What home.tasks returns: the member's own tasks on 首页 (src/domain/home-tasks.ts). */
import type { HomeTaskKind } from '../home-tasks'

export interface HomeTask {
  kind: HomeTaskKind
  /** The meeting the task is about; null for 报到 and 停止党籍 proposals. */
  meetingId: string | null
  /** The member a 停止党籍 proposal is about (its row opens their page); absent otherwise. */
  memberId?: string
  /** What it is about, e.g. `12月04日 主题党日：学习新修订的支部工作条例`. */
  title: string
  /** One Chinese sentence: what to do, and by when where it matters. */
  reason: string
  /** The moment the task is ordered by (the meeting's start; the 报到 deadline's day), epoch ms. */
  at: number | null
}

export interface HomeTasksView {
  items: HomeTask[]
  /** Older 阅签 and 补学 still owed but not listed (only the newest few of each are). */
  more: { read: number; makeup: number }
}
