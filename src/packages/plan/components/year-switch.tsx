/**
 * 年度计划's year: last year, this year and next year (Beijing), as chips; a year opened from a link
 * outside those three is shown too, so the one on screen is always marked.
 */
import { Text, View } from '@tarojs/components'

const NAMES = ['去年', '今年', '明年']

/**
 * Takes the year shown, the current Beijing year and what to do when another is chosen; each chip
 * is `#plan-year-<year>`, the shown one `chip--on`.
 */
export function YearSwitch({
  year,
  thisYear,
  onChange,
}: {
  year: number
  thisYear: number
  onChange: (year: number) => void
}) {
  const years = [thisYear - 1, thisYear, thisYear + 1]
  const all = years.includes(year) ? years : [...years, year].sort((a, b) => a - b)
  return (
    <View className="chips plan__years" id="plan-years">
      {all.map((y) => {
        const name = NAMES[years.indexOf(y)]
        return (
          <Text
            key={y}
            id={`plan-year-${y}`}
            className={`chip${y === year ? ' chip--on' : ''}`}
            onClick={() => y !== year && onChange(y)}
          >
            {y}年{name ? ` ${name}` : ''}
          </Text>
        )
      })}
    </View>
  )
}
