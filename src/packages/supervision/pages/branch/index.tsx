/**
 * One branch as the 党委 sees it (`?branchId=&year=`): its indicators for the year, meetings flagged
 * for a second look, every kind × period in words and colour (and each 党小组's 党小组会), when and
 * why the 党委 was told about it (escalations), and the ways into its own records — 会议月历, 会议记录本,
 * 流动党员, 年度计划, 支部成员 — all read-only for the 党委, plus the .docx 述职评议 packet.
 */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '../../../../components/nut'
import { Empty, Loaded } from '../../../../components/page-state'
import type { BranchSupervisionView, MatrixRow } from '../../../../domain/api/views-supervision'
import { beijing } from '../../../../domain/beijing-time'
import { call, errorMessage } from '../../../../services/api'
import { navigate } from '../../../../services/navigation'
import { useApi } from '../../../../services/use-api'
import { CellSheet, openCell, type OpenedCell } from '../../components/cell-sheet'
import { CellMark, Legend, cellAt, columnGroups, indicatorList, periodShort } from '../../components/cells'
import { handOver } from '../../export-file'
import './index.scss'

/** The row's cells by kind, each period with its word (the branch page has the room for it). */
function RowCells({ v, row, onCell }: { v: BranchSupervisionView; row: MatrixRow; onCell: (o: OpenedCell) => void }) {
  return (
    <View className="panel sbr__cells" id={`cells-${row.orgId}`}>
      {columnGroups(v.columns).map((g) => {
        const cells = g.columns.map((c) => cellAt(row.cells, c))
        if (cells.every((c) => !c)) return null
        return (
          <View key={g.kind} className="sbr__kind">
            <Text className="sbr__kind-label">{g.label}</Text>
            <View className="sbr__strip">
              {cells.map(
                (cell) =>
                  cell && (
                    <View key={cell.period} className="sbr__period">
                      <Text className="sbr__period-label">{periodShort(cell.period)}</Text>
                      <CellMark
                        cell={cell}
                        id={`bcell-${row.orgId}-${cell.kind}-${cell.period}`}
                        onOpen={() => onCell({ cell, orgName: row.name, branchId: row.branchId })}
                      />
                    </View>
                  ),
              )}
            </View>
          </View>
        )
      })}
    </View>
  )
}

function Branch({ v, year, setYear }: { v: BranchSupervisionView; year: number; setYear: (y: number) => void }) {
  const [opened, setOpened] = useState<OpenedCell | null>(null)
  const [exporting, setExporting] = useState(false)
  const [problem, setProblem] = useState('')
  const branch = v.rows[0]
  if (!branch) return <Empty>没有找到这个支部的情况，请回到组织生活监督重新选择。</Empty>
  const groups = v.rows.slice(1)
  const branchId = branch.orgId
  const exportPacket = async () => {
    setExporting(true)
    setProblem('')
    try {
      await handOver(await call('supervision.exportPacket', { branchId, year }), 'docx')
    } catch (err) {
      setProblem(errorMessage(err))
    } finally {
      setExporting(false)
    }
  }
  const onCell = (o: OpenedCell) => openCell(o, setOpened)
  return (
    <View className="sbr">
      <View className="sbr__head">
        <Text className="sbr__name" id="branch-name">
          {branch.name}
        </Text>
        <Text className="sbr__sub">{branch.parentName}</Text>
        <View className="sbr__years">
          <Text className="sbr__year-link" id="year-prev" onClick={() => setYear(year - 1)}>
            ‹ {year - 1}
          </Text>
          <Text className="sbr__year" id="branch-year">
            {year} 年
          </Text>
          <Text className="sbr__year-link" id="year-next" onClick={() => setYear(year + 1)}>
            {year + 1} ›
          </Text>
        </View>
      </View>

      <View className="sbr__links" id="branch-links">
        <Button size="small" id="go-calendar" onClick={() => void navigate('calendar', { branchId })}>
          会议月历
        </Button>
        <Button size="small" id="go-book" onClick={() => void navigate('minutesBook', { branchId, year })}>
          会议记录本
        </Button>
        <Button size="small" id="go-mobile" onClick={() => void navigate('mobileList', { branchId })}>
          流动党员
        </Button>
        <Button size="small" id="go-plan" onClick={() => void navigate('plan', { branchId, year })}>
          年度计划
        </Button>
        <Button size="small" id="go-roster" onClick={() => void navigate('rosterList', { branchId })}>
          支部成员
        </Button>
        <Button size="small" type="primary" id="export-packet" loading={exporting} onClick={() => void exportPacket()}>
          导出述职评议材料（Word）
        </Button>
      </View>
      {problem && (
        <Text className="sbr__problem" id="export-problem">
          {problem}
        </Text>
      )}

      <Text className="section-title">{year} 年指标</Text>
      <View className="panel sbr__indicators" id="branch-indicators">
        {indicatorList(branch.indicators).map((x) => (
          <View key={x.key} className="sbr__indicator" id={`indicator-${x.key}`}>
            <Text className="sbr__indicator-value">{x.text}</Text>
            <Text className="sbr__indicator-label">{x.label}</Text>
          </View>
        ))}
      </View>

      {branch.flags.length > 0 && (
        <>
          <Text className="section-title">建议复核（仅提示，不计分）</Text>
          <View className="panel" id="branch-flags">
            {branch.flags.map((f) => (
              <View
                key={`${f.meetingId}-${f.reason}`}
                className="sbr__flag"
                id={`flag-${f.meetingId}-${f.reason}`}
                onClick={() => void navigate('meetingDetail', { id: f.meetingId })}
              >
                <Text className="sbr__flag-reason">{f.label}</Text>
                <Text className="sbr__flag-open">查看会议 ›</Text>
              </View>
            ))}
          </View>
        </>
      )}

      <Text className="section-title">各类会议完成情况（点状态查看会议）</Text>
      <Legend />
      {opened && <CellSheet opened={opened} onClose={() => setOpened(null)} />}
      <RowCells v={v} row={branch} onCell={onCell} />
      {groups.map((g) => (
        <View key={g.orgId}>
          <Text className="section-title">{g.name} · 党小组会</Text>
          <RowCells v={v} row={g} onCell={onCell} />
        </View>
      ))}

      <Text className="section-title">党委收到的督办提醒</Text>
      <View className="panel" id="branch-escalations">
        {v.escalations.length === 0 ? (
          <Text className="sbr__muted">{year} 年没有因本支部发出的督办提醒。</Text>
        ) : (
          v.escalations.map((e) => (
            <View key={e.id} className="sbr__escalation" id={`escalation-${e.id}`}>
              <Text className="sbr__escalation-at">
                {beijing(e.at).format('YYYY-MM-DD HH:mm')} · {e.cause === 'silent' ? '长期未开展组织生活' : '会议逾期'}
              </Text>
              <Text>{e.reason}</Text>
            </View>
          ))
        )}
      </View>
    </View>
  )
}

export default function SupervisionBranchPage() {
  const { params } = useRouter()
  const branchId = params.branchId ?? ''
  const [year, setYear] = useState(() => Number(params.year) || beijing(Date.now()).year())
  const state = useApi('supervision.branch', branchId ? { branchId, year } : null)
  if (!branchId) return <Empty>没有指定支部，请从组织生活监督中点支部名称进入。</Empty>
  return <Loaded state={state}>{(v) => <Branch v={v} year={year} setYear={setYear} />}</Loaded>
}
