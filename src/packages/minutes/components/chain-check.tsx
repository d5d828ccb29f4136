/**
 * 校验记录链: recomputes the branch's hash chain on the server, against the 党委's anchors and, when
 * typed in, a head printed on an exported record or book (序号 and the first 16 hex digits), and says
 * what it found — the first divergence named by record. Also used by 我的 › 阅签回执 with the heads of
 * the receipts kept on the device (`heads`).
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { TextField } from '../../../components/form-fields'
import { Button } from '../../../components/nut'
import { givenHeadSchema } from '../../../domain/api/catalog-minutes'
import type { ChainReport, GivenHead } from '../../../domain/api/views-minutes'
import { beijing } from '../../../domain/beijing-time'
import { chainHeadLabel } from '../../../domain/minutes'
import { call } from '../../../services/api'
import { useTask } from '../use-task'
import './chain-check.scss'

/** The report in one Chinese sentence: what was checked and, when it failed, the first divergence. */
export function reportText(report: ChainReport): string {
  if (report.ok) {
    const witnessed = [
      report.anchorsChecked > 0 ? `与党委留存的 ${report.anchorsChecked} 个锚点一致` : '',
      report.headsChecked > 0 ? `与你提供的 ${report.headsChecked} 个链头一致` : '',
    ].filter(Boolean)
    const head = report.head ? `；链头 ${chainHeadLabel(report.head)}` : ''
    return `${report.branchName}的记录链完好：共 ${report.entries} 条，均与定稿内容一致${witnessed.length ? `，${witnessed.join('，')}` : ''}${head}（${beijing(report.checkedAt).format('MM-DD HH:mm')} 校验）`
  }
  const p = report.firstProblem!
  const where = p.meetingTitle ? `${p.meetingDate}「${p.meetingTitle}」— ` : ''
  return `记录链校验未通过：${where}${p.message}`
}

/** The photos worth a second look, one line each (album, unknown source, received late), or []. */
export function photoFlagLines(report: Pick<ChainReport, 'photoFlags'>): string[] {
  return (report.photoFlags ?? []).map(
    (f) => `${f.meetingDate}「${f.meetingTitle}」照片 ${f.photo}：${f.flag}，请核实是否为当次会议现场照片`,
  )
}

export function ChainResult({ report }: { report: ChainReport }) {
  const flags = photoFlagLines(report)
  return (
    <View>
      <Text
        id="verify-result"
        className={`chain-check__result ${report.ok ? 'chain-check__result--ok' : 'chain-check__result--bad'}`}
      >
        {reportText(report)}
      </Text>
      {flags.length > 0 && (
        <View id="verify-photo-flags" className="chain-check__flags">
          <Text className="chain-check__result">需要核实的照片（{flags.length} 张）：</Text>
          {flags.map((line, i) => (
            <Text key={i} className="chain-check__result">
              {line}
            </Text>
          ))}
        </View>
      )}
    </View>
  )
}

export function ChainCheck({ branchId }: { branchId: string }) {
  const [report, setReport] = useState<ChainReport | null>(null)
  const [typing, setTyping] = useState(false)
  const [seq, setSeq] = useState('')
  const [hash, setHash] = useState('')
  const [problems, setProblems] = useState<{ seq?: string; hash?: string }>({})
  const { busy, problem, run } = useTask()

  const verify = (heads?: GivenHead[]) =>
    run('verify', async () => setReport(await call('minutes.verify', { branchId, ...(heads ? { heads } : {}) })))
  const verifyTyped = () => {
    const parsed = givenHeadSchema.safeParse({ seq: Number(seq.trim()), hash: hash.replace(/\s+/g, '') })
    if (!parsed.success) {
      const found: { seq?: string; hash?: string } = {}
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] === 'seq' ? 'seq' : 'hash'
        found[key] ??= seq.trim() === '' && key === 'seq' ? '请填写打印件上的链头序号' : issue.message
      }
      setProblems(found)
      return
    }
    setProblems({})
    void verify([parsed.data])
  }

  return (
    <View className="chain-check">
      <View className="chain-check__buttons">
        <Button id="verify-chain" size="small" loading={busy === 'verify'} onClick={() => void verify()}>
          校验记录链
        </Button>
        <Text id="verify-typed-toggle" className="chain-check__link" onClick={() => setTyping((t) => !t)}>
          {typing ? '收起' : '核对打印件上的链头'}
        </Text>
      </View>
      {typing && (
        <View className="chain-check__typed" id="verify-typed">
          <Text className="chain-check__hint">
            导出的会议记录和会议记录本末尾印有“记录链链头：第 N 条 · 16
            位哈希”，照着填写后核验；记录若在打印之后被改写，会指出是哪一条。
          </Text>
          <TextField
            id="field-head-seq"
            label="链头序号"
            type="number"
            value={seq}
            onInput={setSeq}
            placeholder="如 12"
            maxlength={9}
            problem={problems.seq}
          />
          <TextField
            id="field-head-hash"
            label="哈希前 16 位（或完整哈希）"
            value={hash}
            onInput={setHash}
            placeholder="如 0123456789abcdef"
            maxlength={80}
            problem={problems.hash}
          />
          <Button
            id="verify-typed-submit"
            type="primary"
            size="small"
            loading={busy === 'verify'}
            onClick={verifyTyped}
          >
            按这个链头核验
          </Button>
        </View>
      )}
      {report && <ChainResult report={report} />}
      {problem && (
        <Text id="verify-error" className="chain-check__result chain-check__result--bad">
          {problem}
        </Text>
      )}
    </View>
  )
}
