/**
 * WeChat's own template and style compilers over a mini-program build directory.
 *
 * The npm package `miniprogram-compiler` ships WeChat's Linux binaries `wcc` (WXML + WXS → the
 * `$gwx` render script) and `wcsc` (WXSS → the style script). They are invoked here the way WeChat's
 * developer tool and the package's own wrapper do: every file of the build in ONE invocation, with
 * the build directory as the working directory, so `<import src>`, `<include src>`, `<wxs src>` and
 * `@import` resolve against the real files.
 *
 * - wcc:  `wcc -d -cc "<component map>" <every .wxml> <every .wxs> -gn $gwx`
 *   (`-d` debug code with source positions, `-cc` complete code for custom components; the component
 *   map is "<count> <page.wxml> <n> <tag…> …" from each page's usingComponents, `-gn` the global name).
 * - wcsc: `wcsc -db -pc <page count> <app.wxss, page and component .wxss…> <imported .wxss…>`
 *   (`-db` debug info, `-pc` how many of the leading files are pages/components that get their own
 *   entry in the output; the rest are compiled too and serve `@import`).
 *
 * CLI: `tsx scripts/wechat-compilers.ts [dist/weapp]` compiles the whole build and exits 1 with the
 * compilers' own messages on any error.
 */
import { spawnSync } from 'node:child_process'
import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** The files of a build that WeChat compiles, as paths relative to the build directory with `/`. */
export interface BuildFiles {
  wxml: string[]
  wxs: string[]
  wxss: string[]
}

/** One compiler run: its command line, exit status, output and time. */
export interface CompilerRun {
  /** True when the compiler exited 0 (it accepted every file). */
  ok: boolean
  /** Exit status, or null when the process was killed by a signal. */
  status: number | null
  /** The binary and its arguments, as run (cwd is the build directory). */
  command: string[]
  /** What the compiler wrote to stderr: its error messages (`file:line:col: message`). */
  stderr: string
  /** What the compiler wrote to stdout: the compiled script (empty on error). */
  output: string
  /** How many files were passed to the compiler. */
  files: number
  /** Wall time of the run in milliseconds. */
  ms: number
}

/** A wcc run; `js` is the generated render script (defines `$gwx`, expects a browser-like `window`). */
export interface WccRun extends CompilerRun {
  js: string
}

/** A compile error carrying the compiler's own message. */
export class WechatCompileError extends Error {
  constructor(
    readonly compiler: 'wcc' | 'wcsc',
    readonly run: CompilerRun,
  ) {
    super(`${compiler} refused the build:\n${run.stderr.trim() || `exit ${run.status}`}`)
    this.name = 'WechatCompileError'
  }
}

const PACKAGE_DIR = path.dirname(require.resolve('miniprogram-compiler/package.json'))
const MAX_BUFFER = 256 * 1024 * 1024
let tempBinDir: string | undefined

/**
 * The path of WeChat's `wcc` or `wcsc` binary for this platform, made executable (see `executable`).
 * @throws Error on a platform the package has no binary for (it ships linux, darwin and windows).
 */
export function compilerBinary(name: 'wcc' | 'wcsc'): string {
  const platformDir = { linux: 'linux', darwin: 'mac', win32: 'windows' }[process.platform as string]
  if (!platformDir) throw new Error(`miniprogram-compiler has no ${name} for ${process.platform}`)
  const file = path.join(PACKAGE_DIR, 'bin', platformDir, process.platform === 'win32' ? `${name}.exe` : name)
  return process.platform === 'win32' ? file : executable(file)
}

/**
 * A path to run `file` from. The npm tarball of `miniprogram-compiler` installs its binaries without
 * the exec bit (mode 644): this adds it, or, where the file cannot be changed (read-only
 * node_modules), returns an executable copy in a temporary directory.
 * @throws Error when `file` does not exist.
 */
export function executable(file: string): string {
  if (isExecutable(file)) return file
  try {
    chmodSync(file, statSync(file).mode | 0o111)
    return file
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw e
    tempBinDir ??= mkdtempSync(path.join(os.tmpdir(), 'wechat-compilers-'))
    const copy = path.join(tempBinDir, path.basename(file))
    if (!existsSync(copy)) {
      copyFileSync(file, copy)
      chmodSync(copy, 0o755)
    }
    return copy
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Every .wxml, .wxs and .wxss under `buildDir` (skipping node_modules and dot directories), sorted,
 * relative with `/` separators.
 * @throws Error when `buildDir` does not exist.
 */
export function listBuildFiles(buildDir: string): BuildFiles {
  if (!existsSync(buildDir)) throw new Error(`${buildDir} does not exist: build the mini-program first`)
  const found: BuildFiles = { wxml: [], wxs: [], wxss: [] }
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(buildDir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(child)
      } else {
        const ext = path.extname(entry.name).slice(1)
        if (ext === 'wxml' || ext === 'wxs' || ext === 'wxss') found[ext].push(child)
      }
    }
  }
  walk('')
  for (const list of Object.values(found)) list.sort()
  return found
}

