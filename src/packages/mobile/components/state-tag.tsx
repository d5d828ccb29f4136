/** The coloured tag of a 流动党员's contact state, and the 需转接 flag. */
import { Text } from '@tarojs/components'
import { CONTACT_STATE_LABELS, type ContactState } from '../../../domain/mobile'

/**
 * The contact state as a tag; `lost` (six calendar months without contact, 失联 handling under way)
 * reads 已失联 rather than a risk.
 */
export function StateTag({ state, id, lost = false }: { state: ContactState; id?: string; lost?: boolean }) {
  return (
    <Text id={id} className={`mob__tag mob__tag--${lost ? 'lost_risk' : state}`}>
      {lost ? '已失联' : CONTACT_STATE_LABELS[state]}
    </Text>
  )
}

export function TransferTag() {
  return <Text className="mob__tag mob__tag--transfer">需转接</Text>
}

/** `今天`, or how many whole days ago. */
export function daysAgo(days: number): string {
  return days === 0 ? '今天' : `${days} 天前`
}
