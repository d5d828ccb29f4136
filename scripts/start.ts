/**
 * `npm start`: builds what is stale (the h5 app, the cloud functions), seeds the demo branch into
 * an empty database, places the demo's meeting on now and one just ended (src/cloud/seed/demo-now.ts),
 * starts the local host and prints its address and the demo accounts.
 *   DATA_DIR (default .data)  PORT (default 10086)  NO_OPEN=1 to not open a browser
 *   PUBLIC_URL: the address invitation QR codes hold, when the host is reached through a proxy
 *   `npm start -- --lan` (or LAN=1): listen on the local network too, so phones on the same Wi-Fi can
 *   open it; off by default (this machine only)
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { ROLE_LABELS } from '../src/domain/org'
import type { DemoAccount } from '../src/domain/api/views'
import { buildCloud, cloudBuildIsStale } from './build-cloud'
import { DEFAULT_PORT, stopOnSignals } from './host'
import { startHost } from './local-host'

const ROOT = path.resolve(__dirname, '..')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

function h5IsStale(): boolean {
  const index = path.join(ROOT, 'dist', 'h5', 'index.html')
  if (!existsSync(index)) return true
  const sources = Math.max(newestMtime(path.join(ROOT, 'src')), newestMtime(path.join(ROOT, 'config')))
  return sources > statSync(index).mtimeMs
}

function openBrowser(url: string): void {
  if (process.env.NO_OPEN || process.env.CI) return
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open'
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url]
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return
  try {
    spawn(opener, args, { stdio: 'ignore', detached: true })
      .on('error', () => undefined)
      .unref()
  } catch {
    // No browser to open on this machine; the address is printed above.
  }
}

/**
 * Whether to listen on the local network: `--lan` among the arguments, or LAN=1 (or true) in the
 * environment. Off otherwise.
 */
export function wantsLan(args: readonly string[], env: Record<string, string | undefined>): boolean {
  return args.includes('--lan') || env.LAN === '1' || env.LAN === 'true'
}

async function run(): Promise<void> {
  if (h5IsStale()) {
    console.log('正在构建网页版（h5），约需半分钟…')
    const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    })
    if (r.status !== 0) throw new Error('网页版构建失败，请查看上面的错误信息。')
  }
  if (cloudBuildIsStale()) {
    console.log('正在打包云函数…')
    await buildCloud()
  }
  const host = await startHost({
    dataDir: path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data')),
    port: Number(process.env.PORT ?? DEFAULT_PORT),
    staticDir: path.join(ROOT, 'dist', 'h5'),
    seed: true,
    publicUrl: process.env.PUBLIC_URL || undefined,
    // The daily timer (reminders, quotas at risk, minutes overdue, mobile members) at 08:00 Beijing.
    dailyJobs: process.env.NO_TIMER !== '1',
    lan: wantsLan(process.argv.slice(2), process.env),
    demoNow: true,
  })
  const accounts = await host.main({ action: 'session.devAccounts', input: {} })
  console.log(`\n党支部组织生活 已启动：${host.url}\n`)
  if (host.lanUrls.length) {
    console.log(`同一局域网的手机或电脑可打开：${host.lanUrls.join('  ')}`)
    console.log('  （仅在可信的网络中使用；不需要时去掉 --lan 重新启动，只允许本机访问。）\n')
  }
  console.log('登录页有两种方式：')
  console.log('  扫码登录（与正式环境相同）：登录页显示二维码和它的链接。在另一个标签页（最好是无痕窗口，免得两边共用')
  console.log(
    '    登录状态）打开该链接，由它扮演手机：用开发登录选一位党员，再点“确认登录”，原页面随即以该党员身份进入。',
  )
  console.log('  开发登录（仅本地演示环境）：在登录页下方直接点选演示账号。\n')
  if (accounts.ok) {
    console.log('演示账号（开发登录）：')
    for (const a of accounts.data as DemoAccount[]) {
      const roles = a.roles.filter((r) => r !== 'member').map((r) => ROLE_LABELS[r])
      console.log(`  ${a.orgName}  ${a.name}${roles.length ? `（${roles.join('、')}）` : ''}  ${a.memberId}`)
    }
  }
  console.log('\n试一试：每个支部都有一次正在进行的主题党日（书记打开签到码，党员签到）和一次半小时前结束的党员大会')
  console.log('  （考勤已确认，会议记录待编写）。详见 README 的“快速试用”。')
  console.log('\n按 Ctrl+C 停止。')
  openBrowser(host.url)
  stopOnSignals(host)
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
