/**
 * Binding a WeChat user to a member, through the real router on the embedded store: the
 * secretary's invitation, the invited person's preview and binding with name and full phone number,
 * what they reach afterwards, every way an invitation stops working, and the limits on guessing.
 */
import type { ProfileView, SessionGrant } from '../../src/domain/api/views'
import { INVITE_ALPHABET } from '../../src/domain/invitation'
import {
  expectRefused as refused,
  MEMBER_B1,
  ok,
  SECRETARY_B1,
  SECRETARY_B2,
  apiPerTest,
  type Caller,
} from './api-fixture'

const api = apiPerTest()

/** 郭子涵 of 第一党支部, 13800001555, seeded without a binding. */
const INVITEE = { id: 'm_b1_16', name: '郭子涵', phone: '13800001555' }
/** Wrong numbers that keep what the masked 138****1555 shows: only the hidden middle differs. */
const wrongPhone = (n: number) => `138${String(n).padStart(4, '9')}1555`
const DAY = 24 * 3600 * 1000
let seq = 0
const rid = (label: string) => `req-${label}-${(seq += 1)}`

/** A new WeChat user, as the development login makes one. */
async function newUser(): Promise<Caller & { token: string }> {
  const grant = ok(await api.main({ action: 'session.devNewUser', input: {} })) as SessionGrant
  return { token: grant.token, ...api.withSession(grant.token) }
}

const invite = async (memberId = INVITEE.id, by = SECRETARY_B1) =>
  await api.as(by).call('invite.create', { memberId }, rid('invite'))

/** Every collection but the guess records and the request records, as stored (versions included). */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const { COLLECTIONS } = await import('../../src/cloud/collections')
  const out: Record<string, unknown[]> = {}
  for (const name of Object.keys(COLLECTIONS)) {
    if (name === 'guess_attempts' || name === 'requests') continue
    const all: unknown[] = []
    let cursor: string | null = null
    do {
      const page: { items: unknown[]; nextCursor: string | null } = await api.ports.store.query(name, {
        limit: 100,
        ...(cursor ? { cursor } : {}),
      })
      all.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    out[name] = all
  }
  return out
}

