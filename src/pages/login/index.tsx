/**
 * Development login of the browser build: choose a seeded person. In WeChat there is no login:
 * WeChat tells the server who is calling.
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Empty, Loaded } from '../../components/page-state'
import type { DemoAccount } from '../../domain/api/views'
import { MEMBER_CATEGORY_LABELS, ROLE_LABELS } from '../../domain/org'
import { call, errorMessage } from '../../services/api'
import { saveSession, usesDevLogin } from '../../services/session'
import { useApi } from '../../services/use-api'
import { redirect } from '../../services/navigation'
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

export default function Login() {
  const accounts = useApi('session.devAccounts', usesDevLogin ? {} : null)
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  const choose = async (a: DemoAccount) => {
    if (busy) return
    setBusy(a.memberId)
    setProblem(null)
    try {
      saveSession(await call('session.devLogin', { memberId: a.memberId }))
      await redirect('home')
    } catch (err) {
      setProblem(errorMessage(err))
    } finally {
      setBusy(null)
    }
  }

  const enterAsNewUser = async () => {
    if (busy) return
    setBusy('new')
    setProblem(null)
    try {
      saveSession(await call('session.devNewUser', {}))
      await redirect('home')
    } catch (err) {
      setProblem(errorMessage(err))
    } finally {
      setBusy(null)
    }
  }

  if (!usesDevLogin) {
    return <Empty>在微信中打开时，系统会自动识别你的身份，无需登录。</Empty>
  }
  return (
    <View className="login">
      <View className="login__intro">
        <Text className="login__title">选择演示账号</Text>
        <Text className="login__hint">
          这是本地演示环境：点选一位党员即可以他的身份进入。正式使用时在微信中打开，身份由微信自动识别。
        </Text>
      </View>
      <View className="login__new" id="login-new-user" onClick={enterAsNewUser}>
        <Text className="login__name">以新微信用户身份进入</Text>
        <Text className="login__roles">{busy === 'new' ? '正在进入…' : '尚未绑定党员身份，可用邀请码绑定'}</Text>
      </View>
      {problem && (
        <Text className="login__problem" id="login-error">
          {problem}
        </Text>
      )}
      <Loaded state={accounts}>
        {(list) =>
          list.length === 0 ? (
            <Empty>数据库里还没有演示账号。请在项目目录运行 npm start（会自动写入演示数据）后刷新本页。</Empty>
          ) : (
            byOrg(list).map(([orgName, people]) => (
              <View key={orgName}>
                <Text className="section-title">{orgName}</Text>
                <View className="login__list">
                  {people.map((a) => (
                    <View
                      key={a.memberId}
                      id={`account-${a.memberId}`}
                      className="login__account"
                      onClick={() => choose(a)}
                    >
                      <Text className="login__name">{a.name}</Text>
                      <Text className="login__roles">{busy === a.memberId ? '正在进入…' : roleText(a)}</Text>
                    </View>
                  ))}
                </View>
              </View>
            ))
          )
        }
      </Loaded>
    </View>
  )
}
