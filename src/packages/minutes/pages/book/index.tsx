/**
 * 会议记录本 (`?branchId=&year=`): a branch's meetings of one year with their final minutes in full,
 * 补录 flags and amendments; export to Word, verify the chain, and print (the browser build has
 * print styles: one meeting per page, no buttons).
 */
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { BranchPicker, ChosenBranch, needsBranch } from '../../../../components/branch-picker'
import { DeskTable, type DeskColumn } from '../../../../components/desk-table'
import { Button, Tag } from '../../../../components/nut'
import { Empty, LoadMore, Loaded } from '../../../../components/page-state'
import type { BookEntry, MinutesBook } from '../../../../domain/api/views-minutes'
import { beijing, formatSpan } from '../../../../domain/beijing-time'
import { kindLabel } from '../../../../domain/meeting-kinds'
import { belatedNames } from '../../../../domain/minutes-attendance'
import { call } from '../../../../services/api'
import { useDeskLayout } from '../../../../services/desk-media'
import { navigate } from '../../../../services/navigation'
import { usePagedApi } from '../../../../services/use-api'
import { ChainCheck } from '../../components/chain-check'
import { MinutesBody } from '../../components/minutes-body'
import { openDocx } from '../../device-files'
import { useTask } from '../../use-task'
import './index.scss'

const STATUS_TEXT = { none: '未编写记录', draft: '记录未定稿', final: '已定稿' } as const

/** The entry's record as one tag: 记录缺失, 纸质记录, or its status. */
function RecordTag({ e }: { e: BookEntry }) {
  if (e.missing) return <Tag type="danger">记录缺失</Tag>
  return <Tag type={e.status === 'final' ? 'primary' : 'default'}>{e.legacy ? '纸质记录' : STATUS_TEXT[e.status]}</Tag>
}

const BOOK_COLUMNS: DeskColumn[] = [
  { key: 'date', title: '时间', width: '13em' },
  { key: 'kind', title: '会议类型', width: '7em' },
  { key: 'title', title: '主题' },
  { key: 'record', title: '记录' },
  { key: 'finalized', title: '定稿时间', width: '9em' },
  { key: 'amendments', title: '更正', num: true, width: '4em' },
]

/** The year's meetings as a table at a desk; a row opens the meeting's record. */
function BookTable({ items }: { items: BookEntry[] }) {
  return (
    <DeskTable
      id="book-table"
      caption="会议记录本"
      columns={BOOK_COLUMNS}
      rows={items.map((e, i) => ({
        key: e.meetingId,
        id: `book-row-${i}`,
        onOpen: () => navigate('minutesView', { id: e.meetingId }),
        cells: {
          date: formatSpan(e.startAt, e.endAt),
          kind: kindLabel(e.kind),
          title: <Text className="mbook__cell-title">{e.title}</Text>,
          record: (
            <View className="mbook__cell-tags">
              <RecordTag e={e} />
              {e.late && <Tag type="danger">补录</Tag>}
              {belatedNames(e.attendance).length > 0 && <Tag type="danger">补登</Tag>}
            </View>
          ),
          finalized: e.finalizedAt && !e.legacy ? beijing(e.finalizedAt).format('MM-DD HH:mm') : '',
          amendments: e.amendments > 0 ? e.amendments : '',
        },
      }))}
    />
  )
}