test('invite, preview, refused attempts, bind: the person then reaches their own branch only', async () => {
  const inv = await invite()
  expect(inv.code).toMatch(new RegExp(`^[${INVITE_ALPHABET}]{8}$`))
  expect(inv.code).not.toMatch(/[01OI]/)
  expect(inv).toMatchObject({
    memberId: INVITEE.id,
    memberName: '郭子涵',
    branchName: '第一党支部',
    expiresAt: api.clock.now + 7 * DAY,
    path: `packages/roster/pages/bind/index?code=${inv.code}`,
  })
  expect(inv.imageDataUrl).toMatch(/^data:image\/png;base64,iVBORw0KGgo/)

  const person = await newUser()
  refused(await person.result('meeting.listMine', { when: 'upcoming' }), 'NOT_BOUND')
  expect(await person.call('session.whoami', {})).toEqual({ bound: false })
  // Codes are read case-insensitively, as typed on a phone.
  const preview = await person.call('invite.preview', { code: inv.code.toLowerCase() })
  expect(preview).toEqual({ branchName: '第一党支部', maskedName: '郭*涵', expiresAt: inv.expiresAt })

  const before = await snapshot()
  const wrongName = await person.result(
    'binding.bind',
    { code: inv.code, name: '郭子函', phone: INVITEE.phone },
    rid('bind'),
  )
  refused(wrongName, 'VALIDATION_FAILED', /^信息不一致，.*还可以核对 4 次/)
  const wrongNumber = await person.result(
    'binding.bind',
    { code: inv.code, name: '郭子涵', phone: wrongPhone(0) },
    rid('bind'),
  )
  refused(wrongNumber, 'VALIDATION_FAILED', /^信息不一致，.*还可以核对 3 次/)
  // One combined answer: neither the message nor the fields say which part was wrong.
  for (const r of [wrongName, wrongNumber]) {
    expect(!r.ok && r.error.fields).toBeFalsy()
    expect(!r.ok && r.error.message).not.toMatch(/姓名与|手机号与|后四位/)
  }
  expect(!wrongName.ok && wrongName.error.message.replace('4 次', '3 次')).toBe(
    !wrongNumber.ok && wrongNumber.error.message,
  )
  // Nothing but the attempt records was written.
  expect(await snapshot()).toEqual(before)
  expect(await api.ports.store.get('guess_attempts', `invite:${inv.code}`)).toMatchObject({ count: 2 })

  const profile = await person.call(
    'binding.bind',
    { code: inv.code, name: ' 郭子涵 ', phone: '+86 138-0000-1555' },
    rid('bind'),
  )
  expect(profile).toMatchObject({ bound: true, member: { id: INVITEE.id, name: '郭子涵' }, org: { id: 'org_b1' } })
  const who = (await person.call('session.whoami', {})) as ProfileView
  expect(who).toEqual(profile)
  expect(who.orgPath.map((o) => o.name)).toEqual(['示范区机关党委', '第一党支部'])

  // Their branch's meetings, nothing of the other branch.
  const mine = await person.call('meeting.listBranch', { when: 'past' })
  expect(mine.items.length).toBeGreaterThan(0)
  expect(mine.items.every((m) => m.branchId === 'org_b1')).toBe(true)
  const b2 = await api.ports.store.query<{ branchId: string }>('meetings', {
    where: [{ field: 'branchId', op: 'eq', value: 'org_b2' }],
    limit: 1,
  })
  refused(await person.result('meeting.get', { meetingId: b2.items[0]._id }), 'FORBIDDEN')
  refused(await person.result('roster.list', { branchId: 'org_b2' }), 'FORBIDDEN')
  refused(await person.result('meeting.listBranch', { when: 'past', branchId: 'org_b2' }), 'FORBIDDEN')
  expect((await person.call('roster.list', {})).items.length).toBeGreaterThan(0)

  // The secretary sees the binding and its history.
  const detail = await api.as(SECRETARY_B1).call('roster.get', { memberId: INVITEE.id })
  expect(detail.bound).toBe(true)
  expect(detail.history[0]).toMatchObject({ field: 'binding', from: false, to: true, by: { id: INVITEE.id } })
})

test('an invitation is used once; one WeChat binds one member; a bound member cannot be invited', async () => {
  const inv = await invite()
  const person = await newUser()
  const bindInput = { code: inv.code, name: INVITEE.name, phone: INVITEE.phone }
  const first = await person.result('binding.bind', bindInput, 'req-bind-once-1')
  ok(first)
  // A replayed request returns the same result.
  expect(await person.result('binding.bind', bindInput, 'req-bind-once-1')).toEqual(first)
  const before = await api.ports.store.count('bindings')
  // Used: refused to anyone, as are previews.
  const someoneElse = await newUser()
  refused(await someoneElse.result('binding.bind', bindInput, 'req-bind-again'), 'CONFLICT', /已使用/)
  refused(await someoneElse.result('invite.preview', { code: inv.code }), 'CONFLICT', /已使用.*重新生成/)
  // The member is bound: no new invitation until unbound.
  refused(
    await api.as(SECRETARY_B1).result('invite.create', { memberId: INVITEE.id }, rid('invite')),
    'CONFLICT',
    /解除绑定/,
  )
  // The same WeChat cannot bind a second member.
  const second = await invite('m_b1_15')
  const m15 = (await api.ports.store.get<{ name: string; phone: string }>('members', 'm_b1_15'))!
  refused(
    await person.result('binding.bind', { code: second.code, name: m15.name, phone: m15.phone }, rid('bind')),
    'CONFLICT',
    /已经绑定.*解除/,
  )
  // An already bound demo account cannot bind either.
  refused(
    await api
      .as(MEMBER_B1)
      .result('binding.bind', { code: second.code, name: m15.name, phone: m15.phone }, rid('bind')),
    'CONFLICT',
  )
  expect(await api.ports.store.count('bindings')).toBe(before)
})

