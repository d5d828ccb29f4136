/**
 * 报到: the city (from the device's location in WeChat, typed in the browser), a short note on study
 * and work, and optionally a photo. The check-in id is made when the form opens and kept with the
 * draft, so however often it is sent — now, or later when the network returns — it is one record.
 * The photo stays on the device until it is sent; it is uploaded first (a call carries no file) and
 * the check-in carries its file id. Offline, both wait in the outbox, the photo with them.
 */
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Field, SubmitBar, TextAreaField, TextField } from '../../../../components/form-fields'
import { LocationProblem } from '../../../../components/location-problem'
import { PrivacyPrompt } from '../../../../components/privacy-prompt'
import type { LocationAdvice } from '../../../../domain/location-failure'
import { newRequestId } from '../../../../services/api'
import { clearDraft, loadDraft, saveDraft } from '../../../../services/draft-store'
import { requestSubscribe } from '../../../../services/subscribe'
import { choosePlace, LocationError } from '../../../../services/location'
import { discardDeviceFile } from '../../../../services/file-upload'
import { useWrite } from '../../../../services/use-write'
import { checkCheckin, cityOf, type CheckinInput } from '../../mobile-forms'
import { choosePhoto, photoUpload } from '../../photo'
import { redirect } from '../../../../services/navigation'
import '../../components/mobile.scss'

const CHECKIN_DRAFT_KEY = 'mobile.checkin'

interface CheckinDraft {
  /** The check-in id, made by the device when the form opened. */
  id: string
  city: string
  note: string
  /** The chosen photo, kept on the device until sent (src/packages/mobile/photo.ts). */
  photoPath: string | null
}

function freshDraft(): CheckinDraft {
  return { id: newRequestId(), city: '', note: '', photoPath: null }
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
  // With no network the check-in waits in the outbox (the photo with it), labelled by its city.
  // One write per check-in id: the device time taken at each tap does not make it another.
  const write = useWrite('mobile.checkIn', {
    draftKey: CHECKIN_DRAFT_KEY,
    outbox: (input) => `在${input.city}的报到`,
    identity: (input) => ({ ...input, deviceTime: null }),
  })
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
      else write.fail('没有取得位置；请直接填写所在城市。')
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
      write.fail(err instanceof Error ? err.message : '照片无法读取，请重新选择')
    }
  }

  const removePhoto = () => {
    if (draft.photoPath) discardDeviceFile(draft.photoPath)
    set('photoPath', null)
  }

  const submit = async () => {
    if (write.busy) return
    // A consent tap: the 报到 reminder of the next period, and replies from the branch.
    void requestSubscribe('mobile.checkIn')
    // The device time is when the person pressed 报到, kept even if it is sent later.
    const input: CheckinInput = {
      id: draft.id,
      city: draft.city,
      note: draft.note,
      deviceTime: Date.now(),
      photoFileId: null,
    }
    const check = checkCheckin(input)
    if (!check.ok) return write.fail(check.summary, check.fields)
    // The photo is uploaded first (a call carries no file); offline it waits in the outbox too.
    const outcome = await write.run(input, draft.photoPath ? [photoUpload(draft.id, draft.photoPath)] : [])
    if (outcome.status === 'failed' || outcome.status === 'busy') return
    if (outcome.status === 'done' && draft.photoPath) discardDeviceFile(draft.photoPath)
    clearDraft(CHECKIN_DRAFT_KEY)
    const title = outcome.status === 'done' ? '报到成功' : '网络不通，已保存，联网后自动报到'
    Taro.showToast({ title, icon: 'none' })
    await redirect('mobileHome')
  }

  return (
    <View className="mob">
      <TextField
        id="field-city"
        label="所在城市"
        inputId="checkin-city"
        value={draft.city}
        maxlength={30}
        placeholder="如：广东省深圳市"
        onInput={(v) => set('city', v)}
        problem={write.problem('city')}
        extra={
          <>
            {process.env.TARO_ENV === 'weapp' && (
              <Text className="mob__link" id="checkin-locate" onClick={locate}>
                用当前位置填写城市（只保存城市）
              </Text>
            )}
            {locationAdvice && <LocationProblem advice={locationAdvice} onRetry={locate} />}
          </>
        }
      />
      <TextAreaField
        id="field-note"
        label="近期学习和工作情况"
        inputId="checkin-note"
        inputClassName="mob__textarea"
        value={draft.note}
        maxlength={300}
        placeholder="简要写写最近的学习和工作，如参加了流入地党组织的哪些活动"
        onInput={(v) => set('note', v)}
        problem={write.problem('note')}
      />
      <Field label="照片（可不附）" problem={write.problem('photoFileId')}>
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
      </Field>
      <SubmitBar
        className="mob__actions"
        message={write.message}
        messageId="checkin-message"
        buttonId="checkin-submit"
        label="报到"
        busy={write.busy}
        onSubmit={submit}
      />
      <PrivacyPrompt />
    </View>
  )
}
