/** One choice among a few, as a row of chips (`#<idPrefix>-<option>` each); the chosen one is red. */
import { Text, View } from '@tarojs/components'

export function ChoiceChips<T extends string>(props: {
  options: readonly T[]
  labels: Record<T, string>
  value: T
  idPrefix: string
  onChoose: (option: T) => void
}) {
  return (
    <View className="chips">
      {props.options.map((o) => (
        <Text
          key={o}
          id={`${props.idPrefix}-${o}`}
          className={`chip ${props.value === o ? 'chip--on' : ''}`}
          onClick={() => props.onChoose(o)}
        >
          {props.labels[o]}
        </Text>
      ))}
    </View>
  )
}
