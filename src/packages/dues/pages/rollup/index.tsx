/**
 * 党费汇总 (`?orgId=&year=`), for the 党委's staff: every branch below it with the year's 应交, 已交,
 * 欠交, how many members owe and what it handed up (上缴). Totals only: a member's base and payments
 * stay with the branch (the 党委 opens one member's record from the roster when it must).
 */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { DeskTable } from '../../../../components/desk-table'
import { Loaded } from '../../../../components/page-state'
import { beijing } from '../../../../domain/beijing-time'
import { DUES_NOT_KEPT_TEXT, keepsDuesInApp, yuan } from '../../../../domain/dues'
import { useDeskLayout } from '../../../../services/desk-media'
import { useApi } from '../../../../services/use-api'
import { TotalsCard, YearSwitch, money } from '../../components/dues-parts'
import '../../components/dues.scss'
import './index.scss'

export default function DuesRollup() {
  const query = useRouter().params
  const [year, setYear] = useState(() => Number(query.year) || beijing(Date.now()).year())
  const state = useApi('dues.rollup', { orgId: query.orgId || undefined, year })
  const desk = useDeskLayout()
  return (
    <View className="dues dues-rollup">
      <Loaded state={state}>
        {(view) => (
          <>
            <View className="dues__head">
              <Text className="dues__name">{view.org.name}党费汇总</Text>
              <Text className="dues__sub" id="rollup-summary">
                {view.branches.length} 个党支部 · 已上缴 {money(view.totals.handedUpFen)} · 只显示合计
              </Text>
              <YearSwitch year={year} onYear={setYear} />
            </View>
            <TotalsCard totals={view.totals} id="rollup-totals" />
            {desk ? (
              <DeskTable
                id="rollup-table"
                caption={`${view.org.name}${view.year}年党费汇总`}
                columns={[
                  { key: 'name', title: '党支部' },
                  { key: 'members', title: '党员', num: true },
                  { key: 'due', title: '应交（元）', num: true },
                  { key: 'paid', title: '已交（元）', num: true },
                  { key: 'arrears', title: '欠交（元）', num: true },
                  { key: 'owing', title: '欠交人数', num: true },
                  { key: 'up', title: '已上缴（元）', num: true },
                ]}
                rows={view.branches.map((b) => {
                  const kept = keepsDuesInApp(b.totals, b.handedUpFen)
                  return {
                    key: b.branchId,
                    id: `rollup-${b.branchId}`,
                    cells: {
                      name: kept ? b.name : `${b.name}（${DUES_NOT_KEPT_TEXT}）`,
                      members: b.members,
                      due: kept ? yuan(b.totals.dueFen) : '—',
                      paid: kept ? yuan(b.totals.paidFen) : '—',
                      arrears: kept ? yuan(b.totals.arrearsFen) : '—',
                      owing: kept ? b.membersInArrears : '—',
                      up: kept ? yuan(b.handedUpFen) : '—',
                    },
                  }
                })}
              />
            ) : (
              <View className="dues__card" id="rollup-cards">
                {view.branches.map((b) => (
                  <View className="dues-rollup__branch" key={b.branchId} id={`rollup-${b.branchId}`}>
                    <Text className="dues__row-name">{b.name}</Text>
                    {keepsDuesInApp(b.totals, b.handedUpFen) ? (
                      <>
                        <Text className="dues__muted">
                          {b.members} 名党员 · 已交 {money(b.totals.paidFen)} · 欠交 {money(b.totals.arrearsFen)}（
                          {b.membersInArrears} 人）
                        </Text>
                        <Text className="dues__muted">已上缴党委 {money(b.handedUpFen)}</Text>
                      </>
                    ) : (
                      <Text className="dues__muted">
                        {b.members} 名党员 · {DUES_NOT_KEPT_TEXT}，请该支部组织委员核定基数并登记交纳
                      </Text>
                    )}
                  </View>
                ))}
              </View>
            )}
          </>
        )}
      </Loaded>
    </View>
  )
}