test('25 wrong answers under one request id lock the invitation at 5; then even the right one is refused', async () => {
  const inv = await invite()
  const person = await newUser()
  const replies = []
  // The attack of issue 18: every guess resent under the same request id.
  for (let i = 0; i < 25; i += 1) {
    replies.push(
      await person.result('binding.bind', { code: inv.code, name: INVITEE.name, phone: wrongPhone(i) }, 'req-same-id'),
    )
  }
  replies.slice(0, 4).forEach((r, i) => refused(r, 'VALIDATION_FAILED', new RegExp(`还可以核对 ${4 - i} 次`)))
  refused(replies[4], 'VALIDATION_FAILED', /^信息不一致。这个邀请码已核对 5 次，已经作废；请联系支部书记.*重新生成邀请/)
  for (const r of replies.slice(5)) refused(r, 'NOT_FOUND', /已核对 5 次.*作废.*支部书记.*重新生成邀请/)
  expect(await api.ports.store.get('guess_attempts', `invite:${inv.code}`)).toMatchObject({ count: 5 })
  expect(await api.ports.store.get('invitations', inv.code)).toMatchObject({ revokedReason: 'attempts', usedAt: null })
  // The right answer, under the same or a new request id, no longer binds; the preview says why.
  for (const id of ['req-same-id', rid('bind')]) {
    refused(
      await person.result('binding.bind', { code: inv.code, name: INVITEE.name, phone: INVITEE.phone }, id),
      'NOT_FOUND',
      /作废/,
    )
  }
  refused(await person.result('invite.preview', { code: inv.code }), 'NOT_FOUND', /已核对 5 次.*作废/)
  expect(await api.ports.store.count('bindings', [{ field: 'memberId', op: 'eq', value: INVITEE.id }])).toBe(0)
  // A new invitation works.
  const fresh = await invite()
  await person.call('binding.bind', { code: fresh.code, name: INVITEE.name, phone: INVITEE.phone }, rid('bind'))
})

test('what the masked phone shows does not bind, and no member is shown the full number', async () => {
  const inv = await invite()
  // What a plain member of the branch sees of the invitee: the masked number only.
  const row = (await api.as(MEMBER_B1).call('roster.list', {})).items.find((m) => m.id === INVITEE.id)!
  expect(row).toMatchObject({ phone: '138****1555', phoneMasked: true })
  const preview = await api.as(MEMBER_B1).call('invite.preview', { code: inv.code })
  expect(JSON.stringify(preview)).not.toMatch(/1555|13800001555/)
  const person = await newUser()
  const visible = row.phone.replace(/\*/g, '')
  // The visible digits alone are not a phone number, nor the old last four…
  for (const phone of [visible, '1555']) {
    refused(
      await person.result('binding.bind', { code: inv.code, name: INVITEE.name, phone }, rid('bind')),
      'VALIDATION_FAILED',
      /11 位手机号/,
    )
  }
  // …and the visible digits with any other middle are refused as 信息不一致.
  refused(
    await person.result('binding.bind', { code: inv.code, name: INVITEE.name, phone: '13800011555' }, rid('bind')),
    'VALIDATION_FAILED',
    /^信息不一致/,
  )
  expect(await api.ports.store.count('bindings', [{ field: 'memberId', op: 'eq', value: INVITEE.id }])).toBe(0)
  // Input the schema refuses takes no attempt.
  expect(await api.ports.store.get('guess_attempts', `invite:${inv.code}`)).toMatchObject({ count: 1 })
})

