/**
 * A mini-program runtime simulation for a Taro weapp build, as close to WeChat as Node allows.
 *
 * Logic layer: the build's JS (app.js with runtime/taro/vendors/common, each page's js, the `comp`
 * component's js) runs in its own realm with what WeChat's app service offers — `wx`, `App`, `Page`,
 * `Component`, `getApp`, `getCurrentPages` and a `require` relative to the requiring file inside
 * the build (a subpackage may require only its own files and the main package's) — and without
 * `window`, `document`, `process` or Node's globals, which WeChat does not have either (each file is
 * wrapped as WeChat wraps it, shadowing the browser names). Timers and `Date` run on a virtual clock
 * shared with the server, so a run is deterministic. Lifecycles run in WeChat's order: App onLaunch
 * and onShow (and `wx.onAppShow` listeners), then the page's onLoad(query), onShow, and onReady after
 * its first render. Every `setData` is applied path by path (WeChat's own path parser) to the page's
 * data and the view's copy, after the JSON copy WeChat's bridge makes; one over 1 MB is refused as
 * WeChat refuses it.
 *
 * View layer: wcc's `$gwx` for the page's .wxml with that data (tests/wechat/wxml-view.ts). A tap
 * is dispatched as WeChat does: from the target node up through every ancestor bound with `bindtap`
 * (stopping at `catchtap`), calling the owner's handler with `target`, `currentTarget` and `dataset`.
 *
 * Why not miniprogram-simulate / j-component: they host one custom component built with
 * `Component()`, loading its single js with Node's `require` in a jsdom global. A Taro page is a
 * `Page()` whose js is a webpack chunk that only runs after app.js has loaded the runtime chunks
 * through `wx.webpackJsonp`, and whose template is base.wxml's recursive templates fed by Taro's
 * runtime through `setData`; jsdom would also give the app a `window` that WeChat does not have.
 * So the same compilers are used (wcc via scripts/wechat-compilers.ts, WeChat's exparser for data
 * paths), with this small host around them.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import {
  applySetData,
  createTemplates,
  datasetOf,
  renderTree,
  type ComponentDef,
  type Templates,
  type ViewNode,
  type ViewOwner,
} from './wxml-view'
import { createWx, type DeviceState, type NavigationKind, type SimulatedWx } from './wx-api'

/** What the simulator needs to start. */
export interface MiniProgramOptions {
  /** The weapp build directory (app.json, app.js, pages …). */
  weappDir: string
  /** wcc's `$gwx` script for that build. */
  templatesJs: string
  /** Virtual time at launch, epoch ms. */
  startAt: number
  /** Cloud functions by name: `wx.cloud.callFunction` ends here. */
  callFunction(name: string, data: unknown): Promise<unknown>
  /** The person on the phone (default: has not agreed to the privacy guide, accepts subscriptions). */
  device?: Partial<DeviceState>
}

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string }[] }
  lazyCodeLoading?: string
}

interface PageJson {
  usingComponents?: Record<string, string>
}

type Config = Record<string, unknown>

/** A live page: its route, query, WeChat instance (in the app's realm) and the view's data. */
export interface LivePage {
  route: string
  query: Record<string, string>
  instance: Config & { data: Record<string, unknown> }
  /** The data the view renders, after every setData. */
  viewData: Record<string, unknown>
  /** How many setData calls reached this page, and the largest one in bytes of JSON. */
  setDataCount: number
  largestSetData: number
}

interface Timer {
  id: number
  at: number
  fn: () => void
  every: number | null
}

const SET_DATA_LIMIT = 1024 * 1024
const PAGE_STACK_LIMIT = 10
/** How far ahead of "now" `settle()` fires timers: animations and retries, not long intervals. */
const SETTLE_HORIZON_MS = 2000

