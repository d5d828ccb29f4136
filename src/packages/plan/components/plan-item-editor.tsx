/** The editor of one meeting in a draft plan. */
import { Input, Text, View } from '@tarojs/components'
import { DateTimePick } from '../../../components/form-fields'
import { Button } from '../../../components/nut'
import type { EditableItem } from '../plan-draft'

/** One planned meeting opened for change: title, date and times, place; 删除 or 完成. */
export function PlanItemEditor({
  item,
  onChange,
  onRemove,
  onClose,
}: {
  item: EditableItem
  onChange: (next: EditableItem) => void
  onRemove: () => void
  onClose: () => void
}) {
  const set = <K extends keyof EditableItem>(k: K, v: EditableItem[K]) => onChange({ ...item, [k]: v })
  return (
    <View className="plan__editor" id="item-editor">
      <Input
        className="plan__input"
        id="item-title"
        value={item.title}
        maxlength={60}
        onInput={(e) => set('title', e.detail.value)}
      />
      <View className="plan__editor-row">
        <DateTimePick mode="date" value={item.date} onChange={(v) => set('date', v)} id="item-date" label="日期">
          <Text className="plan__pick" id="item-date">
            {item.date}
          </Text>
        </DateTimePick>
        <DateTimePick
          mode="time"
          value={item.startTime}
          onChange={(v) => set('startTime', v)}
          id="item-start"
          label="开始时间"
        >
          <Text className="plan__pick" id="item-start">
            {item.startTime}
          </Text>
        </DateTimePick>
        <DateTimePick
          mode="time"
          value={item.endTime}
          onChange={(v) => set('endTime', v)}
          id="item-end"
          label="结束时间"
        >
          <Text className="plan__pick" id="item-end">
            {item.endTime}
          </Text>
        </DateTimePick>
      </View>
      <Input
        className="plan__input"
        id="item-place"
        value={item.place}
        maxlength={60}
        placeholder="会议地点"
        onInput={(e) => set('place', e.detail.value)}
      />
      <View className="plan__editor-row">
        <Button size="small" fill="outline" id="item-remove" onClick={onRemove}>
          删除这次会议
        </Button>
        <Button size="small" type="primary" id="item-done" className="form-submit" onClick={onClose}>
          完成
        </Button>
      </View>
    </View>
  )
}
