/**
 * 首页 per person (issue 20 §1): the member's own tasks — 报到 due, sign in now, 请假, 阅签 owed,
 * 补学 — each leading to the page that does it.
 */
import { z } from 'zod'
import { ROLES } from '../org'
import { catalogOf, defineAction, shape } from './define'
import type { HomeTasksView } from './views-home'

export const homeTasks = defineAction({
  name: 'home.tasks',
  summary: '我的待办：流动党员报到、正在进行的会议签到、近期会议请假、待阅签的会议记录、待补学的会议，最急的在前',
  input: () => z.object({}).strict(),
  output: shape<HomeTasksView>(),
  write: false,
  access: { kind: 'member', roles: ROLES, scope: 'self', target: { from: 'actor' } },
  errors: [],
})

export const HOME_ACTIONS = catalogOf(homeTasks)
