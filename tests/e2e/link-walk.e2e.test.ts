/**
 * Issue 20 §2 in a real browser: for each demo role, walk the links of every page reachable by taps
 * and assert that no page a tap opens shows an error. From 首页, 会议 and 我的, every element with a
 * click handler (Taro's `__events.click`, or React's onClick) is tapped; a tap that changes the address
 * (navigateTo, redirectTo, switchTab) is a link: the page it opens must not show the error state
 * (`.page-state--error`), and each page first reached this way is walked in turn. The walk changes
 * nothing: every write call is answered with a refusal before it reaches the host (the catalog
 * says which actions write), a dialog is dismissed with 取消, and 退出登录 / 切换演示账号 are not tapped.
 * Bounded: at most MAX_PAGES pages per role (MAX_PER_ROUTE per route), and per page the first
 * MAX_PER_KIND elements of each kind (same tag, class and id but for a record's id: the rows of a list).
 * The demo's meetings on now and just ended (demo-now.ts) are placed, so their pages are walked too.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { seedDemoNow } from '../../src/cloud/seed/demo-now'
import { ACTIONS } from '../../src/domain/api/catalog'
import { ARTIFACTS, loginAs, stageForThisFile } from './browser-session'

const MAX_PAGES = Number(process.env.LINK_WALK_PAGES ?? 30)
const MAX_PER_KIND = 2
/** Pages walked per route: two meetings' details (one on now, one ended) are not the same page. */
const MAX_PER_ROUTE = 2
const MAX_TAPS_PER_PAGE = 30
const ROLE_TIMEOUT = 15 * 60_000

const stage = stageForThisFile()
beforeAll(async () => {
  await seedDemoNow(stage.host.ports.store, stage.host.ports.clock.now())
})

const ROLES = [
  { id: 'm_b1_01', who: '书记 张建国' },
  { id: 'm_b1_08', who: '党员 黄晓明' },
  { id: 'm_b1_10', who: '流动党员 吴俊杰' },
  { id: 'm_b1_14', who: '预备党员 朱浩然' },
  { id: 'm_b1_06', who: '党小组长 杨海燕' },
  { id: 'm_cmte_01', who: '党委 钱组织' },
]
const START = ['pages/index/index', 'pages/meetings/index', 'pages/me/index']
/** Taps that end the session (the walk would go on as nobody): not tapped. */
const SKIP_TEXT = /退出登录|切换演示账号|注销|解除绑定/
/** The login page: choosing there changes who is walking. Not walked (its own tests cover it). */
const SKIP_ROUTES = new Set(['pages/login/index'])

/** A tap that opened a page showing an error. */
interface Broken {
  from: string
  tapped: string
  opened: string
  message: string
}

const routeOf = (url: string) => (url.split('#')[1] ?? '').split('?')[0]
/**
 * Writes a page makes by itself when it opens, which the walk lets through: 签到码 opens sign-in as
 * it shows the code (the page is that write).
 */
const OPENING_WRITES = new Set<string>(['attendance.openCode'])
const WRITES: ReadonlySet<string> = new Set<string>(
  Object.values(ACTIONS)
    .filter((a) => a.write && !OPENING_WRITES.has(a.name))
    .map((a) => a.name),
)

/** Waits until the visible page has loaded (no request in flight, no 正在加载). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined)
  await page
    .waitForFunction(
      () => ![...document.querySelectorAll('.page-state--loading')].some((e) => (e as HTMLElement).offsetParent),
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined)
}

/** The message of a visible error state on the page, or null. */
function errorShown(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const shown = [...document.querySelectorAll('.page-state--error')].find((e) => (e as HTMLElement).offsetParent)
    return shown ? (shown as HTMLElement).innerText.trim() : null
  })
}

/** Dismisses a dialog or action sheet a tap opened (取消), so the walk goes on from the same page. */
async function dismissDialogs(page: Page): Promise<void> {
  for (const sel of ['.taro-model__cancel', '.taro-actionsheet__cell:last-child']) {
    const el = page.locator(`${sel}:visible`).first()
    if (await el.count()) await el.click({ timeout: 2000 }).catch(() => undefined)
  }
}

/**
 * Marks the visible elements of the page that have a click handler with data-walk="n" (document
 * order; the first MAX_PER_KIND of each tag and class) and returns their labels by n.
 */
