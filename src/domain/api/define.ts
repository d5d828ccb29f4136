/**
 * How an action is declared: once, here in the pure core, and used by the router (validation and
 * authorization), the client (typed `call`) and the API reference (docs/api.md).
 */
import type { z } from 'zod'
import type { ErrorCode } from '../errors'
import type { Role } from '../org'

/** A type carried by a declaration without any runtime value. */
export interface Shape<T> {
  readonly __shape?: T
}
export function shape<T>(): Shape<T> {
  return {}
}

/**
 * Where an action reaches, relative to the org a role is held at:
 * - `self`: only the actor's own record;
 * - `group`: within the actor's 党小组;
 * - `branch`: within the actor's own branch;
 * - `subtree`: anywhere below the org the role is held at (a 党委 sees its branches).
 */
export type Scope = 'self' | 'group' | 'branch' | 'subtree'

/** Which org an action touches, so the router can check the scope before the handler runs. */
export type Target =
  | { from: 'actor' }
  /** An org id given in the input; when absent, the actor's own org. */
  | { from: 'input-org'; field: string }
  /** A record id given in the input; the org is read from that record's `orgField`. */
  | { from: 'record'; field: string; collection: string; orgField: string }

export type Access =
  /** Anyone, even without a WeChat identity (health, development login). */
  | { kind: 'public' }
  /** Any caller with a WeChat identity, bound to a member or not. */
  | { kind: 'identified' }
  | { kind: 'member'; roles: readonly Role[]; scope: Scope; target: Target }

export interface ActionDecl<
  Name extends string = string,
  In extends z.ZodType = z.ZodType,
  Out = unknown,
  A extends Access = Access,
> {
  name: Name
  /** One line in Chinese, for the API reference. */
  summary: string
  input: In
  output: Shape<Out>
  /** Writes need a client request id and are idempotent by it. */
  write: boolean
  access: A
  /** Codes this action may return beyond the router's own; documented in docs/api.md. */
  errors: readonly ErrorCode[]
  /** Only served by the embedded host, never by the production cloud function. */
  embeddedOnly?: boolean
  /** Conditions on the target the router checks after authorizing and before the handler runs. */
  preconditions?: readonly Precondition[]
}

/**
 * A condition on an action's target, declared instead of written in its handler. When it does not
 * hold, the router refuses with VALIDATION_FAILED: `message` for the whole call, `fieldMessage`
 * next to `field`.
 * - `branch`: the target org is a 党支部 (not a 党委, 党总支 or 党小组);
 * - `notCancelled`: the target record's `status` is not `cancelled`.
 */
export type Precondition =
  | { kind: 'branch'; field: string; message: string; fieldMessage: string }
  /** The target record (a meeting) is not cancelled; refused with `message`. */
  | { kind: 'notCancelled'; message: string }

/** The precondition that the target record (a meeting) is not cancelled; takes the refusal message. */
export function targetNotCancelled(message: string): Precondition {
  return { kind: 'notCancelled', message }
}

/**
 * The precondition that the target org is a 党支部. Takes the whole message (what is wrong and what
 * to do), the message next to the field (the whole message without its closing 。 when absent) and
 * the input field that names the org.
 */
export function targetIsBranch(
  message: string,
  fieldMessage = message.replace(/。$/, ''),
  field = 'branchId',
): Precondition {
  return { kind: 'branch', field, message, fieldMessage }
}

/**
 * How a catalogue writes an action: its declaration, with the input schema given as a function
 * that makes it. A process needs few of the many schemas (a cloud function's cold start serves one
 * call), and building all of them is most of what loading the server costs; so each is made the
 * first time its action is used.
 */
export type ActionSpec<Name extends string, In extends z.ZodType, Out, A extends Access> = Omit<
  ActionDecl<Name, In, Out, A>,
  'input'
> & {
  /** Makes the input schema; called at most once, on first use of `input`. */
  input: () => In
}

/**
 * Declares an action. Takes its spec; returns the declaration, whose `input` is the schema the
 * spec's `input()` makes, built on first read and then kept.
 */
export function defineAction<const Name extends string, In extends z.ZodType, Out, const A extends Access>(
  spec: ActionSpec<Name, In, Out, A>,
): ActionDecl<Name, In, Out, A> {
  const { input: make, ...decl } = spec
  let schema: In | undefined
  return Object.defineProperty(decl, 'input', {
    get: () => (schema ??= make()),
    enumerable: true,
  }) as ActionDecl<Name, In, Out, A>
}

/** The catalogue of a list of declarations: each under its own `name`. */
export type CatalogOf<L extends readonly ActionDecl[]> = { readonly [D in L[number] as D['name']]: D }

/**
 * Builds a catalogue from declarations, so an action's name is written once (in its declaration).
 * Takes the declarations; returns them keyed by name. Throws when two share a name.
 */
export function catalogOf<const L extends readonly ActionDecl[]>(...decls: L): CatalogOf<L> {
  const out: Record<string, ActionDecl> = {}
  for (const decl of decls) {
    if (out[decl.name]) throw new Error(`action declared twice: ${decl.name}`)
    out[decl.name] = decl
  }
  return out as CatalogOf<L>
}

export type InputOf<D> = D extends { input: infer In extends z.ZodType } ? z.input<In> : never
export type ParsedInputOf<D> = D extends { input: infer In extends z.ZodType } ? z.output<In> : never
export type OutputOf<D> = D extends { output: Shape<infer Out> } ? Out : never

/**
 * Member access to one record named by an input field: the org checked is the record's `orgField`.
 * Takes the target; returns the access maker `(roles, scope) => Access`.
 */
function onRecord<const T extends Extract<Target, { from: 'record' }>>(target: T) {
  return <const R extends readonly Role[]>(roles: R, scope: Scope) =>
    ({ kind: 'member', roles, scope, target }) as const
}

/** Member access to one member's record: the org checked is the member's own. */
export const onMemberRecord = onRecord({ from: 'record', field: 'memberId', collection: 'members', orgField: 'orgId' })

/** Member access to the org named by an input field (the actor's own org when it is absent). */
export function onOrgInput<const R extends readonly Role[], const F extends string = 'branchId'>(
  roles: R,
  scope: Scope,
  field: F = 'branchId' as F,
) {
  return { kind: 'member', roles, scope, target: { from: 'input-org', field } } as const
}

/** Member access to one meeting: the org checked is the meeting's branch. */
export const onMeetingRecord = onRecord({
  from: 'record',
  field: 'meetingId',
  collection: 'meetings',
  orgField: 'branchId',
})
