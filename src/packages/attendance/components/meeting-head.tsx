/** The white band at the top of the attendance pages: the meeting's title, then lines about it. */
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './meeting-head.scss'

export function MeetingHead({ titleId, title, children }: { titleId: string; title: string; children: ReactNode }) {
  return (
    <View className="attendance-head">
      <Text className="attendance-head__title" id={titleId}>
        {title}
      </Text>
      {children}
    </View>
  )
}

/** One line under the title. */
export function HeadLine({ children }: { children: ReactNode }) {
  return <Text className="attendance-head__meta">{children}</Text>
}
