/**
 * The typed decision of one agenda item (issue 16): pick its kind (接收预备党员, 转正, 选举, 一般决议 …),
 * its subject from the meeting's participants, the votes cast, absent members' written opinions, or
 * an election's ballots and candidates. The count is shown as it is typed — who is entitled, who
 * counts as present for this kind, whether quorum is met and whether it passes — with what finalize
 * would refuse, so nothing is found out only at the end.
 */
import { Input, Text, View } from '@tarojs/components'
import { FieldMessage, problemFor } from '../../../components/field-message'
import type { MinutesView } from '../../../domain/api/views-minutes'
import type { DecisionKind, DecisionKindRule } from '../../../domain/decision-kinds'
import {
  VOTE_CHOICE_LABELS,
  motionProblems,
  personCountLine,
  tallyOf,
  tallySummary,
  type Motion,
  type VoteChoice,
} from '../../../domain/decisions'
import type { FieldProblem } from '../../../domain/errors'
import { kindRule } from '../../../domain/meeting-kinds'
import { formatDate } from '../../../domain/beijing-time'
import type { MinutesItem } from '../../../domain/minutes'
import './decision-editor.scss'

function count(text: string): number {
  const n = Number.parseInt(text, 10)
  return Number.isFinite(n) && n >= 0 ? n : 0
}

/** A new motion of `rule`'s kind, carrying over votes typed before (an untyped vote of an older draft). */
function newMotion(rule: DecisionKindRule, vote: MinutesItem['vote']): Motion {
  const election = rule.subject === 'candidates'
  return {
    kind: rule.kind,
    subject: rule.subject === 'none' || election ? null : { memberId: null, name: '' },
    votes: election ? null : (vote ?? { for: 0, against: 0, abstain: 0 }),
    writtenOpinions: [],
    election: election ? { ballots: 0, candidates: [] } : null,
  }
}

const CHOICES: VoteChoice[] = ['for', 'against', 'abstain']

