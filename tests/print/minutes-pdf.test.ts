/**
 * Print that replaces paper (issue 20 §7), checked the way a person sees it: the meeting .docx and
 * the year's 会议记录本 are converted to PDF by LibreOffice (`soffice --headless`) and read back page
 * by page (`pdftotext -layout`). Records of growing length are written so that some end near the
 * bottom of a page; for each, the signatures must be on the record's last page and never alone
 * there. Run by scripts/test-print.ts, which installs LibreOffice and poppler-utils when it can.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { DocxFile } from '../../src/domain/api/views-minutes'
import {
  FIXED_NOW,
  MEMBER_B1,
  PROBATIONARY_B1,
  SECRETARY_B1,
  meetingAt,
  openTestApi,
  requestIds,
  type TestApi,
} from '../cloud/api-fixture'

const rid = requestIds('print-pdf')
const DAY = 24 * 3_600_000
/** One sentence of a 发言情况; records repeat it to reach their length. */
const SENTENCE = '同志们结合本职工作谈了学习体会，认为要把学习成果转化为推动工作的实际行动，'
/** Lengths (sentences per agenda item) of the records written: from half a page to two pages. */
const LENGTHS = [1, 2, 3, 4, 6, 8, 12, 16, 24, 30]
const SIGNATURE = '记录人（签字）'

let api: TestApi
let dir: string
let book: string[]
let single: string[]
const titles: string[] = []
let probationaryName = ''
let notice: string[]
let signSheet: string[]
let expectedLabels: string[] = []

/** The PDF's pages as text (pdftotext -layout; pages are separated by form feeds). */
function pagesOf(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
  return text.split('\f').slice(0, -1)
}

/** The page's lines with text, whitespace squeezed (pdftotext -layout spaces CJK apart). */
const linesOf = (page: string) =>
  page
    .split('\n')
    .map((l) => l.replace(/\s+/g, ''))
    .filter(Boolean)

/** Lines that belong to the signature block or the tail kept with it, or to the footer. */
const TAIL = [
  /^记录人（签字）/,
  /^日期：/,
  /^第\d+页共\d+页$/,
  /^定稿：/,
  /^阅签：/,
  /^内容哈希/,
  /^本记录在支部记录链/,
]

async function writeRecord(sentences: number, i: number): Promise<string> {
  // One meeting a day from two months back, each scheduled at 10:00 for 14:00.
  api.clock.now = FIXED_NOW - (60 - i) * DAY
  const title = `第${i + 1}次主题党日：学习交流（${sentences}）`
  const m = await meetingAt(api, 'ended', { title })
  const sec = api.as(SECRETARY_B1)
  for (const id of [MEMBER_B1, PROBATIONARY_B1]) {
    await sec.call('attendance.markManual', { meetingId: m.id, memberId: id, reason: '会场登记' }, rid())
  }
  await sec.call('attendance.confirm', { meetingId: m.id }, rid())
  const view = await sec.call('minutes.get', { meetingId: m.id })
  const content = {
    ...view.content!,
    chair: '张建国',
    recorder: '李晓红',
    items: view.content!.items.map((item) => ({
      ...item,
      speeches: SENTENCE.repeat(sentences),
      decision: '会议决定按计划完成本季度学习任务。',
    })),
  }
  const draft = await sec.call('minutes.saveDraft', { meetingId: m.id, version: view.version, content }, rid())
  await sec.call('minutes.finalize', { meetingId: m.id, version: draft.version }, rid())
  return m.id
}

function toPdf(files: Record<string, DocxFile>): Record<string, string[]> {
  for (const [name, f] of Object.entries(files))
    writeFileSync(path.join(dir, `${name}.docx`), Buffer.from(f.base64!, 'base64'))
  const docx = Object.keys(files).map((n) => path.join(dir, `${n}.docx`))
  // One LibreOffice start for all files; its own profile so parallel runs do not share a lock.
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...docx],
    { stdio: 'ignore', timeout: 120_000 },
  )
  return Object.fromEntries(Object.keys(files).map((n) => [n, pagesOf(path.join(dir, `${n}.pdf`))]))
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'print-'))
  api = await openTestApi()
  const ids: string[] = []
  for (const [i, n] of LENGTHS.entries()) {
    ids.push(await writeRecord(n, i))
    titles.push(`第${i + 1}次主题党日：学习交流（${n}）`)
  }
  const sec = api.as(SECRETARY_B1)
  const view = await sec.call('minutes.get', { meetingId: ids[0] })
  probationaryName = view.attendance!.attended.find((p) => p.memberId === PROBATIONARY_B1)!.name
  // The record whose text ends nearest the page's end stands for "the .docx" of one meeting.
  const files: Record<string, DocxFile> = {
    book: await sec.call('minutes.exportBook', { branchId: 'org_b1', year: 2026 }),
    ...Object.fromEntries(
      await Promise.all(ids.map(async (id, i) => [`m${i}`, await sec.call('minutes.export', { meetingId: id })])),
    ),
  }
  // An upcoming meeting's 会议通知 and 签到表.
  api.clock.now = FIXED_NOW
  const next = await meetingAt(api, 'upcoming', { title: '打印测试主题党日', agenda: ['重温入党誓词', '集中学习'] })
  // A session issued at today's clock (the earlier one has lapsed over the two months).
  const organizer = api.as(SECRETARY_B1)
  const board = await organizer.call('attendance.board', { meetingId: next.id })
  expectedLabels = board.people.filter((p) => !p.guest).map((p) => p.label)
  Object.assign(files, {
    notice: await organizer.call('minutes.exportNotice', { meetingId: next.id }),
    signSheet: await organizer.call('minutes.exportSignSheet', { meetingId: next.id }),
  })
  const pdfs = toPdf(files)
  notice = pdfs.notice
  signSheet = pdfs.signSheet
  book = pdfs.book
  single = ids.flatMap((_, i) => pdfs[`m${i}`].map((p) => `${i}\u0000${p}`))
  // PRINT_KEEP=<dir>: keep the PDFs there to look at (pdftoppm -png).
  const keep = process.env.PRINT_KEEP
  if (keep) for (const n of Object.keys(files)) copyFileSync(path.join(dir, `${n}.pdf`), path.join(keep, `${n}.pdf`))
}, 180_000)

