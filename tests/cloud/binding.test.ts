/**
 * Binding a WeChat user to a member, through the real router on the embedded store: the
 * secretary's invitation, the invited person's preview and binding with name and phone, what they
 * reach afterwards, and every way an invitation stops working.
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
const INVITEE = { id: 'm_b1_16', name: '郭子涵', last4: '1555' }
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

  const wrongName = await person.result(
    'binding.bind',
    { code: inv.code, name: '郭子函', phoneLast4: '1555' },
    rid('bind'),
  )
  refused(wrongName, 'VALIDATION_FAILED', /姓名.*还可以再试 4 次/)
  expect(!wrongName.ok && wrongName.error.fields?.map((f) => f.field)).toEqual(['name'])
  const wrongPhone = await person.result(
    'binding.bind',
    { code: inv.code, name: '郭子涵', phoneLast4: '0000' },
    rid('bind'),
  )
  refused(wrongPhone, 'VALIDATION_FAILED', /手机号后四位.*还可以再试 3 次/)
  expect(!wrongPhone.ok && wrongPhone.error.fields?.map((f) => f.field)).toEqual(['phoneLast4'])
  expect(await api.ports.store.get(`invitations`, inv.code)).toMatchObject({ failedAttempts: 2, usedAt: null })
  expect(await api.ports.store.count('bindings', [{ field: 'memberId', op: 'eq', value: INVITEE.id }])).toBe(0)

  const profile = await person.call(
    'binding.bind',
    { code: inv.code, name: ' 郭子涵 ', phoneLast4: '1555' },
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
  const bindInput = { code: inv.code, name: INVITEE.name, phoneLast4: INVITEE.last4 }
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
    await person.result(
      'binding.bind',
      { code: second.code, name: m15.name, phoneLast4: m15.phone.slice(-4) },
      rid('bind'),
    ),
    'CONFLICT',
    /已经绑定.*解除/,
  )
  // An already bound demo account cannot bind either.
  refused(
    await api
      .as(MEMBER_B1)
      .result('binding.bind', { code: second.code, name: m15.name, phoneLast4: m15.phone.slice(-4) }, rid('bind')),
    'CONFLICT',
  )
  expect(await api.ports.store.count('bindings')).toBe(before)
})

test('five failed checks revoke the invitation; a retried request is not counted twice', async () => {
  const inv = await invite()
  const person = await newUser()
  const wrong = { code: inv.code, name: INVITEE.name, phoneLast4: '9999' }
  refused(await person.result('binding.bind', wrong, 'req-wrong-same'), 'VALIDATION_FAILED', /4 次/)
  refused(await person.result('binding.bind', wrong, 'req-wrong-same'), 'VALIDATION_FAILED', /4 次/)
  for (const left of [3, 2, 1]) {
    refused(await person.result('binding.bind', wrong, rid('wrong')), 'VALIDATION_FAILED', new RegExp(`${left} 次`))
  }
  const last = await person.result('binding.bind', wrong, rid('wrong'))
  refused(last, 'VALIDATION_FAILED', /已作废.*书记重新生成/)
  expect(await api.ports.store.get('invitations', inv.code)).toMatchObject({
    failedAttempts: 5,
    revokedReason: 'attempts',
  })
  // Now even the right answer is refused, and the code reads as unknown.
  refused(
    await person.result('binding.bind', { ...wrong, phoneLast4: INVITEE.last4 }, rid('bind')),
    'NOT_FOUND',
    /作废.*书记/,
  )
  refused(await person.result('invite.preview', { code: inv.code }), 'NOT_FOUND')
  // A new invitation works.
  const fresh = await invite()
  await person.call('binding.bind', { ...wrong, code: fresh.code, phoneLast4: INVITEE.last4 }, rid('bind'))
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
    await person.result(
      'binding.bind',
      { code: newer.code, name: INVITEE.name, phoneLast4: INVITEE.last4 },
      rid('bind'),
    ),
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
  await person.call('binding.bind', { code: inv.code, name: INVITEE.name, phoneLast4: INVITEE.last4 }, rid('bind'))
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
  await person.call('binding.bind', { code: again.code, name: INVITEE.name, phoneLast4: INVITEE.last4 }, rid('bind'))
  expect(((await person.call('session.whoami', {})) as ProfileView).member.id).toBe(INVITEE.id)
  // …and after another unbind, a different WeChat does.
  await api.as(SECRETARY_B1).call('binding.unbind', { memberId: INVITEE.id, reason: '换人使用' }, rid('unbind'))
  const third = await invite()
  const other = await newUser()
  await other.call('binding.bind', { code: third.code, name: INVITEE.name, phoneLast4: INVITEE.last4 }, rid('bind'))
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
