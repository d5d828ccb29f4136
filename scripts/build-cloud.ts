/**
 * `npm run build:cloud`: bundles each cloud function in src/cloud/functions/<name>/ into
 * cloudfunctions/<name>/ (index.js, package.json, config.json), the folder WeChat DevTools and
 * miniprogram-ci upload. Each bundle holds the router, actions and domain code; only wx-server-sdk
 * stays outside, installed in the cloud (上传并部署：云端安装依赖).
 *
 * Cold start: index.js is what every new container loads, so it stays under COLD_START_BUDGET.
 * Heavy code that only a few actions need lives in LAZY_PARTS: the source loads such a module with
 * `await import(...)`, and the build turns that into a `require` of a file of its own beside
 * index.js (e.g. minutes-docx.js), loaded the first time one of those actions runs. The bundles
 * are minified; each has its source map beside it (index.js.map), read only to map a logged stack
 * trace back to the sources, never at run time.
 *
 * A new function is a new folder with an index.ts exporting `main` and a function.json in
 * WeChat's config.json format, e.g. a daily timer:
 *   { "permissions": { "openapi": [] }, "triggers": [{ "name": "daily", "type": "timer", "config": "0 0 8 * * * *" }] }
 */
import { build, type Metafile } from 'esbuild'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  assertZodLocalesKnown,
  filesUnder,
  lazyParts,
  onlyChineseIconvTables,
  onlyUsedZodLocales,
  withoutZodJsonSchema,
} from './cloud-bundle-plugins'

const ROOT = path.resolve(__dirname, '..')
const FUNCTIONS_DIR = path.join(ROOT, 'src', 'cloud', 'functions')
export const DEFAULT_OUT_DIR = path.join(ROOT, 'cloudfunctions')
const OUTPUT_FILES = ['index.js', 'package.json', 'config.json']

/**
 * The most index.js may weigh: what every cold start loads, next to wx-server-sdk itself. The load
 * time against wx-server-sdk (`npm run bench -- cloud-load`, limit 1.3×) is the real measure; this
 * byte limit catches a library slipping into the cold start. Raised from 500 to 600 KB when the 党费,
 * 组织生活, decisions, member states and 谈心谈话 areas took it to 546 KB (load 1.21×): their
 * handlers are product code, not a library. Next to move out: chinese-days (37 KB), needed only by
 * planning.
 */
export const COLD_START_BUDGET = 600 * 1024

/**
 * Modules loaded only by the actions that need them, each bundled into `<name>.js` beside index.js:
 * the .docx generator with docx and jszip (minutes exports), the CSV reader and writer with
 * iconv-lite and papaparse (roster import and export), and the 党委's .xlsx (exceljs) and .docx
 * exports.
 */
export const LAZY_PARTS: Record<string, string> = {
  'minutes-docx': path.join(ROOT, 'src', 'cloud', 'minutes-docx.ts'),
  'csv-file': path.join(ROOT, 'src', 'cloud', 'csv-file.ts'),
  // The 党委's exports: the matrix as .xlsx (exceljs) and the 述职评议 packet as .docx.
  'supervision-xlsx': path.join(ROOT, 'src', 'cloud', 'supervision-xlsx.ts'),
  'supervision-docx': path.join(ROOT, 'src', 'cloud', 'supervision-docx.ts'),
  // A branch's yearly 党费 ledger as .xlsx (exceljs), written by dues.exportLedger.
  'dues-xlsx': path.join(ROOT, 'src', 'cloud', 'dues-xlsx.ts'),
  // The roster as .xlsx (exceljs), written by roster.export and read by roster.import*.
  'roster-xlsx': path.join(ROOT, 'src', 'cloud', 'roster-xlsx.ts'),
  // Holidays of a year the chinese-days dataset lacks, computed with tyme4ts (lunar calendar tables).
  'statutory-holidays': path.join(ROOT, 'src', 'domain', 'statutory-holidays.ts'),
  // A branch's published annual plan for the notice board: .xlsx (exceljs) and .docx (docx).
  'plan-xlsx': path.join(ROOT, 'src', 'cloud', 'plan-xlsx.ts'),
  'plan-docx': path.join(ROOT, 'src', 'cloud', 'plan-docx.ts'),
}

/** Libraries that must never be in a cold start: they belong to a lazy part. */
const HEAVY = [
  /node_modules\/docx\//,
  /node_modules\/jszip\//,
  /node_modules\/iconv-lite\//,
  /node_modules\/papaparse\//,
  /node_modules\/exceljs\//,
  /node_modules\/tyme4ts\//,
]

/**
 * Modules a lazy part may not hold its own copy of: classes the router recognizes with `instanceof`
 * (AppError, StoreConflict), whose copies it could not tell apart, and zod, whose copy would be
 * neither configured for Chinese messages (router.ts) nor small.
 */