test('one WeChat identity may try 10 answers an hour, across invitations; the allowance comes back after the hour', async () => {
  const person = await newUser()
  const first = await invite()
  for (let i = 0; i < 5; i += 1) {
    await person.result('binding.bind', { code: first.code, name: INVITEE.name, phone: wrongPhone(i) }, rid('bind'))
  }
  const second = await invite()
  for (let i = 0; i < 5; i += 1) {
    await person.result('binding.bind', { code: second.code, name: INVITEE.name, phone: wrongPhone(i) }, rid('bind'))
  }
  api.clock.now += 10 * 60_000
  const third = await invite()
  const right = { code: third.code, name: INVITEE.name, phone: INVITEE.phone }
  // The 11th answer within the hour is refused before it is checked, even the right one.
  refused(await person.result('binding.bind', right, rid('bind')), 'CONFLICT', /1 小时内已核对 10 次，请 50 分钟后再试/)
  expect(await api.ports.store.get('guess_attempts', `invite:${third.code}`)).toBeNull()
  expect(await api.ports.store.count('bindings', [{ field: 'memberId', op: 'eq', value: INVITEE.id }])).toBe(0)
  // An hour after the first answers the allowance is back.
  api.clock.now += 50 * 60_000
  const profile = await person.call('binding.bind', right, rid('bind'))
  expect(profile).toMatchObject({ bound: true, member: { id: INVITEE.id } })
})

test('concurrent wrong answers each take their own attempt: 8 at once leave 5 counted and the rest refused', async () => {
  const inv = await invite()
  const people = await Promise.all(Array.from({ length: 8 }, () => newUser()))
  const replies = await Promise.all(
    people.map((p, i) =>
      p.result('binding.bind', { code: inv.code, name: INVITEE.name, phone: wrongPhone(i) }, 'req-concurrent'),
    ),
  )
  expect(replies.every((r) => !r.ok)).toBe(true)
  expect(await api.ports.store.get('guess_attempts', `invite:${inv.code}`)).toMatchObject({ count: 5 })
  expect(replies.filter((r) => !r.ok && r.error.code === 'VALIDATION_FAILED')).toHaveLength(5)
})

test('an invitation expires after 7 days; a newer one replaces the older; unknown codes are not found', async () => {
  const old = await invite()
  const newer = await invite()
  expect(newer.code).not.toBe(old.code)
  let person = await newUser()
  refused(await person.result('invite.preview', { code: old.code }), 'NOT_FOUND')
  refused(await person.result('invite.preview', { code: 'ZZZZZZZZ' }), 'NOT_FOUND', /邀请码不存在/)
  api.clock.now += 7 * DAY - 1
  // Development sessions last 7 days too: the person comes back with a fresh one.
  person = await newUser()
  await person.call('invite.preview', { code: newer.code })
  api.clock.now += 1
  refused(await person.result('invite.preview', { code: newer.code }), 'CONFLICT', /已过期.*书记重新生成/)
  refused(
    await person.result('binding.bind', { code: newer.code, name: INVITEE.name, phone: INVITEE.phone }, rid('bind')),
    'CONFLICT',
    /已过期/,
  )
})

test('a replayed invitation returns the same code; the code is derived, not random', async () => {
  const a = await api.as(SECRETARY_B1).call('invite.create', { memberId: INVITEE.id }, 'req-invite-replay')
  const b = await api.as(SECRETARY_B1).call('invite.create', { memberId: INVITEE.id }, 'req-invite-replay')
  expect(b).toEqual(a)
  expect(await api.ports.store.count('invitations')).toBe(1)
  // A request that ran up to the insert and failed before it was recorded comes back to the same invitation.
  const [record] = (await api.ports.store.query('requests', { limit: 10 })).items
  await api.ports.store.remove('requests', record._id, record._version)
  const c = await api.as(SECRETARY_B1).call('invite.create', { memberId: INVITEE.id }, 'req-invite-replay')
  expect(c.code).toBe(a.code)
  expect(await api.ports.store.count('invitations')).toBe(1)
})

