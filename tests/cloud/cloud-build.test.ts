/**
 * The cloud function bundle as CloudBase gets it: built by scripts/build-cloud.ts, loaded by plain
 * Node with the real wx-server-sdk, and called through its exported `main`. Nothing can reach
 * WeChat's servers from here, so the calls are ones the router answers before touching the database.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import iconv from 'iconv-lite'
import JSZip from 'jszip'
import { buildCloud, cloudBuildIsStale, COLD_START_BUDGET, type BuiltFunction } from '../../scripts/build-cloud'
import type { CallResult } from '../../src/domain/errors'
import type { DriverReport, DriverStep } from './built-bundle-driver'

const ROOT = path.resolve(__dirname, '..', '..')
// Inside the repository (and ignored by git) so the bundle resolves wx-server-sdk from node_modules.
const OUT_DIR = path.join(ROOT, 'tests', '.artifacts', `cloud-build-${process.pid}`)

let built: BuiltFunction[]
beforeAll(async () => {
  mkdirSync(OUT_DIR, { recursive: true })
  built = await buildCloud({ outDir: OUT_DIR, quiet: true })
}, 60_000)
afterAll(() => {
  rmSync(OUT_DIR, { recursive: true, force: true })
})

const apiFile = (file: string) => path.join(OUT_DIR, 'api', file)

/** Runs events through the bundled `main` in a fresh Node process, without any WeChat context. */
function callBundle(events: unknown[], env: Record<string, string> = {}): unknown[] {
  const script = `
    const { main } = require(${JSON.stringify(apiFile('index.js'))})
    ;(async () => {
      const out = []
      for (const event of JSON.parse(process.argv[1])) out.push(await main(event, {}))
      process.stdout.write(JSON.stringify(out))
    })().catch((err) => { console.error(err); process.exit(1) })`
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env }
  for (const key of Object.keys(childEnv)) if (key.startsWith('WX_') || key.startsWith('TCB_')) delete childEnv[key]
  Object.assign(childEnv, env)
  const stdout = execFileSync(process.execPath, ['-e', script, JSON.stringify(events)], {
    cwd: ROOT,
    env: childEnv,
    timeout: 15_000,
  })
  return JSON.parse(stdout.toString('utf8')) as unknown[]
}

test('the timer function is built with its daily trigger at 08:00 and loads in plain Node', () => {
  expect(built.map((f) => f.name)).toContain('timer')
  const timerFile = (file: string) => path.join(OUT_DIR, 'timer', file)
  expect(JSON.parse(readFileSync(timerFile('config.json'), 'utf8'))).toEqual({
    permissions: { openapi: ['subscribeMessage.send'] },
    triggers: [{ name: 'daily', type: 'timer', config: '0 0 8 * * * *' }],
  })
  const loaded = execFileSync(
    process.execPath,
    ['-e', `process.stdout.write(typeof require(${JSON.stringify(timerFile('index.js'))}).main)`],
    { cwd: ROOT, timeout: 15_000 },
  )
  expect(loaded.toString()).toBe('function')
})

test('each function folder becomes index.js, package.json and config.json in WeChat format', () => {
  expect(built.map((f) => f.name)).toContain('api')
  const rootPkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
  const pkg = JSON.parse(readFileSync(apiFile('package.json'), 'utf8'))
  expect(pkg).toMatchObject({ name: 'api', main: 'index.js' })
  expect(pkg.dependencies).toEqual({ 'wx-server-sdk': rootPkg.dependencies['wx-server-sdk'] })
  expect(JSON.parse(readFileSync(apiFile('config.json'), 'utf8'))).toEqual({
    permissions: { openapi: ['subscribeMessage.send', 'wxacode.getUnlimited'] },
    triggers: [],
  })
  const api = built.find((f) => f.name === 'api')!
  expect(api.bytes).toBe(readFileSync(apiFile('index.js')).length)
  // What every cold start loads: the router, actions, domain and zod (minified, with names kept);
  // measured 394 KB when the budget was set. `npm run bench -- cloud-load` times it.
  expect(api.bytes).toBeLessThanOrEqual(COLD_START_BUDGET)
  // The heavy libraries load only with the actions that need them, each from its own file.
  const heavy = /node_modules\/(docx|jszip|iconv-lite|papaparse|exceljs)\//
  expect(api.inputs.filter((f) => heavy.test(f))).toEqual([])
  expect(api.parts.map((p) => p.name)).toEqual([
    'csv-file',
    'dues-xlsx',
    'minutes-docx',
    'plan-docx',
    'plan-xlsx',
    'roster-xlsx',
    'statutory-holidays',
    'supervision-docx',
    'supervision-xlsx',
  ])
  const code = readFileSync(apiFile('index.js'), 'utf8')
  expect(code).toContain('require("./minutes-docx.js")')
  expect(code).toContain('require("./csv-file.js")')
  expect(code).toContain('require("./supervision-xlsx.js")')
  expect(code).toContain('require("./supervision-docx.js")')
  expect(code).toContain('require("./dues-xlsx.js")')
  // zod's JSON Schema conversion and compiler never run here and are left out.
  expect(code).toContain('zod/to-json-schema.js is not bundled in the cloud function')
  expect(code).toContain('zod/compile.js is not bundled in the cloud function')
  // The CSV part carries iconv-lite's Chinese tables, not its Japanese, Korean or Big5 ones.
  const csvPart = readFileSync(apiFile('csv-file.js'), 'utf8')
  expect(csvPart).toContain('shiftjis.json is not bundled in the cloud function')
  expect(csvPart.length).toBeLessThan(512 * 1024)
})

