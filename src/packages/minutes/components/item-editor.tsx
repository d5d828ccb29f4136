/**
 * One agenda item of the minutes editor: topic, 发言, 决议 and, for kinds that vote, either a typed
 * decision (decision-editor.tsx, kinds that take them) or 赞成/反对/弃权 checked against the pass rule
 * as they are typed.
 */
import { Input, Text, Textarea, View } from '@tarojs/components'
import { FieldMessage, problemFor } from '../../../components/field-message'
import type { MinutesView } from '../../../domain/api/views-minutes'
import type { FieldProblem } from '../../../domain/errors'
import { speechLabel, voteOutcome, type MinutesItem } from '../../../domain/minutes'
import { DecisionEditor } from './decision-editor'

function count(text: string): number {
  const n = Number.parseInt(text, 10)
  return Number.isFinite(n) && n >= 0 ? n : 0
}

/** A growing text box; `tall` for the long ones (发言). */
export function LongText({
  id,
  value,
  max,
  tall = false,
  placeholder,
  onInput,
}: {
  id?: string
  value: string
  max: number
  tall?: boolean
  placeholder: string
  onInput: (value: string) => void
}) {
  return (
    <View id={id}>
      <Textarea
        className={tall ? 'form-field__input mwrite__textarea mwrite__long' : 'form-field__input mwrite__textarea'}
        value={value}
        maxlength={max}
        autoHeight
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
    </View>
  )
}

/** The editor of item `i`; `onRemove` is null when it is the only item. */
export function ItemEditor({
  item,
  i,
  kind,
  votes,
  view,
  problems,
  onChange,
  onRemove,
}: {
  item: MinutesItem
  i: number
  kind: MinutesView['kind']
  votes: boolean
  view: MinutesView
  problems: FieldProblem[]
  onChange: (next: MinutesItem) => void
  onRemove: (() => void) | null
}) {
  const outcome = item.vote && view.attendance ? voteOutcome(item.vote, view.attendance) : null
  return (
    <View className="form-field" id={`item-${i}`}>
      <View className="mwrite__item-head">
        <Text className="form-field__label">议程 {i + 1}</Text>
        {onRemove && (
          <Text className="mwrite__link" id={`remove-item-${i}`} onClick={onRemove}>
            删除
          </Text>
        )}
      </View>
      <LongText
        id={`item-${i}-topic`}
        value={item.topic}
        max={200}
        placeholder="议程内容"
        onInput={(topic) => onChange({ ...item, topic })}
      />
      <Text className="form-field__label">{speechLabel(kind)}</Text>
      <LongText
        id={`item-${i}-speeches`}
        value={item.speeches}
        max={5000}
        tall
        placeholder="谁发言、说了什么；不同意见也要记录"
        onInput={(speeches) => onChange({ ...item, speeches })}
      />
      <FieldMessage className="form-problem" message={problemFor(problems, `content.items.${i}.speeches`)} />
      <Text className="form-field__label">决议</Text>
      <LongText
        id={`item-${i}-decision`}
        value={item.decision}
        max={2000}
        placeholder="会议决定的事项"
        onInput={(decision) => onChange({ ...item, decision })}
      />
      {/* Kinds that take typed decisions (党员大会, 支委会) record them typed; others keep the plain vote. */}
      {(view.decisionKinds ?? []).length > 0 ? (
        <DecisionEditor item={item} i={i} view={view} problems={problems} onChange={onChange} />
      ) : null}
      {votes && (view.decisionKinds ?? []).length === 0 && (
        <View className="mwrite__vote">
          {item.vote ? (
            <>
              <View className="mwrite__row">
                {(['for', 'against', 'abstain'] as const).map((k) => (
                  <View className="mwrite__count" key={k} id={`item-${i}-vote-${k}`}>
                    <Text className="form-field__label">{{ for: '赞成', against: '反对', abstain: '弃权' }[k]}</Text>
                    <Input
                      className="form-field__input"
                      type="number"
                      value={String(item.vote![k])}
                      onInput={(e) => onChange({ ...item, vote: { ...item.vote!, [k]: count(e.detail.value) } })}
                    />
                  </View>
                ))}
              </View>
              {outcome && (
                <Text
                  className={outcome.problem || !outcome.passes ? 'mwrite__warn' : 'mwrite__ok'}
                  id={`item-${i}-outcome`}
                >
                  {outcome.problem ??
                    `需赞成 ${outcome.needed} 票以上（有表决权 ${view.attendance!.votingEntitled} 人过半数）：${outcome.passes ? '通过' : '未通过'}`}
                </Text>
              )}
              <Text
                className="mwrite__link"
                id={`item-${i}-vote-remove`}
                onClick={() => onChange({ ...item, vote: null })}
              >
                不记录表决
              </Text>
            </>
          ) : (
            <Text
              className="mwrite__link"
              id={`item-${i}-vote-add`}
              onClick={() => onChange({ ...item, vote: { for: 0, against: 0, abstain: 0 } })}
            >
              记录表决（赞成 / 反对 / 弃权）
            </Text>
          )}
          <FieldMessage className="form-problem" message={problemFor(problems, `content.items.${i}.vote`)} />
        </View>
      )}
    </View>
  )
}
