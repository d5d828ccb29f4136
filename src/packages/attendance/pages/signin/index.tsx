/**
 * 签到 (members): scan the secretary's rotating code (in WeChat) or type it (in the browser, which
 * has no scanner), or take part remotely when the meeting allows it. A scan made with no network
 * waits on the phone as 待上传 and is sent by itself when the network returns. Opened with
 * `?meetingId=`, or by a printed venue code: from WeChat's camera with `?scene=` (URL-encoded), from
 * the local host's QR with `?s=`. Whatever the in-app scanner reads goes where it belongs
 * (domain/scan-result.ts): a rotating code signs in, a venue code signs in at the venue, an
 * invitation opens the binding page, anything else is named in a message.
 */
import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { LocationProblem } from '../../../../components/location-problem'
import { Button, Tag } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import { PrivacyPrompt } from '../../../../components/privacy-prompt'
import { HeadLine, MeetingHead } from '../../components/meeting-head'
import type { MySignInView, SignInResult } from '../../../../domain/api/views-attendance'
import {
  ATTENDANCE_STATE_LABELS,
  LEAVE_CATEGORY_LABELS,
  LEAVE_STATUS_LABELS,
  VIA_LABELS,
} from '../../../../domain/attendance'
import { beijing, formatSpan } from '../../../../domain/beijing-time'
import type { LocationAdvice } from '../../../../domain/location-failure'
import { readScan, SIGN_IN_PAGE, type ScanTarget } from '../../../../domain/scan-result'
import { PAGES } from '../../../../routes'
import { call, errorMessage, newRequestId } from '../../../../services/api'
import { LocationError } from '../../../../services/location'
import { dismissRefused, startOutbox, usePendingWrites } from '../../../../services/outbox'
import { useApi } from '../../../../services/use-api'
import { currentPlace, scanCode, submitScan, submitVenueCode, type Place } from '../../sign-in-submit'
import './index.scss'

const time = (ms: number) => beijing(ms).format('HH:mm:ss')

function SignedLine({ r }: { r: SignInResult }) {
  return (
    <View className="signin__done" id="signin-done">
      <Text className="signin__done-title">
        {r.mode === 'remote' ? (r.confirmed ? '已确认远程参会' : '已报名远程参会，待书记确认') : '已签到'}
      </Text>
      <Text>
        {VIA_LABELS[r.via]} · {time(r.signedAt)}
        {r.late ? ' · 迟到' : ''}
      </Text>
    </View>
  )
}

function Pending() {
  const { pending, refused } = usePendingWrites('attendance.signIn')
  if (pending.length === 0 && refused.length === 0) return null
  return (
    <View className="panel signin__pending" id="signin-pending">
      {pending.map((p) => (
        <View key={p.requestId} className="signin__pending-row">
          <Tag type="warning">待上传</Tag>
          <Text>
            {p.label}（扫码于 {time(p.queuedAt)}）：网络不通，已保存在手机上，联网后自动上传（离线补传）
          </Text>
        </View>
      ))}
      {refused.map((r) => (
        <View key={r.requestId} className="signin__pending-row">
          <Tag type="danger">未被接受</Tag>
          <Text className="signin__refused">
            {r.label}：{r.message}
          </Text>
          <Button size="small" fill="none" onClick={() => dismissRefused(r.requestId)}>
            知道了
          </Button>
        </View>
      ))}
    </View>
  )
}

/** Opens the page an invitation or another page of this app leads to; false for anything else. */
function openPageOf(target: ScanTarget): boolean {
  if (target.kind === 'invitation') {
    void Taro.navigateTo({ url: `${PAGES.bind}?code=${target.code}` })
    return true
  }
  if (target.kind === 'app_page') {
    const page = target.url.split('?')[0]
    const tabs: string[] = [PAGES.home, PAGES.meetings, PAGES.me]
    void (tabs.includes(page) ? Taro.switchTab({ url: page }) : Taro.navigateTo({ url: target.url }))
    return true
  }
  return false
}

/** What the scanner read that is not for signing in here, in words. */
function scanMessage(target: ScanTarget): string {
  return target.kind === 'unknown' ? target.message : '没有读到内容，请对准签到码重新扫描。'
}

/** A position that could not be had, and what to run again once it is fixed. */
interface Problem {
  advice: LocationAdvice
  retry: () => void
}

