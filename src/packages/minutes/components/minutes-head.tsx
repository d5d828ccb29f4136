/** The head of one meeting's minutes (写 and 查看): 类别 with status tags, the title, then the page's own lines. */
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { kindLabel, type MeetingKind } from '../../../domain/meeting-kinds'
import './minutes-head.scss'

export function MinutesHead({
  kind,
  title,
  tags,
  children,
}: {
  kind: MeetingKind | null
  title: string
  tags: ReactNode
  children?: ReactNode
}) {
  return (
    <View className="panel mhead">
      <View className="mhead__row">
        <Text className="mhead__kind">{kind ? kindLabel(kind) : ''}</Text>
        {tags}
      </View>
      <Text className="mhead__title" id="minutes-title">
        {title}
      </Text>
      {children}
    </View>
  )
}
