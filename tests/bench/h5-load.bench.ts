/**
 * Issue 13's first-screen benchmark: how long the h5 首页 takes to become usable, against a Taro
 * hello-world measured in the same run, in headless Chromium with the CPU slowed 4× and DevTools'
 * "Slow 4G" network, cache disabled.
 *
 * Both apps are production h5 builds made by the root's @tarojs/cli 4.2.1 (webpack5 runner) into a
 * temporary folder: ours from the repository, the baseline from tests/bench/fixtures/h5-hello (Taro's
 * React template, one page with one Text). Both are served by the local host (scripts/local-host.ts,
 * the same static server); ours with the demo seed and a session already in local storage (logged in
 * as 张建国, 第一党支部书记, through the development login before the measured loads), so 首页 shows
 * its real content.
 *
 * "Usable" is the moment, from navigation start (performance.now() in the page), at which the frame
 * showing the page's meaningful content has been produced: that content in the DOM, laid out and not
 * hidden (Taro's web components show only once hydrated). For the hello-world its "Hello world!" text; for 首页 the member's name in the greeting
 * (`.home__name`) and the first row of 近期会议 (`.home .meeting-card`) together. React has committed
 * by then, so the handlers of that content are attached. Each page loads BENCH_RUNS times (default
 * 5), alternating, each in a fresh browser context; the medians and their ratio are printed, and the
 * process exits non-zero past MAX_USABLE_RATIO.
 *   npm run bench -- h5-load
 *   H5_LOAD_APP_DIR / H5_LOAD_HELLO_DIR: use these builds instead of building (to compare builds)
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { startHost, type RunningHost } from '../../scripts/local-host'
import { CHROMIUM_ARGS, loginAs } from '../e2e/browser-session'

const ROOT = path.resolve(__dirname, '..', '..')
const HELLO_PROJECT = path.join(__dirname, 'fixtures', 'h5-hello')
export const MAX_USABLE_RATIO = 1.5
/** The CPU slowdown DevTools and Lighthouse use for a mid-range phone. */
export const CPU_SLOWDOWN = 4

/**
 * DevTools' "Slow 4G" preset (formerly "Fast 3G"), as ChromeDevTools/devtools-frontend defines it in
 * front_end/core/sdk/NetworkManager.ts (`Slow4GConditions`): 150 ms RTT × 3.75 = 562.5 ms added to
 * each request, ~1.6 Mbit/s down and ~750 kbit/s up, each × 0.9; throughputs in bytes per second.
 */
export const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
}

/** The development-login account whose 首页 is measured: 张建国, 第一党支部书记 (demo seed). */
const MEMBER = 'm_b1_01'

interface Target {
  name: string
  host: RunningHost
  /** Every selector must match an element with text, laid out and visible. */
  usableWhen: string[]
  /** Local storage (the session) each measured load starts with. */
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>
}

export interface LoadSample {
  /** Milliseconds from navigation start until the target's content was usable. */
  usableMs: number
  /** First contentful paint, ms from navigation start (0 when Chromium reported none). */
  fcpMs: number
  /** Bytes on the wire (headers included) of every response finished by the time it was usable. */
  bytes: number
  requests: number
  /** API calls (`/api/call`) sent before it was usable. */
  apiCalls: number
  resources: { url: string; bytes: number; endMs: number }[]
}

/**
 * Runs in the page before any of its scripts: reports performance.now() to `__h5LoadUsable` after
 * the frame in which every selector in `__h5LoadSelectors` first matches an element with text that
 * is laid out and not hidden. Checked on every DOM mutation and every animation frame (a stylesheet arriving
 * changes no DOM). Kept as source text: tsx's transform would add helpers a serialized function
 * cannot find in the page.
 */
