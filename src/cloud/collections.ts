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
  // The in-app 消息 by person; who a meeting's notices, or a branch's lately, did not reach.
  notifications: {
    indexes: [
      ['memberId', 'createdAt'],
      ['meetingId', 'createdAt'],
      ['branchId', 'createdAt'],
    ],
  },
  outbox: { indexes: [['memberId']] },
  member_history: { indexes: [['memberId', 'at']] },
  invitations: { indexes: [['memberId']] },
  meeting_history: { indexes: [['meetingId', 'at']] },
  compliance_counters: { indexes: [['branchId', 'periodKey']] },
  rule_sets: { indexes: [] },
  // issue 4 — planning
  plans: { indexes: [['branchId', 'year']] },
  // issue 5 — attendance (ids `${meetingId}.${memberId}`)
  attendance: { indexes: [['meetingId', 'signedAt']] },
  leave_requests: {
    indexes: [
      ['meetingId', 'createdAt'],
      ['memberId', 'createdAt'],
    ],
  },
  // issue 6 — minutes
  minutes: { indexes: [['branchId', 'meetingStartAt']] },
  minutes_amendments: { indexes: [['meetingId', 'at']] },
  minutes_chain: { indexes: [['branchId', 'seq']] },
  minutes_reads: { indexes: [['meetingId', 'at']] },
  photos: { indexes: [['meetingId', 'receivedAt']] },
  // issue 7 — mobile members
  mobile_profiles: { indexes: [['branchId', 'lastContactAt']] },
  checkins: { indexes: [['memberId', 'at']] },
  reports: {
    indexes: [
      ['branchId', 'submittedAt'],
      ['memberId', 'submittedAt'],
    ],
  },
  makeups: {
    indexes: [
      ['meetingId', 'submittedAt'],
      ['memberId', 'submittedAt'],
    ],
  },
} as const satisfies Record<string, { indexes: readonly (readonly string[])[] }>

export type CollectionName = keyof typeof COLLECTIONS