/** The decision part of item `i`: a kind picker while there is none, else the decision's form. */
export function DecisionEditor({
  item,
  i,
  view,
  problems,
  onChange,
}: {
  item: MinutesItem
  i: number
  view: MinutesView
  problems: FieldProblem[]
  onChange: (next: MinutesItem) => void
}) {
  const rules = view.decisionKinds
  const motion = item.motion ?? null
  const setMotion = (next: Motion | null) => onChange({ ...item, motion: next, vote: null })
  const pick = (kind: DecisionKind) =>
    setMotion(
      newMotion(
        rules.find((r) => r.kind === kind)!,
        item.vote,
      ),
    )

  if (!motion) {
    return (
      <View className="decision" id={`item-${i}-decision-pick`}>
        <Text className="form-field__label">表决事项（如本项议程付诸表决，请选择类型）</Text>
        {item.vote && (
          <Text className="mwrite__warn" id={`item-${i}-untyped`}>
            本项已记录表决票数（赞成 {item.vote.for}，反对 {item.vote.against}，弃权 {item.vote.abstain}
            ），但还没有选择类型：各类表决的到会和通过规则不同，请选择后才能定稿
          </Text>
        )}
        <View className="decision__chips">
          {rules.map((r) => (
            <Text className="decision__chip" key={r.kind} id={`item-${i}-kind-${r.kind}`} onClick={() => pick(r.kind)}>
              {r.label}
            </Text>
          ))}
        </View>
        <FieldMessage className="form-problem" message={problemFor(problems, `content.items.${i}.vote`)} />
      </View>
    )
  }

  const rule = rules.find((r) => r.kind === motion.kind)
  const roll = view.attendance?.roll ?? []
  const roster = view.decisionRoster
  const quorum = kindRule(view.kind).quorum
  const tally = rule && view.attendance ? tallyOf(motion, i, roll, quorum, rules) : null
  const subjectFacts = motion.subject?.memberId ? (roster.find((m) => m.id === motion.subject!.memberId) ?? null) : null
  const live =
    rule && view.attendance
      ? motionProblems(
          motion,
          i,
          roll,
          { kind: view.kind, kindLabel: kindRule(view.kind).label, quorum, date: formatDate(view.startAt) },
          subjectFacts
            ? {
                category: subjectFacts.category,
                name: subjectFacts.name,
                probationEndsOn: subjectFacts.probationEndsOn,
              }
            : null,
          rules,
        )
      : []
  const subjects =
    rule?.subject === 'probationary'
      ? roster.filter((m) => m.category === 'probationary')
      : rule?.subject === 'member'
        ? roster
        : []
  // Written opinions may come from entitled people not counted as present for this kind.
  const writers =
    tally?.people.filter(
      (p) => p.countedAs !== 'not_entitled' && p.countedAs !== 'in_person' && p.countedAs !== 'remote_counted',
    ) ?? []
  const written = new Map(motion.writtenOpinions.map((w) => [w.memberId, w.choice]))
  const setWritten = (memberId: string, choice: VoteChoice | null) =>
    setMotion({
      ...motion,
      writtenOpinions: [
        ...motion.writtenOpinions.filter((w) => w.memberId !== memberId),
        ...(choice ? [{ memberId, choice }] : []),
      ],
    })
  const election = motion.election

  return (
    <View className="decision" id={`item-${i}-motion`}>
      <View className="mwrite__item-head">
        <Text className="form-field__label" id={`item-${i}-motion-kind`}>
          表决事项：{rule?.label ?? motion.kind}
        </Text>
        <Text className="mwrite__link" id={`item-${i}-motion-remove`} onClick={() => setMotion(null)}>
          不记录表决
        </Text>
      </View>

      {rule?.subject === 'applicant' && (
        <View className="form-field" id={`item-${i}-subject-name`}>
          <Text className="form-field__label">发展对象姓名</Text>
          <Input
            className="form-field__input"
            value={motion.subject?.name ?? ''}
            maxlength={20}
            placeholder="被接收为预备党员的人"
            onInput={(e) => setMotion({ ...motion, subject: { memberId: null, name: e.detail.value } })}
          />
        </View>
      )}
      {(rule?.subject === 'probationary' || rule?.subject === 'member') && (
        <View id={`item-${i}-subjects`}>
          <Text className="form-field__label">{rule.subject === 'probationary' ? '涉及的预备党员' : '涉及的党员'}</Text>
          {subjects.length === 0 && (
            <Text className="mwrite__muted">本次会议的参会人员中没有预备党员；请先核对会议的参会名单</Text>
          )}
          <View className="decision__chips">
            {subjects.map((m) => (
              <Text
                key={m.id}
                id={`item-${i}-subject-${m.id}`}
                className={motion.subject?.memberId === m.id ? 'decision__chip decision__chip--on' : 'decision__chip'}
                onClick={() => setMotion({ ...motion, subject: { memberId: m.id, name: m.name } })}
              >
                {m.name}
              </Text>
            ))}
          </View>
        </View>
      )}

      {motion.votes && (
        <View className="mwrite__row">
          {CHOICES.map((k) => (
            <View className="mwrite__count" key={k} id={`item-${i}-motion-${k}`}>
              <Text className="form-field__label">会上{VOTE_CHOICE_LABELS[k]}</Text>
              <Input
                className="form-field__input"
                type="number"
                value={String(motion.votes![k])}
                onInput={(e) => setMotion({ ...motion, votes: { ...motion.votes!, [k]: count(e.detail.value) } })}
              />
            </View>
          ))}
        </View>
      )}

      {rule?.writtenOpinionsCount && writers.length > 0 && (
        <View id={`item-${i}-written`}>
          <Text className="form-field__label">书面意见（未到会的有表决权党员会前正式提交的，计入票数）</Text>
          {writers.map((p) => (
            <View className="decision__written" key={p.memberId} id={`item-${i}-written-${p.memberId}`}>
              <Text className="decision__name">{p.name}</Text>
              {CHOICES.map((c) => (
                <Text
                  key={c}
                  id={`item-${i}-written-${p.memberId}-${c}`}
                  className={written.get(p.memberId) === c ? 'decision__chip decision__chip--on' : 'decision__chip'}
                  onClick={() => setWritten(p.memberId, written.get(p.memberId) === c ? null : c)}
                >
                  {VOTE_CHOICE_LABELS[c]}
                </Text>
              ))}
            </View>
          ))}
        </View>
      )}

      {election && (
        <View id={`item-${i}-election`}>
          <View className="form-field" id={`item-${i}-ballots`}>
            <Text className="form-field__label">收回选票（张）</Text>
            <Input
              className="form-field__input"
              type="number"
              value={String(election.ballots)}
              onInput={(e) => setMotion({ ...motion, election: { ...election, ballots: count(e.detail.value) } })}
            />
          </View>
          {election.candidates.map((c, n) => (
            <View className="decision__written" key={`${c.memberId}-${n}`} id={`item-${i}-candidate-${n}`}>
              <Text className="decision__name">{c.name}</Text>
              <Input
                className="form-field__input decision__votes"
                type="number"
                value={String(c.votes)}
                onInput={(e) =>
                  setMotion({
                    ...motion,
                    election: {
                      ...election,
                      candidates: election.candidates.map((x, j) =>
                        j === n ? { ...x, votes: count(e.detail.value) } : x,
                      ),
                    },
                  })
                }
              />
              <Text
                className="mwrite__link"
                onClick={() =>
                  setMotion({
                    ...motion,
                    election: { ...election, candidates: election.candidates.filter((_, j) => j !== n) },
                  })
                }
              >
                删除
              </Text>
            </View>
          ))}
          <Text className="form-field__label">添加候选人（有被选举权的正式党员）</Text>
          <View className="decision__chips">
            {roster
              .filter((m) => m.votingRights && !election.candidates.some((c) => c.memberId === m.id))
              .map((m) => (
                <Text
                  key={m.id}
                  id={`item-${i}-candidate-add-${m.id}`}
                  className="decision__chip"
                  onClick={() =>
                    setMotion({
                      ...motion,
                      election: {
                        ...election,
                        candidates: [...election.candidates, { memberId: m.id, name: m.name, votes: 0 }],
                      },
                    })
                  }
                >
                  {m.name}
                </Text>
              ))}
          </View>
        </View>
      )}

      {tally ? (
        <View id={`item-${i}-tally`}>
          <Text className={live.length > 0 || !tally.passes ? 'mwrite__warn' : 'mwrite__ok'}>
            {tallySummary(tally)}
          </Text>
          {live.map((p) => (
            <Text className="mwrite__warn decision__problem" key={p}>
              {p}
            </Text>
          ))}
          <Text className="mwrite__muted" id={`item-${i}-people`}>
            {tally.people.map(personCountLine).join('；')}
          </Text>
        </View>
      ) : (
        <Text className="mwrite__muted">考勤确认后，这里会显示到会和计票情况</Text>
      )}
      <FieldMessage className="form-problem" message={problemFor(problems, `content.items.${i}.motion`)} />
    </View>
  )
}