/** usingComponents of the .json beside a .wxml/.wxss, or undefined when it has no .json. */
function componentJson(buildDir: string, file: string): { usingComponents?: Record<string, string> } | undefined {
  const json = path.join(buildDir, file.replace(/\.(wxml|wxss)$/, '.json'))
  if (!existsSync(json)) return undefined
  try {
    return JSON.parse(readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> }
  } catch {
    return undefined
  }
}

function run(compiler: 'wcc' | 'wcsc', buildDir: string, args: string[], files: number): CompilerRun {
  const bin = compilerBinary(compiler)
  const started = performance.now()
  const r = spawnSync(bin, args, { cwd: buildDir, maxBuffer: MAX_BUFFER, encoding: 'utf8' })
  if (r.error) throw r.error
  return {
    ok: r.status === 0,
    status: r.status,
    command: [bin, ...args],
    stderr: r.stderr,
    output: r.status === 0 ? r.stdout : '',
    files,
    ms: performance.now() - started,
  }
}

/**
 * Runs wcc over a build: every .wxml with every .wxs, in one invocation, cwd = `buildDir`.
 * @param buildDir the mini-program root (e.g. dist/weapp).
 * @param files the .wxml and .wxs to compile (relative to `buildDir`); default every one in it.
 * @returns the run; `js` is the `$gwx` script (empty when `ok` is false, `stderr` says why).
 */
export function runWcc(buildDir: string, files: Pick<BuildFiles, 'wxml' | 'wxs'> = listBuildFiles(buildDir)): WccRun {
  const components: string[] = []
  for (const wxml of files.wxml) {
    const tags = Object.keys(componentJson(buildDir, wxml)?.usingComponents ?? {})
    if (tags.length) components.push(wxml, String(tags.length), ...tags)
  }
  const componentCount = files.wxml.filter((f) => componentJson(buildDir, f)?.usingComponents).length
  const args = ['-d', '-cc', [componentCount, ...components].join(' '), ...files.wxml, ...files.wxs, '-gn', '$gwx']
  const result = run('wcc', buildDir, args, files.wxml.length + files.wxs.length)
  return { ...result, js: result.output }
}

/**
 * Runs wcsc over a build: every .wxss in one invocation, cwd = `buildDir`. app.wxss and each
 * page's or component's .wxss (those with a .json beside them) come first and are counted by `-pc`;
 * the imported ones (common.wxss, sub-vendors.wxss, …) follow.
 * @param buildDir the mini-program root (e.g. dist/weapp).
 * @param wxss the .wxss to compile (relative to `buildDir`); default every one in it.
 * @returns the run; `output` is wcsc's `name=script=…` text (empty when `ok` is false).
 */
export function runWcsc(buildDir: string, wxss: string[] = listBuildFiles(buildDir).wxss): CompilerRun {
  const isPage = (f: string) => f === 'app.wxss' || componentJson(buildDir, f) !== undefined
  const pages = wxss.filter(isPage)
  const imported = wxss.filter((f) => !isPage(f))
  return run('wcsc', buildDir, ['-db', '-pc', String(pages.length), ...pages, ...imported], wxss.length)
}

/**
 * wcc's `$gwx` render script for a build, for rendering pages in a simulated runtime.
 * Evaluate it where `window` exists (e.g. jsdom): `new Function(js + '\nreturn $gwx')()`.
 * @throws WechatCompileError with wcc's message when any template does not compile.
 */
export function compileTemplates(buildDir: string): string {
  const result = runWcc(buildDir)
  if (!result.ok) throw new WechatCompileError('wcc', result)
  return result.js
}

/** Both compilers over a build: each run, and whether both accepted it. */
export interface BuildCheck {
  ok: boolean
  files: BuildFiles
  wcc: WccRun
  wcsc: CompilerRun
}

/**
 * Compiles a whole build with wcc and wcsc, as WeChat does before it runs the mini-program.
 * @throws Error when `buildDir` does not exist.
 */
export function checkBuild(buildDir: string): BuildCheck {
  const files = listBuildFiles(buildDir)
  const wcc = runWcc(buildDir, files)
  const wcsc = runWcsc(buildDir, files.wxss)
  return { ok: wcc.ok && wcsc.ok, files, wcc, wcsc }
}

if (require.main === module) {
  const buildDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'weapp'))
  let check: BuildCheck
  try {
    check = checkBuild(buildDir)
  } catch (e) {
    console.error(`[wechat] FAIL: ${(e as Error).message}`)
    process.exit(1)
  }
  const { wcc, wcsc, files } = check
  console.log(
    `[wechat] wcc  ${wcc.ok ? 'ok  ' : 'FAIL'} ${files.wxml.length} .wxml + ${files.wxs.length} .wxs in ${wcc.ms.toFixed(0)} ms`,
  )
  console.log(`[wechat] wcsc ${wcsc.ok ? 'ok  ' : 'FAIL'} ${files.wxss.length} .wxss in ${wcsc.ms.toFixed(0)} ms`)
  for (const [name, r] of [
    ['wcc', wcc],
    ['wcsc', wcsc],
  ] as const) {
    if (!r.ok) console.error(`[wechat] ${name} refused ${buildDir}:\n${r.stderr.trim() || `exit ${r.status}`}`)
    else if (r.stderr.trim()) console.warn(`[wechat] ${name} warned:\n${r.stderr.trim()}`)
  }
  process.exit(check.ok ? 0 : 1)
}