// WeChat's module wrapper: the browser's names exist in the app service only as undefined parameters.
const MODULE_PARAMS = [
  'require',
  'module',
  'exports',
  'window',
  'document',
  'frames',
  'self',
  'location',
  'navigator',
  'localStorage',
  'history',
  'Caches',
  'screen',
  'alert',
  'confirm',
  'prompt',
  'XMLHttpRequest',
  'WebSocket',
  'Reporter',
  'webkit',
  'WeixinJSCore',
]

/**
 * One run of the mini-program: `launch()` it, `settle()` until quiet, `render()` the current page,
 * `tap()` a node. Problems the app would show in WeChat's console — script errors, console.error,
 * unhandled rejections, template warnings — are collected in `errors` instead of being thrown,
 * so a test can say exactly what went wrong.
 */
export class MiniProgram {
  readonly wx: SimulatedWx
  readonly templates: Templates
  /** Script errors, console.error output and unhandled rejections of the app, in order. */
  readonly errors: string[] = []
  /** console.warn/log output of the app. */
  readonly logs: string[] = []
  /** The page stack, bottom first (getCurrentPages()). */
  readonly stack: LivePage[] = []
  /** Tab pages kept alive after switchTab, by route. */
  private readonly tabs = new Map<string, LivePage>()
  private readonly appJson: AppJson
  private readonly realm: vm.Context
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly pageConfigs = new Map<string, Config>()
  private readonly componentDefs = new Map<string, ComponentDef>()
  private readonly loadedPackages = new Set<string>()
  private readonly pending = new Set<Promise<unknown>>()
  private timers: Timer[] = []
  private nextTimerId = 1
  private now: number
  private loading: string | null = null
  private app: Config | null = null
  private webviewId = 1
  private inTap = false

  constructor(private readonly options: MiniProgramOptions) {
    this.now = options.startAt
    this.appJson = this.readJson<AppJson>('app.json')
    this.templates = createTemplates(options.templatesJs)
    this.realm = vm.createContext({})
    this.wx = createWx({
      now: () => this.now,
      later: (fn) => this.setTimer(fn, 0, null),
      track: (work) => {
        this.pending.add(work)
        const done = () => this.pending.delete(work)
        work.then(done, done)
        return work
      },
      toApp: (value) => (value === undefined ? value : this.realmJson(value)),
      AppPromise: vm.runInContext('Promise', this.realm) as PromiseConstructor,
      navigate: (kind, o) => this.navigate(kind, o),
      callFunction: (name, data) => options.callFunction(name, data),
      inTapGesture: () => this.inTap,
      device: {
        privacyAgreed: false,
        privacyContractName: '《党支部组织生活小程序隐私保护指引》',
        subscribeAnswer: () => 'accept',
        ...options.device,
      },
    })
    this.installGlobals()
  }

  /** Virtual time now, epoch ms. */
  get clock(): number {
    return this.now
  }

  /** The page on top of the stack. */
  get currentPage(): LivePage {
    const page = this.stack[this.stack.length - 1]
    if (!page) throw new Error('no page is open')
    return page
  }

  /**
   * Starts the app as WeChat does on a cold start: evaluates app.js and the main package's pages,
   * calls App onLaunch/onShow with the launch options, then opens `route` (default: the first page
   * of app.json) and settles.
   */
  async launch(route = this.appJson.pages[0], query: Record<string, string> = {}): Promise<LivePage> {
    this.evaluate('app.js')
    if (!this.app) throw new Error('app.js did not call App()')
    this.loadPackage(route)
    const launchOptions = { path: route, query, scene: 1001, referrerInfo: {}, apiCategory: 'default' }
    this.invoke(this.app, 'onLaunch', launchOptions)
    this.invoke(this.app, 'onShow', launchOptions)
    for (const listener of this.wx.listeners.get('AppShow') ?? [])
      this.guard('wx.onAppShow', () => listener(this.realmJson(launchOptions)))
    this.openPage(route, query)
    await this.settle()
    return this.currentPage
  }

