/**
 * Import a roster from an Excel workbook (.xlsx) or a CSV file: preview first (every bad row
 * explained: which row, which column, what to fix; names that look damaged by an encoding are
 * refused; same names are pointed out), commit only a clean file, and then all of it or nothing.
 * The file is uploaded once (a call carries no file, src/domain/uploads.ts); preview and import
 * name it by its file id.
 */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '../../../../components/nut'
import { PrivacyPrompt } from '../../../../components/privacy-prompt'
import type { ImportPreview } from '../../../../domain/api/views'
import { call, errorMessage, newRequestId } from '../../../../services/api'
import { kilobytes, rosterFileUpload, uploadPath } from '../../../../domain/uploads'
import { pickFile } from '../../../../services/file-picker'
import { uploadFile } from '../../../../services/file-upload'
import { redirect } from '../../../../services/navigation'
import './index.scss'

const COLUMNS = '姓名、性别、手机号、党员类别、入党时间、转正时间、职务、党小组、状态'
const ACTION_LABELS = { create: '新增', update: '更新', unchanged: '不变' } as const

/** The rows that create or update first (what the person checks), then the unchanged, each in file order. */
const changedFirst = (rows: ImportPreview['rows']) => [
  ...rows.filter((r) => r.action !== 'unchanged'),
  ...rows.filter((r) => r.action === 'unchanged'),
]

export default function ImportPage() {
  const [file, setFile] = useState<{ name: string; fileId: string } | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)
  const [requestId, setRequestId] = useState(newRequestId)

  const choose = async () => {
    setProblem('')
    try {
      const picked = await pickFile(['xlsx', 'csv'])
      if (!picked) return
      if (picked.size > rosterFileUpload.maxBytes) {
        setProblem(
          `文件太大（${kilobytes(picked.size)} KB），名单文件最大 ${kilobytes(rosterFileUpload.maxBytes)} KB：请分成几个文件导入。`,
        )
        return
      }
      setFile(null)
      setPreview(null)
      setRequestId(newRequestId())
      setBusy(true)
      const ext = /\.xlsx$/i.test(picked.name) ? 'xlsx' : 'csv'
      const fileId = await uploadFile(uploadPath(rosterFileUpload, newRequestId(), ext), picked.path)
      setFile({ name: picked.name, fileId })
      setPreview(await call('roster.importPreview', { fileId }))
    } catch (err) {
      setProblem(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const commit = async () => {
    if (!file || busy) return
    setBusy(true)
    setProblem('')
    try {
      const result = await call('roster.importCommit', { fileId: file.fileId }, { requestId })
      await Taro.showModal({
        title: '导入完成',
        content: `新增 ${result.created} 人，更新 ${result.updated} 人，${result.unchanged} 人无变化。`,
        showCancel: false,
      })
      await redirect('rosterList')
    } catch (err) {
      setProblem(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="import">
      <View className="panel">
        <Text className="import__hint">
          支持 Excel 工作簿（.xlsx）和 CSV 文件，第一行为表头，列为：{COLUMNS}
          。建议先在名单页“导出名单（Excel）”，在导出的 .xlsx 中修改后导入：手机号、日期和生僻字都不会被 Excel
          改动。手机号与本支部已有党员相同的行会更新该党员（只改了手机号的，按姓名对应），其余为新增。
        </Text>
      </View>
      <View className="actions">
        <Button id="choose-file" type="primary" block loading={busy && !preview} onClick={choose}>
          {file ? `重新选择文件（当前：${file.name}）` : '选择名单文件（.xlsx 或 CSV）'}
        </Button>
      </View>
      {problem && (
        <Text className="import__error" id="import-error">
          {problem}
        </Text>
      )}
      {preview && (
        <View id="import-preview">
          <Text className="section-title" id="import-counts">
            共 {preview.rows.length} 行：新增 {preview.counts.create}，更新 {preview.counts.update}，不变{' '}
            {preview.counts.unchanged}
            {preview.problems.length ? `；${preview.problems.length} 处问题需要修改` : ''}
          </Text>
          {preview.problems.length > 0 && (
            <View className="panel import__problems" id="import-problems">
              <Text className="import__problems-title">
                请在文件中修改以下问题后重新选择文件，修改前不会导入任何数据：
              </Text>
              {preview.problems.map((p, i) => (
                <Text key={i} className="import__problem">
                  第 {p.row} 行「{p.column}」：{p.message}
                </Text>
              ))}
            </View>
          )}
          {preview.warnings.length > 0 && (
            <View className="panel import__warnings" id="import-warnings">
              <Text className="import__problems-title">请留意（不影响导入）：</Text>
              {preview.warnings.map((w, i) => (
                <Text key={i} className="import__warning">
                  第 {w.row} 行「{w.column}」：{w.message}
                </Text>
              ))}
            </View>
          )}
          <View className="panel">
            {changedFirst(preview.rows).map((r) => (
              <View key={r.row} className="import__row">
                <Text>
                  第 {r.row} 行 {r.name} {r.phoneMasked}
                </Text>
                <Text className={`import__action import__action--${r.action}`}>
                  {ACTION_LABELS[r.action]}
                  {r.changes.length ? `：${r.changes.join('、')}` : ''}
                </Text>
              </View>
            ))}
          </View>
          <View className="actions">
            <Button
              id="commit-import"
              type="primary"
              block
              disabled={!preview.canCommit}
              loading={busy}
              onClick={commit}
            >
              {preview.canCommit ? '确认导入' : '有问题未修改，不能导入'}
            </Button>
          </View>
        </View>
      )}
      <PrivacyPrompt />
    </View>
  )
}
