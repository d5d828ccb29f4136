/**
 * 流动党员 home: when the next 报到 is due and the button to do it, this year's 思想汇报, my reports,
 * and my meetings — upcoming ones to attend remotely, missed ones to 补学 after reading the minutes.
 */
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useEffect } from 'react'
import { Button } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import type { MobileHomeView } from '../../../../domain/api/views-mobile'
import { formatDate, formatSpan } from '../../../../domain/beijing-time'
import { kindLabel } from '../../../../domain/meeting-kinds'
import { MOBILE_REASON_LABELS, REPORT_KIND_LABELS } from '../../../../domain/mobile'
import { PAGES, pageUrl } from '../../../../domain/pages'
import { loadDraft, saveDraft } from '../../../../services/draft-store'
import { readSession } from '../../../../services/session'
import { useApi } from '../../../../services/use-api'
import { StateTag } from '../../components/state-tag'
import { PendingCheckins } from '../../components/pending-checkins'
import { openUrl } from '../../../../services/navigation'
import '../../components/mobile.scss'

const go = (url: string) => openUrl(url)

function Home({ data }: { data: MobileHomeView }) {
  const upcoming = useApi('meeting.listMine', { when: 'upcoming', limit: 5 })
  const { profile, due, requirement } = data
  return (
    <View>
      {!profile && (
        <Text className="mob__notice" id="mobile-unregistered">
          支部还没有登记你的流动信息；第一次报到后会自动登记，请再联系支部书记补全外出原因和活动证号。
        </Text>
      )}
      <View className="mob__card" id="mobile-due">
        <View className="mob__row">
          <Text className="mob__title">报到</Text>
          {profile && <StateTag state={profile.state} id="mobile-my-state" />}
        </View>
        {due.doneThisPeriod ? (
          <Text className="mob__muted mob__ok">{due.periodLabel}已报到</Text>
        ) : (
          <Text className="mob__muted mob__due">{due.periodLabel}还没有报到</Text>
        )}
        <Text className="mob__big" id="mobile-due-date">
          下次报到截止 {due.dueDate}
        </Text>
        {profile && (
          <Text className="mob__muted">
            {profile.city} · {MOBILE_REASON_LABELS[profile.reason]} · 最近联系 {formatDate(profile.lastContactAt)}
          </Text>
        )}
        <View className="mob__actions">
          <Button type="primary" block id="btn-checkin" onClick={() => go(PAGES.mobileCheckin)}>
            报到
          </Button>
        </View>
      </View>

      <View className="mob__card" id="mobile-requirement">
        <View className="mob__row">
          <Text className="mob__title">{requirement.year}年度思想汇报</Text>
          <Text className={requirement.met ? 'mob__ok' : 'mob__due'} id="mobile-requirement-label">
            {requirement.met ? requirement.label : `${requirement.label}（截止 ${requirement.deadline}）`}
          </Text>
        </View>
        <View className="mob__actions">
          <Button type="primary" fill="outline" block id="btn-report" onClick={() => go(PAGES.mobileReport)}>
            写汇报
          </Button>
        </View>
      </View>

      <Text className="mob__section">我的汇报</Text>
      <View className="mob__card" id="mobile-reports">
        {data.reports.length === 0 ? (
          <Text className="mob__muted">还没有提交过汇报</Text>
        ) : (
          data.reports.map((r) => (
            <View
              key={r.id}
              className="mob__item"
              id={`report-${r.id}`}
              onClick={() => go(pageUrl('mobileReport', { id: r.id }))}
            >
              <Text className="mob__item-title">{r.title}</Text>
              <Text className="mob__item-sub">
                {REPORT_KIND_LABELS[r.kind]} · {formatDate(r.submittedAt)} 提交 ·{' '}
                {r.readAt ? (r.reply ? '支部已回复' : '支部已阅') : '待支部阅知'}
              </Text>
            </View>
          ))
        )}
      </View>

      <Text className="mob__section">待召开的会议</Text>
      <View className="mob__card" id="mobile-upcoming">
        <Loaded state={upcoming}>
          {(page) =>
            page.items.length === 0 ? (
              <Text className="mob__muted">近期没有需要参加的会议</Text>
            ) : (
              page.items.map((m) => (
                <View key={m.id} className="mob__item" id={`upcoming-${m.id}`}>
                  <Text className="mob__item-title">{m.title}</Text>
                  <Text className="mob__item-sub">
                    {kindLabel(m.kind)} · {formatSpan(m.startAt, m.endAt)}
                  </Text>
                  <View className="mob__links">
                    <Text className="mob__link" onClick={() => go(pageUrl('meetingDetail', { id: m.id }))}>
                      会议详情
                    </Text>
                    {m.allowRemote ? (
                      <Text
                        className="mob__link"
                        id={`remote-${m.id}`}
                        onClick={() => go(pageUrl('signIn', { meetingId: m.id, remote: '1' }))}
                      >
                        远程参会
                      </Text>
                    ) : (
                      <Text
                        className="mob__link"
                        id={`leave-${m.id}`}
                        onClick={() => go(pageUrl('leave', { meetingId: m.id }))}
                      >
                        请假
                      </Text>
                    )}
                  </View>
                  {!m.allowRemote && (
                    <Text className="mob__muted" id={`remote-closed-${m.id}`}>
                      这次会议没有开放远程参会：不能到会场请点“请假”，或请支部书记在签到设置中打开“允许远程参会”。
                    </Text>
                  )}
                </View>
              ))
            )
          }
        </Loaded>
      </View>

      <Text className="mob__section">缺席的会议（半年内）</Text>
      <View className="mob__card" id="mobile-missed">
        {data.missed.length === 0 ? (
          <Text className="mob__muted">没有需要补学的会议</Text>
        ) : (
          data.missed.map((m) => (
            <View key={m.meetingId} className="mob__item" id={`missed-${m.meetingId}`}>
              <Text className="mob__item-title">{m.title}</Text>
              <Text className="mob__item-sub">
                {kindLabel(m.kind)} · {formatDate(m.startAt)} ·{' '}
                {m.makeup === 'accepted'
                  ? '补学已确认'
                  : m.makeup === 'submitted'
                    ? '补学待确认'
                    : m.minutesFinal
                      ? '可补学'
                      : '会议记录定稿后可补学'}
              </Text>
              {m.minutesFinal && (
                <View className="mob__links">
                  <Text
                    className="mob__link"
                    id={`makeup-${m.meetingId}`}
                    onClick={() => go(pageUrl('makeup', { meetingId: m.meetingId }))}
                  >
                    {m.makeup === 'none' ? '补学' : '查看补学'}
                  </Text>
                </View>
              )}
            </View>
          ))
        )}
      </View>
    </View>
  )
}

