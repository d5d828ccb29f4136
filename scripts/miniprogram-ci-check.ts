/**
 * WeChat's own offline checks of a weapp build, from `miniprogram-ci` (the developer tool's CI
 * module), with no network and no upload key:
 *   1. `getCompiledResult` — the tool's compile-and-pack of the code package (app.json and each
 *      page's .json checked against WeChat's schema, every page's files present, JS processed);
 *      any error fails.
 *   2. `checkCodeQuality` — the tool's 代码质量扫描 (package sizes, compression, lazy code loading,
 *      unused files …); a failed PACKAGE_SIZE_LIMIT fails, the other items are printed.
 * `miniprogram-ci` reads no key for these, but its Project constructor demands one, so a
 * placeholder is passed; the project attributes it would fetch with the key are its own defaults
 * (DefaultProjectAttr: 2 MB main package and so on). The one request it still tries (the list of
 * allowed file extensions) fails offline and it falls back to its built-in list.
 *
 * miniprogram-ci is not a dependency of this project (about 700 packages, 275 MB): install it
 * somewhere and point MINIPROGRAM_CI at it, e.g.
 *   (cd /tmp/mpci && npm init -y && npm i miniprogram-ci)
 *   MINIPROGRAM_CI=/tmp/mpci/node_modules/miniprogram-ci tsx scripts/miniprogram-ci-check.ts [dist/weapp]
 */
import path from 'node:path'

interface QualityItem {
  name: string
  success: boolean
  text: string
  detail?: unknown
}

interface MiniprogramCi {
  Project: new (options: Record<string, unknown>) => unknown
  DefaultProjectAttr: unknown
  getCompiledResult(options: Record<string, unknown>, savePath?: string): Promise<Record<string, unknown>>
  checkCodeQuality(project: unknown): Promise<QualityItem[]>
}

/** Quality items that fail the check; the rest are advice, printed. */
const REQUIRED = new Set(['PACKAGE_SIZE_LIMIT'])

async function main(): Promise<number> {
  const buildDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'weapp'))
  let ci: MiniprogramCi
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    ci = require(process.env.MINIPROGRAM_CI ?? 'miniprogram-ci') as MiniprogramCi
  } catch {
    console.error('[miniprogram-ci] not installed: see the comment at the top of scripts/miniprogram-ci-check.ts')
    return 2
  }
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: buildDir,
    privateKey: 'offline-checks-read-no-key',
    attr: async () => ci.DefaultProjectAttr,
  })

  let failed = false
  const started = Date.now()
  try {
    const files = await ci.getCompiledResult({ project, desc: 'offline check', setting: { useProjectConfig: true } })
    console.log(`[miniprogram-ci] compile ok: ${Object.keys(files).length} files in ${Date.now() - started} ms`)
  } catch (e) {
    failed = true
    console.error(`[miniprogram-ci] compile FAIL: ${(e as Error).message ?? String(e)}`)
  }

  const items = await ci.checkCodeQuality(project)
  for (const item of items) {
    const mark = item.success ? 'ok  ' : REQUIRED.has(item.name) ? 'FAIL' : 'warn'
    if (!item.success && REQUIRED.has(item.name)) failed = true
    const detail = item.name === 'PACKAGE_SIZE_LIMIT' ? ` ${JSON.stringify(item.detail)}` : ''
    console.log(`[miniprogram-ci] quality ${mark} ${item.name}: ${item.text}${detail}`)
  }
  return failed ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('[miniprogram-ci]', e)
    process.exit(1)
  },
)
