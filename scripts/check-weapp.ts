/**
 * Checks the WeChat build in dist/weapp: every page and subpackage page named in app.json exists
 * (.js, .json, .wxml), and prints each package's size against the budget (WeChat's limit is 2 MB
 * a package; our main package budget is 600 KB).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

export const MAIN_BUDGET_BYTES = 600 * 1024
export const WECHAT_PACKAGE_LIMIT = 2 * 1024 * 1024

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
}

function sizeOf(dir: string, exclude: string[] = []): number {
  let total = 0
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry)
    if (exclude.some((e) => full === e || full.startsWith(e + path.sep))) continue
    const st = statSync(full)
    total += st.isDirectory() ? sizeOf(full, exclude) : st.size
  }
  return total
}

export interface WeappReport {
  problems: string[]
  packages: { name: string; bytes: number; budget: number }[]
}

export function checkWeapp(outDir: string): WeappReport {
  const problems: string[] = []
  const appFile = path.join(outDir, 'app.json')
  if (!existsSync(appFile))
    return { problems: [`${appFile} is missing: did taro build --type weapp run?`], packages: [] }
  const app = JSON.parse(readFileSync(appFile, 'utf8')) as AppJson
  const subs = app.subPackages ?? app.subpackages ?? []
  const pages = [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))]
  for (const page of pages) {
    for (const ext of ['.js', '.json', '.wxml']) {
      if (!existsSync(path.join(outDir, page + ext))) problems.push(`page ${page} has no ${ext} in the build`)
    }
  }
  const subDirs = subs.map((s) => path.join(outDir, s.root))
  const packages = [
    { name: 'main', bytes: sizeOf(outDir, subDirs), budget: MAIN_BUDGET_BYTES },
    ...subs.map((s) => ({ name: s.root, bytes: sizeOf(path.join(outDir, s.root)), budget: WECHAT_PACKAGE_LIMIT })),
  ]
  for (const p of packages) {
    if (p.bytes > p.budget)
      problems.push(`package ${p.name} is ${(p.bytes / 1024).toFixed(1)} KB, over its ${p.budget / 1024} KB budget`)
  }
  const total = packages.reduce((n, p) => n + p.bytes, 0)
  if (total > 20 * 1024 * 1024) problems.push('the whole mini-program exceeds 20 MB')
  return { problems, packages }
}

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'weapp'))
  const report = checkWeapp(outDir)
  for (const p of report.packages) {
    console.log(
      `[weapp] ${p.name.padEnd(24)} ${(p.bytes / 1024).toFixed(1).padStart(8)} KB  (budget ${p.budget / 1024} KB)`,
    )
  }
  for (const problem of report.problems) console.error(`[weapp] FAIL: ${problem}`)
  process.exit(report.problems.length ? 1 : 0)
}
