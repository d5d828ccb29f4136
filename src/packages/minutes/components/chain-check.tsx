/** 校验记录链: recomputes the branch's hash chain on the server and says what it found. */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '../../../components/nut'
import type { ChainReport } from '../../../domain/api/views-minutes'
import { beijing } from '../../../domain/beijing-time'
import { call } from '../../../services/api'
import { useTask } from '../use-task'
import './chain-check.scss'

export function ChainCheck({ branchId }: { branchId: string }) {
  const [report, setReport] = useState<ChainReport | null>(null)
  const { busy, problem, run } = useTask()
  const verify = () => run('verify', async () => setReport(await call('minutes.verify', { branchId })))
  return (
    <View className="chain-check">
      <Button id="verify-chain" size="small" loading={busy === 'verify'} onClick={verify}>
        校验记录链
      </Button>
      {report && (
        <Text
          id="verify-result"
          className={`chain-check__result ${report.ok ? 'chain-check__result--ok' : 'chain-check__result--bad'}`}
        >
          {report.ok
            ? `${report.branchName}的记录链完好：共 ${report.entries} 条，均与定稿内容一致（${beijing(report.checkedAt).format('MM-DD HH:mm')} 校验）`
            : `记录链校验未通过：${report.firstProblem!.meetingDate}「${report.firstProblem!.meetingTitle}」— ${report.firstProblem!.message}（${report.firstProblem!.field === 'content' ? '内容被改动' : '链接被改动'}）`}
        </Text>
      )}
      {problem && (
        <Text id="verify-error" className="chain-check__result chain-check__result--bad">
          {problem}
        </Text>
      )}
    </View>
  )
}
