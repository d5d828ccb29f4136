/**
 * A position that could not be had: the advice (domain/location-failure.ts) and the button that
 * leads to the fix — this mini-program's settings, the phone's settings for WeChat, the privacy
 * guide, or simply trying again. When the fix makes a new try possible at once, it retries itself.
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { LocationAdvice, LocationFix } from '../domain/location-failure'
import { applyLocationFix } from '../services/location'
import { Button } from './nut'
import './location-problem.scss'

const FIX_LABELS: Record<Exclude<LocationFix, 'none'>, string> = {
  open_setting: '去设置',
  open_app_authorize_setting: '去开启',
  agree_privacy: '查看并同意',
  retry: '重试',
}

export function LocationProblem({ advice, onRetry }: { advice: LocationAdvice; onRetry: () => void }) {
  const [busy, setBusy] = useState(false)
  if (!advice.message) return null
  const fix = async () => {
    if (busy) return
    setBusy(true)
    try {
      if (await applyLocationFix(advice.fix)) onRetry()
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="location-problem" id="location-problem" data-kind={advice.kind}>
      <Text className="location-problem__message">{advice.message}</Text>
      <View className="location-problem__actions">
        {advice.fix !== 'none' && (
          <Button size="small" type="primary" id="location-fix" loading={busy} onClick={fix}>
            {FIX_LABELS[advice.fix]}
          </Button>
        )}
        {advice.fix !== 'none' && advice.fix !== 'retry' && (
          <Button size="small" fill="outline" id="location-retry" onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    </View>
  )
}
