import { implement } from './handler'
import { systemHealth as systemHealthDecl } from '../../domain/api/catalog-session'
import type { HealthView } from '../../domain/api/views'

export const systemHealth = implement(systemHealthDecl, async (ctx): Promise<HealthView> => {
  // A real read proves the store answers, not just that the process is up.
  await ctx.ports.store.get('orgs', '__health__')
  return { ok: true, store: ctx.ports.store.kind, time: ctx.now }
})