/**
 * The last page the server gave, kept so a member with no network still sees their due date. It is
 * tied to the login (in the browser several people may log in on one device; WeChat is one person).
 */
const CACHE_KEY = 'mobile.home.last'
const owner = () => readSession()?.token.slice(-16) ?? 'wechat'

interface Cached {
  owner: string
  data: MobileHomeView
}

export default function MobileHome() {
  const state = useApi('mobile.getMine', {})
  usePullDownRefresh(() => {
    state.reload()
    Taro.stopPullDownRefresh()
  })
  useEffect(() => {
    if (state.data) saveDraft<Cached>(CACHE_KEY, { owner: owner(), data: state.data })
  }, [state.data])
  const last = !state.data && state.error?.code === 'NETWORK' ? loadDraft<Cached>(CACHE_KEY) : null
  const cached = last && last.owner === owner() ? last.data : null
  return (
    <View className="mob">
      {/* Outside the loaded part: a check-in waiting for the network shows even when nothing loads. */}
      <PendingCheckins onSent={state.reload} />
      {cached ? (
        <View>
          <Text className="mob__notice" id="mobile-offline">
            网络不通，下面是上次联网时的信息。
            <Text className="mob__link" onClick={state.reload}>
              {' '}
              重试
            </Text>
          </Text>
          <Home data={cached} />
        </View>
      ) : (
        <Loaded state={state}>{(data) => (data ? <Home data={data} /> : <Empty>暂无数据</Empty>)}</Loaded>
      )}
    </View>
  )
}
