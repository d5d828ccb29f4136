/**
 * The page table (src/domain/pages.ts): app.json's pages and subpackages as they were written by
 * hand before the table, every page in the table is a page file and every page file is in the table,
 * every query parameter a page reads is declared, and addresses come out as the pages and WeChat
 * expect them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { appPages, pageLink, pagePath, PAGE_TABLE, PAGES, pageUrl, type PageName } from '../../src/domain/pages'

const SRC = join(__dirname, '../../src')

test('app.json lists the main package and the subpackages exactly as before the table', () => {
  expect(appPages()).toEqual({
    pages: ['pages/index/index', 'pages/meetings/index', 'pages/me/index', 'pages/login/index'],
    subPackages: [
      { root: 'packages/meeting', pages: ['pages/detail/index', 'pages/schedule/index'] },
      {
        root: 'packages/roster',
        pages: [
          'pages/list/index',
          'pages/member/index',
          'pages/edit/index',
          'pages/invite/index',
          'pages/states/index',
          'pages/bind/index',
          'pages/import/index',
          'pages/orgs/index',
        ],
      },
      {
        root: 'packages/attendance',
        pages: ['pages/code/index', 'pages/signin/index', 'pages/board/index', 'pages/leave/index'],
      },
      {
        root: 'packages/minutes',
        pages: ['pages/edit/index', 'pages/view/index', 'pages/book/index', 'pages/receipts/index'],
      },
      {
        root: 'packages/plan',
        pages: [
          'pages/plan/index',
          'pages/calendar/index',
          'pages/messages/index',
          'pages/rules/index',
          'pages/heart-talks/index',
        ],
      },
      {
        root: 'packages/mobile',
        pages: [
          'pages/home/index',
          'pages/checkin/index',
          'pages/report/index',
          'pages/list/index',
          'pages/member/index',
          'pages/makeup/index',
        ],
      },
      { root: 'packages/supervision', pages: ['pages/matrix/index', 'pages/branch/index', 'pages/guests/index'] },
      { root: 'packages/account', pages: ['pages/web-login/index', 'pages/sessions/index'] },
      { root: 'packages/orglife', pages: ['pages/mine/index'] },
      {
        root: 'packages/dues',
        pages: ['pages/mine/index', 'pages/ledger/index', 'pages/member/index', 'pages/rollup/index'],
      },
    ],
  })
})

function pageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pageFiles(join(dir, e.name)) : e.name === 'index.tsx' ? [join(dir, e.name)] : [],
  )
}

test('every page of the table is a page file, and every page file is in the table', () => {
  const names = Object.keys(PAGE_TABLE) as PageName[]
  for (const name of names) expect(existsSync(join(SRC, `${pagePath(name)}.tsx`))).toBe(true)
  const files = [...pageFiles(join(SRC, 'pages')), ...pageFiles(join(SRC, 'packages'))]
    .filter((f) => /\/pages\/[^/]+\/index\.tsx$/.test(f))
    .map((f) => relative(SRC, f).replace(/\.tsx$/, ''))
  expect(files.sort()).toEqual(names.map(pagePath).sort())
})

test('every query parameter a page reads is declared in the table', () => {
  for (const name of Object.keys(PAGE_TABLE) as PageName[]) {
    const dir = join(SRC, pagePath(name), '..')
    const read = new Set<string>()
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.tsx'))) {
      const text = readFileSync(join(dir, file), 'utf8')
      for (const m of text.matchAll(/\bparams\.(\w+)/g)) read.add(m[1])
      for (const m of text.matchAll(/useRouter\(\)\.params\.(\w+)/g)) read.add(m[1])
    }
    const declared = Object.keys(PAGE_TABLE[name].params)
    for (const p of read) expect(`${name}: ${declared.includes(p) ? p : `${p} (not declared)`}`).toBe(`${name}: ${p}`)
  }
})

test('addresses: with a leading slash for navigation, without for WeChat; the table order, empty ones left out', () => {
  expect(PAGES.meetingDetail).toBe('/packages/meeting/pages/detail/index')
  expect(PAGES.home).toBe('/pages/index/index')
  expect(pageUrl('meetingDetail', { id: 'mtg_1' })).toBe('/packages/meeting/pages/detail/index?id=mtg_1')
  expect(pageUrl('meetingSchedule')).toBe('/packages/meeting/pages/schedule/index')
  expect(pageUrl('calendar', { month: '2027-01', branchId: 'org_b1' })).toBe(
    '/packages/plan/pages/calendar/index?branchId=org_b1&month=2027-01',
  )
  expect(pageUrl('plan', { branchId: null, year: 2027 })).toBe('/packages/plan/pages/plan/index?year=2027')
  expect(pageLink('signIn', { scene: 's=0123456789abcdef' })).toBe(
    'packages/attendance/pages/signin/index?scene=s=0123456789abcdef',
  )
  expect(pageLink('bind', { code: 'K7Q2M9XA' })).toBe('packages/roster/pages/bind/index?code=K7Q2M9XA')
})
