/**
 * 报到: the city (from the device's location in WeChat, typed in the browser), a short note on study
 * and work, and optionally a photo. The check-in id is made when the form opens and kept with the
 * draft, so however often it is sent — now, or later when the network returns — it is one record.
 * The photo stays on the device until it is sent; it is uploaded first (a call carries no file) and
 * the check-in carries its file id. Offline, both wait in the outbox, the photo with them.
 */
import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { FieldMessage, problemFor } from '../../../../components/field-message'
import { LocationProblem } from '../../../../components/location-problem'
import { PrivacyPrompt } from '../../../../components/privacy-prompt'
import type { LocationAdvice } from '../../../../domain/location-failure'
import type { FieldProblem } from '../../../../domain/errors'
import { PAGES } from '../../../../routes'
import { asCallError, call, newRequestId } from '../../../../services/api'
import { clearDraft, loadDraft, saveDraft } from '../../../../services/draft-store'
import { requestSubscribe } from '../../../../services/subscribe'
import { choosePlace, LocationError } from '../../../../services/location'
import { discardDeviceFile, uploadFile } from '../../../../services/file-upload'
import { enqueue, type PendingUpload } from '../../../../services/outbox'
import { SubmitBar } from '../../components/submit-bar'
import { checkCheckin, cityOf, type CheckinInput } from '../../mobile-forms'
import { choosePhoto, photoUpload } from '../../photo'
import '../../components/mobile.scss'

const CHECKIN_DRAFT_KEY = 'mobile.checkin'

interface CheckinDraft {
  /** The check-in id, made by the device when the form opened. */
  id: string
  requestId: string
  city: string
  note: string
  /** The chosen photo, kept on the device until sent (src/packages/mobile/photo.ts). */
  photoPath: string | null
}

function freshDraft(): CheckinDraft {
  return { id: newRequestId(), requestId: newRequestId(), city: '', note: '', photoPath: null }
}

/** A draft saved before photos were uploaded kept the photo inline: it becomes a `data:` URL. */
function loadCheckinDraft(): CheckinDraft | null {
  const d = loadDraft<CheckinDraft & { photoBase64?: string | null }>(CHECKIN_DRAFT_KEY)
  if (!d) return null
  const { photoBase64, ...rest } = d
  return { ...rest, photoPath: rest.photoPath ?? (photoBase64 ? `data:image/jpeg;base64,${photoBase64}` : null) }
}

