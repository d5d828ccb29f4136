/**
 * The browser's login page. 扫码登录: a QR for a one-time ticket bound to this browser; the member
 * scans it with WeChat and confirms on the phone, and this page collects the session. On the local
 * host the development login (choose a seeded person) stays below it, named as such. In WeChat
 * there is no login: WeChat tells the server who is calling.
 */
import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '../../components/nut'
import { Empty, ErrorState, Loading } from '../../components/page-state'
import type { DemoAccount, SessionGrant } from '../../domain/api/views'
import { MEMBER_CATEGORY_LABELS, ROLE_LABELS } from '../../domain/org'
import { pageUrl } from '../../domain/pages'
import { call, errorMessage } from '../../services/api'
import { browserAddress, clearEndedSession, endedSession, openInNewTab } from '../../services/browser-login'
import { afterLogin } from '../../services/pending-invite'
import { saveSession, usesDevLogin } from '../../services/session'
import { useApi } from '../../services/use-api'
import { useSecondsLeft, useWebLogin, type WebLoginState } from './use-web-login'
import './index.scss'

function byOrg(accounts: DemoAccount[]): [string, DemoAccount[]][] {
  const groups = new Map<string, DemoAccount[]>()
  for (const a of accounts) groups.set(a.orgName, [...(groups.get(a.orgName) ?? []), a])
  return [...groups.entries()]
}

function roleText(a: DemoAccount): string {
  const roles = a.roles.filter((r) => r !== 'member').map((r) => ROLE_LABELS[r])
  return [...roles, MEMBER_CATEGORY_LABELS[a.category]].join(' · ')
}

/** `m:ss`, e.g. 1:05. */
function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

/** The QR, its countdown and what to do; or why there is none and the way to a new one. */
function ScanLogin({ state, refresh }: { state: WebLoginState; refresh(): void }) {
  const secondsLeft = useSecondsLeft(state.step === 'waiting' ? state.pending.expiresAt : null)
  if (state.step === 'starting') return <Loading text="正在生成登录二维码…" />
  if (state.step === 'unsupported') {
    return (
      <Text className="login__problem" id="login-scan-error">
        当前地址不是安全连接（https），浏览器无法生成登录所需的密钥。请改用 https 地址打开本页。
      </Text>
    )
  }
  if (state.step === 'confirmed') {
    return (
      <Text className="login__status" id="login-confirmed">
        {state.memberName} 已在手机上确认，正在进入…
      </Text>
    )
  }
  if (state.step === 'expired' || state.step === 'failed') {
    return (
      <View className="login__stale">
        <Text className="login__problem" id={state.step === 'expired' ? 'login-expired' : 'login-scan-error'}>
          {state.step === 'expired' ? '二维码已过期，请刷新后重新扫码。' : state.message}
        </Text>
        <Button id="login-refresh" type="primary" onClick={refresh}>
          刷新二维码
        </Button>
      </View>
    )
  }
  const { pending } = state
  return (
    <View className="login__qr-box" id="login-qr-box" data-ticket={pending.ticketId}>
      <Image className="login__qr" id="login-qr" src={pending.qrImage} mode="aspectFit" />
      <Text className="login__scan-hint" id="login-scan-hint">
        请用微信扫一扫，在手机上确认登录
      </Text>
      <Text className="login__countdown" id="login-countdown">
        {secondsLeft > 0 ? `二维码 ${clock(secondsLeft)} 后过期` : '二维码即将过期…'}
      </Text>
    </View>
  )
}

/** The local host's stand-in for WeChat identity: choose a seeded person, or a new WeChat user. */
function DevLogin({ accounts, ticketId }: { accounts: DemoAccount[]; ticketId: string | null }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const phoneLink = ticketId ? browserAddress(pageUrl('webLoginConfirm', { t: ticketId })) : ''

  const enter = async (key: string, login: () => Promise<SessionGrant>) => {
    if (busy) return
    setBusy(key)
    setProblem(null)
    try {
      saveSession(await login())
      clearEndedSession()
      // Back to an invitation the person opened before logging in, else 首页.
      await afterLogin()
    } catch (err) {
      setProblem(errorMessage(err))
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className="login__dev" id="login-dev">
      <View className="login__intro">
        <Text className="login__dev-title" id="login-dev-title">
          开发登录（仅本地演示环境）
        </Text>
        <Text className="login__hint">
          本地演示环境没有真正的微信：点选一位党员即可以他的身份进入。正式环境只有上面的扫码登录。
        </Text>
        <Text className="login__hint" id="login-phone-hint">
          想体验扫码登录：在另一个浏览器标签页（最好是无痕窗口，免得两边共用登录状态）打开二维码对应的链接，由它扮演手机——在那里用下面的开发登录选一位党员，再点“确认登录”。
        </Text>
        {phoneLink && (
          <View className="login__link-row">
            <Text className="login__link" id="login-phone-link" selectable>
              {phoneLink}
            </Text>
            <Button id="login-open-phone" size="small" onClick={() => openInNewTab(phoneLink)}>
              在新标签页打开
            </Button>
          </View>
        )}
      </View>
      <View
        className="login__new"
        id="login-new-user"
        onClick={() => enter('new', () => call('session.devNewUser', {}))}
      >
        <Text className="login__name">以新微信用户身份进入</Text>
        <Text className="login__roles">{busy === 'new' ? '正在进入…' : '尚未绑定党员身份，可用邀请码绑定'}</Text>
      </View>
      {problem && (
        <Text className="login__problem" id="login-error">
          {problem}
        </Text>
      )}
      {accounts.length === 0 ? (
        <Empty>数据库里还没有演示账号。请在项目目录运行 npm start（会自动写入演示数据）后刷新本页。</Empty>
      ) : (
        byOrg(accounts).map(([orgName, people]) => (
          <View key={orgName}>
            <Text className="section-title">{orgName}</Text>
            <View className="login__list">
              {people.map((a) => (
                <View
                  key={a.memberId}
                  id={`account-${a.memberId}`}
                  className="login__account"
                  onClick={() => enter(a.memberId, () => call('session.devLogin', { memberId: a.memberId }))}
                >
                  <Text className="login__name">{a.name}</Text>
                  <Text className="login__roles">{busy === a.memberId ? '正在进入…' : roleText(a)}</Text>
                </View>
              ))}
            </View>
          </View>
        ))
      )}
    </View>
  )
}

function BrowserLogin() {
  // The development login is there only where the server offers it (the local host).
  const accounts = useApi('session.devAccounts', {})
  const { state, refresh } = useWebLogin()
  const [ended] = useState(endedSession)
  const ticketId = state.step === 'waiting' ? state.pending.ticketId : null
  return (
    <View className="login">
      <View className="login__scan" id="login-scan">
        <Text className="login__title">扫码登录</Text>
        {ended && (
          <Text className="login__problem" id="login-ended">
            {ended}
          </Text>
        )}
        <ScanLogin state={state} refresh={refresh} />
      </View>
      {accounts.data && <DevLogin accounts={accounts.data} ticketId={ticketId} />}
      {accounts.error && accounts.error.code !== 'NOT_AVAILABLE' && (
        <ErrorState error={accounts.error} onRetry={accounts.reload} />
      )}
    </View>
  )
}

export default function Login() {
  if (!usesDevLogin) {
    return <Empty>在微信中打开时，系统会自动识别你的身份，无需登录。</Empty>
  }
  return <BrowserLogin />
}
