/**
 * Writes the demo 党委 with its two 支部 into the database under DATA_DIR (default .data) if it is
 * not there yet, and places its meeting on now and the one just ended (src/cloud/seed/demo-now.ts). `npm start` does this by itself; this is for a database prepared ahead of time.
 *   npm run seed
 */
import path from 'node:path'
import { openEmbedded } from '../src/cloud/embedded'
import { refreshSupervisionRows } from '../src/cloud/jobs/supervision-escalation'
import { seedDemo } from '../src/cloud/seed/demo-branch'
import { seedDemoNow } from '../src/cloud/seed/demo-now'

async function run(): Promise<void> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(__dirname, '..', '.data'))
  const ports = openEmbedded({ dataDir })
  try {
    const wrote = await seedDemo(ports.store, ports.clock.now())
    // The meeting on now and the one just ended, relative to this run (none added while they still fit).
    const placed = await seedDemoNow(ports.store, ports.clock.now())
    if (wrote || placed.live.length + placed.ended.length > 0) await refreshSupervisionRows(ports, ports.clock.now())
    const [members, meetings] = await Promise.all([ports.store.count('members'), ports.store.count('meetings')])
    console.log(
      `${wrote ? '已写入演示数据' : '演示数据已存在，未改动'}：${dataDir}（党员 ${members} 人，会议 ${meetings} 次）`,
    )
  } finally {
    await ports.store.close()
  }
}

run().catch((err) => {
  console.error(err)
  process.exit(1)
})