export default function Checkin() {
  const [draft, setDraft] = useState<CheckinDraft>(() => loadCheckinDraft() ?? freshDraft())
  const [problems, setProblems] = useState<FieldProblem[]>([])
  const [message, setMessage] = useState('')
  const [sending, setSending] = useState(false)
  const [locationAdvice, setLocationAdvice] = useState<LocationAdvice | null>(null)
  useEffect(() => saveDraft(CHECKIN_DRAFT_KEY, draft), [draft])

  const set = <K extends keyof CheckinDraft>(key: K, value: CheckinDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }))

  // Only the city is kept; a closed map changes nothing, any other failure says how to fix it.
  const locate = async () => {
    setLocationAdvice(null)
    try {
      const place = await choosePlace()
      if (place) set('city', cityOf(place.address || place.name))
    } catch (err) {
      if (err instanceof LocationError) setLocationAdvice(err.advice)
      else setMessage('没有取得位置；请直接填写所在城市。')
    }
  }

  const addPhoto = async () => {
    try {
      const photo = await choosePhoto(draft.id)
      if (photo) {
        if (draft.photoPath) discardDeviceFile(draft.photoPath)
        set('photoPath', photo)
      }
    } catch (err) {
      setMessage(err instanceof Error ? err.message : '照片无法读取，请重新选择')
    }
  }

  const removePhoto = () => {
    if (draft.photoPath) discardDeviceFile(draft.photoPath)
    set('photoPath', null)
  }

  const submit = async () => {
    if (sending) return
    // A consent tap: the 报到 reminder of the next period, and replies from the branch.
    void requestSubscribe('mobile.checkIn')
    // The device time is when the person pressed 报到, kept even if it is sent later.
    const deviceTime = Date.now()
    const input: CheckinInput = {
      id: draft.id,
      city: draft.city,
      note: draft.note,
      deviceTime,
      photoFileId: null,
    }
    const check = checkCheckin(input)
    if (!check.ok) {
      setProblems(check.fields)
      setMessage(check.summary)
      return
    }
    setProblems([])
    setMessage('')
    setSending(true)
    // The photo still to upload when the network fails before it is in storage.
    let waiting: PendingUpload[] = []
    try {
      if (draft.photoPath) {
        const photo = photoUpload(draft.id, draft.photoPath)
        waiting = [photo]
        input.photoFileId = await uploadFile(photo.cloudPath, photo.filePath)
        waiting = []
      }
      await call('mobile.checkIn', input, { requestId: draft.requestId })
      if (draft.photoPath) discardDeviceFile(draft.photoPath)
      clearDraft(CHECKIN_DRAFT_KEY)
      Taro.showToast({ title: '报到成功', icon: 'none' })
      await Taro.redirectTo({ url: PAGES.mobileHome })
    } catch (err) {
      const e = asCallError(err)
      if (e.code === 'NETWORK') {
        // Into the outbox with the same ids: sent when the network returns, recorded once however often.
        enqueue('mobile.checkIn', input, `在${input.city}的报到`, draft.requestId, waiting)
        clearDraft(CHECKIN_DRAFT_KEY)
        Taro.showToast({ title: '网络不通，已保存，联网后自动报到', icon: 'none' })
        await Taro.redirectTo({ url: PAGES.mobileHome })
      } else {
        setProblems(e.fields)
        setMessage(e.message)
        if (e.code === 'REQUEST_ID_REUSED') setDraft((d) => ({ ...d, requestId: newRequestId() }))
      }
    } finally {
      setSending(false)
    }
  }

  return (
    <View className="mob">
      <View className="form-field" id="field-city">
        <Text className="form-field__label">所在城市</Text>
        <Input
          id="checkin-city"
          className="form-field__input"
          value={draft.city}
          maxlength={30}
          placeholder="如：广东省深圳市"
          onInput={(e) => set('city', e.detail.value)}
        />
        {process.env.TARO_ENV === 'weapp' && (
          <Text className="mob__link" id="checkin-locate" onClick={locate}>
            用当前位置填写城市（只保存城市）
          </Text>
        )}
        {locationAdvice && <LocationProblem advice={locationAdvice} onRetry={locate} />}
        <FieldMessage className="form-problem" message={problemFor(problems, 'city')} />
      </View>
      <View className="form-field" id="field-note">
        <Text className="form-field__label">近期学习和工作情况</Text>
        <Textarea
          id="checkin-note"
          className="mob__textarea"
          value={draft.note}
          maxlength={300}
          placeholder="简要写写最近的学习和工作，如参加了流入地党组织的哪些活动"
          onInput={(e) => set('note', e.detail.value)}
        />
        <FieldMessage className="form-problem" message={problemFor(problems, 'note')} />
      </View>
      <View className="form-field">
        <Text className="form-field__label">照片（可不附）</Text>
        {draft.photoPath ? (
          <View className="mob__row">
            <Image src={draft.photoPath} style={{ width: '160px', height: '120px' }} mode="aspectFill" />
            <Text className="mob__link" id="checkin-photo-remove" onClick={removePhoto}>
              去掉照片
            </Text>
          </View>
        ) : (
          <Text className="mob__link" id="checkin-photo" onClick={addPhoto}>
            拍照或选择照片
          </Text>
        )}
        <FieldMessage className="form-problem" message={problemFor(problems, 'photoFileId')} />
      </View>
      <SubmitBar
        message={message}
        messageId="checkin-message"
        buttonId="checkin-submit"
        label={'报到'}
        busy={sending}
        onSubmit={submit}
      />
      <PrivacyPrompt />
    </View>
  )
}
