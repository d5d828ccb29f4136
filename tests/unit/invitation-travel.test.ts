import { invitationMessage, isLoopbackUrl } from '../../src/domain/invitation'

test('isLoopbackUrl names this computer’s own addresses only', () => {
  for (const url of [
    'http://127.0.0.1:10086/#/p',
    'http://127.8.0.1/',
    'http://localhost:10086',
    'http://[::1]:10086/',
  ]) {
    expect(isLoopbackUrl(url)).toBe(true)
  }
  for (const url of [
    'http://192.168.1.20:10086/#/p',
    'https://party.example.org/',
    'http://127.0.0.1.example.org/',
    'not a url',
  ]) {
    expect(isLoopbackUrl(url)).toBe(false)
  }
})

test('invitationMessage carries the code, the expiry and, where there is one, the link', () => {
  const base = { memberName: '郭子涵', branchName: '第一党支部', code: 'K7Q2M9XA', expiresText: '2026年11月29日 10:00' }
  const withLink = invitationMessage({ ...base, link: 'http://192.168.1.20:10086/#/bind?code=K7Q2M9XA' })
  expect(withLink).toBe(
    '第一党支部邀请郭子涵绑定微信：请打开链接 http://192.168.1.20:10086/#/bind?code=K7Q2M9XA ，或输入邀请码 K7Q2M9XA。2026年11月29日 10:00前有效，只能使用一次；绑定时需填写姓名和在支部登记的完整手机号。',
  )
  expect(invitationMessage({ ...base, link: null })).toContain('请在微信中打开本支部的小程序，输入邀请码 K7Q2M9XA。')
})