const SHARED_IDENTITY = [
  /src\/domain\/errors\.ts$/,
  /src\/cloud\/ports\/store\.ts$/,
  /src\/cloud\/router\.ts$/,
  /node_modules\/zod\//,
]
/** What a change to should rebuild the functions. */
const SOURCES = [
  path.join(ROOT, 'src', 'cloud'),
  path.join(ROOT, 'src', 'domain'),
  __filename,
  path.join(ROOT, 'scripts', 'cloud-bundle-plugins.ts'),
  path.join(ROOT, 'package.json'),
]

/**
 * Code that only the embedded host may load: SQLite is a native module CloudBase cannot run, and
 * QR codes of the h5 address are the host's stand-in for WeChat's mini-program codes.
 */
const EMBEDDED_ONLY = [
  /(^|\/)node_modules\/better-sqlite3\//,
  /(^|\/)node_modules\/qrcode\//,
  /src\/cloud\/embedded\.ts$/,
  /src\/cloud\/seed\//,
  /src\/cloud\/adapters\/(sqlite-store|local-files|dev-session-identity|outbox-notifier|qr-code-image)\.ts$/,
]

/** Built-ins newer than CloudBase's Node 16 runtime; esbuild's target lowers syntax, not APIs. */
const NEWER_THAN_NODE16 =
  /\bstructuredClone\(|\.(findLast|findLastIndex|toSorted|toReversed|toSpliced)\(|Object\.groupBy\(|Promise\.withResolvers\(/

export interface FunctionConfig {
  permissions: { openapi: string[] }
  triggers: { name: string; type: 'timer'; config: string }[]
}

export interface BuiltPart {
  name: string
  bytes: number
}

export interface BuiltFunction {
  name: string
  dir: string
  /** The size of index.js: what a cold start loads. */
  bytes: number
  /** The source files bundled into index.js, relative to the repository. */
  inputs: string[]
  /** The lazy parts beside index.js, loaded by the actions that need them. */
  parts: BuiltPart[]
}

export interface BuildCloudOptions {
  /** Where the function folders go; cloudfunctions/ (project.config.json's cloudfunctionRoot) by default. */
  outDir?: string
  quiet?: boolean
}

export function functionNames(): string[] {
  return readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(FUNCTIONS_DIR, e.name, 'index.ts')))
    .map((e) => e.name)
    .sort()
}

function readConfig(name: string): FunctionConfig {
  const file = path.join(FUNCTIONS_DIR, name, 'function.json')
  if (!existsSync(file)) return { permissions: { openapi: [] }, triggers: [] }
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<FunctionConfig>
  const openapi = raw.permissions?.openapi ?? []
  const triggers = raw.triggers ?? []
  if (!Array.isArray(openapi) || !openapi.every((p) => typeof p === 'string' && /^\w+\.\w+$/.test(p))) {
    throw new Error(`${file}: permissions.openapi must list APIs like "subscribeMessage.send"`)
  }
  for (const t of triggers) {
    // WeChat's timer cron has seven fields: second minute hour day month weekday year.
    if (t.type !== 'timer' || !t.name || typeof t.config !== 'string' || t.config.trim().split(/\s+/).length !== 7) {
      throw new Error(`${file}: each trigger needs a name, type "timer" and a 7-field cron config`)
    }
  }
  return { permissions: { openapi }, triggers }
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0
  return Math.max(0, ...filesUnder(target).map((f) => statSync(f).mtimeMs))
}

/** The lazy parts a built index.js requires (`require("./minutes-docx.js")`). */
function requiredParts(indexFile: string): string[] {
  const code = readFileSync(indexFile, 'utf8')
  return Object.keys(LAZY_PARTS).filter((name) => code.includes(`require("./${name}.js")`))
}

export function cloudBuildIsStale(outDir: string = DEFAULT_OUT_DIR): boolean {
  let oldestOutput = Infinity
  for (const name of functionNames()) {
    const index = path.join(outDir, name, 'index.js')
    const parts = existsSync(index) ? requiredParts(index).map((p) => `${p}.js`) : []
    for (const file of [...OUTPUT_FILES, ...parts]) {
      const out = path.join(outDir, name, file)
      if (!existsSync(out)) return true
      oldestOutput = Math.min(oldestOutput, statSync(out).mtimeMs)
    }
  }
  return Math.max(...SOURCES.map(newestMtime)) > oldestOutput
}

/** The options every bundle of a function shares: CloudBase's Node 16, CommonJS, minified. */
const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node16',
  format: 'cjs',
  // `import()` of a lazy part becomes `Promise.resolve().then(() => require(...))`: a plain require
  // beside index.js works however CloudBase's runtime loads the function.
  supported: { 'dynamic-import': false },
  external: ['wx-server-sdk'] as string[],
  // Minified to keep the cold start small (with the lazy parts and zod trimmed, 1.4 MB became about
  // 400 KB). keepNames keeps each function's and class's own name, so a logged stack trace still reads
  // `at minutesSaveDraft`; the source map beside each file (sourcesContent left out: the repository
  // has them) gives the line.
  minify: true,
  keepNames: true,
  sourcemap: 'external',
  sourcesContent: false,
  legalComments: 'none',
  // Chinese stays Chinese: escaping it as \uXXXX would triple the messages and the GBK table.
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
  absWorkingDir: ROOT,
} as const

/** Refuses a bundle that holds embedded-only code or calls APIs CloudBase's Node 16 lacks. */
function checkBundle(label: string, inputs: string[], outfile: string): void {
  const leaked = inputs.filter((file) => EMBEDDED_ONLY.some((re) => re.test(file)))
  if (leaked.length) throw new Error(`${label} bundles embedded-only code: ${leaked.join(', ')}`)
  const code = readFileSync(outfile, 'utf8')
  if (/require\(["']better-sqlite3["']\)/.test(code)) throw new Error(`${label} requires better-sqlite3`)
  const newer = code.match(NEWER_THAN_NODE16)
  if (newer) throw new Error(`${label} calls ${newer[0]}, which Node 16 on CloudBase does not have`)
}

function inputsOf(metafile: Metafile, outfile: string): string[] {
  const out = metafile.outputs[path.relative(ROOT, outfile).split(path.sep).join('/')]
  return Object.keys(out?.inputs ?? metafile.inputs)
}

async function buildPart(fnName: string, dir: string, part: string): Promise<BuiltPart> {
  const outfile = path.join(dir, `${part}.js`)
  const result = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [LAZY_PARTS[part]],
    outfile,
    plugins: [onlyUsedZodLocales(), withoutZodJsonSchema(), onlyChineseIconvTables()],
  })
  const inputs = inputsOf(result.metafile!, outfile)
  const label = `cloud function ${fnName}'s part ${part}`
  checkBundle(label, inputs, outfile)
  const shared = inputs.filter((file) => SHARED_IDENTITY.some((re) => re.test(file)))
  if (shared.length)
    throw new Error(`${label} holds a second copy of ${shared.join(', ')}; keep parts to pure code and libraries`)
  return { name: part, bytes: statSync(outfile).size }
}

async function buildOne(name: string, outDir: string, sdkRange: string, version: string): Promise<BuiltFunction> {
  const dir = path.join(outDir, name)
  mkdirSync(dir, { recursive: true })
  const outfile = path.join(dir, 'index.js')
  const used = new Set<string>()
  const result = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [path.join(FUNCTIONS_DIR, name, 'index.ts')],
    outfile,
    plugins: [
      onlyUsedZodLocales(),
      withoutZodJsonSchema(),
      onlyChineseIconvTables(),
      lazyParts(used, LAZY_PARTS, ROOT),
    ],
  })
  const inputs = inputsOf(result.metafile!, outfile)
  checkBundle(`cloud function ${name}`, inputs, outfile)
  const heavy = inputs.filter((file) => HEAVY.some((re) => re.test(file)))
  if (heavy.length) {
    const libs = [...new Set(heavy.map((f) => f.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1')))]
    throw new Error(`cloud function ${name} loads ${libs.join(', ')} at every cold start; load it through a lazy part`)
  }
  const parts: BuiltPart[] = []
  for (const part of [...used].sort()) parts.push(await buildPart(name, dir, part))
  // Parts of an earlier build that this one no longer asks for would be uploaded for nothing.
  for (const stale of Object.keys(LAZY_PARTS).filter((p) => !used.has(p))) {
    for (const file of [`${stale}.js`, `${stale}.js.map`]) rmSync(path.join(dir, file), { force: true })
  }

  const pkg = {
    name,
    version,
    private: true,
    description: `党支部组织生活 cloud function ${name} (built by scripts/build-cloud.ts; do not edit)`,
    main: 'index.js',
    dependencies: { 'wx-server-sdk': sdkRange },
  }
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n')
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(readConfig(name), null, 2) + '\n')
  return { name, dir, bytes: statSync(outfile).size, inputs, parts }
}

export async function buildCloud(options: BuildCloudOptions = {}): Promise<BuiltFunction[]> {
  const outDir = options.outDir ?? DEFAULT_OUT_DIR
  const rootPkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string
    dependencies: Record<string, string>
  }
  const sdkRange = rootPkg.dependencies['wx-server-sdk']
  if (!sdkRange) throw new Error('package.json must list wx-server-sdk in dependencies')
  assertZodLocalesKnown(ROOT)
  const built: BuiltFunction[] = []
  for (const name of functionNames()) {
    const fn = await buildOne(name, outDir, sdkRange, rootPkg.version)
    built.push(fn)
    if (!options.quiet) {
      const line = (file: string, bytes: number, note = '') =>
        console.log(
          `  ${path.relative(ROOT, path.join(fn.dir, file)).padEnd(40)} ${(bytes / 1024).toFixed(1).padStart(7)} KB${note}`,
        )
      line('index.js', fn.bytes, '  (cold start)')
      for (const p of fn.parts) line(`${p.name}.js`, p.bytes, '  (on demand)')
    }
  }
  return built
}

if (require.main === module) {
  buildCloud().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
