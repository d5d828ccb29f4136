/**
 * 阅签回执 (from 我的): the receipts this device kept when its member confirmed minutes (阅签), each
 * the branch's chain head that sealed the confirmation — 序号, the first 16 hex digits and the full
 * hash — and 用回执核验, which sends them to `minutes.verify`: a chain rewritten after the 阅签 no
 * longer holds the head, and the answer names where it parts. The receipts never leave the device
 * otherwise. Opened with `meetingId` (from 已阅签 x / y on final minutes, for their organizers) it
 * shows that record's 阅签情况 instead: who has and has not read, and the reminder (read-follow-up.tsx).
 */
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Button } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import { UnboundNotice } from '../../../../components/unbound-notice'
import type { ChainReport, ReadReceipt } from '../../../../domain/api/views-minutes'
import { beijing } from '../../../../domain/beijing-time'
import { chainHeadLabel } from '../../../../domain/minutes'
import { call } from '../../../../services/api'
import { headsByBranch, loadReceipts } from '../../../../services/read-receipts'
import { useApi } from '../../../../services/use-api'
import { ChainResult } from '../../components/chain-check'
import { ReadFollowUp } from '../../components/read-follow-up'
import { useTask } from '../../use-task'
import './index.scss'

export default function ReceiptsPage() {
  const { params } = useRouter()
  if (params.meetingId) return <ReadFollowUpPage meetingId={params.meetingId} />
  return <ReadReceiptsPage />
}

function ReadFollowUpPage({ meetingId }: { meetingId: string }) {
  useEffect(() => void Taro.setNavigationBarTitle({ title: '阅签情况' }), [])
  return <ReadFollowUp meetingId={meetingId} />
}

function ReadReceiptsPage() {
  // Only the signed-in member's own receipts: a device may be shared (a branch's desk PC).
  const me = useApi('session.whoami', {})
  const memberId = me.data?.bound ? me.data.member.id : null
  const [receipts, setReceipts] = useState<ReadReceipt[]>([])
  useEffect(() => setReceipts(memberId ? loadReceipts(memberId) : []), [memberId])
  useDidShow(() => setReceipts(memberId ? loadReceipts(memberId) : []))
  const [reports, setReports] = useState<ChainReport[]>([])
  const { busy, problem, run } = useTask()
  const verify = () =>
    run('verify', async () => {
      const out: ChainReport[] = []
      for (const { branchId, heads } of headsByBranch(receipts)) {
        out.push(await call('minutes.verify', { branchId, heads }))
      }
      setReports(out)
    })

  if (!memberId) return <Loaded state={me}>{() => <UnboundNotice />}</Loaded>
  if (receipts.length === 0) {
    return (
      <Empty>
        本机还没有阅签回执。阅读定稿的会议记录并确认阅签后，回执会保存在这台手机上，以后可用来核验记录链有没有被改写。
      </Empty>
    )
  }
  return (
    <View className="receipts">
      <Text className="receipts__intro">
        每次阅签，服务器都把支部记录链当时的链头交给你保存在这台手机上。记录若在你阅签之后被改写或删除，用回执核验就会指出是哪一条。
      </Text>
      <View className="actions">
        <Button id="verify-receipts" type="primary" block loading={busy === 'verify'} onClick={() => void verify()}>
          用回执核验（{receipts.length} 张）
        </Button>
      </View>
      {reports.map((r) => (
        <View key={r.branchId} className="panel" id={`receipts-result-${r.branchId}`}>
          <ChainResult report={r} />
        </View>
      ))}
      {problem && (
        <Text className="chain-check__result chain-check__result--bad" id="receipts-error">
          {problem}
        </Text>
      )}
      <View className="panel" id="receipt-list">
        {receipts.map((r) => (
          <View key={`${r.branchId}.${r.meetingId}`} className="receipts__item">
            <Text className="receipts__title">{r.meetingTitle}</Text>
            <Text className="receipts__muted">
              阅签于 {beijing(r.confirmedAt).format('YYYY-MM-DD HH:mm')} · 记录链 {chainHeadLabel(r)}
            </Text>
            <Text className="receipts__hash">{r.hash}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
