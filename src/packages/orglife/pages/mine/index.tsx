/**
 * 我的组织生活 (`?year=`, and `?memberId=` for the branch's organizers or the 党委 looking at a member):
 * each meeting owed in the year and how the member took part, 学时 against the yearly requirement,
 * and — gently — a line when months have passed without organizational life (党章 第九条). A missed
 * meeting (absent or on leave) leads to 补学; an attended one never does. Derived, nothing typed.
 */
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { DeskTable, type DeskColumn } from '../../../../components/desk-table'
import { Button, Tag } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import type { OrgLifeView } from '../../../../domain/api/views-orglife'
import { beijing, formatDate } from '../../../../domain/beijing-time'
import { kindLabel } from '../../../../domain/meeting-kinds'
import { notYetOwed, OUTCOME_LABELS, type OrgLifeEntry } from '../../../../domain/org-life'
import { useDeskLayout } from '../../../../services/desk-media'
import { navigate } from '../../../../services/navigation'
import { useApi } from '../../../../services/use-api'
import './index.scss'

const TAG_TYPE = {
  present: 'success',
  remote: 'success',
  pending: 'warning',
  leave: 'default',
  absent: 'danger',
  upcoming: 'default',
  ongoing: 'primary',
} as const

/** How the member took part, with 迟到 and the 补学 state: e.g. 出席·迟到, 缺席·已补学. */
function outcomeText(e: OrgLifeEntry): string {
  const parts: string[] = [OUTCOME_LABELS[e.outcome]]
  if (e.late) parts.push('迟到')
  if (e.makeup === 'accepted') parts.push('已补学')
  if (e.makeup === 'submitted') parts.push('补学待确认')
  return parts.join('·')
}

function MakeupLink({ e, i }: { e: OrgLifeEntry; i: number }) {
  if (!e.makeupOffered) return null
  return (
    <Button
      size="small"
      type="primary"
      id={`orglife-makeup-${i}`}
      onClick={() => navigate('makeup', { meetingId: e.meetingId })}
    >
      去补学
    </Button>
  )
}

const COLUMNS: DeskColumn[] = [
  { key: 'date', title: '日期', width: '7em' },
  { key: 'kind', title: '会议类型', width: '8em' },
  { key: 'title', title: '主题' },
  { key: 'outcome', title: '参加情况', width: '10em' },
  { key: 'hours', title: '学时', num: true, width: '4em' },
  { key: 'next', title: '', width: '6em' },
]

function Entries({ entries, desk }: { entries: OrgLifeEntry[]; desk: boolean }) {
  if (entries.length === 0) return <Empty>这一年没有需要你参加的会议</Empty>
  if (desk)
    return (
      <View className="orglife__table">
        <DeskTable
          id="orglife-table"
          caption="应参加的会议"
          columns={COLUMNS}
          rows={entries.map((e, i) => ({
            key: e.meetingId,
            id: `orglife-row-${i}`,
            tone: notYetOwed(e.outcome) ? 'muted' : undefined,
            onOpen: () => navigate('meetingDetail', { id: e.meetingId }),
            cells: {
              date: formatDate(e.startAt).slice(5),
              kind: kindLabel(e.kind),
              title: e.title,
              outcome: (
                <View className="orglife__tags">
                  <Tag type={TAG_TYPE[e.outcome]}>{outcomeText(e)}</Tag>
                </View>
              ),
              hours: e.hours || '',
              next: <MakeupLink e={e} i={i} />,
            },
          }))}
        />
      </View>
    )
  return (
    <View className="panel orglife__list">
      {entries.map((e, i) => (
        <View className="orglife__item" id={`orglife-row-${i}`} key={e.meetingId}>
          <View className="orglife__row">
            <Text className="orglife__title" onClick={() => navigate('meetingDetail', { id: e.meetingId })}>
              {e.title}
            </Text>
            <Tag type={TAG_TYPE[e.outcome]}>{outcomeText(e)}</Tag>
          </View>
          <View className="orglife__row">
            <Text className="orglife__muted">
              {formatDate(e.startAt)} · {kindLabel(e.kind)}
              {e.hours ? ` · ${e.hours} 学时` : ''}
            </Text>
            <MakeupLink e={e} i={i} />
          </View>
        </View>
      ))}
    </View>
  )
}

function Year({ data, desk }: { data: OrgLifeView; desk: boolean }) {
  // Another member's record is titled by their name: it is not the viewer's own.
  const title = data.mine ? '我的组织生活' : `${data.member.name}的组织生活`
  useEffect(() => void Taro.setNavigationBarTitle({ title }), [title])
  const t = data.totals
  const short = Math.max(0, t.requiredHours - t.hours)
  return (
    <>
      <View className="panel orglife__summary" id="orglife-summary">
        <Text className="orglife__who">
          {data.mine ? '' : `${data.member.name} · `}
          {data.member.branchName}
        </Text>
        <View className="orglife__figures">
          <View className="orglife__figure">
            <Text className="orglife__number" id="orglife-owed">
              {t.owed}
            </Text>
            <Text className="orglife__muted">应参加</Text>
          </View>
          <View className="orglife__figure">
            <Text className="orglife__number" id="orglife-attended">
              {t.attended}
            </Text>
            <Text className="orglife__muted">出席</Text>
          </View>
          <View className="orglife__figure">
            <Text className="orglife__number">{t.leave}</Text>
            <Text className="orglife__muted">请假</Text>
          </View>
          <View className="orglife__figure">
            <Text className="orglife__number" id="orglife-absent">
              {t.absent}
            </Text>
            <Text className="orglife__muted">缺席</Text>
          </View>
          <View className="orglife__figure">
            <Text className="orglife__number">{t.madeUp}</Text>
            <Text className="orglife__muted">已补学</Text>
          </View>
        </View>
        <Text className="orglife__hours" id="orglife-hours">
          学时 {t.hours} / {t.requiredHours}
          {short > 0 ? `，还差 ${short} 学时` : '，已达到年度要求'}
        </Text>
        <Text className="orglife__muted">
          年度要求：{data.member.committee ? '支部书记和支委每年不少于' : '党员每年不少于'} {t.requiredHours}{' '}
          学时（《党员教育管理工作条例》）；补学单独记录，不计为出席。
        </Text>
        {data.lapses.map((l) => (
          <Text className="orglife__note" id={`orglife-lapse-${l.cause}`} key={l.cause}>
            {data.mine ? l.line : l.line.replace(/^你/, data.member.name)}
          </Text>
        ))}
      </View>
      <Entries entries={data.entries} desk={desk} />
    </>
  )
}

export default function OrgLifePage() {
  const { params } = useRouter()
  const memberId = params.memberId || undefined
  const [year, setYear] = useState(() => Number(params.year) || beijing(Date.now()).year())
  const desk = useDeskLayout()
  const mine = useApi('orgLife.mine', memberId ? null : { year })
  const member = useApi('orgLife.member', memberId ? { memberId, year } : null)
  const state = memberId ? member : mine
  return (
    <View className="orglife">
      <View className="panel orglife__years">
        <Text className="orglife__link" id="orglife-year-prev" onClick={() => setYear((y) => y - 1)}>
          ‹ {year - 1}
        </Text>
        <Text className="orglife__year" id="orglife-year">
          {year} 年
        </Text>
        <Text className="orglife__link" id="orglife-year-next" onClick={() => setYear((y) => y + 1)}>
          {year + 1} ›
        </Text>
      </View>
      <Loaded state={state}>{(data) => <Year data={data} desk={desk} />}</Loaded>
    </View>
  )
}
