/**
 * The stylelint rules for src/**\/*.scss (.stylelintrc.cjs) refuse exactly what WeChat's style
 * compiler refuses: each sample is linted as .scss and compiled by wcsc as .wxss, and the two must
 * agree. The source's own `> *` (what 安排会议 and the minutes editor had) is refused at the source.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { compileString } from 'sass'
import { runWcsc } from '../../scripts/wechat-compilers'

const ROOT = path.resolve(__dirname, '../..')
let dir: string

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wxss-stylelint-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface StylelintResult {
  source: string
  warnings: { rule: string; text: string }[]
}

/** stylelint with the project's config over each text as its own .scss file: the rules each broke. */
function stylelint(texts: string[]): string[][] {
  const files = texts.map((text, i) => {
    const file = path.join(dir, `sample-${i}.scss`)
    writeFileSync(file, text)
    return file
  })
  const report = path.join(dir, 'report.json')
  const r = spawnSync(
    path.join(ROOT, 'node_modules/.bin/stylelint'),
    ['--config', path.join(ROOT, '.stylelintrc.cjs'), '-f', 'json', '-o', report, ...files],
    { cwd: ROOT, encoding: 'utf8' },
  )
  expect([0, 2]).toContain(r.status) // 0 clean, 2 problems found; anything else is a crash
  const results = JSON.parse(readFileSync(report, 'utf8')) as StylelintResult[]
  return files.map((f) => results.find((x) => x.source === f)!.warnings.map((w) => w.rule))
}

/** Whether wcsc refuses the text as a page's .wxss. */
function wcscRefuses(text: string, name: string): boolean {
  writeFileSync(path.join(dir, `${name}.wxss`), text)
  return !runWcsc(dir, [`${name}.wxss`]).ok
}

// One rule each, refused or accepted by wcsc (miniprogram-compiler 0.2.3).
const SAMPLES = [
  '.a { color: red; }',
  '* { margin: 0; }',
  '.a > * { flex: 1; }',
  '.a * { color: red; }',
  '.a:not(*) { color: red; }',
  '.a[lang|="zh"] { color: red; }',
  '.a[class*="x"] { color: red; }',
  '*|a { color: red; }',
  '.a || .b { color: red; }',
  '.a >>> .b { color: red; }',
  '.a /deep/ .b { color: red; }',
  '.a ~ .b + .c > .d { color: red; }',
  '.a\\:b { color: red; }',
  '.a:not(.b) { color: red; }',
  '.a:not(:first-child) { color: red; }',
  '.a:not(:nth-child(2n+1)) { color: red; }',
  '.a:not(.b, .c) { color: red; }',
  '.a:not(.b .c) { color: red; }',
  '.a:not(.b>.c) { color: red; }',
  '.a:is(.b, .c) { color: red; }',
  '.a:nth-child(2n + 1) { color: red; }',
  '.a:nth-child(2n + 1 of .b) { color: red; }',
  '.a::after { content: "*"; }',
  '.a::placeholder { color: #999; }',
  '.a::part(x) { color: red; }',
  '.a::slotted(.b) { color: red; }',
  '@media (min-width: 100px) { .a { color: red; } }',
  '@supports (display: grid) { .a { color: red; } }',
  '@keyframes k { from { opacity: 0; } to { opacity: 1; } }',
  '@layer base { .a { color: red; } }',
  '@container (min-width: 100px) { .a { color: red; } }',
  '@scope (.a) { .b { color: red; } }',
  '@starting-style { .a { opacity: 0; } }',
  '@import url("x.wxss");',
  '.a { width: calc(100% * 2); padding-bottom: env(safe-area-inset-bottom); }',
]

describe('stylelint for WXSS', () => {
  test('refuses exactly what wcsc refuses', () => {
    const rules = stylelint(SAMPLES)
    const table = SAMPLES.map((css, i) => ({
      css,
      wcsc: wcscRefuses(css, `sample-${i}`) ? 'refused' : 'accepted',
      stylelint: rules[i].length ? 'refused' : 'accepted',
    }))
    expect(table.map(({ css, stylelint }) => ({ css, stylelint }))).toEqual(
      table.map(({ css, wcsc }) => ({ css, stylelint: wcsc })),
    )
    // The samples cover both outcomes, so the agreement is not trivial.
    expect(table.filter((t) => t.wcsc === 'refused').length).toBeGreaterThan(10)
    expect(table.filter((t) => t.wcsc === 'accepted').length).toBeGreaterThan(10)
  })

  test('refuses a nested "> *" in the .scss, which Sass turns into the selector wcsc refuses', () => {
    const scss = '.mwrite {\n  &__row {\n    display: flex;\n  }\n  &__people > * {\n    flex: 1;\n  }\n}\n'
    const [rules] = stylelint([scss])
    expect(rules).toEqual(['selector-max-universal'])
    expect(wcscRefuses(compileString(scss).css, 'nested')).toBe(true)

    const named = scss.replace('&__people > *', '&__person')
    expect(stylelint([named])).toEqual([[]])
    expect(wcscRefuses(compileString(named).css, 'named')).toBe(false)
  })
})