test('unbind: the secretary removes a binding with a reason; the same WeChat or another binds again', async () => {
  const inv = await invite()
  const person = await newUser()
  await person.call('binding.bind', { code: inv.code, name: INVITEE.name, phone: INVITEE.phone }, rid('bind'))
  const version = (await api.ports.store.get('members', INVITEE.id))!._version
  api.clock.now += 60_000

  refused(
    await api.as(SECRETARY_B2).result('binding.unbind', { memberId: INVITEE.id, reason: '换手机' }, rid('unbind')),
    'FORBIDDEN',
  )
  refused(
    await api.as(MEMBER_B1).result('binding.unbind', { memberId: INVITEE.id, reason: '换手机' }, rid('unbind')),
    'FORBIDDEN',
  )
  const after = await api
    .as(SECRETARY_B1)
    .call('binding.unbind', { memberId: INVITEE.id, reason: '更换了微信号' }, rid('unbind'))
  expect(after.bound).toBe(false)
  expect(after.version).toBe(version + 1)
  expect(after.history[0]).toMatchObject({
    field: 'binding',
    from: true,
    to: false,
    reason: '更换了微信号',
    by: { id: SECRETARY_B1 },
  })
  refused(await person.result('meeting.listMine', { when: 'upcoming' }), 'NOT_BOUND')
  expect(await person.call('session.whoami', {})).toEqual({ bound: false })
  refused(
    await api.as(SECRETARY_B1).result('binding.unbind', { memberId: INVITEE.id, reason: '再解一次' }, rid('unbind')),
    'CONFLICT',
    /还没有绑定/,
  )

  // The same WeChat binds again with a new invitation…
  const again = await invite()
  await person.call('binding.bind', { code: again.code, name: INVITEE.name, phone: INVITEE.phone }, rid('bind'))
  expect(((await person.call('session.whoami', {})) as ProfileView).member.id).toBe(INVITEE.id)
  // …and after another unbind, a different WeChat does.
  await api.as(SECRETARY_B1).call('binding.unbind', { memberId: INVITEE.id, reason: '换人使用' }, rid('unbind'))
  const third = await invite()
  const other = await newUser()
  await other.call('binding.bind', { code: third.code, name: INVITEE.name, phone: INVITEE.phone }, rid('bind'))
  expect(((await other.call('session.whoami', {})) as ProfileView).member.id).toBe(INVITEE.id)
  refused(await person.result('meeting.listMine', { when: 'upcoming' }), 'NOT_BOUND')
})

test('the development new-user login is only on the embedded host and gives a fresh identity each time', async () => {
  const a = ok(await api.main({ action: 'session.devNewUser', input: {} })) as SessionGrant
  const b = ok(await api.main({ action: 'session.devNewUser', input: {} })) as SessionGrant
  expect(a.token).not.toBe(b.token)
  expect((await api.ports.identity.identify({ sessionToken: a.token }))?.openid).toMatch(/^dev_guest_[0-9a-f]{16}$/)
  const { createMain } = await import('../../src/cloud/router')
  const { HANDLERS } = await import('../../src/cloud/actions')
  const prod = createMain({ ...api.ports, host: 'cloudbase' }, HANDLERS)
  refused(await prod({ action: 'session.devNewUser', input: {} }), 'NOT_AVAILABLE')
})

test('the QR code on the host holds the h5 address of the binding page with the code', async () => {
  api.ports.codes.setPublicUrl?.('http://127.0.0.1:4321/')
  const inv = await invite()
  const { QrCodeImage } = await import('../../src/cloud/adapters/qr-code-image')
  const qr = api.ports.codes as InstanceType<typeof QrCodeImage>
  expect(qr.target('packages/roster/pages/bind/index', `code=${inv.code}`)).toBe(
    `http://127.0.0.1:4321/#/packages/roster/pages/bind/index?code=${inv.code}`,
  )
  expect(inv.imageDataUrl).toBe(await qr.render('packages/roster/pages/bind/index', `code=${inv.code}`))
})
