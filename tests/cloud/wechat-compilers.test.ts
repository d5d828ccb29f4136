/**
 * WeChat's own compilers (wcc, wcsc from miniprogram-compiler) as `npm test` runs them after the
 * weapp build: on tiny builds written to a temporary directory, a good build passes, and an unclosed
 * tag, a universal selector or a missing import fails with the compiler's own message.
 */
import { spawnSync } from 'node:child_process'
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { checkBuild, executable, listBuildFiles, runWcc, runWcsc } from '../../scripts/wechat-compilers'

const ROOT = path.resolve(__dirname, '../..')
const dirs: string[] = []

/** A build directory holding `files` (relative path → text). */
function build(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wechat-build-'))
  dirs.push(dir)
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    writeFileSync(path.join(dir, rel), text)
  }
  return dir
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** A small build shaped like Taro's: a page importing base.wxml, which uses utils.wxs; a component. */
const GOOD: Record<string, string> = {
  'app.json': '{"pages":["pages/a/index"]}',
  'app.wxss': '@import "./common.wxss";\n',
  'common.wxss': '.greeting { color: #c8161d; }\n',
  'base.wxml':
    '<wxs module="xs" src="./utils.wxs" />\n<template name="greeting"><text class="greeting">{{xs.hello(name)}}</text></template>\n',
  'utils.wxs': "module.exports = { hello: function (name) { return '你好，' + name } }\n",
  'comp.json': '{"component":true,"usingComponents":{"comp":"./comp"}}',
  'comp.wxml': '<view class="comp">{{i.v}}</view>\n',
  'pages/a/index.json': '{"usingComponents":{"comp":"../../comp"}}',
  'pages/a/index.wxml':
    '<import src="../../base.wxml" />\n<view class="page"><template is="greeting" data="{{name: name}}" /><comp /></view>\n',
  'pages/a/index.wxss': '@import "../../common.wxss";\n.page { padding: 16rpx; }\n.page > .greeting { margin: 0; }\n',
}

function cli(dir: string) {
  return spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/wechat-compilers.ts', dir], {
    cwd: ROOT,
    encoding: 'utf8',
  })
}

describe('WeChat compilers over a build', () => {
  test('a good build compiles, all files in one invocation from the build directory', () => {
    const dir = build(GOOD)
    expect(listBuildFiles(dir)).toEqual({
      wxml: ['base.wxml', 'comp.wxml', 'pages/a/index.wxml'],
      wxs: ['utils.wxs'],
      wxss: ['app.wxss', 'common.wxss', 'pages/a/index.wxss'],
    })
    const check = checkBuild(dir)
    expect(check.wcc.stderr).toBe('')
    expect(check.wcsc.stderr).toBe('')
    expect(check.ok).toBe(true)
    expect(check.wcc.command.slice(1)).toEqual([
      '-d',
      '-cc',
      '2 comp.wxml 1 comp pages/a/index.wxml 1 comp',
      'base.wxml',
      'comp.wxml',
      'pages/a/index.wxml',
      'utils.wxs',
      '-gn',
      '$gwx',
    ])
    // app.wxss and the page's own .wxss are counted by -pc; common.wxss is only imported.
    expect(check.wcsc.command.slice(1)).toEqual(['-db', '-pc', '2', 'app.wxss', 'pages/a/index.wxss', 'common.wxss'])
    expect(check.wcsc.output).toContain('pages/a/index.wxss=')
  })

  test("wcc's script renders a page through its import and .wxs (what a simulated runtime evaluates)", () => {
    const { js, ok } = runWcc(build(GOOD))
    expect(ok).toBe(true)
    const gwx = new Function('window', `${js}\nreturn $gwx`)({}) as (p: string) => (data: object) => unknown
    const tree = gwx('pages/a/index.wxml')({ name: '张建国' })
    const text = JSON.stringify(tree)
    expect(text).toContain('"tag":"wx-view","attr":{"class":"page"}')
    expect(text).toContain('"tag":"wx-text","attr":{"class":"greeting"},"children":["你好，张建国"]')
    expect(text).toContain('"tag":"wx-comp"')
  })

  test('an unclosed tag fails wcc with its own message', () => {
    const dir = build({ ...GOOD, 'pages/a/index.wxml': '<view class="page"><text>{{name}}</view>\n' })
    const check = checkBuild(dir)
    expect(check.ok).toBe(false)
    expect(check.wcc.ok).toBe(false)
    expect(check.wcc.stderr).toMatch(/pages\/a\/index\.wxml:1:\d+: expect end-tag `text`/)
    expect(check.wcc.js).toBe('')
    expect(check.wcsc.ok).toBe(true)
  })

  test('a .wxml naming a .wxs that is not in the build fails wcc', () => {
    const { 'utils.wxs': _gone, ...withoutWxs } = GOOD
    const r = runWcc(build(withoutWxs))
    expect(r.ok).toBe(false)
    expect(r.stderr).toContain('./utils.wxs not found from base.wxml')
  })

  test('a universal selector fails wcsc with its own message', () => {
    const dir = build({ ...GOOD, 'pages/a/index.wxss': '.page { display: flex; }\n.page > * { flex: 1; }\n' })
    const check = checkBuild(dir)
    expect(check.ok).toBe(false)
    expect(check.wcsc.stderr).toMatch(/pages\/a\/index\.wxss\(2:\d+\): error at token `\*`/)
    expect(check.wcc.ok).toBe(true)
  })

  test('an @import resolves against the real files: a wrong path fails wcsc', () => {
    const r = runWcsc(build({ ...GOOD, 'pages/a/index.wxss': '@import "./common.wxss";\n.page { padding: 0; }\n' }))
    expect(r.ok).toBe(false)
    expect(r.stderr).toContain('path `./common.wxss` not found from `pages/a/index.wxss`')
  })

  test('the CLI (the npm test step) exits 1 with the compiler message, 0 on a good build', () => {
    const bad = cli(build({ ...GOOD, 'comp.wxml': '<view><text>c</view>\n' }))
    expect(bad.status).toBe(1)
    expect(bad.stdout).toContain('[wechat] wcc  FAIL')
    expect(bad.stderr).toMatch(/comp\.wxml:1:\d+: expect end-tag `text`/)

    const good = cli(build(GOOD))
    expect(good.stderr).toBe('')
    expect(good.stdout).toMatch(/wcc {2}ok {3}3 \.wxml \+ 1 \.wxs/)
    expect(good.stdout).toMatch(/wcsc ok {3}3 \.wxss/)
    expect(good.status).toBe(0)
  })

  test('the CLI says so when there is no build', () => {
    const r = cli(path.join(os.tmpdir(), 'no-such-wechat-build'))
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('does not exist: build the mini-program first')
  })

  test('a binary installed without the exec bit (as npm installs miniprogram-compiler) is made executable', () => {
    const file = path.join(build({ 'tool.sh': '#!/bin/sh\necho ran\n' }), 'tool.sh')
    chmodSync(file, 0o644)
    expect(() => accessSync(file, constants.X_OK)).toThrow()
    const runnable = executable(file)
    expect(statSync(runnable).mode & 0o111).not.toBe(0)
    expect(spawnSync(runnable, { encoding: 'utf8' }).stdout).toBe('ran\n')
  })
})
