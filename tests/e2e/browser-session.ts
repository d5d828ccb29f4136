/** Headless Chromium for end-to-end tests, started the way this machine allows. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startHost, type RunningHost } from '../../scripts/local-host'
import { openEmbedded } from '../../src/cloud/embedded'

/** Screenshots taken by the tests, for a person to look at (not committed). */
export const ARTIFACTS = path.resolve(__dirname, '..', '.artifacts')

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface BrowserSession {
  browser: Browser
  /** A fresh phone-sized context: its own storage, so its own login. */
  newPhone(): Promise<{ context: BrowserContext; page: Page }>
  close(): Promise<void>
}

export async function openBrowser(): Promise<BrowserSession> {
  // Playwright gives every launch a fresh, empty user-data dir of its own and removes it on close.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  })
  return {
    browser,
    newPhone: async () => {
      const context = await browser.newContext({
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 2,
        locale: 'zh-CN',
      })
      const page = await context.newPage()
      page.setDefaultTimeout(15_000)
      return { context, page }
    },
    close: async () => {
      await browser.close()
    },
  }
}

/**
 * Taro's h5 router keeps every page it has shown in the DOM (hidden), so the same id can appear on
 * several pages: always act on the one the person sees.
 */
export function visible(page: Page, selector: string, hasText?: string) {
  return page.locator(`${selector}:visible`, hasText ? { hasText } : undefined).first()
}

/** The development login: choose a seeded person on the login page. */
export async function loginAs(baseUrl: string, page: Page, memberId: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`)
  await visible(page, `#account-${memberId}`).click()
  await page.waitForURL(/pages\/index\/index/)
  // Wait until 首页 has rendered: a navigation started while the router is still switching tabs
  // can be dropped by Taro's h5 router (the URL changes, the page does not).
  await visible(page, '#home-hello').waitFor()
}

/** Types into the input or textarea inside the visible element with this id. */
export async function fill(page: Page, id: string, value: string): Promise<void> {
  await visible(page, `#${id}`).locator('input, textarea').first().fill(value)
}

/** Waits until a visible element matching `selector` shows `text`. */
export async function expectText(page: Page, selector: string, text: string | RegExp): Promise<void> {
  await visible(page, selector).waitFor()
  await page.waitForFunction(
    ([sel, src, flags]) => {
      const re = new RegExp(src as string, flags as string)
      return [...document.querySelectorAll(sel as string)].some(
        (el) => (el as HTMLElement).offsetParent !== null && re.test((el as HTMLElement).innerText),
      )
    },
    [
      selector,
      typeof text === 'string' ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : text.source,
      typeof text === 'string' ? '' : text.flags,
    ],
  )
}

/**
 * The host's clock: real time plus an offset a test may move forward (e.g. past a meeting's end
 * to finalize its minutes). The browser keeps its own clock; move it too when the page computes
 * with time (Playwright's `page.clock`).
 */
export interface StageClock {
  now(): number
  advance(ms: number): void
}

function stageClock(): StageClock {
  let offset = 0
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms
    },
  }
}

/** A seeded host on a temporary data directory serving the h5 build, and a browser, for one test file. */
export async function startStage(): Promise<{
  host: RunningHost
  browser: BrowserSession
  clock: StageClock
  close(): Promise<void>
}> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'party-e2e-'))
  mkdirSync(ARTIFACTS, { recursive: true })
  const clock = stageClock()
  const host = await startHost({
    dataDir,
    ports: openEmbedded({ dataDir, clock }),
    port: 0,
    staticDir: path.resolve(process.env.E2E_H5_DIR ?? path.join(__dirname, '..', '..', 'dist', 'h5')),
    seed: true,
  })
  const browser = await openBrowser()
  return {
    host,
    browser,
    clock,
    close: async () => {
      await browser.close()
      await host.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A stage for the calling test file: started before its tests, closed after them. */
export function stageForThisFile(): {
  readonly host: RunningHost
  readonly browser: BrowserSession
  readonly clock: StageClock
} {
  let stage: Awaited<ReturnType<typeof startStage>> | null = null
  beforeAll(async () => {
    stage = await startStage()
  })
  afterAll(async () => {
    await stage?.close()
  })
  return {
    get host() {
      return stage!.host
    },
    get browser() {
      return stage!.browser
    },
    get clock() {
      return stage!.clock
    },
  }
}
