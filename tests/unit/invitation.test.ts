import {
  bindAnswerMatches,
  INVITE_ALPHABET,
  INVITE_TTL_MS,
  inviteCodeFromHex,
  invitationState,
  isInviteCode,
  maskName,
  newInvitation,
  phoneDigits,
} from '../../src/domain/invitation'
import { maskPhone } from '../../src/domain/org'

test('the alphabet has 32 characters and none that are easily mistaken', () => {
  expect(new Set(INVITE_ALPHABET).size).toBe(32)
  expect(INVITE_ALPHABET).not.toMatch(/[01OI]/)
})

test('codes are 8 characters derived from 40 bits of a hex id: the same id, the same code', () => {
  expect(inviteCodeFromHex('0000000000')).toBe('22222222')
  expect(inviteCodeFromHex('ffffffffff')).toBe('ZZZZZZZZ')
  const a = inviteCodeFromHex('3fa2c91b7e00112233')
  expect(a).toBe(inviteCodeFromHex('3fa2c91b7e99999999'))
  expect(isInviteCode(a)).toBe(true)
  expect(inviteCodeFromHex('3fa2c91b7f')).not.toBe(a)
  expect(isInviteCode('ABCDEFG1')).toBe(false)
  expect(() => inviteCodeFromHex('xyz')).toThrow()
  const codes = new Set(
    Array.from({ length: 1000 }, (_, i) => inviteCodeFromHex((i * 7919 * 104729).toString(16).padStart(10, '0'))),
  )
  expect(codes.size).toBe(1000)
})

test('names are masked to be recognisable but not harvestable', () => {
  expect(maskName('张建国')).toBe('张*国')
  expect(maskName('徐静')).toBe('徐*')
  expect(maskName('欧阳娜娜')).toBe('欧**娜')
  expect(maskName(' 李 ')).toBe('李*')
  expect(maskName('𠀋丽华')).toBe('𠀋*华')
})

test('an invitation is valid until used, revoked or 7 days old', () => {
  const inv = newInvitation({ memberId: 'm', branchId: 'b', createdBy: 's', createdAt: 0 })
  expect(inv).toMatchObject({ expiresAt: INVITE_TTL_MS, usedAt: null, revokedAt: null, revokedReason: null })
  expect(invitationState(inv, INVITE_TTL_MS - 1)).toBe('valid')
  expect(invitationState(inv, INVITE_TTL_MS)).toBe('expired')
  expect(invitationState({ ...inv, usedAt: 5 }, 10)).toBe('used')
  expect(invitationState({ ...inv, usedAt: 5, revokedAt: 6 }, 10)).toBe('revoked')
})

test('binding asks the full phone number: what the masked number shows is never enough', () => {
  const member = { name: '郭子涵', phone: '13800001555' }
  expect(bindAnswerMatches(member, { name: ' 郭子涵 ', phone: '13800001555' })).toBe(true)
  expect(bindAnswerMatches(member, { name: '郭子涵', phone: '+86 138-0000-1555' })).toBe(true)
  expect(bindAnswerMatches(member, { name: '郭子函', phone: '13800001555' })).toBe(false)
  expect(bindAnswerMatches(member, { name: '郭子涵', phone: '13899991555' })).toBe(false)
  // The digits the mask shows, alone or as the old last four, do not match.
  const shown = maskPhone(member.phone).replace(/\*/g, '')
  expect(shown).toBe('1381555')
  for (const phone of [shown, '1555', '']) expect(bindAnswerMatches(member, { name: '郭子涵', phone })).toBe(false)
  expect(bindAnswerMatches({ name: '郭子涵', phone: '' }, { name: '郭子涵', phone: '' })).toBe(false)
})

test('phone numbers are read without spaces, dashes or the +86 prefix', () => {
  expect(phoneDigits('138 0000 1555')).toBe('13800001555')
  expect(phoneDigits('+8613800001555')).toBe('13800001555')
  expect(phoneDigits('8613800001555')).toBe('13800001555')
  expect(phoneDigits('1555')).toBe('1555')
})
