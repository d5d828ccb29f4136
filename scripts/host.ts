/**
 * Runs the local host until SIGINT/SIGTERM, then shuts down without losing an acknowledged write.
 *   DATA_DIR (default .data)  PORT (default 10086)  STATIC_DIR (default dist/h5)  SEED=0 to skip the demo
 *   PUBLIC_URL (default the host's own http://127.0.0.1:PORT): the address invitation QR codes hold
 *   LAN=1: listen on the local network too (phones on the same Wi-Fi); off by default
 *   npx tsx scripts/host.ts
 */
import path from 'node:path'
import { startHost, type RunningHost } from './local-host'

export const DEFAULT_PORT = 10086

async function run(): Promise<void> {
  const root = path.resolve(__dirname, '..')
  const host = await startHost({
    dataDir: path.resolve(process.env.DATA_DIR ?? path.join(root, '.data')),
    port: Number(process.env.PORT ?? DEFAULT_PORT),
    staticDir: path.resolve(process.env.STATIC_DIR ?? path.join(root, 'dist', 'h5')),
    seed: process.env.SEED !== '0',
    publicUrl: process.env.PUBLIC_URL || undefined,
    // The daily timer (reminders, quotas at risk, minutes overdue, mobile members) at 08:00 Beijing.
    dailyJobs: process.env.NO_TIMER !== '1',
    lan: process.env.LAN === '1' || process.env.LAN === 'true',
    // The demo's meeting on now and the one just ended, placed relative to this start.
    demoNow: process.env.SEED !== '0',
  })
  console.log(`本地服务已启动：${host.url}${host.lanUrls.length ? `（局域网：${host.lanUrls.join('  ')}）` : ''}`)
  stopOnSignals(host)
}

/** Stops the host on SIGINT/SIGTERM: in-flight requests finish and are written before exit. */
export function stopOnSignals(host: RunningHost): void {
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`收到 ${signal}，正在安全关闭（等待进行中的请求完成并写入数据库）…`)
    host.close().then(
      () => {
        console.log('已关闭。')
        process.exit(0)
      },
      (err) => {
        console.error('关闭时出错：', err)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
