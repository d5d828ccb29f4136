/** What became of the member's sign-in: recorded, or waiting on the phone, or refused. */
import { Text, View } from '@tarojs/components'
import { Button, Tag } from '../../../components/nut'
import type { SignInResult } from '../../../domain/api/views-attendance'
import { beijing } from '../../../domain/beijing-time'
import { VIA_LABELS } from '../../../domain/attendance'
import { dismissRefused, usePendingWrites } from '../../../services/outbox'

/** A time as the member reads it on the page: HH:mm:ss, Beijing time. */
export const time = (ms: number) => beijing(ms).format('HH:mm:ss')

/** The member's sign-in: how and when (远程 awaiting confirmation says so). */
export function SignedLine({ r }: { r: SignInResult }) {
  return (
    <View className="signin__done" id="signin-done">
      <Text className="signin__done-title">
        {r.mode === 'remote'
          ? r.confirmed
            ? '已确认远程参会'
            : '已报名远程参会，待书记确认'
          : r.confirmed
            ? '已签到'
            : '离线签到已上传，待书记确认（确认前不计入出席）'}
      </Text>
      <Text>
        {VIA_LABELS[r.via]} · {time(r.signedAt)}
        {r.late ? ' · 迟到' : ''}
      </Text>
    </View>
  )
}

/** Scans waiting on the phone (待上传) and those the server refused, with 知道了. */
export function Pending() {
  const { pending, refused } = usePendingWrites('attendance.signIn')
  if (pending.length === 0 && refused.length === 0) return null
  return (
    <View className="panel signin__pending" id="signin-pending">
      {pending.map((p) => (
        <View key={p.requestId} className="signin__pending-row">
          <Tag type="warning">待上传</Tag>
          <Text>
            {p.label}（扫码于 {time(p.queuedAt)}）：网络不通，已保存在手机上，联网后自动上传（离线补传）
          </Text>
        </View>
      ))}
      {refused.map((r) => (
        <View key={r.requestId} className="signin__pending-row">
          <Tag type="danger">未被接受</Tag>
          <Text className="signin__refused">
            {r.label}：{r.message}
          </Text>
          <Button size="small" fill="none" onClick={() => dismissRefused(r.requestId)}>
            知道了
          </Button>
        </View>
      ))}
    </View>
  )
}
