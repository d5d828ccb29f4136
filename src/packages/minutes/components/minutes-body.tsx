/** Minutes as read: attendance, agenda with 发言/决议/表决, other matters. Used by 查看 and 记录本. */
import { Text, View } from '@tarojs/components'
import {
  missedQuorumText,
  voteOutcome,
  type MinutesAttendance,
  type MinutesContent,
  type MinutesPerson,
} from '../../../domain/minutes'
import { personCountLine, tallySummary, type DecisionTally } from '../../../domain/decisions'
import type { MeetingKind } from '../../../domain/meeting-kinds'
import './minutes-body.scss'

function names(list: readonly MinutesPerson[]): string {
  if (list.length === 0) return '无'
  return list.map((p) => (p.note ? `${p.name}（${p.note}）` : p.name)).join('、')
}

export function AttendanceLines({ a, idPrefix, kind }: { a: MinutesAttendance; idPrefix: string; kind?: MeetingKind }) {
  return (
    <View className="mbody__attendance" id={`${idPrefix}-attendance`}>
      <Text className="mbody__line">
        应到 {a.expected} 人，实到 {a.present} 人，请假 {a.onLeave.length} 人，缺席 {a.absent.length} 人
      </Text>
      <Text className="mbody__line">出席：{names(a.attended)}</Text>
      <Text className="mbody__line">请假：{names(a.onLeave)}</Text>
      <Text className="mbody__line">缺席：{names(a.absent)}</Text>
      <Text className="mbody__line">列席：{names(a.guests)}</Text>
      {a.quorum?.applies && (
        <Text className={`mbody__line ${a.quorum.met ? '' : 'mbody__warn'}`}>
          {a.quorum.met ? '到会人数超过半数' : '到会人数未过半数'}（有表决权 {a.quorum.entitled} 人，到会{' '}
          {a.quorum.presentCounting} 人）{a.quorum.met ? '' : missedQuorumText(kind)}
        </Text>
      )}
    </View>
  )
}

/** A typed decision as counted: the sentence, then how each participant was counted. */
function DecisionLines({ tally, id }: { tally: DecisionTally; id: string }) {
  return (
    <View id={id}>
      <Text className={`mbody__line ${tally.quorumMet ? '' : 'mbody__warn'}`}>表决：{tallySummary(tally)}</Text>
      <Text className="mbody__label">计票情况</Text>
      {tally.people.map((p) => (
        <Text className="mbody__line" key={p.memberId}>
          {personCountLine(p)}
        </Text>
      ))}
    </View>
  )
}

/**
 * The minutes' body. `decisions` (per item, as the view gives them) shows typed decisions as counted;
 * without it, the counts locked in the attendance at finalize are shown.
 */
export function MinutesBody({
  content,
  attendance,
  idPrefix,
  decisions,
  kind,
}: {
  content: MinutesContent
  attendance: MinutesAttendance | null
  idPrefix: string
  decisions?: readonly (DecisionTally | null)[]
  /** The meeting's kind, to say what a missed quorum means for it. */
  kind?: MeetingKind
}) {
  const locked = new Map((attendance?.decisions ?? []).map((t) => [t.item, t]))
  return (
    <View className="mbody">
      <Text className="mbody__line" id={`${idPrefix}-place`}>
        地点：{content.place}
      </Text>
      <Text className="mbody__line" id={`${idPrefix}-chair`}>
        主持人：{content.chair}
      </Text>
      <Text className="mbody__line" id={`${idPrefix}-recorder`}>
        记录人：{content.recorder}
      </Text>
      {attendance ? (
        <AttendanceLines a={attendance} idPrefix={idPrefix} kind={kind} />
      ) : (
        <Text className="mbody__line mbody__muted">出席情况：考勤尚未确认</Text>
      )}
      <Text className="mbody__heading">会议议程</Text>
      {content.items.map((item, i) => {
        const outcome = item.vote && attendance ? voteOutcome(item.vote, attendance) : null
        const tally = item.motion ? (decisions?.[i] ?? locked.get(i) ?? null) : null
        return (
          <View className="mbody__item" key={i} id={`${idPrefix}-item-${i}`}>
            <Text className="mbody__topic">
              {i + 1}. {item.topic}
            </Text>
            <Text className="mbody__label">发言</Text>
            <Text className="mbody__text">{item.speeches || '（无）'}</Text>
            <Text className="mbody__label">决议</Text>
            <Text className="mbody__text">{item.decision || '（无）'}</Text>
            {tally && <DecisionLines tally={tally} id={`${idPrefix}-item-${i}-decision`} />}
            {item.vote && (
              <Text className={`mbody__line ${outcome?.problem ? 'mbody__warn' : ''}`}>
                表决：赞成 {item.vote.for}，反对 {item.vote.against}，弃权 {item.vote.abstain}
                {outcome ? (outcome.problem ? `（${outcome.problem}）` : outcome.passes ? ' — 通过' : ' — 未通过') : ''}
              </Text>
            )}
          </View>
        )
      })}
      {content.notes ? (
        <>
          <Text className="mbody__heading">其他事项</Text>
          <Text className="mbody__text">{content.notes}</Text>
        </>
      ) : null}
    </View>
  )
}
