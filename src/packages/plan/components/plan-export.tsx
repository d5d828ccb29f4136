/**
 * 导出 of a published plan for the notice board: Excel (.xlsx) or Word (.docx), handed over as the
 * browser's download or WeChat's openDocument (services/file-saver.ts). A failure is shown in Chinese
 * under the buttons; nothing else changes.
 */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '../../../components/nut'
import { call, errorMessage } from '../../../services/api'
import { saveExportFile } from '../../../services/file-saver'

/** Takes the plan's branch and year; renders the two buttons and the outcome line. */
export function PlanExport({ branchId, year }: { branchId: string; year: number }) {
  const [busy, setBusy] = useState<'xlsx' | 'docx' | null>(null)
  const [problem, setProblem] = useState('')
  const run = async (format: 'xlsx' | 'docx') => {
    if (busy) return
    setBusy(format)
    setProblem('')
    try {
      await saveExportFile(await call('plan.export', { branchId, year, format }))
    } catch (err) {
      setProblem(`导出没有成功：${errorMessage(err)}`)
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className="plan__export" id="plan-export">
      <Text className="plan__hint">导出本计划，打印张贴或发到支部群：</Text>
      <View className="plan__export-buttons">
        <Button fill="outline" id="plan-export-xlsx" loading={busy === 'xlsx'} onClick={() => run('xlsx')}>
          导出 Excel
        </Button>
        <Button fill="outline" id="plan-export-docx" loading={busy === 'docx'} onClick={() => run('docx')}>
          导出 Word
        </Button>
      </View>
      {problem && (
        <Text className="plan__warning" id="plan-export-problem">
          {problem}
        </Text>
      )}
    </View>
  )
}