test('the bundle leaves out SQLite and every embedded-only adapter', () => {
  const code = readFileSync(apiFile('index.js'), 'utf8')
  const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))
  // Only wx-server-sdk is installed in the cloud; everything else is bundled, built into Node, or a
  // part of the function's own folder.
  expect(required).toContain('wx-server-sdk')
  for (const name of required) {
    if (name === 'wx-server-sdk' || /^\.\/[a-z-]+\.js$/.test(name)) continue
    expect(builtinModules).toContain(name.replace(/^node:/, ''))
  }
  expect(code).not.toContain('better-sqlite3')
  const api = built.find((f) => f.name === 'api')!
  const sources = api.inputs.filter((f) => f.startsWith('src/'))
  for (const embedded of ['sqlite-store', 'dev-session-identity', 'outbox-notifier', 'local-files', 'qr-code-image']) {
    expect(sources).not.toContain(`src/cloud/adapters/${embedded}.ts`)
  }
  expect(sources).not.toContain('src/cloud/embedded.ts')
  expect(sources.filter((f) => f.startsWith('src/cloud/seed/'))).toEqual([])
  for (const production of ['cloudbase-store', 'subscribe-notifier', 'wxacode-image', 'cloudbase-files']) {
    expect(sources).toContain(`src/cloud/adapters/${production}.ts`)
  }
})

test('the bundle loads with the real wx-server-sdk and its router answers', () => {
  const [unknown, malformed, embeddedOnly, noOpenid, badInput] = callBundle([
    { action: 'no.such' },
    null,
    { action: 'session.devAccounts', input: {} },
    { action: 'meeting.listMine', input: { when: 'upcoming' } },
    { action: 'meeting.listMine', input: { when: 'someday' } },
  ]) as { ok: boolean; error: { code: string; message: string } }[]
  expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
  expect(malformed).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
  // Only the embedded host serves development logins: this proves the ports say 'cloudbase'.
  expect(embeddedOnly).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } })
  // No OPENID in the WeChat context: nobody is calling, whatever the body says.
  expect(noOpenid).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  expect(badInput).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
  expect(unknown.error.message).toMatch(/[\u4e00-\u9fff]/)
}, 20_000)

test('a malformed SUBSCRIBE_TEMPLATES fails the call with a message that names it', () => {
  expect(() => callBundle([{ action: 'no.such' }], { SUBSCRIBE_TEMPLATES: '{not json' })).toThrow(
    /SUBSCRIBE_TEMPLATES is not valid JSON/,
  )
})

test('the build is stale when an output is missing or older than the sources', () => {
  expect(cloudBuildIsStale(OUT_DIR)).toBe(false)
  utimesSync(apiFile('config.json'), new Date(2000, 0, 1), new Date(2000, 0, 1))
  expect(cloudBuildIsStale(OUT_DIR)).toBe(true)
  rmSync(apiFile('config.json'))
  expect(existsSync(apiFile('config.json'))).toBe(false)
  expect(cloudBuildIsStale(OUT_DIR)).toBe(true)
})

test('the lazy parts load from the built function and work: a GBK roster file and a .docx export', async () => {
  const secretary = 'm_b1_01'
  const cloudPath = 'uploads/roster/gbk-test.csv'
  const gbk = iconv.encode(
    '姓名,性别,手机号,党员类别,入党时间,转正时间,职务,党小组,状态\r\n林小雨,女,13612345678,预备党员,2026-06-01,,,,正常\r\n',
    'gbk',
  )
  const year = new Date().getFullYear() - 1
  const steps: DriverStep[] = [
    { upload: { cloudPath, base64: gbk.toString('base64') } },
    {
      as: secretary,
      event: { action: 'roster.importPreview', input: { fileId: `cloud://fake-env.6661-fake-env/${cloudPath}` } },
    },
    { as: secretary, event: { action: 'minutes.exportBook', input: { year } } },
  ]
  const run = execFileSync(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    [path.join(__dirname, 'built-bundle-driver.ts'), path.join(OUT_DIR, 'api'), JSON.stringify(steps)],
    { cwd: ROOT, timeout: 60_000, env: { ...process.env, TZ: 'UTC' } },
  )
  const report = JSON.parse(run.toString('utf8')) as DriverReport
  const [preview, book] = report.results as CallResult<{ rows?: { name: string }[]; fileId?: string }>[]
  // iconv-lite in csv-file.js decoded the GBK bytes.
  expect(preview).toMatchObject({ ok: true, data: { rows: [{ name: '林小雨' }] } })
  // docx in minutes-docx.js wrote the book into cloud storage.
  expect(book).toMatchObject({ ok: true, data: { fileId: expect.stringMatching(/^cloud:\/\/.+\.docx$/) } })
  const docx = Buffer.from(report.files[(book as { data: { fileId: string } }).data.fileId], 'base64')
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')
  // The cover: the branch, 会议记录本 and the year, each its own line.
  expect(xml).toContain('第一党支部')
  expect(xml).toContain('会议记录本')
  expect(xml).toContain(`${year} 年`)
  expect(report.loaded).toEqual(['csv-file.js', 'index.js', 'minutes-docx.js'])
}, 90_000)
