/**
 * The type of an action's handler, derived from its declaration: the context it is given (a member's
 * when the declaration requires a member) and its parsed input, resolving to the declared output.
 * The registry (./index.ts) and each area's map (./<area>/index.ts) are checked against these.
 */
import type { ActionName, Actions } from '../../domain/api/catalog'
import type { OutputOf, ParsedInputOf } from '../../domain/api/define'
import type { ActionContext, MemberContext } from '../action-context'

type ContextFor<D> = D extends { access: { kind: 'member' } } ? MemberContext : ActionContext
export type Handler<D> = (ctx: ContextFor<D>, input: ParsedInputOf<D>) => Promise<OutputOf<D>>
/** Every declared action's handler: the router takes one of these. */
export type HandlerMap = { [K in ActionName]: Handler<Actions[K]> }
/** The handlers of one area's declarations (e.g. `HandlersOf<typeof ATTENDANCE_ACTIONS>`). */
export type HandlersOf<A> = { [K in keyof A]: Handler<A[K]> }
