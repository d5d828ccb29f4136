/**
 * 签到 (members): scan the secretary's rotating code (in WeChat) or type it (in the browser, which
 * has no scanner), or take part remotely when the meeting allows it. A scan made with no network
 * waits on the phone as 待上传 and is sent by itself when the network returns. Opened with
 * `?meetingId=`, or by a printed venue code: from WeChat's camera with `?scene=` (URL-encoded), from
 * the local host's QR with `?s=`. Whatever the in-app scanner reads goes where it belongs
 * (domain/scan-result.ts): a rotating code signs in, a venue code signs in at the venue, an
 * invitation opens the binding page, anything else is named in a message.
 */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { LocationProblem } from '../../../../components/location-problem'
import { Button } from '../../../../components/nut'
import { Empty } from '../../../../components/page-state'
import { PrivacyPrompt } from '../../../../components/privacy-prompt'
import type { SignInResult } from '../../../../domain/api/views-attendance'
import type { LocationAdvice } from '../../../../domain/location-failure'
import { readScan, SIGN_IN_PAGE, type ScanTarget } from '../../../../domain/scan-result'
import { errorMessage } from '../../../../services/api'
import { LocationError } from '../../../../services/location'
import { startOutbox } from '../../../../services/outbox'
import { MeetingSignIn } from '../../components/meeting-sign-in'
import { openPageOf, scanCode, scanMessage, submitVenueCode } from '../../sign-in-submit'
import './index.scss'

/** A printed venue code, opened from WeChat's camera or the host's QR: the position, then the same checks as a scan. */
function PrintedCode({ scene }: { scene: string }) {
  const [state, setState] = useState<{
    result?: SignInResult
    error?: string
    advice?: LocationAdvice
    busy: boolean
  }>({ busy: true })
  const go = async () => {
    setState({ busy: true })
    try {
      setState({ result: await submitVenueCode(scene, null), busy: false })
    } catch (err) {
      setState(
        err instanceof LocationError ? { advice: err.advice, busy: false } : { error: errorMessage(err), busy: false },
      )
    }
  }
  useEffect(() => {
    void go()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scene])
  return (
    <View className="signin">
      {state.busy && <Empty>正在获取位置并签到…</Empty>}
      {state.result && <MeetingSignIn meetingId={state.result.meetingId} />}
      {state.advice && (
        <View className="panel">
          <LocationProblem advice={state.advice} onRetry={go} />
        </View>
      )}
      {state.error && (
        <View className="panel">
          <Text className="signin__error" id="signin-error">
            {state.error}
          </Text>
          <Button type="primary" block onClick={go}>
            重试
          </Button>
        </View>
      )}
    </View>
  )
}

/** No meeting named: in WeChat, scan first; the code says which meeting it is. */
function ScanFirst() {
  const [target, setTarget] = useState<ScanTarget | null>(null)
  const [error, setError] = useState('')
  if (target?.kind === 'sign_in_token')
    return <MeetingSignIn meetingId={target.meetingId} pendingToken={target.token} />
  if (target?.kind === 'venue_code') return <PrintedCode scene={target.scene} />
  const scan = async () => {
    setError('')
    try {
      const scanned = await scanCode()
      if (!scanned || openPageOf(scanned)) return
      if (scanned.kind === 'sign_in_token' || scanned.kind === 'venue_code') setTarget(scanned)
      else setError(scanMessage(scanned))
    } catch (err) {
      setError(errorMessage(err))
    }
  }
  if (process.env.TARO_ENV !== 'weapp') return <Empty>没有指定会议，请从会议详情中点“签到”。</Empty>
  return (
    <View className="signin">
      <Empty>没有指定会议：请扫描书记出示的签到码或会场张贴的签到码，也可以从会议详情中点“签到”。</Empty>
      <View className="panel signin__form">
        <Button type="primary" block id="scan" onClick={scan}>
          扫描签到码
        </Button>
        {error && (
          <Text className="signin__error" id="signin-error">
            {error}
          </Text>
        )}
      </View>
    </View>
  )
}

/**
 * What the page was opened with. A printed code's scene arrives as `scene` from WeChat (URL-encoded
 * on iOS, plain on Android) or as `s` from the local host's QR; read like a scanned path, so both
 * ways in mean the same.
 */
function openedWith(params: Record<string, string | undefined>): ScanTarget | null {
  const query = params.scene !== undefined ? `scene=${params.scene}` : params.s !== undefined ? `s=${params.s}` : ''
  return query ? readScan({ path: `${SIGN_IN_PAGE}?${query}` }, []) : null
}

function Content() {
  const { params } = useRouter()
  const meetingId = params.meetingId ?? ''
  const opened = openedWith(params)
  useEffect(() => startOutbox(), [])
  if (meetingId) return <MeetingSignIn meetingId={meetingId} remoteAsked={params.remote === '1'} />
  if (opened?.kind === 'venue_code') return <PrintedCode scene={opened.scene} />
  if (opened) return <Empty>{scanMessage(opened)}</Empty>
  return <ScanFirst />
}

export default function SignInPage() {
  return (
    <>
      <Content />
      <PrivacyPrompt />
    </>
  )
}
