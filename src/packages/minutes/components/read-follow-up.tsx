/**
 * 阅签情况 of one meeting's final minutes, for its organizers (issue 20 §5): who has not read yet
 * (and whether they were reminded), who has (and when), and 提醒未阅签的人 — one notice per person per
 * record, so a second tap reaches only those never reminded, as the button says.
 */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Button } from '../../../components/nut'
import { Loaded } from '../../../components/page-state'
import type { ReadFollowUp as FollowUp, ReaderRow } from '../../../domain/api/views-follow-up'
import { beijing } from '../../../domain/beijing-time'
import { useApi } from '../../../services/use-api'
import { useWrite } from '../../../services/use-write'

const at = (ms: number) => beijing(ms).format('MM-DD HH:mm')

/** The button's words: how many a tap reaches now, and that nobody is reminded twice. */
export function remindLabel(f: Pick<FollowUp, 'unread' | 'remindable'>): string {
  if (f.remindable > 0) return `提醒未阅签的 ${f.remindable} 人（每人只提醒一次）`
  return '未阅签的人都已提醒过（每份记录每人只提醒一次）'
}

function Row({ row }: { row: ReaderRow }) {
  return (
    <View className="follow-up__row" id={`reader-${row.memberId}`}>
      <Text className="follow-up__name">{row.name}</Text>
      <Text className="follow-up__state">
        {row.readAt !== null
          ? `${at(row.readAt)} 阅签`
          : row.remindedAt !== null
            ? `未阅签 · ${at(row.remindedAt)} 已提醒`
            : '未阅签'}
      </Text>
    </View>
  )
}

export function ReadFollowUp({ meetingId }: { meetingId: string }) {
  const state = useApi('minutes.readers', { meetingId })
  const [latest, setLatest] = useState<FollowUp | null>(null)
  const remind = useWrite('minutes.remindReaders')
  useEffect(() => setLatest(state.data), [state.data])

  const send = async () => {
    const outcome = await remind.run({ meetingId })
    if (outcome.status !== 'done') return
    setLatest(outcome.data.followUp)
    const { sent, alreadyReminded } = outcome.data
    Taro.showToast({
      title: sent > 0 ? `已提醒 ${sent} 人` : `这 ${alreadyReminded} 人之前已提醒过，没有重复发送`,
      icon: 'none',
    })
  }

  return (
    <Loaded state={state}>
      {() => {
        const f = latest ?? state.data!
        const total = f.read.length + f.unread.length
        return (
          <View className="follow-up" id="read-follow-up">
            <Text className="follow-up__title">{f.title}</Text>
            <Text className="follow-up__summary" id="follow-up-summary">
              已阅签 {f.read.length} / {total}
              {f.unread.length > 0 ? `，还有 ${f.unread.length} 人未阅签` : '，参会党员都已阅签'}
            </Text>
            {f.unread.length > 0 && (
              <View className="actions">
                <Button
                  id="remind-readers"
                  type={f.remindable > 0 ? 'primary' : 'default'}
                  block
                  disabled={f.remindable === 0}
                  loading={remind.busy}
                  onClick={() => void send()}
                >
                  {remindLabel(f)}
                </Button>
              </View>
            )}
            {remind.message && (
              <Text className="follow-up__error" id="remind-error">
                {remind.message}
              </Text>
            )}
            {f.unread.length > 0 && (
              <View className="panel" id="unread-list">
                <Text className="section-title">未阅签（{f.unread.length}）</Text>
                {f.unread.map((r) => (
                  <Row key={r.memberId} row={r} />
                ))}
              </View>
            )}
            {f.read.length > 0 && (
              <View className="panel" id="read-list">
                <Text className="section-title">已阅签（{f.read.length}）</Text>
                {f.read.map((r) => (
                  <Row key={r.memberId} row={r} />
                ))}
              </View>
            )}
          </View>
        )
      }}
    </Loaded>
  )
}
