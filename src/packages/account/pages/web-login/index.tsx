/**
 * 扫码登录 on the phone: what is asking to log in (browser, time, approximate place), a warning, and
 * 确认登录 or 拒绝. Opened by WeChat's scan of the mini-program code (`scene` = `w=<ticketId>`), by
 * the local host's QR (`t=<ticketId>`), or from a scan inside the app. 拒绝 writes nothing: the
 * ticket simply runs out.
 */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import type { WebLoginTicketView } from '../../../../domain/api/views-weblogin'
import { beijing } from '../../../../domain/beijing-time'
import { webLoginTicket } from '../../../../domain/scan-result'
import { WEB_LOGIN_MESSAGES } from '../../../../domain/web-login'
import { navigate, redirect } from '../../../../services/navigation'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import './index.scss'

const ALREADY_CONFIRMED =
  '这个登录二维码已经确认过了，不能再次确认。如果不是你本人操作，请在电脑上刷新二维码，并在“我的 › 网页版登录”中退出不认识的登录。'

const when = (ms: number) => beijing(ms).format('YYYY年MM月DD日 HH:mm:ss')

/** What is asking: the browser, when, and from where. */
function Asking({ ticket }: { ticket: WebLoginTicketView }) {
  return (
    <View className="panel web-login__facts" id="web-login-facts">
      <View className="web-login__fact">
        <Text className="web-login__label">浏览器</Text>
        <Text className="web-login__value" id="web-login-browser">
          {ticket.browser}
        </Text>
      </View>
      <View className="web-login__fact">
        <Text className="web-login__label">时间</Text>
        <Text className="web-login__value" id="web-login-time">
          {when(ticket.createdAt)}
        </Text>
      </View>
      <View className="web-login__fact">
        <Text className="web-login__label">大致位置</Text>
        <Text className="web-login__value" id="web-login-place">
          {ticket.place}
        </Text>
      </View>
    </View>
  )
}

/** A ticket that can no longer be confirmed: why, in the server's words, and the way on. */
function Closed({ message }: { message: string }) {
  return (
    <View className="web-login">
      <View className="panel">
        <Text className="web-login__problem" id="web-login-closed">
          {message}
        </Text>
      </View>
      <View className="actions">
        <Button id="web-login-home" block onClick={() => redirect('home')}>
          返回首页
        </Button>
      </View>
    </View>
  )
}

function Confirm({ ticketId }: { ticketId: string }) {
  const ticket = useApi('webLogin.inspect', { ticketId })
  const confirm = useWrite('webLogin.confirm')
  const [outcome, setOutcome] = useState<'confirmed' | 'declined' | null>(null)

  const onConfirm = async () => {
    const done = await confirm.run({ ticketId })
    if (done.status === 'done') setOutcome('confirmed')
  }

  if (outcome === 'confirmed') {
    return (
      <View className="web-login">
        <View className="panel web-login__done" id="web-login-confirmed">
          <Text className="web-login__title">已确认登录</Text>
          <Text className="web-login__hint">
            电脑上的网页会在几秒内自动进入。用完后可在“我的 › 网页版登录”中退出这台电脑的登录。
          </Text>
        </View>
        <View className="actions">
          <Button id="go-web-sessions" type="primary" block onClick={() => redirect('webSessions')}>
            查看网页版登录
          </Button>
        </View>
      </View>
    )
  }
  if (outcome === 'declined') {
    return (
      <View className="web-login">
        <View className="panel web-login__done" id="web-login-declined">
          <Text className="web-login__title">已拒绝</Text>
          <Text className="web-login__hint">
            电脑上的网页不会登录，这个二维码 2
            分钟后自动作废。如果不是你本人发起的，不必再做什么；你的账号没有任何变化。
          </Text>
        </View>
        <View className="actions">
          <Button id="web-login-home" block onClick={() => redirect('home')}>
            返回首页
          </Button>
        </View>
      </View>
    )
  }
  return (
    <Loaded state={ticket}>
      {(t) => {
        if (t.state === 'expired') return <Closed message={WEB_LOGIN_MESSAGES.expiredTicket} />
        if (t.state === 'used') return <Closed message={WEB_LOGIN_MESSAGES.usedTicket} />
        if (t.state === 'confirmed') return <Closed message={ALREADY_CONFIRMED} />
        // A refusal other than a lost network ends this ticket here: confirming again cannot help.
        const refused = confirm.error && confirm.error.code !== 'NETWORK' && confirm.error.code !== 'INTERNAL'
        return (
          <View className="web-login">
            <Text className="web-login__title web-login__head">有电脑正在请求登录你的账号</Text>
            <Asking ticket={t} />
            <View className="panel web-login__warning" id="web-login-warning">
              <Text>只有在你本人正在电脑前登录时才确认；如果不是你发起的，请点拒绝。</Text>
            </View>
            {confirm.message && (
              <View className="panel">
                <Text className="web-login__problem" id="web-login-error">
                  {confirm.message}
                </Text>
              </View>
            )}
            <View className="actions web-login__buttons">
              {!refused && (
                <Button id="web-login-confirm" type="primary" block loading={confirm.busy} onClick={onConfirm}>
                  确认登录
                </Button>
              )}
              {confirm.error?.code === 'NOT_BOUND' && (
                <Button id="go-bind" type="primary" block onClick={() => navigate('bind')}>
                  输入邀请码绑定
                </Button>
              )}
              {refused ? (
                <Button id="web-login-home" block onClick={() => redirect('home')}>
                  返回首页
                </Button>
              ) : (
                <Button id="web-login-decline" block disabled={confirm.busy} onClick={() => setOutcome('declined')}>
                  拒绝
                </Button>
              )}
            </View>
          </View>
        )
      }}
    </Loaded>
  )
}

export default function WebLoginConfirmPage() {
  const { params } = useRouter()
  const opened = webLoginTicket({ t: params.t, scene: params.scene })
  if (opened.kind === 'none') {
    return <Empty>没有收到登录二维码。请在电脑上打开网页版，用微信“扫一扫”扫描页面上的二维码。</Empty>
  }
  if (opened.kind === 'unknown') return <Empty>{opened.message}</Empty>
  return <Confirm ticketId={opened.ticketId} />
}
