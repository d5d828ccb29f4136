/**
 * 网页版登录: my browser sessions (browser, place, 登录时间, 最近使用; the one asking marked 当前), each
 * with 退出, which ends it at once (that browser's next call is refused). In WeChat, 扫一扫 reads a
 * browser's login QR and opens the confirm page.
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button, Tag } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import type { WebSessionView } from '../../../../domain/api/views-weblogin'
import { beijing } from '../../../../domain/beijing-time'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import { scanLoginCode } from '../../scan-login'
import './index.scss'

const when = (ms: number) => beijing(ms).format('YYYY-MM-DD HH:mm')

function SessionRow({ session, busy, onRevoke }: { session: WebSessionView; busy: boolean; onRevoke(): void }) {
  return (
    <View className="panel web-sessions__row" id={`web-session-${session.sessionId}`}>
      <View className="web-sessions__head">
        <Text className="web-sessions__browser">{session.browser}</Text>
        {session.current && (
          <Tag type="primary" className="web-sessions__current">
            当前
          </Tag>
        )}
      </View>
      <Text className="web-sessions__line">位置：{session.place}</Text>
      <Text className="web-sessions__line">登录时间：{when(session.createdAt)}</Text>
      <Text className="web-sessions__line">最近使用：{when(session.lastSeenAt)}</Text>
      <View className="web-sessions__actions">
        <Button
          id={`revoke-${session.sessionId}`}
          size="small"
          type="primary"
          fill="outline"
          loading={busy}
          onClick={onRevoke}
        >
          退出
        </Button>
      </View>
    </View>
  )
}

/** WeChat's scanner for a browser's login QR; nothing in the browser, which has no scanner. */
function ScanButton() {
  const [problem, setProblem] = useState('')
  if (process.env.TARO_ENV !== 'weapp') return null
  const scan = async () => {
    setProblem('')
    setProblem(await scanLoginCode())
  }
  return (
    <View className="actions">
      <Button id="scan-web-login" type="primary" block onClick={scan}>
        扫一扫，登录电脑上的网页版
      </Button>
      {problem && (
        <Text className="web-sessions__problem" id="scan-error">
          {problem}
        </Text>
      )}
    </View>
  )
}

export default function WebSessionsPage() {
  const sessions = useApi('webLogin.sessions', {})
  const revoke = useWrite('webLogin.revoke')
  const [revoking, setRevoking] = useState<string | null>(null)
  const [note, setNote] = useState('')

  const end = async (s: WebSessionView) => {
    setRevoking(s.sessionId)
    setNote('')
    const outcome = await revoke.run({ sessionId: s.sessionId })
    setRevoking(null)
    if (outcome.status === 'done') {
      setNote(`已退出 ${s.browser} 的登录，这个浏览器需要重新扫码才能使用。`)
      sessions.reload()
    }
  }

  return (
    <View className="web-sessions">
      <Text className="web-sessions__intro">
        在电脑浏览器打开网页版，用微信扫码即可登录。下面是仍在登录的浏览器；不认识或不再使用的，请点“退出”。闲置 12
        小时的登录会自动失效。
      </Text>
      <ScanButton />
      {note && (
        <Text className="web-sessions__note" id="web-sessions-note">
          {note}
        </Text>
      )}
      {revoke.message && (
        <Text className="web-sessions__problem" id="web-sessions-error">
          {revoke.message}
        </Text>
      )}
      <Loaded state={sessions}>
        {(list) =>
          list.length === 0 ? (
            <Empty>现在没有在电脑上登录的网页版。需要时，在电脑浏览器打开网页版，用微信扫一扫页面上的二维码。</Empty>
          ) : (
            <View id="web-sessions-list">
              {list.map((s) => (
                <SessionRow
                  key={s.sessionId}
                  session={s}
                  busy={revoking === s.sessionId}
                  onRevoke={() => void end(s)}
                />
              ))}
            </View>
          )
        }
      </Loaded>
    </View>
  )
}