/** One meeting in full; `printOnly` (at a desk, where the table lists them) shows it only on paper. */
function Entry({ e, i, printOnly }: { e: BookEntry; i: number; printOnly?: boolean }) {
  return (
    <View className={`panel mbook__entry${printOnly ? ' mbook__entry--print-only' : ''}`} id={`book-entry-${i}`}>
      <View className="mbook__row">
        <Text className="mbook__kind">{kindLabel(e.kind)}</Text>
        <RecordTag e={e} />
        {e.late && <Tag type="danger">补录</Tag>}
        {belatedNames(e.attendance).length > 0 && <Tag type="danger">补登</Tag>}
      </View>
      <Text className="mbook__title">{e.title}</Text>
      <Text className="mbook__muted">{formatSpan(e.startAt, e.endAt)}</Text>
      {e.late && <Text className="mbook__late">补录：定稿晚于会议结束超过规定时限</Text>}
      {belatedNames(e.attendance).length > 0 && (
        <Text className="mbook__late" id={`book-belated-${i}`}>
          补登：{belatedNames(e.attendance).join('、')} 的出席是会议结束超过规定时限后代为登记的
        </Text>
      )}
      {e.legacy && <Text className="mbook__muted">本次会议的记录在启用本系统之前已定稿，请查阅纸质会议记录本。</Text>}
      {e.missing && (
        <Text className="mbook__late" id={`book-missing-${i}`}>
          记录缺失：本次会议的记录已在本系统定稿，但现在找不到了（可能被删除）。请校验记录链，并报告党委。
        </Text>
      )}
      {e.content && (
        <>
          <MinutesBody content={e.content} attendance={e.attendance} kind={e.kind} idPrefix={`book-${i}`} />
          {e.amendments > 0 && (
            <Text className="mbook__muted">（以上为更正后的全文，含 {e.amendments} 次更正；原始记录见会议记录页）</Text>
          )}
          {e.finalizedAt && (
            <Text className="mbook__muted">定稿时间：{beijing(e.finalizedAt).format('YYYY-MM-DD HH:mm')}</Text>
          )}
          <Text className="mbook__sign">记录人（签字）：__________ 主持人（签字）：__________</Text>
        </>
      )}
    </View>
  )
}

export default function MinutesBookPage() {
  const { params } = useRouter()
  // The 党委 (or a 党总支) opening the book without a branch chooses one (from 首页's 会议记录本).
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null)
  const branchId = params.branchId || chosen?.id || undefined
  const [year, setYear] = useState(() => Number(params.year) || beijing(Date.now()).year())
  const book = usePagedApi('minutes.book', { branchId, year, limit: 20 })
  // The paged hook types its pages as items + cursor; the first page carries the whole MinutesBook.
  const meta = book.first.data as MinutesBook | null
  const { busy, problem, run } = useTask()
  const desk = useDeskLayout()
  const exportBook = () => run('export', async () => openDocx(await call('minutes.exportBook', { branchId, year })))

  if (!branchId && needsBranch(book.first.error))
    return <BranchPicker title="会议记录本按党支部保存" onPick={setChosen} />
  return (
    <View className="mbook">
      {chosen && <ChosenBranch name={chosen.name} onChange={() => setChosen(null)} />}
      <View className="mbook__tools panel">
        <View className="mbook__row">
          <Text className="mbook__link" id="year-prev" onClick={() => setYear((y) => y - 1)}>
            ‹ {year - 1}
          </Text>
          <Text className="mbook__year" id="book-year">
            {year} 年
          </Text>
          <Text className="mbook__link" id="year-next" onClick={() => setYear((y) => y + 1)}>
            {year + 1} ›
          </Text>
        </View>
        <View className="mbook__row">
          <Button id="export-book" size="small" type="primary" loading={busy === 'export'} onClick={exportBook}>
            导出 Word
          </Button>
          {process.env.TARO_ENV === 'h5' && (
            <Button id="print-book" size="small" onClick={() => window.print()}>
              打印
            </Button>
          )}
        </View>
        {meta && <ChainCheck branchId={meta.branchId} />}
        {problem && (
          <Text className="mbook__error" id="book-error">
            {problem}
          </Text>
        )}
      </View>
      <Loaded state={book.first}>
        {() => (
          <>
            <Text className="mbook__heading" id="book-heading">
              {meta?.branchName} {year} 年会议记录本
            </Text>
            {book.items.length === 0 ? (
              <Empty>这一年还没有已召开的会议。</Empty>
            ) : (
              <>
                {desk && <BookTable items={book.items} />}
                {book.items.map((e, i) => (
                  <Entry key={e.meetingId} e={e} i={i} printOnly={desk} />
                ))}
              </>
            )}
            <LoadMore state={book} id="book-more" />
          </>
        )}
      </Loaded>
    </View>
  )
}
