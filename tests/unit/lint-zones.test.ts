/**
 * The import zones of .eslintrc.js, checked with the real config on the real tree: each case lints a
 * few lines as if they were a file of the tree (ESLint's `lintText` with that file's path, so the
 * zones of that file apply and its imports resolve against the real folders) and expects the named
 * rule to fail them. Allowed imports of every zone pass, so a zone that forbids too much, or a
 * resolver that stops finding our files (which would let every zone pass silently), fails too.
 *
 * The linted paths are existing files: eslint-plugin-import 2.32.0's `no-cycle` throws on a path
 * that is not on disk. Its cycle search reads the other files from disk, so the two-file cycle is
 * written for real under tests/.artifacts (git-ignored) and removed afterwards.
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ESLint } from 'eslint'

jest.setTimeout(60_000)

const ROOT = path.resolve(__dirname, '../..')
// `ignore: false`: ESLint skips dot-folders such as tests/.artifacts by default.
const eslint = new ESLint({ cwd: ROOT, ignore: false })

interface Problem {
  rule: string | null
  message: string
}

/** The problems lint finds in `code` placed at `file` (relative to the project root). */
async function lint(file: string, code: string): Promise<Problem[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) })
  return result.messages.map((m) => ({ rule: m.ruleId, message: m.message }))
}

/** The import specifier that reaches `target` (relative to the root) from the file `from`. */
function specifier(from: string, target: string): string {
  const rel = path.relative(path.dirname(from), target).replace(/\.tsx?$/, '')
  return rel.startsWith('.') ? rel : `./${rel}`
}

/** The first .ts/.tsx file under `dir` (relative to the root), in name order; null when there is none. */
function firstSource(dir: string): string | null {
  for (const name of readdirSync(path.join(ROOT, dir)).sort()) {
    const rel = path.join(dir, name)
    const found = statSync(path.join(ROOT, rel)).isDirectory() ? firstSource(rel) : /\.tsx?$/.test(name) ? rel : null
    if (found) return found
  }
  return null
}