  /**
   * Runs the app until it is quiet: waits for cloud calls in flight, then fires due timers in
   * virtual-time order (up to 2 s ahead of now), until nothing is left to do.
   * @throws Error when the app never quiets down (more than 10,000 steps).
   */
  async settle(): Promise<void> {
    const horizon = this.now + SETTLE_HORIZON_MS
    const unhandled = (reason: unknown) => this.errors.push(`unhandled rejection: ${describe(reason)}`)
    process.on('unhandledRejection', unhandled)
    try {
      for (let step = 0; step < 10_000; step++) {
        await this.hostIdle()
        this.timers.sort((a, b) => a.at - b.at || a.id - b.id)
        const next = this.timers[0]
        if (!next || next.at > horizon) return
        this.timers.shift()
        this.now = Math.max(this.now, next.at)
        if (next.every !== null) this.timers.push({ ...next, at: this.now + next.every })
        this.guard('timer', next.fn)
      }
      throw new Error('the mini-program did not settle after 10,000 steps')
    } finally {
      // One more turn so a rejection of the last step is seen.
      await new Promise((resolve) => setImmediate(resolve))
      process.off('unhandledRejection', unhandled)
    }
  }

  /** The current page's view as WeChat's template runtime renders it from the page's data. */
  render(page: LivePage = this.currentPage): ViewNode {
    const json = this.readJson<PageJson>(`${page.route}.json`)
    const owner: ViewOwner = {
      path: page.route,
      callMethod: (name, event) => {
        const fn = page.instance[name]
        if (typeof fn !== 'function') throw new Error(`${page.route} has no handler ${name}`)
        return (fn as (e: unknown) => unknown).call(page.instance, event)
      },
    }
    const before = this.templates.warnings.length
    const tree = renderTree(
      this.templates,
      { path: page.route, usingComponents: json.usingComponents ?? {}, owner },
      page.viewData,
      (componentPath) => this.component(componentPath),
    )
    this.errors.push(...this.templates.warnings.slice(before).map((w) => `template: ${w}`))
    return tree
  }

  /**
   * Taps `node` as a finger would: a `tap` event bubbling from it through each ancestor bound with
   * `bindtap` (a `catchtap` handles it and stops it), then settles.
   */
  async tap(node: ViewNode): Promise<void> {
    const target = { id: String(node.attr.id ?? ''), dataset: datasetOf(node), offsetLeft: 0, offsetTop: 0 }
    for (let n: ViewNode | null = node; n; n = n.parent) {
      const handler = n.attr.bindtap ?? n.attr.catchtap
      if (typeof handler === 'string' && handler) {
        const event = this.realmJson({
          type: 'tap',
          timeStamp: this.now - this.options.startAt,
          target,
          currentTarget: { id: String(n.attr.id ?? ''), dataset: datasetOf(n), offsetLeft: 0, offsetTop: 0 },
          detail: { x: 10, y: 10 },
          touches: [],
          changedTouches: [],
          mark: {},
          mut: false,
        })
        const owner = n.owner
        this.inTap = true
        try {
          this.guard(`tap ${owner.path}.${handler}`, () => owner.callMethod(handler, event))
        } finally {
          this.inTap = false
        }
      }
      if (n.attr.catchtap) break
    }
    await this.settle()
  }