function SignIn({ me, reload, pendingToken }: { me: MySignInView; reload: () => void; pendingToken?: string }) {
  const [token, setToken] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [problem, setProblem] = useState<Problem | null>(null)
  const [done, setDone] = useState<SignInResult | null>(me.record)
  useEffect(() => setDone(me.record), [me.record])
  // A scan waiting in the outbox for this meeting: no second scan; when it is sent, show the result.
  const { pending } = usePendingWrites('attendance.signIn')
  const waiting = pending.some((p) => (p.input as { meetingId?: string }).meetingId === me.meetingId)
  const wasWaiting = useRef(waiting)
  useEffect(() => {
    if (wasWaiting.current && !waiting) reload()
    wasWaiting.current = waiting
  }, [waiting, reload])

  const open = me.phase !== 'cancelled' && me.role !== 'none'
  const begin = () => {
    setBusy(true)
    setError('')
    setProblem(null)
  }
  const failed = (err: unknown, retry: () => void) => {
    if (err instanceof LocationError) setProblem({ advice: err.advice, retry })
    else setError(errorMessage(err))
  }
  const placeIfNeeded = (): Promise<Place | null> => (me.requiresLocation ? currentPlace() : Promise.resolve(null))

  const signInWith = async (value: string, location: Place | null) => {
    const outcome = await submitScan(me, value, location)
    setToken('')
    if (outcome.kind === 'queued') {
      Taro.showToast({ title: '网络不通，签到已保存，联网后自动上传', icon: 'none' })
    } else {
      setDone(outcome.result)
      Taro.showToast({ title: outcome.result.created ? '签到成功' : '你已签到过', icon: 'none' })
      reload()
    }
  }

  const atVenue = async (scene: string, location: Place | null) => {
    const result = await submitVenueCode(scene, location)
    Taro.showToast({ title: result.created ? '签到成功' : '你已签到过', icon: 'none' })
    // The venue code of another meeting signs in there: show that meeting.
    if (result.meetingId !== me.meetingId) {
      await Taro.redirectTo({ url: `${PAGES.signIn}?meetingId=${result.meetingId}` })
      return
    }
    setDone(result)
    reload()
  }

  /** A typed code (browser), or one scanned before this meeting was known. */
  const send = async (value: string) => {
    if (busy) return
    if (!value.trim()) {
      setError('请扫描或输入签到码')
      return
    }
    begin()
    try {
      await signInWith(value, await placeIfNeeded())
    } catch (err) {
      failed(err, () => void send(value))
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    if (busy) return
    begin()
    try {
      // The position first: fixing it may take a while, and a rotating code lasts only 20 seconds.
      const location = await placeIfNeeded()
      const target = await scanCode()
      if (!target || openPageOf(target)) return
      if (target.kind === 'sign_in_token') await signInWith(target.token, location)
      else if (target.kind === 'venue_code') await atVenue(target.scene, location)
      else setError(scanMessage(target))
    } catch (err) {
      failed(err, () => void scan())
    } finally {
      setBusy(false)
    }
  }

  const carried = useRef(pendingToken)
  useEffect(() => {
    if (!carried.current || me.record) return
    const value = carried.current
    carried.current = undefined
    void send(value)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const remote = async () => {
    begin()
    try {
      const r = await call('attendance.remoteRequest', { meetingId: me.meetingId }, { requestId: newRequestId() })
      setDone(r)
      reload()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const signedInPerson = done !== null && done.mode === 'in_person'
  return (
    <View className="signin">
      <MeetingHead titleId="signin-title" title={me.title}>
        <HeadLine>
          {formatSpan(me.startAt, me.endAt)} · {me.place}
        </HeadLine>
        <HeadLine>
          签到时间：{beijing(me.opensAt).format('HH:mm')} 至 {beijing(me.closesAt).format('HH:mm')}
          {me.requiresLocation ? ` · 须在「${me.placeLabel}」范围内` : ''}
        </HeadLine>
        <View className="signin__state">
          <Tag type={me.state === 'present' || me.state === 'remote' ? 'success' : 'default'} id="signin-state">
            {me.role === 'guest' ? '列席 · ' : ''}
            {ATTENDANCE_STATE_LABELS[me.state] === '缺席' ? '未签到' : ATTENDANCE_STATE_LABELS[me.state]}
          </Tag>
        </View>
      </MeetingHead>

      {me.role === 'none' && <Empty>你不在本次会议的参会或列席名单中；如需参加，请联系支部书记。</Empty>}
      {me.phase === 'cancelled' && <Empty>这次会议已取消。</Empty>}
      {done && <SignedLine r={done} />}
      <Pending />

      {open && !signedInPerson && !waiting && (
        <View className="panel signin__form">
          <Text className="signin__label">扫码签到</Text>
          {process.env.TARO_ENV === 'weapp' ? (
            <Button type="primary" block id="scan" loading={busy} onClick={scan}>
              扫描签到码
            </Button>
          ) : (
            <>
              <Text className="signin__hint">浏览器不能扫码：请输入书记手机上签到码下方显示的文字。</Text>
              <Input
                id="token-input"
                className="signin__input"
                value={token}
                placeholder="签到码，如 S1.…"
                onInput={(e) => setToken(e.detail.value)}
              />
              <Button type="primary" block id="submit-token" loading={busy} onClick={() => send(token)}>
                签到
              </Button>
            </>
          )}
          {error && (
            <Text className="signin__error" id="signin-error">
              {error}
            </Text>
          )}
          {problem && <LocationProblem advice={problem.advice} onRetry={problem.retry} />}
        </View>
      )}

      {open && me.allowRemote && !done && (
        <View className="panel signin__remote" id="remote-panel">
          <Text className="signin__label">远程参会</Text>
          {me.videoLink && <Text selectable>视频会议：{me.videoLink}</Text>}
          <Text className="signin__hint">不能到会场时可远程参加，由书记在会上确认后计为远程出席（不计为现场）。</Text>
          <Button block id="remote-request" loading={busy} onClick={remote}>
            我将远程参会
          </Button>
        </View>
      )}

      {me.leave && (
        <View className="panel" id="my-leave">
          <Text>
            请假（{LEAVE_CATEGORY_LABELS[me.leave.category]}）：{LEAVE_STATUS_LABELS[me.leave.status]}
            {me.leave.decisionNote ? ` · ${me.leave.decisionNote}` : ''}
          </Text>
        </View>
      )}
      {open && !done && me.phase === 'upcoming' && (
        <View className="actions">
          <Button
            block
            fill="outline"
            id="ask-leave"
            onClick={() => Taro.navigateTo({ url: `${PAGES.leave}?meetingId=${me.meetingId}` })}
          >
            {me.leave ? '查看或修改请假' : '不能参加？请假'}
          </Button>
        </View>
      )}
    </View>
  )
}

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

function MeetingSignIn({ meetingId, pendingToken }: { meetingId: string; pendingToken?: string }) {
  const me = useApi('attendance.mine', { meetingId })
  return <Loaded state={me}>{(m) => <SignIn me={m} reload={me.reload} pendingToken={pendingToken} />}</Loaded>
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
  if (meetingId) return <MeetingSignIn meetingId={meetingId} />
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