const SUBPACKAGES = readdirSync(path.join(ROOT, 'src/packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

const DOMAIN_FILE = 'src/domain/errors.ts'
const CLOUD_FILE = 'src/cloud/notices.ts'
const PAGE_FILE = 'src/pages/index/index.tsx'
const SUBPACKAGE_PAGE = 'src/packages/plan/pages/plan/index.tsx'
const COMPONENT_FILE = 'src/components/meeting-card.tsx'

describe('forbidden imports fail lint with the rule that forbids them', () => {
  // [case, file it is placed at, its code, the rule that must fail it, words of its message]
  const cases: Array<[string, string, string, string, string]> = [
    [
      'domain → node:fs',
      DOMAIN_FILE,
      "import { readFileSync } from 'node:fs'\nexport const x = readFileSync",
      'import/no-nodejs-modules',
      'Node.js builtin',
    ],
    [
      'domain → fs (no prefix)',
      DOMAIN_FILE,
      "import { readFileSync } from 'fs'\nexport const x = readFileSync",
      'import/no-nodejs-modules',
      'Node.js builtin',
    ],
    [
      'domain → crypto (no prefix)',
      DOMAIN_FILE,
      "import { createHash } from 'crypto'\nexport const x = createHash",
      'import/no-nodejs-modules',
      'Node.js builtin',
    ],
    [
      'domain → @tarojs/taro',
      DOMAIN_FILE,
      "import Taro from '@tarojs/taro'\nexport const x = Taro",
      'no-restricted-imports',
      'no platform module',
    ],
    [
      'domain → react',
      DOMAIN_FILE,
      "import { useState } from 'react'\nexport const x = useState",
      'no-restricted-imports',
      'no platform module',
    ],
    [
      'domain → wx-server-sdk',
      DOMAIN_FILE,
      "import sdk from 'wx-server-sdk'\nexport const x = sdk",
      'no-restricted-imports',
      'no platform module',
    ],
    [
      'domain → ../cloud/x',
      DOMAIN_FILE,
      "import { notify } from '../cloud/notices'\nexport const x = notify",
      'import/no-restricted-paths',
      'pure core',
    ],
    [
      'domain → ../services/x',
      DOMAIN_FILE,
      "import { call } from '../services/api'\nexport const x = call",
      'import/no-restricted-paths',
      'pure core',
    ],
    [
      'domain → ../../scripts/x',
      DOMAIN_FILE,
      "import * as seed from '../../scripts/seed'\nexport const x = seed",
      'import/no-restricted-paths',
      'pure core',
    ],
    [
      'cloud → ../../packages/x',
      'src/cloud/actions/meetings.ts',
      "import * as form from '../../packages/meeting/schedule-form'\nexport const x = form",
      'import/no-restricted-paths',
      'server never imports client code',
    ],
    [
      'cloud → ../services/x',
      CLOUD_FILE,
      "import { call } from '../services/api'\nexport const x = call",
      'import/no-restricted-paths',
      'server never imports client code',
    ],
    [
      'cloud → ../components/x',
      CLOUD_FILE,
      "import { Loading } from '../components/page-state'\nexport const x = Loading",
      'import/no-restricted-paths',
      'server never imports client code',
    ],
    [
      'cloud → @tarojs/taro',
      CLOUD_FILE,
      "import Taro from '@tarojs/taro'\nexport const x = Taro",
      'no-restricted-imports',
      'client libraries',
    ],
    [
      'page → ../../cloud/x',
      PAGE_FILE,
      "import { notify } from '../../cloud/notices'\nexport const x = notify",
      'import/no-restricted-paths',
      'client never imports server code',
    ],
    [
      'service → ../cloud/x',
      'src/services/api.ts',
      "import { createMain } from '../cloud/router'\nexport const x = createMain",
      'import/no-restricted-paths',
      'client never imports server code',
    ],
    [
      'component → ../cloud/x',
      COMPONENT_FILE,
      "import { notify } from '../cloud/notices'\nexport const x = notify",
      'import/no-restricted-paths',
      'client never imports server code',
    ],
    [
      'page → services/transport',
      PAGE_FILE,
      "import { send } from '../../services/transport'\nexport const x = send",
      'import/no-restricted-paths',
      'only through src/services/api.ts',
    ],
    [
      'subpackage page → services/transport-weapp',
      SUBPACKAGE_PAGE,
      "import { sendWeapp } from '../../../../services/transport-weapp'\nexport const x = sendWeapp",
      'import/no-restricted-paths',
      'only through src/services/api.ts',
    ],
    [
      'component → services/transport-h5',
      COMPONENT_FILE,
      "import { sendH5 } from '../services/transport-h5'\nexport const x = sendH5",
      'import/no-restricted-paths',
      'only through src/services/api.ts',
    ],
    [
      'page calls Taro.cloud.callFunction itself',
      PAGE_FILE,
      "import Taro from '@tarojs/taro'\nexport const x = () => Taro.cloud.callFunction({ name: 'api' })",
      'no-restricted-syntax',
      'only through src/services/api.ts',
    ],
    [
      'an import the resolver cannot follow (an alias)',
      PAGE_FILE,
      "import { notify } from '@/cloud/notices'\nexport const x = notify",
      'import/no-unresolved',
      'Unable to resolve',
    ],
  ]

  it.each(cases)('%s', async (_name, file, code, rule, words) => {
    const hits = (await lint(file, code)).filter((p) => p.rule === rule)
    expect(hits).not.toHaveLength(0)
    expect(hits.map((p) => p.message).join('\n')).toContain(words)
  })

  it.each(SUBPACKAGES.map((name, i) => [name, SUBPACKAGES[(i + 1) % SUBPACKAGES.length]]))(
    'subpackage %s → subpackage %s',
    async (from, to) => {
      expect(SUBPACKAGES.length).toBeGreaterThan(1)
      const file = firstSource(`src/packages/${from}`)
      const target = firstSource(`src/packages/${to}`)
      if (!file || !target) throw new Error(`src/packages/${from} or src/packages/${to} has no source file`)
      const found = await lint(file, `import * as other from '${specifier(file, target)}'\nexport const x = other\n`)
      const hits = found.filter((p) => p.rule === 'import/no-restricted-paths')
      expect(hits).toHaveLength(1)
      expect(hits[0].message).toContain(`move what src/packages/${from} shares`)
    },
  )

  describe('a two-file cycle', () => {
    const dir = path.join(ROOT, 'tests/.artifacts', `lint-cycle-${process.pid}`)
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('fails import/no-cycle on both files', async () => {
      mkdirSync(dir, { recursive: true })
      writeFileSync(
        path.join(dir, 'first.ts'),
        "import { second } from './second'\nexport const first = () => second()\n",
      )
      writeFileSync(
        path.join(dir, 'second.ts'),
        "import { first } from './first'\nexport const second = (): unknown => first\n",
      )
      const results = await eslint.lintFiles([path.join(dir, 'first.ts'), path.join(dir, 'second.ts')])
      expect(results).toHaveLength(2)
      for (const result of results) {
        expect(result.messages.map((m) => m.ruleId)).toContain('import/no-cycle')
      }
    })
  })
})

describe('allowed imports pass', () => {
  const cases: Array<[string, string, string]> = [
    [
      'domain → domain, libraries and the page table',
      DOMAIN_FILE,
      "import { z } from 'zod'\nimport { kindRule } from './meeting-kinds'\nimport type { PAGES } from './pages'\nexport const x = [z, kindRule]\nexport type Page = (typeof PAGES)[keyof typeof PAGES]",
    ],
    [
      'cloud → domain, its ports and the page table',
      CLOUD_FILE,
      "import { AppError } from '../domain/errors'\nimport type { Ports } from './ports'\nimport { PAGES } from '../domain/pages'\nexport const x = [AppError, PAGES]\nexport type P = Ports",
    ],
    [
      'page → services, components, domain and the page table',
      PAGE_FILE,
      "import { call } from '../../services/api'\nimport { useApi } from '../../services/use-api'\nimport { MeetingCard } from '../../components/meeting-card'\nimport { AppError } from '../../domain/errors'\nimport { PAGES } from '../../domain/pages'\nexport const x = [call, useApi, MeetingCard, AppError, PAGES]",
    ],
    [
      'subpackage → itself, shared components and services',
      SUBPACKAGE_PAGE,
      "import { draftKey } from '../../plan-draft'\nimport { Loading } from '../../../../components/page-state'\nimport { call } from '../../../../services/api'\nexport const x = [draftKey, Loading, call]",
    ],
    ['service → its transport', 'src/services/api.ts', "import { send } from './transport'\nexport const x = send"],
  ]

  it.each(cases)('%s', async (_name, file, code) => {
    expect(await lint(file, `${code}\n`)).toEqual([])
  })
})