  /**
   * Types `value` into an `<input>` or `<textarea>` as the keyboard would: WeChat cuts it to the
   * field's `maxlength` (default 140; -1 for none) and sends one `input` event, which does not
   * bubble, to the field's `bindinput` handler; then settles.
   * @throws Error when `node` is not a field or has no input handler.
   */
  async input(node: ViewNode, value: string): Promise<void> {
    if (node.tag !== 'wx-input' && node.tag !== 'wx-textarea') throw new Error(`${node.tag} is not a text field`)
    const handler = node.attr.bindinput ?? node.attr.catchinput
    if (typeof handler !== 'string' || !handler) throw new Error(`the field has no input handler`)
    const max = Number(node.attr.maxlength ?? 140)
    const typed = max >= 0 ? [...value].slice(0, max).join('') : value
    const self = { id: String(node.attr.id ?? ''), dataset: datasetOf(node), offsetLeft: 0, offsetTop: 0 }
    const event = this.realmJson({
      type: 'input',
      timeStamp: this.now - this.options.startAt,
      target: self,
      currentTarget: self,
      detail: { value: typed, cursor: typed.length, keyCode: 0 },
      mark: {},
    })
    this.guard(`input ${node.owner.path}.${handler}`, () => node.owner.callMethod(handler, event))
    await this.settle()
  }

  /**
   * Taps an item of the native tab bar (WeChat draws it outside the page): `switchTab` to `route`.
   * @throws Error when `route` is not a tab page.
   */
  async tapTabBar(route: string): Promise<LivePage> {
    const problem = this.navigate('switchTab', { url: `/${route}` })
    if (problem) throw new Error(`switchTab:fail ${problem}`)
    await this.settle()
    return this.currentPage
  }

  /**
   * Opens `url` (`/route?query`) with everything else closed, as `wx.reLaunch` does, and settles.
   * @throws Error with WeChat's `reLaunch:fail …` message when the page does not exist.
   */
  async reLaunch(url: string): Promise<LivePage> {
    const problem = this.navigate('reLaunch', { url })
    if (problem) throw new Error(`reLaunch:fail ${problem}`)
    await this.settle()
    return this.currentPage
  }

  /**
   * Evaluates every page of every package, as WeChat does when each package is first entered.
   * @returns the routes whose js did not register a page with Page() (errors are in `errors`).
   */
  loadEveryPage(): string[] {
    for (const route of this.allPages()) this.loadPackage(route, true)
    return this.allPages().filter((route) => !this.pageConfigs.has(route))
  }

