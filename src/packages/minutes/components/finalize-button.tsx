/**
 * 定稿并锁定 with its confirmation: why it is blocked when it is, else the button, which asks before
 * `onFinalize` locks the minutes.
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '../../../components/nut'

export function FinalizeButton({
  blocked,
  busy,
  onFinalize,
}: {
  /** Why the minutes cannot be finalized yet, or null. */
  blocked: string | null
  busy: boolean
  /** Finalizes; the confirmation closes when it settles. */
  onFinalize: () => Promise<void>
}) {
  const [confirming, setConfirming] = useState(false)
  const confirm = () => void onFinalize().finally(() => setConfirming(false))
  if (blocked)
    return (
      <Text className="mwrite__muted" id="finalize-blocked">
        {blocked}
      </Text>
    )
  if (!confirming)
    return (
      <Button id="finalize" block type="primary" onClick={() => setConfirming(true)}>
        定稿并锁定
      </Button>
    )
  return (
    <View className="mwrite__confirm" id="finalize-confirm-panel">
      <Text>定稿后记录将锁定，服务器记下定稿时间；之后只能以更正说明的方式修改。确定定稿？</Text>
      <View className="mwrite__row">
        <Button id="finalize-confirm" type="primary" loading={busy} onClick={confirm}>
          确认定稿
        </Button>
        <Button id="finalize-cancel" onClick={() => setConfirming(false)}>
          再看看
        </Button>
      </View>
    </View>
  )
}
