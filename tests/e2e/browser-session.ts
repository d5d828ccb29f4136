/** Headless Chromium for end-to-end tests, started the way this machine allows. */
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

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