afterAll(async () => {
  await api?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Records of the single-meeting exports: file index → its pages. */
function singleFiles(): string[][] {
  const by = new Map<string, string[]>()
  for (const entry of single) {
    const [i, page] = entry.split('\u0000')
    by.set(i, [...(by.get(i) ?? []), page])
  }
  return [...by.values()]
}

test('each meeting .docx: page numbers on every page, 应到/实到 once, 预备党员 marked, signatures on the last page with the record', () => {
  const files = singleFiles()
  expect(files).toHaveLength(LENGTHS.length)
  // The lengths span a page break: some records take one page, some more.
  expect(files.some((pages) => pages.length === 1)).toBe(true)
  expect(files.some((pages) => pages.length > 1)).toBe(true)
  for (const pages of files) {
    pages.forEach((page, n) => expect(linesOf(page)).toContain(`第${n + 1}页共${pages.length}页`))
    const all = pages.join('\n')
    expect(all.match(/应到/g)).toHaveLength(1)
    expect(all.match(/实到/g)).toHaveLength(1)
    expect(all.replace(/\s+/g, '')).toContain(`${probationaryName}（预备党员`)
    const signed = pages.findIndex((p) => p.includes(SIGNATURE))
    expect(signed).toBe(pages.length - 1)
    const body = linesOf(pages[signed]).filter((l) => !TAIL.some((re) => re.test(l)))
    // The signature page carries the record's own text, not just the signature block.
    expect(body.length).toBeGreaterThan(0)
  }
})

test('the book: cover, a 目录 listing every meeting with the page it starts on, numbered pages, signatures with each record', () => {
  const lines = book.map(linesOf)
  expect(lines[0].join('')).toContain('会议记录本')
  expect(lines[0].join('')).toContain('2026年')
  expect(lines[0].some((l) => /^第\d+页/.test(l))).toBe(false)
  const tocPage = lines.findIndex((ls) => ls.includes('目录'))
  expect(tocPage).toBe(1)
  for (let n = 1; n < book.length; n += 1) expect(lines[n]).toContain(`第${n + 1}页共${book.length}页`)
  for (const title of titles) {
    const squeezed = title.replace(/\s+/g, '')
    const row = lines[tocPage].find((l) => l.includes(squeezed))
    expect(row).toBeDefined()
    const page = Number(/(\d+)$/.exec(row!)![1])
    // The page the 目录 gives is where the record's heading stands.
    expect(lines[page - 1].some((l) => l.startsWith('主题党日：') && l.includes(squeezed))).toBe(true)
  }
  // The seeded meetings kept on paper share one table instead of one page each.
  const paper = lines.findIndex((ls) => ls.includes('启用本系统之前的会议'))
  expect(paper).toBeGreaterThan(tocPage)
  expect(book.length).toBeLessThan(titles.length * 3 + 8)
  // Every page with signatures holds more than the signature block.
  for (const ls of lines.filter((l) => l.some((x) => x.startsWith(SIGNATURE)))) {
    expect(ls.filter((l) => !TAIL.some((re) => re.test(l))).length).toBeGreaterThan(0)
  }
})

test('the 会议通知 fits one numbered page; the 签到表 lists everyone expected with a signature column on numbered pages', () => {
  expect(notice).toHaveLength(1)
  const noticeText = notice[0].replace(/\s+/g, '')
  expect(noticeText).toContain('会议通知')
  expect(noticeText).toContain('打印测试主题党日')
  expect(linesOf(notice[0])).toContain('第1页共1页')
  signSheet.forEach((page, n) => {
    expect(linesOf(page)).toContain(`第${n + 1}页共${signSheet.length}页`)
    // The header row, with the signature column, repeats on every page.
    expect(page.replace(/\s+/g, '')).toContain('序号姓名备注本人签名到会时间')
  })
  const sheet = signSheet.join('\n').replace(/\s+/g, '')
  expect(expectedLabels.length).toBeGreaterThan(10)
  for (const label of expectedLabels) expect(sheet).toContain(label.replace(/\s+/g, ''))
  expect(sheet).toContain(`应到${expectedLabels.length}人`)
})
