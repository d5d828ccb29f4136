import type { HealthView } from '../../domain/api/views'
import type { ActionContext } from '../action-context'

export async function systemHealth(ctx: ActionContext): Promise<HealthView> {
  // A real read proves the store answers, not just that the process is up.
  await ctx.ports.store.get('orgs', '__health__')
  return { ok: true, store: ctx.ports.store.kind, time: ctx.now }
}
