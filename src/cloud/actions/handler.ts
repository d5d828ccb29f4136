/**
 * The type of an action's handler, derived from its declaration: the context it is given (a member's
 * when the declaration requires a member) and its parsed input, resolving to the declared output.
 * A handler is written next to its declaration's name once: `implement(decl, async (ctx, input) => …)`;
 * `handlersIn(...modules)` collects a module's implementations into a map keyed by the declared
 * names, and the registry (./index.ts) and each area's map (./<area>/index.ts) are checked against
 * the catalogue, so a declaration without a handler does not compile.
 */
import { ActionName, Actions } from '../../domain/api/catalog'
import type { ActionDecl, OutputOf, ParsedInputOf } from '../../domain/api/define'
import type { ActionContext, MemberContext } from '../action-context'
import type { CollectionName, DocOf } from '../collections'
import type { Stored } from '../ports/store'

/**
 * A member action's context; when its target is a record, `ctx.target.record` is that record as
 * the router read it to authorize the call, typed by the declared collection.
 */
type ContextFor<D> = D extends { access: { kind: 'member'; target: infer T } }
  ? T extends { from: 'record'; collection: infer C extends CollectionName }
    ? MemberContext & { target: { record: Stored<DocOf<C>> } }
    : MemberContext
  : ActionContext
export type Handler<D> = (ctx: ContextFor<D>, input: ParsedInputOf<D>) => Promise<OutputOf<D>>
/** Every declared action's handler: the router takes one of these. */
export type HandlerMap = { [K in ActionName]: Handler<Actions[K]> }
/** The handlers of one area's declarations (e.g. `HandlersOf<typeof ATTENDANCE_ACTIONS>`). */
export type HandlersOf<A> = { [K in keyof A]: Handler<A[K]> }

/** A declaration with its handler, as `implement` makes it. */
export interface Implementation<D extends ActionDecl> {
  readonly decl: D
  readonly run: Handler<D>
}

/** The implementations among a module's exports (each module of a union on its own). */
type ImplementationsIn<M> = M extends unknown
  ? Extract<M[keyof M], { readonly decl: { readonly name: string }; readonly run: unknown }>
  : never

/** The handlers of the implementations a module (or a union of modules) exports, keyed by action name. */
export type HandlersIn<M> = { [I in ImplementationsIn<M> as I['decl']['name']]: I['run'] }

/**
 * Pairs a declaration with its handler; the handler's context and input are typed from the
 * declaration. Takes the declaration and the handler; returns the implementation to export.
 */
export function implement<const D extends ActionDecl>(decl: D, run: Handler<D>): Implementation<D> {
  return { decl, run }
}

function isImplementation(value: unknown): value is Implementation<ActionDecl> {
  if (!value || typeof value !== 'object') return false
  const { decl, run } = value as Partial<Implementation<ActionDecl>>
  return typeof run === 'function' && typeof decl?.name === 'string'
}

/**
 * Collects the implementations exported by handler modules. Takes the modules (`import * as m`);
 * returns their handlers keyed by declared action name. Throws when two implement the same action.
 */
export function handlersIn<const Ms extends readonly object[]>(...modules: Ms): HandlersIn<Ms[number]> {
  const out: Record<string, unknown> = {}
  for (const module of modules) {
    for (const value of Object.values(module)) {
      if (!isImplementation(value)) continue
      if (out[value.decl.name] && out[value.decl.name] !== value.run)
        throw new Error(`action implemented twice: ${value.decl.name}`)
      out[value.decl.name] = value.run
    }
  }
  return out as HandlersIn<Ms[number]>
}
