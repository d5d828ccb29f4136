/**
 * 签到 of one meeting for a member: the rotating code scanned in WeChat (typed in the browser), a
 * venue code scanned in the app, remote attendance, and the leave request before the meeting.
 */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { TextInput } from '../../../components/form-fields'
import { LocationProblem } from '../../../components/location-problem'
import { Button, Tag } from '../../../components/nut'
import { Empty, Loaded } from '../../../components/page-state'
import type { MySignInView, SignInResult } from '../../../domain/api/views-attendance'
import { ATTENDANCE_STATE_LABELS, LEAVE_CATEGORY_LABELS, LEAVE_STATUS_LABELS } from '../../../domain/attendance'
import { beijing, formatSpan } from '../../../domain/beijing-time'
import type { LocationAdvice } from '../../../domain/location-failure'
import { call, errorMessage, newRequestId } from '../../../services/api'
import { LocationError } from '../../../services/location'
import { usePendingWrites } from '../../../services/outbox'
import { useApi } from '../../../services/use-api'
import {
  currentPlace,
  openPageOf,
  scanCode,
  scanMessage,
  submitScan,
  submitVenueCode,
  type Place,
} from '../sign-in-submit'
import { HeadLine, MeetingHead } from './meeting-head'
import { navigate, redirect } from '../../../services/navigation'
import { Pending, SignedLine } from './sign-in-status'

/** A position that could not be had, and what to run again once it is fixed. */
interface Problem {
  advice: LocationAdvice
  retry: () => void
}

/**
 * 签到 of one meeting: scan (or type) the code, remote attendance, and the way to 请假. `remoteAsked`:
 * opened by a 远程参会 link, so a meeting that does not allow it says why and what to do instead.
 */
function SignIn({
  me,
  reload,
  pendingToken,
  remoteAsked,
}: {
  me: MySignInView
  reload: () => void
  pendingToken?: string
  remoteAsked?: boolean
}) {
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
      await redirect('signIn', { meetingId: result.meetingId })
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
              <TextInput
                id="token-input"
                className="signin__input"
                value={token}
                placeholder="签到码，如 S1.…"
                onInput={setToken}
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

      {open && remoteAsked && !me.allowRemote && !done && me.phase !== 'ended' && (
        <View className="panel signin__remote" id="remote-closed">
          <Text className="signin__label">这次会议不能远程参加</Text>
          <Text className="signin__hint">
            支部书记没有为这次会议开放远程参会，所以这里只能到会场扫码签到。
            {me.phase === 'upcoming'
              ? '不能到会场请点下面的“不能参加？请假”；'
              : '会议已开始，不能到会场请向支部书记说明，会后可补学；'}
            确需远程参加，请联系支部书记在会议的签到设置中打开“允许远程参会”。
          </Text>
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
          <Button block fill="outline" id="ask-leave" onClick={() => navigate('leave', { meetingId: me.meetingId })}>
            {me.leave ? '查看或修改请假' : '不能参加？请假'}
          </Button>
        </View>
      )}
    </View>
  )
}

/** 签到 of the meeting `meetingId`; `pendingToken`, a code scanned before the meeting was known, is sent at once. */
export function MeetingSignIn({
  meetingId,
  pendingToken,
  remoteAsked,
}: {
  meetingId: string
  pendingToken?: string
  remoteAsked?: boolean
}) {
  const me = useApi('attendance.mine', { meetingId })
  return (
    <Loaded state={me}>
      {(m) => <SignIn me={m} reload={me.reload} pendingToken={pendingToken} remoteAsked={remoteAsked} />}
    </Loaded>
  )
}
