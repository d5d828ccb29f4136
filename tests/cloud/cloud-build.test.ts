/**
 * The cloud function bundle as CloudBase gets it: built by scripts/build-cloud.ts, loaded by plain
 * Node with the real wx-server-sdk, and called through its exported `main`. Nothing can reach
 * WeChat's servers from here, so the calls are ones the router answers before touching the database.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { buildCloud, cloudBuildIsStale, type BuiltFunction } from '../../scripts/build-cloud'

const ROOT = path.resolve(__dirname, '..', '..')
// Inside the repository (and ignored by git) so the bundle resolves wx-server-sdk from node_modules.
const OUT_DIR = path.join(ROOT, 'tests', '.artifacts', `cloud-build-${process.pid}`)

let built: BuiltFunction[]
beforeAll(async () => {
  mkdirSync(OUT_DIR, { recursive: true })
  built = await buildCloud({ outDir: OUT_DIR, quiet: true })
}, 20_000)
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
  // The router, actions, zod, papaparse, iconv-lite's Chinese tables and docx (the .docx exports of
  // minutes, about 480 KB unminified; loading it costs about 17 ms of a cold start on the build
  // machine, next to about 120 ms for wx-server-sdk) are in; zod's other languages and iconv-lite's
  // Japanese, Korean, Big5 and single-byte tables are not.
  expect(api.bytes).toBeLessThan(1536 * 1024)
  const code = readFileSync(apiFile('index.js'), 'utf8')
  expect(code).toContain('cp936.json')
  expect(code).toContain('shiftjis.json is not bundled in the cloud function')
})

test('the bundle leaves out SQLite and every embedded-only adapter', () => {
  const code = readFileSync(apiFile('index.js'), 'utf8')
  const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))
  // Only wx-server-sdk is installed in the cloud; everything else is bundled or built into Node.
  expect(required).toContain('wx-server-sdk')
  for (const name of required) {
    if (name !== 'wx-server-sdk') expect(builtinModules).toContain(name.replace(/^node:/, ''))
  }
  expect(code).not.toContain('better-sqlite3')
  expect(code).not.toMatch(/(var|class) (SqliteStore|DevSessionIdentity|OutboxNotifier|LocalFiles|QrCodeImage)\b/)
  expect(code).not.toMatch(/function (openEmbedded|seedDemo)\b/)
  expect(code).toMatch(/(var|class) CloudBaseStore\b/)
  expect(code).toMatch(/(var|class) SubscribeNotifier\b/)
  expect(code).toMatch(/(var|class) WxacodeImage\b/)
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