const USABLE_PROBE = `(() => {
  const selectors = window.__h5LoadSelectors
  let done = false
  const ready = () =>
    selectors.every((s) => {
      const el = document.querySelector(s)
      return (
        !!el &&
        (el.textContent || '').trim() !== '' &&
        el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) &&
        el.getBoundingClientRect().height > 0
      )
    })
  const observer = new MutationObserver(() => check())
  const check = () => {
    if (done || !ready()) return
    done = true
    observer.disconnect()
    // Reported once the frame that shows it has been produced.
    requestAnimationFrame(() => setTimeout(() => window.__h5LoadUsable(performance.now())))
  }
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true })
  const frame = () => {
    check()
    if (!done) requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
})()`

/** Resolves to the first contentful paint in ms from navigation start, or 0 when none within 5 s. */
const FIRST_CONTENTFUL_PAINT = `new Promise((resolve) => {
  setTimeout(() => resolve(0), 5000)
  new PerformanceObserver((list) => {
    const fcp = list.getEntries().find((e) => e.name === 'first-contentful-paint')
    if (fcp) resolve(fcp.startTime)
  }).observe({ type: 'paint', buffered: true })
})`

/** One cold load of `target` in a fresh context (empty cache, throttled CPU and network). */
async function loadOnce(browser: Browser, target: Target): Promise<LoadSample> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    storageState: target.storageState,
  })
  try {
    let reportUsable: (ms: number) => void = () => undefined
    const usable = new Promise<number>((resolve) => (reportUsable = resolve))
    await context.exposeBinding('__h5LoadUsable', (_source, ms: number) => reportUsable(ms))
    await context.addInitScript({
      content: `window.__h5LoadSelectors = ${JSON.stringify(target.usableWhen)};\n${USABLE_PROBE}`,
    })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    const started = new Map<string, { url: string; at: number }>()
    const finished: { url: string; bytes: number; at: number }[] = []
    let navStart = 0
    cdp.on('Network.requestWillBeSent', (e) => {
      started.set(e.requestId, { url: e.request.url, at: e.timestamp })
      if (e.type === 'Document' && !navStart) navStart = e.timestamp
    })
    cdp.on('Network.loadingFinished', (e) => {
      const req = started.get(e.requestId)
      if (req && !req.url.startsWith('data:'))
        finished.push({ url: req.url, bytes: e.encodedDataLength, at: e.timestamp })
    })
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })

    await page.goto(`${target.host.url}/`, { waitUntil: 'commit', timeout: 60_000 })
    const usableMs = await Promise.race([
      usable,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`${target.name}: not usable within 60 s`)), 60_000),
      ),
    ])
    // Paint entries are queued after the frame is presented: wait for it (at most 5 s).
    const fcpMs = Number(await page.evaluate(FIRST_CONTENTFUL_PAINT))
    // CDP timestamps are seconds on a monotonic clock; the document request starts the navigation.
    const before = finished
      .map((f) => ({ url: f.url, bytes: f.bytes, endMs: (f.at - navStart) * 1000 }))
      .filter((f) => f.endMs <= usableMs)
      .sort((a, b) => a.endMs - b.endMs)
    return {
      usableMs,
      fcpMs,
      bytes: before.reduce((sum, f) => sum + f.bytes, 0),
      requests: before.length,
      apiCalls: [...started.values()].filter((s) => s.url.includes('/api/call') && (s.at - navStart) * 1000 <= usableMs)
        .length,
      resources: before,
    }
  } finally {
    await context.close()
  }
}

