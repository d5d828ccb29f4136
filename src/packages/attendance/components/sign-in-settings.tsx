/**
 * 签到设置 (organizers, before the meeting starts): when sign-in opens, when a scan is 迟到, the
 * place and radius a scan must come from, remote attendance with its video link; and the printed
 * venue code. Checked with the very schema of `attendance.configure` before it is sent.
 */
import { Image, Input, Switch, Text, View } from '@tarojs/components'
import { useEffect, useState, type ReactNode } from 'react'
import { Button } from '../../../components/nut'
import { PrivacyPrompt } from '../../../components/privacy-prompt'
import { attendanceConfigure } from '../../../domain/api/catalog-attendance'
import type { AttendanceSettingsView } from '../../../domain/api/views-attendance'
import { describeIssues } from '../../../domain/errors'
import { call, errorMessage } from '../../../services/api'
import { useWrite } from '../../../services/use-write'
import { currentPlace } from '../sign-in-submit'
import './sign-in-settings.scss'

interface Form {
  opensBefore: string
  lateAfter: string
  allowRemote: boolean
  videoLink: string
  usePlace: boolean
  lat: string
  lng: string
  radius: string
  label: string
}

/** The fields typed as text (numbers are kept as typed until saved). */
type TextKey = Exclude<keyof Form, 'usePlace' | 'allowRemote'>
interface InputProps {
  type?: 'number' | 'digit'
  placeholder?: string
}

function formOf(s: AttendanceSettingsView): Form {
  return {
    opensBefore: String(s.opensBefore),
    lateAfter: String(s.lateAfter),
    allowRemote: s.allowRemote,
    videoLink: s.videoLink ?? '',
    usePlace: s.place !== null,
    lat: s.place ? String(s.place.lat) : '',
    lng: s.place ? String(s.place.lng) : '',
    radius: s.place ? String(s.place.radius) : '200',
    label: s.place?.label ?? '',
  }
}

export function SignInSettings({ meetingId }: { meetingId: string }) {
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState<Form | null>(null)
  // The one message line shows the latest of: a note (saved, or a load or location failure), the
  // save's failure, the printed code's failure. The save's field problems stay until it runs again.
  const [note, setNote] = useState('')
  const [shown, setShown] = useState<'note' | 'configure' | 'printedCode'>('note')
  const configure = useWrite('attendance.configure')
  const printedCode = useWrite('attendance.printedCode')
  const [printed, setPrinted] = useState<string | null>(null)
  const say = (text: string) => {
    setNote(text)
    setShown('note')
  }
  const message = shown === 'configure' ? configure.message : shown === 'printedCode' ? printedCode.message : note

  useEffect(() => {
    if (!open || form) return
    call('attendance.settings', { meetingId }).then(
      (s) => setForm(formOf(s)),
      (err: unknown) => say(errorMessage(err)),
    )
  }, [open, form, meetingId])

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => (f ? { ...f, [k]: v } : f))
  const problem = (name: string) => configure.problem(name, true)

  const save = async () => {
    if (!form || configure.busy) return
    const input = {
      meetingId,
      opensBefore: Number(form.opensBefore),
      lateAfter: Number(form.lateAfter),
      allowRemote: form.allowRemote,
      videoLink: form.allowRemote ? form.videoLink : null,
      place: form.usePlace
        ? { lat: Number(form.lat), lng: Number(form.lng), radius: Number(form.radius), label: form.label }
        : null,
    }
    const check = attendanceConfigure.input.safeParse(input)
    setShown('configure')
    if (!check.success) {
      const d = describeIssues(check.error.issues)
      return configure.fail(d.summary, d.fields)
    }
    const outcome = await configure.run(input)
    if (outcome.status !== 'done') return
    setForm(formOf(outcome.data))
    say('签到设置已保存')
  }

  const here = async () => {
    try {
      const p = await currentPlace()
      setForm((f) => (f ? { ...f, usePlace: true, lat: p.lat.toFixed(6), lng: p.lng.toFixed(6) } : f))
    } catch (err) {
      say(errorMessage(err))
    }
  }

  const print = async () => {
    setShown('printedCode')
    const outcome = await printedCode.run({ meetingId })
    if (outcome.status === 'done') setPrinted(outcome.data.image)
  }

  const problemLine = (name: string) => problem(name) && <Text className="form-problem">{problem(name)}</Text>
  const input = (key: TextKey, id: string, props: InputProps = {}, wide = false) =>
    form && (
      <Input
        id={id}
        className={wide ? 'settings__input settings__input--wide' : 'settings__input'}
        value={form[key]}
        onInput={(e) => set(key, e.detail.value)}
        {...props}
      />
    )
  const row = (label: string, control: ReactNode) => (
    <View className="settings__row">
      <Text className="settings__label">{label}</Text>
      {control}
    </View>
  )
  const numberRow = (label: string, id: string, key: 'opensBefore' | 'lateAfter' | 'radius') =>
    row(label, input(key, id, { type: 'number' }))
  const switchRow = (label: string, id: string, key: 'usePlace' | 'allowRemote') =>
    form && row(label, <Switch id={id} checked={form[key]} onChange={(e) => set(key, e.detail.value)} />)

  return (
    <View className="settings">
      <Button block fill="outline" id="settings-toggle" onClick={() => setOpen(!open)}>
        {open ? '收起签到设置' : '签到设置（会前）'}
      </Button>
      {open && form && (
        <View className="panel settings__form" id="settings-form">
          {numberRow('提前开放签到（分钟）', 'settings-opens-before', 'opensBefore')}
          {problemLine('opensBefore')}
          {numberRow('开会后多少分钟算迟到', 'settings-late-after', 'lateAfter')}
          {problemLine('lateAfter')}
          {switchRow('限定签到地点', 'settings-use-place', 'usePlace')}
          {form.usePlace && (
            <>
              {input('label', 'settings-place-label', { placeholder: '地点名称，如 党员活动室' }, true)}
              <View className="settings__row">
                {input('lat', 'settings-lat', { type: 'digit', placeholder: '纬度' })}
                {input('lng', 'settings-lng', { type: 'digit', placeholder: '经度' })}
                <Button size="small" id="settings-here" onClick={here}>
                  用当前位置
                </Button>
              </View>
              {numberRow('签到范围（米）', 'settings-radius', 'radius')}
              {problemLine('place')}
            </>
          )}
          {switchRow('允许远程参会', 'settings-allow-remote', 'allowRemote')}
          {form.allowRemote && input('videoLink', 'settings-video-link', { placeholder: '视频会议链接或会议号' }, true)}
          {problemLine('videoLink')}
          <Button type="primary" block id="settings-save" loading={configure.busy} onClick={save}>
            保存签到设置
          </Button>
          {form.usePlace && (
            <Button block fill="outline" id="settings-printed" onClick={print}>
              生成会场签到码（打印张贴）
            </Button>
          )}
          {printed && <Image className="settings__printed" src={printed} mode="aspectFit" id="printed-code" />}
        </View>
      )}
      {message && (
        <Text className="settings__message" id="settings-message">
          {message}
        </Text>
      )}
      {/* "Use my position" asks WeChat for the location: the privacy guide may be asked for first. */}
      <PrivacyPrompt />
    </View>
  )
}
