/** home.tasks: the member's own tasks on 首页 (src/domain/home-tasks.ts), most urgent first. */
import { eq } from '../ports/store'
import type { MemberContext } from '../action-context'
import { implement } from './handler'
import { homeTasks as homeTasksDecl } from '../../domain/api/catalog-home'
import type { HomeTask } from '../../domain/api/views-home'
import { beijing } from '../../domain/beijing-time'
import { arrangeHomeTasks, HOME_TASK_WINDOWS } from '../../domain/home-tasks'
import { kindLabel } from '../../domain/meeting-kinds'
import { meetingPhase } from '../../domain/meeting'
import { myMeetingView } from '../my-meeting'
import { dueView, mobileRulesFor } from './mobile/registry'
import { pendingGuestsOf } from './attendance/guests'
import { readAll } from './roster-reads'
import { COMMITTEE_ROLES } from '../../domain/org'

const DAY = 24 * 3600 * 1000
/** A member is expected at a few meetings a month; the cap only guards against broken data. */
const MAX_MEETINGS = 60
/** A 党委 gets a few 停止党籍 proposals a year; the cap only guards against broken data. */
const MAX_PROPOSALS = 200

export const homeTasks = implement(homeTasksDecl, async (ctx) => {
  const { store } = ctx.ports
  const me = ctx.actor.memberId
  const tasks: HomeTask[] = []

  // 报到: a 流动党员 whose check-in of this period is not done yet.
  const member = await store.get('members', me)
  if (member?.status === 'mobile') {
    const profile = await store.get('mobile_profiles', me)
    const rules = await mobileRulesFor(store, ctx.target.org)
    const due = dueView(profile?.lastCheckinAt ?? null, ctx.now, rules.cadence)
    if (!due.doneThisPeriod) {
      tasks.push({
        kind: 'mobile_checkin',
        meetingId: null,
        title: `流动党员报到 · ${due.periodLabel}`,
        reason: `本期还没有报到，请在 ${due.dueDate} 前报到，说明所在地和近况。`,
        at: null,
      })
    }
  }

  if (ctx.actor.orgKind === 'branch') {
    const page = await store.query('meetings', {
      where: [
        eq('branchId', ctx.actor.orgId),
        { field: 'startAt', op: 'gte', value: ctx.now - HOME_TASK_WINDOWS.owedBackDays * DAY },
        { field: 'startAt', op: 'lt', value: ctx.now + HOME_TASK_WINDOWS.leaveAheadDays * DAY },
        { field: 'participantIds', op: 'contains', value: me },
      ],
      orderBy: { field: 'startAt', direction: 'desc' },
      limit: MAX_MEETINGS,
    })
    // Each meeting's own records are read at once, not one meeting after another.
    const live = page.items.filter((m) => m.status !== 'cancelled')
    const states = await Promise.all(live.map((m) => myMeetingView(store, m, me, ctx.now)))
    for (const [i, m] of live.entries()) {
      const mine = states[i]
      if (!mine) continue
      const phase = meetingPhase(m, ctx.now)
      const title = `${beijing(m.startAt).format('MM月DD日')} ${kindLabel(m.kind)}：${m.title}`
      const task = (kind: HomeTask['kind'], reason: string) =>
        tasks.push({ kind, meetingId: m._id, title, reason, at: m.startAt })
      if (phase === 'ongoing' && mine.state === 'not_signed') {
        task('sign_in', `会议正在进行（${beijing(m.startAt).format('HH:mm')} 开始），请现在签到。`)
      } else if (phase === 'upcoming' && mine.state === 'not_signed') {
        task(
          'leave',
          `${beijing(m.startAt).format('MM月DD日 HH:mm')}在${m.place}召开，请按时参加；不能参加请点此请假。`,
        )
      } else if (phase === 'upcoming' && mine.state === 'leave_pending') {
        task('leave', '你的请假还在等待书记审批，未批准前请按时参会；点此查看请假。')
      }
      if (mine.readOwed) task('read', '会议记录已定稿，请阅读并阅签。')
      if (phase === 'ended' && (mine.state === 'absent' || mine.state === 'leave') && m.minutesFinalizedAt != null) {
        task('makeup', `你${mine.state === 'leave' ? '请假' : '缺席'}了这次会议，请阅读会议记录后提交补学。`)
      }
    }
  }
  if (ctx.actor.orgKind !== 'branch' && ctx.actor.orgKind !== 'group') tasks.push(...(await committeeTasks(ctx)))
  return arrangeHomeTasks(tasks)
})

/**
 * The waiting work of 党委 (or 党总支) staff: each 列席 invitation of its members waiting for
 * approval (its 组织员 may approve: attendance.approveGuest), and each 停止党籍 proposal of a branch
 * below it not yet answered (its 委员 and 组织员 read them: mobile.stopProposals).
 */
async function committeeTasks(ctx: MemberContext): Promise<HomeTask[]> {
  const { store } = ctx.ports
  const tasks: HomeTask[] = []
  const org = await store.get('orgs', ctx.actor.orgId)
  if (!org) return tasks
  if (ctx.actor.roles.includes('supervisor')) {
    for (const g of await pendingGuestsOf(store, org, ctx.now)) {
      tasks.push({
        kind: 'guest_approval',
        meetingId: g.meetingId,
        title: `${beijing(g.startAt).format('MM月DD日')} ${g.branchName}：${g.title}`,
        reason: `${g.branchName}邀请${g.memberOrgName}的${g.name}列席，本人尚未答复；会前可由党委代为同意，点此处理。`,
        at: g.startAt,
      })
    }
  }
  if (ctx.actor.roles.some((r) => r === 'supervisor' || COMMITTEE_ROLES.includes(r))) {
    const proposals = await readAll(
      store,
      'stop_proposals',
      [{ field: 'path', op: 'contains', value: org._id }],
      'proposedAt',
      MAX_PROPOSALS,
    )
    for (const p of proposals) {
      if (p.status !== 'open') continue
      tasks.push({
        kind: 'stop_proposal',
        meetingId: null,
        memberId: p.memberId,
        title: `停止党籍提请：${p.memberName}`,
        reason: `支部于 ${beijing(p.proposedAt).format('YYYY年MM月DD日')} 提请党委处理（失联自 ${p.lostSince}）；请核实后作出决定并答复支部。`,
        at: p.proposedAt,
      })
    }
  }
  return tasks
}
