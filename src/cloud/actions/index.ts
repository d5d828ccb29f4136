/**
 * The handler of every declared action. `satisfies HandlerMap` makes the build fail when an
 * action is declared without a handler, or a handler's types drift from its declaration.
 */
import type { ActionName, Actions } from '../../domain/api/catalog'
import type { OutputOf, ParsedInputOf } from '../../domain/api/define'
import type { ActionContext, MemberContext } from '../action-context'
import { meetingGet, meetingListBranch, meetingListMine, meetingSchedule } from './meetings'
import { orgListGroups } from './org'
import { sessionDevAccounts, sessionDevLogin, sessionWhoami } from './session'
import { systemHealth } from './system'

type ContextFor<D> = D extends { access: { kind: 'member' } } ? MemberContext : ActionContext
export type Handler<D> = (ctx: ContextFor<D>, input: ParsedInputOf<D>) => Promise<OutputOf<D>>
export type HandlerMap = { [K in ActionName]: Handler<Actions[K]> }

export const HANDLERS = {
  'system.health': systemHealth,
  'session.devAccounts': sessionDevAccounts,
  'session.devLogin': sessionDevLogin,
  'session.whoami': sessionWhoami,
  'meeting.schedule': meetingSchedule,
  'meeting.listMine': meetingListMine,
  'meeting.listBranch': meetingListBranch,
  'meeting.get': meetingGet,
  'org.listGroups': orgListGroups,
} satisfies HandlerMap
