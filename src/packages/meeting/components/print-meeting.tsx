/**
 * 打印 for the meeting's organizers (issue 20 §7): the 会议通知 to post or send, and the 签到表 the
 * people sign at the door, each a Word document (minutes.exportNotice / minutes.exportSignSheet)
 * handed over as the browser's download or WeChat's openDocument (services/file-saver.ts). A
 * failure is shown in Chinese under the buttons; nothing else changes.
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '../../../components/nut'
import { call, errorMessage } from '../../../services/api'
import { saveExportFile } from '../../../services/file-saver'
import './print-meeting.scss'

type Paper = 'notice' | 'signSheet'

/** Takes the meeting's id; renders the two print buttons and the outcome line. */
export function PrintMeeting({ meetingId }: { meetingId: string }) {
  const [busy, setBusy] = useState<Paper | null>(null)
  const [problem, setProblem] = useState('')
  const run = async (paper: Paper) => {
    if (busy) return
    setBusy(paper)
    setProblem('')
    try {
      const action = paper === 'notice' ? 'minutes.exportNotice' : 'minutes.exportSignSheet'
      await saveExportFile(await call(action, { meetingId }))
    } catch (err) {
      setProblem(`没有生成成功：${errorMessage(err)}`)
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className="panel print-meeting" id="meeting-print">
      <Text className="print-meeting__hint">
        打印会议通知张贴或发到支部群；打印签到表在会场签名，会后与记录一并存档。
      </Text>
      <View className="print-meeting__buttons">
        <Button fill="outline" id="print-notice" loading={busy === 'notice'} onClick={() => run('notice')}>
          打印会议通知
        </Button>
        <Button fill="outline" id="print-sign-sheet" loading={busy === 'signSheet'} onClick={() => run('signSheet')}>
          打印签到表
        </Button>
      </View>
      {problem && (
        <Text className="print-meeting__problem" id="meeting-print-problem">
          {problem}
        </Text>
      )}
    </View>
  )
}
