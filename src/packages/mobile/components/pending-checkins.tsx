/**
 * Check-ins made without a network wait in the client outbox (src/services/outbox.ts) and are sent
 * when it returns; this shows them — and any the server refused, with why — so the member always
 * knows what has not reached the branch yet. `onSent` runs after a pending check-in went through.
 */
import { Text, View } from '@tarojs/components'
import { useEffect, useRef } from 'react'
import { beijing } from '../../../domain/beijing-time'
import { dismissRefused, flushOutbox, startOutbox, usePendingWrites } from '../../../services/outbox'

export function PendingCheckins({ onSent }: { onSent?: () => void }) {
  const { pending, refused } = usePendingWrites('mobile.checkIn')
  const count = useRef(pending.length)
  useEffect(() => {
    startOutbox()
    // Each visit tries again too: the network may have returned without an event.
    void flushOutbox()
  }, [])
  useEffect(() => {
    if (pending.length < count.current) onSent?.()
    count.current = pending.length
  }, [pending.length, onSent])
  if (pending.length === 0 && refused.length === 0) return null
  return (
    <View id="mobile-pending">
      {pending.map((p) => (
        <Text key={p.requestId} className="mob__notice" id="mobile-pending-checkin">
          {p.label}（{beijing(p.queuedAt).format('MM月DD日 HH:mm')} 填写）还没有送达支部，联网后会自动发送。
          <Text className="mob__link" id="pending-retry" onClick={() => void flushOutbox()}>
            {' '}
            立即重试
          </Text>
        </Text>
      ))}
      {refused.map((r) => (
        <Text key={r.requestId} className="mob__notice" id="mobile-refused-checkin">
          {r.label}没有被接受：{r.message}
          <Text className="mob__link" onClick={() => dismissRefused(r.requestId)}>
            {' '}
            知道了
          </Text>
        </Text>
      ))}
    </View>
  )
}
