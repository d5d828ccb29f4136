/**
 * The simulation itself: WeChat's setData paths, trees deeper than Taro's template levels (the
 * recursive `comp` component of the real build), and that a throwing page, a missing template, a
 * subpackage boundary and a bad navigation are reported rather than passed over.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { compileTemplates } from '../../scripts/wechat-compilers'
import { FIXED_NOW } from '../cloud/api-fixture'
import { MiniProgram } from './mini-program'
import { allNodes, applySetData, visibleText } from './wxml-view'

const WEAPP_DIR = path.resolve(process.env.WEAPP_DIR ?? 'dist/weapp')

describe('applySetData', () => {
  test('follows WeChat data paths, creating arrays before indexes, and copies values', () => {
    const data: Record<string, unknown> = { keep: 1 }
    const value = { nn: '3', cn: [] as unknown[] }
    applySetData(data, { 'root.cn.[0]': value, 'list[1].name': '张三', 'a.b.c': true })
    value.cn.push('later')
    expect(data).toEqual({
      keep: 1,
      root: { cn: [{ nn: '3', cn: [] }] },
      list: [undefined, { name: '张三' }],
      a: { b: { c: true } },
    })
    applySetData(data, { 'root.cn[0].v': 'x', keep: 2 })
    expect(data.root).toEqual({ cn: [{ nn: '3', cn: [], v: 'x' }] })
    expect(data.keep).toBe(2)
  })

  test('refuses a path WeChat cannot parse', () => {
    expect(() => applySetData({}, { 'list[x]': 1 })).toThrow()
  })
})

describe('the real build', () => {
  test('a tree deeper than Taro’s 15 template levels renders through the recursive comp component', async () => {
    const mp = new MiniProgram({
      weappDir: WEAPP_DIR,
      templatesJs: compileTemplates(WEAPP_DIR),
      startAt: FIXED_NOW,
      callFunction: async () => ({ ok: false, error: { code: 'UNAVAILABLE', message: '离线' } }),
    })
    const page = await mp.launch('pages/login/index')
    // The node kinds (Taro's `nn` numbers) of a view and a text node, as this build numbers them:
    // read from the page's own data through the rendered view node's data-sid.
    const dataNodes: Record<string, unknown>[] = []
    const collect = (n: Record<string, unknown>) => {
      dataNodes.push(n)
      for (const c of (n.cn as Record<string, unknown>[] | undefined) ?? []) collect(c)
    }
    collect(page.viewData.root as Record<string, unknown>)
    const firstView = allNodes(mp.render(page)).find((n) => n.tag === 'wx-view')!
    const view = dataNodes.find((n) => n.sid === firstView.attr['data-sid'])?.nn
    const text = dataNodes.find((n) => typeof n.v === 'string')?.nn
    expect(view && text).toBeTruthy()
    let node: Record<string, unknown> = { nn: text, sid: '_deep_text', v: '第二十层的文字' }
    for (let level = 20; level > 0; level--) node = { nn: view, sid: `_deep_${level}`, cl: `deep-${level}`, cn: [node] }
    page.viewData = { root: { uid: 'deep', cn: [node] } }
    const tree = mp.render(page)
    expect(visibleText(tree)).toBe('第二十层的文字')
    expect(allNodes(tree).filter((n) => n.tag === 'wx-view')).toHaveLength(20)
    expect(allNodes(tree).some((n) => n.owner.path === 'comp')).toBe(true)
    expect(mp.errors).toEqual([])
  })
})

describe('problems are reported', () => {
  let dir = ''
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), text)
  }

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'weapp-sim-'))
    write(
      'app.json',
      JSON.stringify({ pages: ['pages/a/index', 'pages/b/index'], subPackages: [{ root: 'sub', pages: ['p/index'] }] }),
    )
    write('app.js', 'App({ onLaunch() { getApp().launched = true } })')
    write(
      'pages/a/index.js',
      `Page({
        data: { list: [] },
        onLoad() {
          this.setData({ 'list[1].name': '李四', shown: typeof window + ',' + typeof document + ',' + typeof process })
          throw new Error('onLoad 出错')
        },
        go() { wx.navigateTo({ url: '/pages/nowhere/index', fail: (e) => this.setData({ problem: e.errMsg }) }) },
        reach() { require('../../sub/p/index.js') },
        ask() {
          wx.requestSubscribeMessage({
            tmplIds: ['T1', 'T2'],
            success: (r) => this.setData({ answer: r.T1 + ',' + r.T2 }),
            fail: (e) => this.setData({ answer: e.errMsg }),
          })
        },
        askLater() { setTimeout(() => this.ask(), 0) },
      })`,
    )
    write('pages/a/index.json', '{}')
    write(
      'pages/a/index.wxml',
      '<view id="name">{{list[1].name}}</view><view id="env">{{shown}}</view><view id="go" bindtap="go">{{problem}}</view><view id="reach" bindtap="reach">跨包</view><view id="ask" bindtap="ask">{{answer}}</view><view id="ask-later" bindtap="askLater">稍后</view><template is="no-such-template" />',
    )
    write('pages/b/index.js', 'Page({})')
    write('pages/b/index.json', '{}')
    write('pages/b/index.wxml', '<view>B</view>')
    write('sub/p/index.js', 'Page({})')
    write('sub/p/index.json', '{}')
    write('sub/p/index.wxml', '<view>P</view>')
  })

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('a throwing onLoad, a missing template, a page outside app.json and a cross-package require', async () => {
    const mp = new MiniProgram({
      weappDir: dir,
      templatesJs: compileTemplates(dir),
      startAt: FIXED_NOW,
      callFunction: async () => null,
    })
    await mp.launch()
    let tree = mp.render()
    const text = (id: string) => visibleText(allNodes(tree).find((n) => n.attr.id === id)!)
    // setData made before the throw still reached the view; no browser or Node globals in the app.
    expect(text('name')).toBe('李四')
    expect(text('env')).toBe('undefined,undefined,undefined')
    expect(mp.errors).toEqual([
      expect.stringContaining('onLoad: Error: onLoad 出错'),
      expect.stringContaining('Template `no-such-template` not found'),
    ])
    await mp.tap(allNodes(tree).find((n) => n.attr.id === 'go')!)
    tree = mp.render()
    expect(text('go')).toBe('navigateTo:fail page "pages/nowhere/index" is not found')
    await mp.tap(allNodes(tree).find((n) => n.attr.id === 'reach')!)
    expect(mp.errors[mp.errors.length - 1]).toContain('module "sub/p/index.js" is in subpackage sub')
  })

  test('requestSubscribeMessage shows its dialog only within a tap, as WeChat does', async () => {
    const mp = new MiniProgram({
      weappDir: dir,
      templatesJs: compileTemplates(dir),
      startAt: FIXED_NOW,
      callFunction: async () => null,
      device: { subscribeAnswer: (id) => (id === 'T1' ? 'accept' : 'reject') },
    })
    await mp.launch()
    const node = (id: string) => allNodes(mp.render()).find((n) => n.attr.id === id)!
    await mp.tap(node('ask'))
    expect(visibleText(node('ask'))).toBe('accept,reject')
    await mp.tap(node('ask-later'))
    expect(visibleText(node('ask'))).toBe('requestSubscribeMessage:fail can only be invoked by user TAP gesture.')
  })
})
