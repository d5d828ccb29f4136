/**
 * 签到码 (organizers): a QR code that changes every 20 seconds, with its text (`#signin-token`) and
 * a countdown. The secret is fetched once (attendance.openCode, which also freezes the participant
 * list) and kept on this phone, so the code keeps rotating with no network. Live counts below.
 */
import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import qrcode from 'qrcode-generator'
import { useEffect, useMemo, useState } from 'react'
import { Button } from '../../../../components/nut'
import { Empty, ErrorState, Loading } from '../../../../components/page-state'
import type { AttendanceBoard } from '../../../../domain/api/views-attendance'
import { signInToken, windowEndsAt } from '../../../../domain/attendance-token'
import { beijing } from '../../../../domain/beijing-time'
import { ApiCallError, call, newRequestId } from '../../../../services/api'
import { useDeskLayout } from '../../../../services/desk-media'
import { enterFullscreen, fullscreenAvailable, leaveFullscreen, useFullscreen } from '../../../../services/fullscreen'
import { loadCode, saveCode, type CachedCode } from '../../code-cache'
import { usePolling } from '../../use-polling'
import { navigate } from '../../../../services/navigation'
import './index.scss'

function qrDataUrl(text: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(8, 2)
}

function RotatingCode({ cached, online }: { cached: CachedCode; online: boolean }) {
  const { code, offset } = cached
  const [now, setNow] = useState(() => Date.now() + offset)
  const [board, setBoard] = useState<AttendanceBoard | null>(null)
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now() + offset), 500)
    return () => clearInterval(t)
  }, [offset])
  const refreshBoard = () => {
    call('attendance.board', { meetingId: code.meetingId }).then(setBoard, () => undefined)
  }
  useEffect(refreshBoard, [code.meetingId])
  usePolling(refreshBoard, 4000)

  const token = signInToken(code.secret, code.meetingId, now)
  const image = useMemo(() => qrDataUrl(token), [token])
  const left = Math.ceil((windowEndsAt(now) - now) / 1000)
  const closed = now > code.closesAt
  const notYet = now < code.opensAt
  // At a desk the code sits beside the counts, sized to the screen; full screen for a projector.
  const desk = useDeskLayout()
  const projecting = useFullscreen()
  const toggleFullscreen = () => {
    const done = projecting ? leaveFullscreen() : enterFullscreen('signin-code')
    done.catch(() => Taro.showToast({ title: '浏览器未允许全屏，可按 F11 全屏', icon: 'none' }))
  }
  return (
    <View className={`code${desk ? ' code--desk' : ''}${projecting ? ' code--projector' : ''}`} id="signin-code">
      <Text className="code__title" id="code-title">
        {code.title}
      </Text>
      <Text className="code__meta">
        签到时间 {beijing(code.opensAt).format('HH:mm')}–{beijing(code.closesAt).format('HH:mm')}
        {code.place ? ` · 须在「${code.place.label}」${code.place.radius} 米内` : ''}
      </Text>
      {closed ? (
        <Empty>会议已经结束，签到已关闭。未签到的同志可在签到看板上代为登记。</Empty>
      ) : (
        <View className="code__card">
          <Image className="code__qr" src={image} mode="aspectFit" id="signin-qr" />
          <Text className="code__countdown" id="signin-countdown">
            {left} 秒后更换
          </Text>
          <Text className="code__token" id="signin-token" selectable>
            {token}
          </Text>
          {notYet && (
            <Text className="code__note">
              签到将于 {beijing(code.opensAt).format('HH:mm')} 开放，现在扫码会被拒绝。
            </Text>
          )}
          {!online && <Text className="code__note">当前离线：签到码照常更换，党员扫码后联网补传。</Text>}
        </View>
      )}
      {board && (
        <View className="code__counts" id="code-counts">
          <Text>应到 {board.expected}</Text>
          <Text>实到 {board.present}</Text>
          <Text>请假 {board.onLeave}</Text>
          <Text>迟到 {board.late}</Text>
        </View>
      )}
      <View className="actions code__actions">
        {fullscreenAvailable && desk && (
          <Button block type="primary" id="code-fullscreen" className="code__fullscreen" onClick={toggleFullscreen}>
            {projecting ? '退出全屏（Esc）' : '全屏（投影）'}
          </Button>
        )}
        <Button
          block
          type="primary"
          fill="outline"
          id="open-board"
          onClick={() => navigate('attendanceBoard', { meetingId: code.meetingId })}
        >
          签到看板
        </Button>
      </View>
    </View>
  )
}

export default function SignInCodePage() {
  const { params } = useRouter()
  const meetingId = params.meetingId ?? ''
  const [cached, setCached] = useState<CachedCode | null>(() => (meetingId ? loadCode(meetingId) : null))
  const [online, setOnline] = useState(true)
  const [error, setError] = useState<ApiCallError | null>(null)
  const fetchCode = () => {
    if (!meetingId) return
    setError(null)
    call('attendance.openCode', { meetingId }, { requestId: newRequestId() }).then(
      (code) => {
        setOnline(true)
        setCached(saveCode(code, Date.now()))
      },
      (err: unknown) => {
        const e = err instanceof ApiCallError ? err : new ApiCallError('INTERNAL', '出了点问题，请稍后重试。')
        if (e.code === 'NETWORK') setOnline(false)
        setError(e)
      },
    )
  }
  useEffect(fetchCode, [meetingId])
  if (!meetingId) return <Empty>没有指定会议，请从会议详情中点“签到码”。</Empty>
  // With the secret on the phone, a network failure does not stop the code.
  if (cached) return <RotatingCode cached={cached} online={online} />
  if (error) return <ErrorState error={error} onRetry={fetchCode} />
  return <Loading text="正在取得签到码…" />
}
