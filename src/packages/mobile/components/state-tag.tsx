/** The coloured tag of a 流动党员's contact state, and the 需转接 flag. */
import { Text } from '@tarojs/components'
import { CONTACT_STATE_LABELS, type ContactState } from '../../../domain/mobile'

export function StateTag({ state, id }: { state: ContactState; id?: string }) {
  return (
    <Text id={id} className={`mob__tag mob__tag--${state}`}>
      {CONTACT_STATE_LABELS[state]}
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
