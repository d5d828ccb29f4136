/** 支部成员: search and filter the branch's members; the committee also adds, imports and exports. */
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { DeskTable, type DeskColumn } from '../../../../components/desk-table'
import { TextInput } from '../../../../components/form-fields'
import { Button, Tag } from '../../../../components/nut'
import { Empty, Loaded, LoadMore } from '../../../../components/page-state'
import type { MemberRow } from '../../../../domain/api/views'
import {
  keepsRoster,
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  ROLE_LABELS,
  type MemberCategory,
  type MemberStatus,
} from '../../../../domain/org'
import { call, errorMessage } from '../../../../services/api'
import { useDeskLayout } from '../../../../services/desk-media'
import { saveExportFile } from '../../../../services/file-saver'
import { useApi, usePagedApi } from '../../../../services/use-api'
import { navigate } from '../../../../services/navigation'
import './index.scss'

interface Filters {
  search: string
  category?: MemberCategory
  status?: MemberStatus
  groupId?: string
}

function Chip({ id, on, label, onClick }: { id: string; on: boolean; label: string; onClick: () => void }) {
  return (
    <View id={id} className={`roster__chip ${on ? 'roster__chip--on' : ''}`} onClick={onClick}>
      <Text>{label}</Text>
    </View>
  )
}

function MemberItem({ m }: { m: MemberRow }) {
  const roles = m.roles.filter((r) => r !== 'member').map((r) => ROLE_LABELS[r])
  return (
    <View className="roster__item" id={`member-${m.id}`} onClick={() => navigate('memberDetail', { id: m.id })}>
      <View className="roster__line">
        <Text className="roster__name">{m.name}</Text>
        {m.category === 'probationary' && <Tag type="warning">预备党员</Tag>}
        {m.status !== 'normal' && <Tag type="default">{MEMBER_STATUS_LABELS[m.status]}</Tag>}
        {!m.bound && <Tag type="default">未绑定微信</Tag>}
      </View>
      <Text className="roster__sub">{[roles.join('、'), m.group?.name, m.phone].filter(Boolean).join(' · ')}</Text>
    </View>
  )
}

const MEMBER_COLUMNS: DeskColumn[] = [
  { key: 'name', title: '姓名', width: '7em' },
  { key: 'category', title: '类别', width: '6em' },
  { key: 'roles', title: '职务' },
  { key: 'group', title: '党小组' },
  { key: 'phone', title: '手机号', width: '9em' },
  { key: 'status', title: '状态', width: '6em' },
  { key: 'bound', title: '微信', width: '6em' },
]

/** The members as a table at a desk: one row each, a click or Enter opens the member. */
function MemberTable({ members }: { members: MemberRow[] }) {
  return (
    <DeskTable
      id="member-table"
      caption="支部成员"
      columns={MEMBER_COLUMNS}
      rows={members.map((m) => ({
        key: m.id,
        id: `member-${m.id}`,
        onOpen: () => navigate('memberDetail', { id: m.id }),
        cells: {
          name: <Text className="roster__cell-name">{m.name}</Text>,
          category: MEMBER_CATEGORY_LABELS[m.category],
          roles: m.roles
            .filter((r) => r !== 'member')
            .map((r) => ROLE_LABELS[r])
            .join('、'),
          group: m.group?.name ?? '',
          phone: m.phone,
          status: MEMBER_STATUS_LABELS[m.status],
          bound: m.bound ? '已绑定' : <Text className="roster__cell-unbound">未绑定</Text>,
        },
      }))}
    />
  )
}

export default function RosterList() {
  const desk = useDeskLayout()
  const { params } = useRouter()
  const branchId = params.branchId || undefined
  const me = useApi('session.whoami', {})
  const groups = useApi('org.listGroups', branchId ? { branchId } : {})
  const [filters, setFilters] = useState<Filters>({ search: '' })
  const [typed, setTyped] = useState('')
  const query = {
    ...(branchId ? { branchId } : {}),
    ...(filters.search ? { search: filters.search } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.groupId ? { groupId: filters.groupId } : {}),
    limit: 50,
  }
  const list = usePagedApi('roster.list', query)
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null)

  // Search as the person pauses typing, not on every keystroke.
  useEffect(() => {
    const t = setTimeout(() => setFilters((f) => (f.search === typed.trim() ? f : { ...f, search: typed.trim() })), 300)
    return () => clearTimeout(t)
  }, [typed])

  usePullDownRefresh(() => {
    list.first.reload()
    Taro.stopPullDownRefresh()
  })

  const exportRoster = async (format: 'xlsx' | 'csv') => {
    if (exporting) return
    setExporting(format)
    try {
      await saveExportFile(await call('roster.export', { ...(branchId ? { branchId } : {}), format }))
    } catch (err) {
      Taro.showModal({ title: '导出失败', content: errorMessage(err), showCancel: false })
    } finally {
      setExporting(null)
    }
  }

  const toggle = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setFilters((f) => ({ ...f, [key]: f[key] === value ? undefined : value }))
  const profile = me.data?.bound ? me.data : null
  const editor = profile ? keepsRoster(profile.member.roles, profile.org.kind) : false
  const committee = profile ? profile.member.roles.some((r) => r !== 'member' && r !== 'group_leader') : false

  return (
    <View className="roster">
      <View className="roster__search">
        <TextInput
          id="roster-search"
          className="roster__search-input"
          value={typed}
          placeholder="搜索姓名或手机号"
          onInput={setTyped}
        />
      </View>
      <View className="roster__filters">
        {MEMBER_CATEGORIES.map((c) => (
          <Chip
            key={c}
            id={`filter-category-${c}`}
            on={filters.category === c}
            label={MEMBER_CATEGORY_LABELS[c]}
            onClick={() => toggle('category', c)}
          />
        ))}
        {(groups.data ?? []).map((g) => (
          <Chip
            key={g.id}
            id={`filter-group-${g.id}`}
            on={filters.groupId === g.id}
            label={g.name}
            onClick={() => toggle('groupId', g.id)}
          />
        ))}
      </View>
      <View className="roster__filters">
        {MEMBER_STATUSES.map((s) => (
          <Chip
            key={s}
            id={`filter-status-${s}`}
            on={filters.status === s}
            label={MEMBER_STATUS_LABELS[s]}
            onClick={() => toggle('status', s)}
          />
        ))}
      </View>
      {(editor || committee) && (
        <View className="roster__actions">
          {editor && (
            <Button id="go-add-member" size="small" type="primary" onClick={() => navigate('memberEdit')}>
              新增党员
            </Button>
          )}
          {editor && (
            <Button id="go-import" size="small" onClick={() => navigate('rosterImport')}>
              导入名单
            </Button>
          )}
          <Button id="export-roster" size="small" loading={exporting === 'xlsx'} onClick={() => exportRoster('xlsx')}>
            导出名单（Excel）
          </Button>
          <Button id="export-roster-csv" size="small" loading={exporting === 'csv'} onClick={() => exportRoster('csv')}>
            导出 CSV
          </Button>
        </View>
      )}
      <Loaded state={list.first}>
        {() =>
          list.items.length === 0 ? (
            <Empty>没有符合条件的党员。可以换个关键词，或取消筛选条件。</Empty>
          ) : (
            <View id="member-list" className={desk ? 'roster__desk-list' : undefined}>
              {desk ? <MemberTable members={list.items} /> : list.items.map((m) => <MemberItem key={m.id} m={m} />)}
              <LoadMore state={list} id="load-more-members" />
            </View>
          )
        }
      </Loaded>
    </View>
  )
}