function markTappable(page: Page, maxPerKind: number, skip: string): Promise<string[]> {
  return page.evaluate(
    ([max, skipSrc]) => {
      const skipRe = new RegExp(skipSrc as string)
      const perKind = new Map<string, number>()
      const labels: string[] = []
      document.querySelectorAll('[data-walk]').forEach((e) => e.removeAttribute('data-walk'))
      for (const el of document.querySelectorAll<HTMLElement>('body *')) {
        if (el.offsetParent === null) continue
        // Taro's components keep their handlers in `__events`; plain React elements in their props.
        const own = el as unknown as Record<string, { onClick?: unknown; click?: unknown } | undefined>
        const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'))
        const clickable = own.__events?.click !== undefined || typeof (key && own[key]?.onClick) === 'function'
        if (!clickable) continue
        const text = (el.innerText || el.id || el.className || '').trim().slice(0, 40)
        if (skipRe.test(text)) continue
        if (el.closest('.taro-picker__mask-overlay, input, textarea')) continue
        // Rows of a list share a kind (ids differ only in a record's id); shortcuts each have their own.
        const kind = `${el.tagName}.${el.className}#${el.id.replace(/[A-Za-z0-9]*[_\d][\w]*/g, '*')}`
        const n = perKind.get(kind) ?? 0
        if (n >= (max as number)) continue
        perKind.set(kind, n + 1)
        el.setAttribute('data-walk', String(labels.length))
        labels.push(text.replace(/\s+/g, ' '))
      }
      return labels
    },
    [maxPerKind, skip.toString().slice(1, -1)] as const,
  )
}

/** Opens `url` from a fresh load of the app and waits for it. */
async function open(page: Page, base: string, hashPath: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(`${base}/#/${hashPath}`)
  await settle(page)
}

async function walk(page: Page, base: string): Promise<{ broken: Broken[]; pages: string[]; taps: number }> {
  const broken: Broken[] = []
  const seen = new Map<string, number>(START.map((r) => [r, 1]))
  const queue = [...START]
  const pages: string[] = []
  let taps = 0
  while (queue.length && pages.length < MAX_PAGES) {
    const target = queue.shift()!
    pages.push(target)
    await open(page, base, target)
    const here = page.url()
    const onOpen = await errorShown(page)
    if (onOpen) broken.push({ from: '(opened)', tapped: '', opened: target, message: onOpen })
    const labels = (await markTappable(page, MAX_PER_KIND, String(SKIP_TEXT))).slice(0, MAX_TAPS_PER_PAGE)
    for (let n = 0; n < labels.length; n += 1) {
      if (page.url() !== here) {
        await open(page, base, target)
        await markTappable(page, MAX_PER_KIND, String(SKIP_TEXT))
      }
      const el = page.locator(`[data-walk="${n}"]`).first()
      if (!(await el.count()) || !(await el.isVisible())) continue
      taps += 1
      await el.click({ timeout: 3000 }).catch(() => undefined)
      await page.waitForTimeout(300)
      await dismissDialogs(page)
      if (page.url() === here) continue
      await settle(page)
      const opened = page.url().split('#')[1] ?? ''
      const message = await errorShown(page)
      if (message) broken.push({ from: target, tapped: labels[n], opened, message })
      const route = routeOf(page.url()).replace(/^\//, '')
      const next = opened.replace(/^\//, '')
      if (
        route &&
        !SKIP_ROUTES.has(route) &&
        (seen.get(route) ?? 0) < MAX_PER_ROUTE &&
        !queue.includes(next) &&
        !pages.includes(next)
      ) {
        seen.set(route, (seen.get(route) ?? 0) + 1)
        queue.push(next)
      }
    }
  }
  return { broken, pages, taps }
}

test('the walk sees an error state when a page shows one (a meeting that does not exist)', async () => {
  const { context, page } = await stage.browser.newPhone()
  try {
    await loginAs(stage.host.url, page, 'm_b1_08')
    await open(page, stage.host.url, 'packages/meeting/pages/detail/index?id=mtg_none')
    expect(await errorShown(page)).toMatch(/\S/)
    await open(page, stage.host.url, 'pages/index/index')
    expect(await errorShown(page)).toBeNull()
  } finally {
    await context.close()
  }
}, 60_000)

describe.each(ROLES)('link walk as $who', ({ id, who }) => {
  test(
    'no page opened by a tap shows an error',
    async () => {
      const { context, page } = await stage.browser.newPhone()
      try {
        await loginAs(stage.host.url, page, id)
        // Writes never reach the host: the walk taps 确认 and 保存 buttons too.
        await context.route('**/api/call', async (route) => {
          const action = (route.request().postDataJSON() as { action?: string } | null)?.action ?? ''
          if (!WRITES.has(action)) return route.continue()
          return route.fulfill({
            status: 200,
            contentType: 'application/json',
            body: JSON.stringify({ ok: false, error: { code: 'VALIDATION_FAILED', message: '（巡检不提交）' } }),
          })
        })
        const result = await walk(page, stage.host.url)
        await page.screenshot({ path: path.join(ARTIFACTS, `link-walk-${id}.png`) })
        console.log(
          `${who}: ${result.pages.length} pages, ${result.taps} taps\n  ${result.pages.join('\n  ')}` +
            (result.broken.length ? `\nbroken:\n${JSON.stringify(result.broken, null, 1)}` : ''),
        )
        expect(result.pages.length).toBeGreaterThan(3)
        expect(result.broken).toEqual([])
      } finally {
        await context.close()
      }
    },
    ROLE_TIMEOUT,
  )
})