  /** Page routes of the app (main package and subpackages), build-relative without a leading `/`. */
  allPages(): string[] {
    return [
      ...this.appJson.pages,
      ...this.subPackages().flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`)),
    ]
  }

  private subPackages() {
    return this.appJson.subPackages ?? this.appJson.subpackages ?? []
  }

  private isTab(route: string): boolean {
    return (this.appJson.tabBar?.list ?? []).some((t) => t.pagePath === route)
  }

  private async hostIdle(): Promise<void> {
    do {
      while (this.pending.size) await Promise.allSettled([...this.pending])
      // Let promise chains and I/O callbacks of the server finish.
      await new Promise((resolve) => setImmediate(resolve))
    } while (this.pending.size)
  }

  private setTimer(fn: () => void, delay: number, every: number | null): number {
    const id = this.nextTimerId++
    const ms = Math.max(0, Number(delay) || 0)
    this.timers.push({ id, at: this.now + ms, fn, every: every === null ? null : Math.max(1, ms) })
    return id
  }

  private clearTimer(id: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== id)
  }

  private guard(where: string, fn: () => unknown): void {
    try {
      const result = fn()
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        ;(result as Promise<unknown>).then(undefined, (err: unknown) => this.errors.push(`${where}: ${describe(err)}`))
      }
    } catch (err) {
      this.errors.push(`${where}: ${describe(err)}`)
    }
  }

  private invoke(target: Config, method: string, ...args: unknown[]): void {
    const fn = target[method]
    if (typeof fn === 'function') this.guard(method, () => (fn as (...a: unknown[]) => unknown).apply(target, args))
  }

  private realmJson<T>(value: T): T {
    const parse = vm.runInContext('JSON.parse', this.realm) as (text: string) => T
    return parse(JSON.stringify(value))
  }

  private readJson<T>(file: string): T {
    return JSON.parse(readFileSync(path.join(this.options.weappDir, file), 'utf8')) as T
  }

  private installGlobals(): void {
    const g = this.realm as Record<string, unknown>
    const record =
      (into: string[], prefix: string) =>
      (...args: unknown[]) =>
        into.push(`${prefix}${args.map((a) => (typeof a === 'string' ? a : describe(a))).join(' ')}`)
    g.console = {
      log: record(this.logs, ''),
      info: record(this.logs, ''),
      debug: record(this.logs, ''),
      warn: record(this.logs, 'warn: '),
      error: record(this.errors, 'console.error: '),
    }
    g.setTimeout = (fn: (...a: unknown[]) => void, delay?: number, ...args: unknown[]) =>
      this.setTimer(() => fn(...args), delay ?? 0, null)
    g.setInterval = (fn: (...a: unknown[]) => void, delay?: number, ...args: unknown[]) =>
      this.setTimer(() => fn(...args), delay ?? 0, delay ?? 0)
    g.clearTimeout = (id: unknown) => this.clearTimer(id)
    g.clearInterval = (id: unknown) => this.clearTimer(id)
    g.wx = this.wx.wx
    g.App = (config: Config) => {
      if (this.loading !== 'app.js') throw new Error('App() may only be called in app.js')
      if (this.app) throw new Error('App() called twice')
      this.app = config
    }
    g.getApp = () => this.app
    g.Page = (config: Config) => {
      const route = this.loading?.replace(/\.js$/, '')
      if (!route || !this.allPages().includes(route)) throw new Error(`Page() called outside a page: ${this.loading}`)
      this.pageConfigs.set(route, config)
    }
    g.Component = (config: Config) => {
      const file = this.loading?.replace(/\.js$/, '')
      if (!file) throw new Error('Component() called outside a component file')
      this.componentDefs.set(file, this.componentDef(file, config))
    }
    g.Behavior = (config: Config) => config
    g.getCurrentPages = () => this.stack.map((p) => p.instance)
    g.requirePlugin = (name: string) => {
      throw new Error(`requirePlugin("${name}"): the app declares no plugins`)
    }
    // The phone's clock is the virtual one, as is the server's.
    vm.runInContext(
      `(function (now) {
        const RealDate = Date
        function SimDate(...args) {
          if (!new.target) return new RealDate(now()).toString()
          return args.length ? new RealDate(...args) : new RealDate(now())
        }
        SimDate.prototype = RealDate.prototype
        SimDate.now = now
        SimDate.UTC = RealDate.UTC
        SimDate.parse = RealDate.parse
        globalThis.Date = SimDate
      })`,
      this.realm,
    )(() => this.now)
  }

  /** Evaluates one build file as WeChat's app service does, once; returns its exports. */
  private evaluate(file: string): unknown {
    const cached = this.modules.get(file)
    if (cached) return cached.exports
    const full = path.join(this.options.weappDir, file)
    if (!existsSync(full)) throw new Error(`module "${file}" is not defined`)
    const module = { exports: {} as unknown }
    this.modules.set(file, module)
    const wrapped = `(function (${MODULE_PARAMS.join(', ')}) {${readFileSync(full, 'utf8')}\n})`
    const fn = new vm.Script(wrapped, { filename: full }).runInContext(this.realm) as (...a: unknown[]) => void
    const outer = this.loading
    this.loading = file
    try {
      fn(this.requireFrom(file), module, module.exports)
    } finally {
      this.loading = outer
    }
    return module.exports
  }

  /** WeChat's `require` for one file: relative paths (or `/` from the root), `.js` optional, package boundaries kept. */
  private requireFrom(from: string) {
    return (id: string) => {
      if (typeof id !== 'string') throw new Error(`require args is '${String(id)}'`)
      let target = id.startsWith('/')
        ? path.posix.normalize(id.slice(1))
        : path.posix.join(path.posix.dirname(from), id)
      if (!target.endsWith('.js')) target += '.js'
      const fromPackage = this.packageOf(from)
      const toPackage = this.packageOf(target)
      if (toPackage && toPackage !== fromPackage) {
        throw new Error(`module "${target}" is in subpackage ${toPackage}, which ${from} cannot require`)
      }
      return this.evaluate(target)
    }
  }

  private packageOf(file: string): string | null {
    return this.subPackages().find((p) => file.startsWith(`${p.root.replace(/\/$/, '')}/`))?.root ?? null
  }

  /** Evaluates every page of the package that holds `route` (WeChat injects a package's pages together). */
  private loadPackage(route: string, all = false): void {
    // With lazyCodeLoading WeChat injects only the code the page needs.
    if (!all && this.appJson.lazyCodeLoading === 'requiredComponents') {
      this.guard(`load ${route}.js`, () => this.evaluate(`${route}.js`))
      return
    }
    const root = this.packageOf(route)
    const key = root ?? '(main)'
    if (this.loadedPackages.has(key)) return
    this.loadedPackages.add(key)
    const pages = root
      ? this.subPackages()
          .find((p) => p.root === root)!
          .pages.map((p) => `${root.replace(/\/$/, '')}/${p}`)
      : this.appJson.pages
    for (const page of pages) this.guard(`load ${page}.js`, () => this.evaluate(`${page}.js`))
  }

  private component(componentPath: string): ComponentDef {
    if (!this.componentDefs.has(componentPath)) this.evaluate(`${componentPath}.js`)
    const def = this.componentDefs.get(componentPath)
    if (!def) throw new Error(`${componentPath}.js did not call Component()`)
    return def
  }

  private componentDef(file: string, config: Config): ComponentDef {
    // Taro's recursive `comp` has properties and an event handler only; a component with lifetimes,
    // observers or relations would need them run, which this host does not do: say so loudly.
    for (const unsupported of [
      'lifetimes',
      'attached',
      'created',
      'ready',
      'observers',
      'relations',
      'pageLifetimes',
    ]) {
      if (config[unsupported]) throw new Error(`${file}: Component ${unsupported} are not simulated`)
    }
    const json = this.readJson<PageJson>(`${file}.json`)
    const propertyDefaults: Record<string, unknown> = {}
    for (const [name, spec] of Object.entries((config.properties ?? {}) as Record<string, unknown>)) {
      propertyDefaults[name] =
        spec && typeof spec === 'object' && 'value' in spec ? jsonValue((spec as Config).value) : null
    }
    return {
      path: file,
      propertyDefaults,
      data: jsonValue(config.data ?? {}) as Record<string, unknown>,
      usingComponents: json.usingComponents ?? {},
      virtualHost: Boolean((config.options as Config | undefined)?.virtualHost),
      methods: (config.methods ?? {}) as ComponentDef['methods'],
    }
  }

  private navigate(kind: NavigationKind, o: { url?: string; delta?: number }): string | null {
    if (kind === 'navigateBack') {
      const delta = Math.max(1, o.delta ?? 1)
      if (this.stack.length <= 1) return 'cannot navigate back at first page.'
      this.later(() => {
        for (let i = 0; i < delta && this.stack.length > 1; i++) this.closePage(this.stack.pop()!)
        this.showPage(this.currentPage)
      })
      return null
    }
    const [rawPath, rawQuery = ''] = String(o.url ?? '').split('?')
    const route = path.posix.normalize(
      rawPath.startsWith('/') ? rawPath.slice(1) : path.posix.join(path.posix.dirname(this.currentPage.route), rawPath),
    )
    if (!this.allPages().includes(route)) return `page "${route}" is not found`
    const query = Object.fromEntries(new URLSearchParams(rawQuery))
    const tab = this.isTab(route)
    if ((kind === 'navigateTo' || kind === 'redirectTo') && tab) return `can not ${kind} a tabbar page`
    if (kind === 'switchTab' && !tab) return `can not switchTab to a non-tabbar page`
    if (kind === 'navigateTo' && this.stack.length >= PAGE_STACK_LIMIT) return 'webview count limit exceed'
    this.later(() => {
      if (kind === 'navigateTo') {
        this.hidePage(this.currentPage)
      } else if (kind === 'redirectTo') {
        this.closePage(this.stack.pop()!)
      } else {
        // switchTab closes every non-tab page; reLaunch closes all pages.
        while (this.stack.length) {
          const p = this.stack.pop()!
          if (kind === 'switchTab' && this.isTab(p.route)) this.hidePage(p)
          else this.closePage(p)
        }
        if (kind === 'reLaunch') this.tabs.clear()
      }
      const kept = kind === 'switchTab' ? this.tabs.get(route) : undefined
      if (kept) {
        this.stack.push(kept)
        this.showPage(kept)
      } else {
        this.openPage(route, query)
      }
    })
    return null
  }

  private later(fn: () => void): void {
    this.setTimer(() => this.guard('navigation', fn), 0, null)
  }

  private openPage(route: string, query: Record<string, string>): void {
    this.loadPackage(route)
    const config = this.pageConfigs.get(route)
    if (!config) throw new Error(`${route}.js did not call Page()`)
    const page = this.createPage(route, query, config)
    this.stack.push(page)
    if (this.isTab(route)) this.tabs.set(route, page)
    this.invoke(page.instance, 'onLoad', this.realmJson(query))
    this.invoke(page.instance, 'onShow')
    // onReady follows the first render of the view.
    this.setTimer(() => this.invoke(page.instance, 'onReady'), 0, null)
  }

  private showPage(page: LivePage): void {
    this.invoke(page.instance, 'onShow')
  }

  private hidePage(page: LivePage): void {
    this.invoke(page.instance, 'onHide')
  }

  private closePage(page: LivePage): void {
    this.invoke(page.instance, 'onUnload')
    if (this.tabs.get(page.route) === page) this.tabs.delete(page.route)
  }

  private createPage(route: string, query: Record<string, string>, config: Config): LivePage {
    const initial = jsonValue(config.data ?? {}) as Record<string, unknown>
    // The instance carries the config's fields (methods shared, data copied), as Page() makes it.
    const instance = vm.runInContext('(c) => Object.assign({}, c)', this.realm)(config) as LivePage['instance']
    const page: LivePage = {
      route,
      query,
      instance,
      viewData: structuredClone(initial),
      setDataCount: 0,
      largestSetData: 0,
    }
    instance.data = this.realmJson(initial)
    instance.route = route
    instance.__route__ = route
    instance.options = this.realmJson(query)
    instance.__wxWebviewId__ = this.webviewId++
    instance.setData = (update: Record<string, unknown>, callback?: () => void) => {
      if (!update || typeof update !== 'object') throw new Error('setData: data should be an object')
      const text = JSON.stringify(update)
      if (text.length > SET_DATA_LIMIT) {
        throw new Error(`setData: ${(text.length / 1024).toFixed(0)} KB exceeds WeChat's 1024 KB limit`)
      }
      page.setDataCount++
      page.largestSetData = Math.max(page.largestSetData, text.length)
      const copy = JSON.parse(text) as Record<string, unknown>
      applySetData(instance.data, this.realmJson(copy))
      applySetData(page.viewData, copy)
      if (typeof callback === 'function') this.setTimer(() => callback.call(instance), 0, null)
    }
    return page
  }
}

function jsonValue(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value))
}

function describe(err: unknown): string {
  if (err instanceof Error || (err && typeof err === 'object' && 'stack' in err)) {
    const e = err as Error
    return e.stack ?? `${e.name}: ${e.message}`
  }
  if (err && typeof err === 'object') {
    try {
      return JSON.stringify(err)
    } catch {
      return String(err)
    }
  }
  return String(err)
}