/** A production h5 build of the Taro project in `projectDir` into `outDir`, with the root's CLI. */
function buildH5(projectDir: string, outDir: string): void {
  const t0 = Date.now()
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], {
    cwd: projectDir,
    env: { ...process.env, NODE_ENV: 'production', TARO_OUTPUT_ROOT: outDir },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (r.status !== 0) throw new Error(`h5 build of ${projectDir} failed:\n${r.stdout}\n${r.stderr}`)
  console.log(
    `  built ${path.relative(ROOT, projectDir) || '.'} → ${outDir} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  )
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

function printResources(name: string, sample: LoadSample): void {
  console.log(`  ${name}: what arrived before it was usable (run with the median time)`)
  for (const r of sample.resources) {
    const url = new URL(r.url)
    console.log(`    ${r.endMs.toFixed(0).padStart(6)} ms  ${kb(r.bytes).padStart(9)}  ${url.pathname}`)
  }
}

export async function run(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 5)
  const work = mkdtempSync(path.join(os.tmpdir(), 'h5-load-'))
  const hosts: RunningHost[] = []
  let browser: Browser | null = null
  try {
    const appDir = process.env.H5_LOAD_APP_DIR ?? path.join(work, 'app')
    const helloDir = process.env.H5_LOAD_HELLO_DIR ?? path.join(work, 'hello')
    if (!process.env.H5_LOAD_HELLO_DIR) buildH5(HELLO_PROJECT, helloDir)
    if (!process.env.H5_LOAD_APP_DIR) buildH5(ROOT, appDir)

    const helloHost = await startHost({ dataDir: path.join(work, 'hello-data'), port: 0, staticDir: helloDir })
    hosts.push(helloHost)
    const appHost = await startHost({ dataDir: path.join(work, 'app-data'), port: 0, staticDir: appDir, seed: true })
    hosts.push(appHost)
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      timeout: 30_000,
    })

    // The session the measured loads start with: the development login, unthrottled, once.
    const login = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    await loginAs(appHost.url, await login.newPage(), MEMBER)
    const storageState = await login.storageState()
    await login.close()

    const targets: Target[] = [
      { name: 'Taro hello-world', host: helloHost, usableWhen: ['#hello'] },
      { name: '首页', host: appHost, usableWhen: ['.home__name', '.home .meeting-card'], storageState },
    ]
    const samples = new Map<string, LoadSample[]>(targets.map((t) => [t.name, []]))
    for (let i = 0; i < runs; i++) {
      for (const t of targets) samples.get(t.name)!.push(await loadOnce(browser, t))
    }

    console.log(
      `${runs} cold loads each, alternating; Chromium, CPU ×${CPU_SLOWDOWN}, Slow 4G ` +
        `(${SLOW_4G.latency} ms, ${((SLOW_4G.downloadThroughput * 8) / 1000).toFixed(0)} kbit/s down, ` +
        `${((SLOW_4G.uploadThroughput * 8) / 1000).toFixed(0)} kbit/s up), cache disabled, 375×812`,
    )
    console.log(
      `  ${''.padEnd(18)} ${'usable'.padStart(9)} ${'FCP'.padStart(9)} ${'bytes'.padStart(10)} requests  API calls   runs (usable, ms)`,
    )
    const medians = new Map<string, number>()
    for (const t of targets) {
      const s = samples.get(t.name)!
      const m = median(s.map((x) => x.usableMs))
      medians.set(t.name, m)
      console.log(
        `  ${t.name.padEnd(18)} ${`${m.toFixed(0)} ms`.padStart(9)} ${`${median(s.map((x) => x.fcpMs)).toFixed(0)} ms`.padStart(9)} ` +
          `${kb(median(s.map((x) => x.bytes))).padStart(10)} ${String(median(s.map((x) => x.requests))).padStart(8)} ` +
          `${String(median(s.map((x) => x.apiCalls))).padStart(10)}   ${s.map((x) => x.usableMs.toFixed(0)).join(' ')}`,
      )
    }
    for (const t of targets) {
      const s = samples.get(t.name)!
      const m = medians.get(t.name)!
      printResources(
        t.name,
        s.reduce((a, b) => (Math.abs(b.usableMs - m) < Math.abs(a.usableMs - m) ? b : a)),
      )
    }
    const ratio = medians.get('首页')! / medians.get('Taro hello-world')!
    const pass = ratio <= MAX_USABLE_RATIO
    console.log(`  首页 / hello-world = ${ratio.toFixed(2)}×  (budget ${MAX_USABLE_RATIO}×): ${pass ? 'PASS' : 'FAIL'}`)
    if (!pass) process.exitCode = 1
  } finally {
    await browser?.close()
    for (const h of hosts) await h.close()
    rmSync(work, { recursive: true, force: true })
  }
}
