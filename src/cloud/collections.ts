/**
 * The collections the server keeps, and the fields each is queried by. The SQLite adapter creates
 * these indexes itself; on CloudBase create the same indexes in the console (see README).
 */
export const COLLECTIONS = {
  orgs: { indexes: [['parentId']] },
  members: { indexes: [['orgId', 'name']] },
  bindings: { indexes: [['memberId']] },
  meetings: { indexes: [['branchId', 'startAt']] },
  requests: { indexes: [] },
  notifications: { indexes: [['memberId', 'createdAt']] },
  outbox: { indexes: [['memberId']] },
  member_history: { indexes: [['memberId', 'at']] },
  invitations: { indexes: [['memberId']] },
  meeting_history: { indexes: [['meetingId', 'at']] },
  compliance_counters: { indexes: [['branchId', 'periodKey']] },
  rule_sets: { indexes: [] },
} as const satisfies Record<string, { indexes: readonly (readonly string[])[] }>

export type CollectionName = keyof typeof COLLECTIONS
