/**
 * The minutes editor's sync line and its conflict panel: what the draft's sync state says, and when
 * another 支委 changed the same draft, each difference side by side with 保留我的 / 采用对方的.
 */
import { Text, View } from '@tarojs/components'
import { Button } from '../../../components/nut'
import type { MinutesView } from '../../../domain/api/views-minutes'
import { beijing } from '../../../domain/beijing-time'
import type { MinutesContent } from '../../../domain/minutes'
import type { SyncState } from '../use-minutes-draft'

/** The sync state in words for the line under the title. */
export function syncText(s: SyncState): string {
  switch (s.kind) {
    case 'loading':
      return '正在读取…'
    case 'synced':
      return `已保存到服务器 ${beijing(s.at).format('HH:mm')}`
    case 'pending':
      return '已保存在本机，稍后自动同步'
    case 'saving':
      return '正在同步…'
    case 'offline':
      return '网络不通：已保存在本机，联网后自动同步'
    case 'conflict':
      return '别人也改了这份草稿，请选择保留哪一份'
    case 'locked':
      return s.message
    case 'error':
      return s.message
  }
}

/** Where the other 支委's draft differs from this one, with the choice of which to keep. */
export function Conflict({
  theirs,
  mine,
  message,
  onChoose,
}: {
  theirs: MinutesView
  mine: MinutesContent
  message: string
  onChoose: (c: 'mine' | 'theirs') => void
}) {
  const other = theirs.content!
  const diffs: { label: string; theirs: string; mine: string }[] = []
  const add = (label: string, a: string, b: string) => a !== b && diffs.push({ label, theirs: a, mine: b })
  add('主持人', other.chair, mine.chair)
  add('记录人', other.recorder, mine.recorder)
  add('地点', other.place, mine.place)
  const n = Math.max(other.items.length, mine.items.length)
  for (let i = 0; i < n; i += 1) {
    const a = other.items[i]
    const b = mine.items[i]
    add(`议程 ${i + 1}`, a?.topic ?? '（无）', b?.topic ?? '（无）')
    add(`议程 ${i + 1} 发言`, a?.speeches ?? '', b?.speeches ?? '')
    add(`议程 ${i + 1} 决议`, a?.decision ?? '', b?.decision ?? '')
  }
  add('其他事项', other.notes, mine.notes)
  return (
    <View className="panel mwrite__conflict" id="minutes-conflict">
      <Text className="mwrite__conflict-title">{message}</Text>
      <Text className="mwrite__muted">
        对方（{theirs.updatedBy?.name ?? '另一位支委'}，
        {theirs.updatedAt ? beijing(theirs.updatedAt).format('HH:mm') : ''}
        ）与你的不同之处：
      </Text>
      {diffs.map((d, i) => (
        <View className="mwrite__diff" key={i}>
          <Text className="mwrite__diff-label">{d.label}</Text>
          <Text className="mwrite__diff-theirs">对方：{d.theirs || '（空）'}</Text>
          <Text className="mwrite__diff-mine">我的：{d.mine || '（空）'}</Text>
        </View>
      ))}
      <View className="mwrite__row">
        <Button id="conflict-keep-mine" type="primary" size="small" onClick={() => onChoose('mine')}>
          保留我的
        </Button>
        <Button id="conflict-take-theirs" size="small" onClick={() => onChoose('theirs')}>
          采用对方的
        </Button>
      </View>
      <Text className="mwrite__muted">采用对方的版本时，你的版本仍保留在本机，不会丢失。</Text>
    </View>
  )
}
